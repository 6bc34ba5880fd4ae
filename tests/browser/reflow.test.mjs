// Reflow (WCAG 1.4.10) and one h1: at 320, 390 and 1280 CSS px no page of the built site
// scrolls sideways (document.documentElement.scrollWidth <= innerWidth) and every page has
// exactly one <h1>. With INSIKT_BIN set (scripts/test.sh sets it), every valid fixture
// project is built and checked too. A worksheet shows question 1 and its print button within
// the first screen at 390 × 844 and 1280 × 800.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { NAV_TIMEOUT_MS, SUITE_TIMEOUT_MS, fileUrl, launchBrowser, listHtmlFiles, rel, siteDir } from './lib.mjs';

const SITE = siteDir();
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const WIDTHS = [320, 390, 1280];

/** Valid insikt projects: the folders under fixtures/valid/ with a book.toml and a content/
 * folder (import-mdbook there is an mdBook book, the input of `insikt import`). */
function validFixtures() {
  return readdirSync(path.join(FIXTURES, 'valid'))
    .map((n) => path.join('valid', n))
    .filter((n) => ['book.toml', 'content'].every((f) => existsSync(path.join(FIXTURES, n, f))));
}

/** Pages of `site` that scroll sideways or do not have one h1, at `width`. */
async function problems(browser, site, width) {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  const found = [];
  for (const file of listHtmlFiles(site)) {
    await page.goto(fileUrl(file), { timeout: NAV_TIMEOUT_MS });
    const r = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
      h1: document.querySelectorAll('h1').length,
    }));
    if (r.scroll > r.inner) found.push(`${rel(site, file)}: ${r.scroll} px wide at ${r.inner} px`);
    if (r.h1 !== 1) found.push(`${rel(site, file)}: ${r.h1} <h1>`);
  }
  await context.close();
  return found;
}

describe('reflow and one h1', { timeout: SUITE_TIMEOUT_MS }, () => {
  let browser;
  let tmp;
  before(async () => {
    browser = await launchBrowser();
    tmp = mkdtempSync(path.join(os.tmpdir(), 'insikt-reflow-'));
  });
  after(async () => {
    await browser?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  for (const width of WIDTHS) {
    test(`the example report at ${width} px`, async () => {
      assert.deepEqual(await problems(browser, SITE, width), []);
    });
  }

  test('every valid fixture at 320, 390 and 1280 px', { skip: process.env.INSIKT_BIN ? false : 'INSIKT_BIN not set' }, async () => {
    const found = [];
    for (const fixture of validFixtures()) {
      const out = path.join(tmp, fixture.replace(/[\\/]/g, '-'));
      execFileSync(process.env.INSIKT_BIN, ['build', path.join(FIXTURES, fixture), '--output', out], { stdio: 'pipe' });
      for (const width of WIDTHS) {
        for (const p of await problems(browser, out, width)) found.push(`${fixture}: ${p}`);
      }
    }
    assert.deepEqual(found, []);
  });

  for (const [width, height] of [[390, 844], [1280, 800]]) {
    test(`a worksheet's print button and question 1 are on the first screen at ${width} px`, async () => {
      const worksheets = listHtmlFiles(SITE).filter((f) => /id="ws-form"/.test(readFileSync(f, 'utf8')));
      assert.ok(worksheets.length > 0, 'no worksheet in the site');
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      for (const file of worksheets) {
        await page.goto(fileUrl(file), { timeout: NAV_TIMEOUT_MS });
        for (const selector of ['[data-action=print]', '.ws-q .ws-q-text, .ws-q .ws-info-text']) {
          const box = await page.locator(selector).first().boundingBox();
          assert.ok(box, `${rel(SITE, file)}: ${selector} is not shown`);
          assert.ok(box.y + Math.min(box.height, 24) <= height, `${rel(SITE, file)}: ${selector} starts at ${Math.round(box.y)} px, below the first screen`);
        }
      }
      await context.close();
    });
  }
});
