// Charts on phones and desktops (issue 14, item 2): at 320, 390 and 1280 CSS px, on every
// page of the built site (and, with INSIKT_BIN set, of every valid fixture project), every
// chart shown is fully inside the viewport and its frame (nothing cut off, no sideways
// scroll), exactly one drawing of each chart is shown, and at 390 px and wider every chart
// text is at least 11 CSS px (the font size times the SVG's scale on screen).

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
const MIN_TEXT_PX = 11;

/** Valid insikt projects (a book.toml and a content/ folder) under fixtures/valid/. */
function validFixtures() {
  return readdirSync(path.join(FIXTURES, 'valid'))
    .map((n) => path.join('valid', n))
    .filter((n) => ['book.toml', 'content'].every((f) => existsSync(path.join(FIXTURES, n, f))));
}

/** Pages of `site` that hold a chart. */
function chartPages(site) {
  return listHtmlFiles(site).filter((f) => readFileSync(f, 'utf8').includes('class="chart-svg'));
}

/** What is wrong with the charts of `site` at `width`, and how many charts were seen. */
async function problems(browser, site, width) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const found = [];
  let seen = 0;
  for (const file of chartPages(site)) {
    await page.goto(fileUrl(file), { timeout: NAV_TIMEOUT_MS });
    const r = await page.evaluate((minText) => {
      const out = [];
      const shown = (e) => e.getClientRects().length > 0;
      const frames = [...document.querySelectorAll('.chart-frame')];
      for (const frame of frames) {
        const svgs = [...frame.querySelectorAll('svg.chart-svg')].filter(shown);
        const id = frame.closest('[id]')?.id ?? '?';
        if (svgs.length !== 1) out.push(`${id}: ${svgs.length} drawings shown`);
        const f = frame.getBoundingClientRect();
        for (const svg of svgs) {
          const b = svg.getBoundingClientRect();
          if (b.left < -0.5 || b.right > innerWidth + 0.5) out.push(`${id}: ${Math.round(b.left)}–${Math.round(b.right)} px of ${innerWidth}`);
          if (b.right > f.right + 0.5) out.push(`${id}: wider than its frame (${Math.round(b.width)} > ${Math.round(f.width)})`);
          if (frame.scrollWidth > frame.clientWidth + 1) out.push(`${id}: its frame scrolls sideways`);
          if (innerWidth >= 390) {
            let smallest = Infinity;
            let which = '';
            for (const t of svg.querySelectorAll('text')) {
              const m = t.getScreenCTM();
              const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
              if (px < smallest) [smallest, which] = [px, t.textContent];
            }
            if (smallest < minText - 0.05) out.push(`${id}: text ${JSON.stringify(which)} at ${smallest.toFixed(1)} px`);
          }
        }
      }
      return { out, charts: frames.length, scroll: document.documentElement.scrollWidth };
    }, MIN_TEXT_PX);
    seen += r.charts;
    if (r.scroll > width) found.push(`${rel(site, file)}: the page is ${r.scroll} px wide`);
    for (const p of r.out) found.push(`${rel(site, file)} ${p}`);
  }
  await context.close();
  return { found, seen };
}

describe('charts fit and read at 320, 390 and 1280 px', { timeout: SUITE_TIMEOUT_MS }, () => {
  let browser;
  let tmp;
  before(async () => {
    browser = await launchBrowser();
    tmp = mkdtempSync(path.join(os.tmpdir(), 'insikt-charts-'));
  });
  after(async () => {
    await browser?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  for (const width of WIDTHS) {
    test(`the example report at ${width} px`, async () => {
      const { found, seen } = await problems(browser, SITE, width);
      assert.ok(seen > 0, 'no chart in the example report');
      assert.deepEqual(found, []);
    });
  }

  test('every valid fixture with charts at 320, 390 and 1280 px', { skip: process.env.INSIKT_BIN ? false : 'INSIKT_BIN not set' }, async () => {
    const found = [];
    for (const fixture of validFixtures()) {
      const out = path.join(tmp, fixture.replace(/[\\/]/g, '-'));
      execFileSync(process.env.INSIKT_BIN, ['build', path.join(FIXTURES, fixture), '--output', out], { stdio: 'pipe' });
      if (chartPages(out).length === 0) continue;
      for (const width of WIDTHS) {
        for (const p of (await problems(browser, out, width)).found) found.push(`${fixture} at ${width} px: ${p}`);
      }
    }
    assert.deepEqual(found, []);
  });
});
