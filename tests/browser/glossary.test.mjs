// Glossary terms in the built example report: the first use of a term on a page links to
// the glossary, its definition shows on keyboard focus and on hover, and the page with a
// tooltip open passes axe-core (WCAG 2.1 A and AA).

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { NAV_TIMEOUT_MS, SUITE_TIMEOUT_MS, axeViolations, fileUrl, launchBrowser, siteDir } from './lib.mjs';

const SITE = siteDir();

describe('glossary terms', { timeout: SUITE_TIMEOUT_MS }, () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const scheme of ['light', 'dark']) {
    test(`definition on focus and hover, axe-core clean (${scheme})`, async () => {
      const context = await browser.newContext({ colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(fileUrl(path.join(SITE, 'sammanfattning', 'index.html')), { timeout: NAV_TIMEOUT_MS });
      const term = page.locator('a.term').first();
      assert.match(await term.getAttribute('href'), /^\.\.\/ordlista\/index\.html#/);
      const tip = page.locator(`#${await term.getAttribute('aria-describedby')}`);
      assert.equal(await tip.evaluate((e) => getComputedStyle(e).visibility), 'hidden');
      await term.focus();
      assert.equal(await tip.evaluate((e) => getComputedStyle(e).visibility), 'visible');
      assert.ok((await tip.textContent()).length > 20);
      assert.deepEqual(await axeViolations(page), []);
      await page.locator('h1').hover();
      await page.locator('body').click({ position: { x: 1, y: 1 } });
      assert.equal(await tip.evaluate((e) => getComputedStyle(e).visibility), 'hidden');
      await term.hover();
      assert.equal(await tip.evaluate((e) => getComputedStyle(e).visibility), 'visible');
      await context.close();
    });
  }
});
