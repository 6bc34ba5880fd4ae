// Search in the built example report, in Chromium, both over file:// and over a local
// HTTP server that serves the site under a sub-path (/rapport/). Typing "sjukvård" must
// find the page that contains only the inflected form "sjukvården"; the results carry a
// title, a snippet with the hit in <mark>, a result count in the aria-live status, and are
// reachable with the arrow keys. No request may leave the site.
//
// With INSIKT_BIN set to the insikt binary (scripts/test.sh sets it), the Danish and
// Norwegian fixtures (tests/fixtures/valid/search-da, search-nb) are built too, and "kommune" must
// find the page that only has "kommunerne" / "kommunene".

import assert from 'node:assert/strict';
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { promisify } from 'node:util';

import { NAV_TIMEOUT_MS, SUITE_TIMEOUT_MS, axeViolations, fileUrl, launchBrowser, siteDir, vnuJarPath } from './lib.mjs';

const SITE = siteDir();
const PREFIX = '/rapport/';
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml' };

function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (!url.pathname.startsWith(PREFIX)) {
      res.writeHead(404).end();
      return;
    }
    const file = path.join(SITE, decodeURIComponent(url.pathname.slice(PREFIX.length)));
    if (!file.startsWith(SITE) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function searchFor(page, query) {
  const input = page.locator('#insikt-search-input');
  await input.click();
  await input.fill('');
  await input.pressSequentially(query, { delay: 20 });
  await page.locator('.search-result-snippet mark').first().waitFor({ timeout: 10_000 });
  // The search runs as the reader types, and the status is announced once a query's
  // snippets have loaded: until it names the whole query, the list or the status may still
  // be those of a shorter one (seen on a loaded machine: two results listed, "1 träff").
  await page.waitForFunction(
    (q) => document.querySelector('#insikt-search-status').textContent.includes(q),
    query,
    { timeout: 10_000 },
  );
}

describe('search', { timeout: SUITE_TIMEOUT_MS }, () => {
  let browser;
  let server;
  before(async () => {
    browser = await launchBrowser();
    server = await serve();
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  const origins = {
    'file://': () => ({ start: fileUrl(path.join(SITE, 'bakgrund', 'index.html')), inside: (u) => u.startsWith(fileUrl(SITE)) }),
    'http under /rapport/': () => {
      const base = `http://127.0.0.1:${server.address().port}${PREFIX}`;
      return { start: `${base}bakgrund/index.html`, inside: (u) => u.startsWith(base) };
    },
  };

  for (const [name, where] of Object.entries(origins)) {
    test(`"sjukvård" finds "sjukvården", keyboard and screen reader (${name})`, async () => {
      const { start, inside } = where();
      const context = await browser.newContext();
      const outside = [];
      const errors = [];
      context.on('request', (r) => {
        if (!inside(r.url()) && !r.url().startsWith('data:')) outside.push(r.url());
      });
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(String(e)));
      const loaded = [];
      page.on('request', (r) => loaded.push(r.url()));
      await page.goto(start, { timeout: NAV_TIMEOUT_MS });
      assert.ok(!loaded.some((u) => u.includes('search-index.js')), 'index loaded before first use');
      await searchFor(page, 'sjukvård');

      const titles = await page.locator('.search-result-title').allTextContents();
      assert.ok(titles.some((t) => t.includes('vårdcentral')), `no result for the page with "sjukvården": ${titles}`);
      const marks = await page.locator('.search-result-snippet mark').allTextContents();
      assert.ok(marks.map((m) => m.toLowerCase()).includes('sjukvården'), `marked: ${marks}`);
      const status = page.locator('#insikt-search-status');
      assert.equal(await status.getAttribute('aria-live'), 'polite');
      assert.match(await status.textContent(), new RegExp(`^${titles.length} `));

      // Keyboard: down into the results, down again, up, and Enter opens the page.
      await page.keyboard.press('ArrowDown');
      const first = await page.evaluate(() => document.activeElement.className);
      assert.equal(first, 'search-result-link');
      if (titles.length > 1) {
        await page.keyboard.press('ArrowDown');
        const second = await page.evaluate(() => document.activeElement.textContent);
        assert.ok(second.includes(titles[1]));
        await page.keyboard.press('ArrowUp');
      }
      const target = await page.evaluate(() => document.activeElement.href);
      await Promise.all([page.waitForURL(target), page.keyboard.press('Enter')]);

      assert.deepEqual(outside, [], 'requests left the site');
      assert.deepEqual(errors, [], 'JavaScript errors');
      await context.close();
    });
  }

  for (const scheme of ['light', 'dark']) {
    test(`the open search with results passes axe-core and the Nu checker (${scheme})`, async () => {
      const context = await browser.newContext({ colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(fileUrl(path.join(SITE, 'insatser', 'index.html')), { timeout: NAV_TIMEOUT_MS });
      await searchFor(page, 'sjukvård');
      await page.keyboard.press('ArrowDown');
      assert.deepEqual(await axeViolations(page), []);
      const html = await page.evaluate(() => {
        document.querySelectorAll('script:not([src])').forEach((s) => s.remove()); // axe-core, added inline by the test
        return '<!DOCTYPE html>\n' + document.documentElement.outerHTML;
      });
      const dir = mkdtempSync(path.join(os.tmpdir(), 'insikt-search-'));
      const file = path.join(dir, 'search-open.html');
      writeFileSync(file, html);
      let out;
      try {
        out = await promisify(execFile)(process.env.JAVA || 'java', ['-jar', vnuJarPath(), '--errors-only', '--format', 'json', file]);
      } catch (e) {
        out = e;
      }
      const text = [out.stderr, out.stdout].find((s) => typeof s === 'string' && s.includes('"messages"'));
      const messages = JSON.parse(text.slice(text.indexOf('{'))).messages.filter((m) => m.type === 'error');
      assert.deepEqual(messages.map((m) => `${m.message} ${m.extract ?? ''}`), []);
      await context.close();
    });
  }

  const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'valid');
  for (const [fixture, query, title, mark] of [
    ['search-da', 'kommune', 'Samarbejde', 'kommunerne'],
    ['search-nb', 'kommune', 'Samarbeid', 'kommunene'],
  ]) {
    test(`${fixture}: "${query}" finds "${mark}" (file://)`, { skip: process.env.INSIKT_BIN ? false : 'INSIKT_BIN not set' }, async () => {
      const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'insikt-search-')), 'site');
      execFileSync(process.env.INSIKT_BIN, ['build', path.join(FIXTURES, fixture), '--output', out]);
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(fileUrl(path.join(out, 'index.html')), { timeout: NAV_TIMEOUT_MS });
      await searchFor(page, query);
      assert.deepEqual(await page.locator('.search-result-title').allTextContents(), [title]);
      const marks = await page.locator('.search-result-snippet mark').allTextContents();
      assert.deepEqual(marks.map((m) => m.toLowerCase()), [mark]);
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.evaluate(() => document.activeElement.className), 'search-result-link');
      await context.close();
    });
  }

  test('time to first result (file://)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(fileUrl(path.join(SITE, 'index.html')), { timeout: NAV_TIMEOUT_MS });
    const t0 = Date.now();
    await page.locator('#insikt-search-input').fill('data');
    await page.locator('.search-result').first().waitFor({ timeout: 30_000 });
    const ms = Date.now() - t0;
    console.log(`time to first result: ${ms} ms`);
    await context.close();
  });
});
