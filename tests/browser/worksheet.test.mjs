// Worksheets in real headless Chromium, over file://.
//
// 1. Answers stay with the reader: fill in a worksheet, reload and find the answers;
//    export them as Markdown and JSON (contents checked); clear them (after a confirm);
//    import the JSON and find them again; the text typed is what paper would show.
//    Every request made meanwhile is recorded: none may leave the machine.
// 2. Paper: every worksheet of the site printed to PDF (A4) and read back with poppler
//    (pdfinfo, pdftotext): page size A4, the expected number of pages, å ä ö intact,
//    page numbers, and no question split across two pages.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { NAV_TIMEOUT_MS, SUITE_TIMEOUT_MS, fileUrl, launchBrowser, listHtmlFiles, rel, siteDir } from './lib.mjs';

const SITE = siteDir();
const LOCAL_SCHEMES = new Set(['file:', 'data:', 'blob:', 'about:']);
const WORKSHEETS = listHtmlFiles(SITE).filter((f) => readFileSync(f, 'utf8').includes('id="ws-form"'));
// Pages on A4 of the example report's worksheets, by set id: [fewest, most]. Other sets
// only need to print at all.
const EXPECTED_PAGES = {
  'reflektion-fortroendevalda': [4, 7],
  'reflektion-chefer': [2, 4],
  // 24 open questions with at least six ruled lines each, for a three-hour session
  'dataetiskt-samtal': [11, 15],
  'checklista-dataarbete': [1, 3],
};

const squash = (s) => String(s).replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();

/** The worksheet to fill in: the one for elected officials if the site has it. */
function pickWorksheet() {
  return WORKSHEETS.find((f) => f.includes(`${path.sep}fortroendevalda${path.sep}`)) ?? WORKSHEETS[0];
}

/** What to type and tick: a text per text field, the first option of every group. */
async function fillIn(page) {
  return page.evaluate(() => {
    const form = document.getElementById('ws-form');
    const answers = {};
    for (const f of form.querySelectorAll('textarea, input[type=text]')) {
      const second = f.tagName === 'TEXTAREA' ? '\nandra raden' : '';
      answers[f.name] = `Svar på ${f.name}: åäö ÅÄÖ «quote»${second}`;
    }
    const firsts = new Map();
    for (const f of form.querySelectorAll('input[type=radio], input[type=checkbox]')) {
      if (!firsts.has(f.name)) firsts.set(f.name, f);
    }
    for (const [name, f] of firsts) answers[name] = f.type === 'checkbox' ? [f.value] : f.value;
    return answers;
  });
}

async function typeAnswers(page, answers) {
  for (const [name, value] of Object.entries(answers)) {
    const sel = `[name="${name}"]`;
    if (Array.isArray(value)) {
      for (const v of value) await page.check(`${sel}[value="${v}"]`);
    } else if ((await page.getAttribute(sel + ':first-of-type', 'type')) === 'radio') {
      await page.check(`${sel}[value="${value}"]`);
    } else {
      await page.fill(sel, value);
    }
  }
}

async function currentAnswers(page) {
  return page.evaluate(() => {
    const out = {};
    for (const f of document.getElementById('ws-form').elements) {
      if (!f.name || f.type === 'file') continue;
      if (f.type === 'checkbox') {
        if (f.checked) (out[f.name] ??= []).push(f.value);
      } else if (f.type === 'radio') {
        if (f.checked) out[f.name] = f.value;
      } else if (f.value !== '') out[f.name] = f.value;
    }
    return out;
  });
}

describe('worksheets', { timeout: SUITE_TIMEOUT_MS }, () => {
  let browser;
  let context;
  let tmp;
  const requests = [];

  before(async () => {
    assert.ok(WORKSHEETS.length > 0, `no worksheet pages (form#ws-form) in ${SITE}`);
    tmp = mkdtempSync(path.join(os.tmpdir(), 'insikt-worksheet-'));
    browser = await launchBrowser();
    context = await browser.newContext({ acceptDownloads: true });
    context.on('request', (req) => requests.push(req.url()));
  });

  after(async () => {
    await browser?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('answers are saved, exported, cleared and imported in the browser only', async () => {
    const file = pickWorksheet();
    const page = await context.newPage();
    page.setDefaultTimeout(NAV_TIMEOUT_MS);
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(fileUrl(file));
    assert.equal(await page.isVisible('#ws-tools'), true, 'the tools appear when JavaScript runs');

    // the session box (date, participants, …) is folded until opened
    if (await page.$('.ws-session-box')) await page.click('.ws-session-box > summary');
    const answers = await fillIn(page);
    assert.ok(Object.keys(answers).length >= 3, `${rel(SITE, file)}: too few fields to test`);
    await typeAnswers(page, answers);
    assert.match(await page.textContent('#ws-status'), /\S/, 'saving is announced');

    // reload: the answers are back
    await page.reload();
    assert.deepEqual(await currentAnswers(page), answers, 'answers restored after a reload');

    // what paper shows: the text typed, in the box printed in the text area's place
    await page.emulateMedia({ media: 'print' });
    const printed = await page.$$eval('textarea', (areas) =>
      areas.map((a) => [a.value, a.nextElementSibling?.textContent, getComputedStyle(a.nextElementSibling).display]),
    );
    for (const [value, box, display] of printed) {
      assert.equal(box, value, 'the printed box holds the answer');
      assert.notEqual(display, 'none', 'the printed box is shown on paper');
    }
    await page.emulateMedia({ media: 'screen' });

    // save, export, import and clear sit behind one disclosure
    assert.equal(await page.isVisible('[data-action=export-md]'), false, 'the tools start folded');
    await page.click('details.ws-tools > summary');

    // export as Markdown
    const title = squash(await page.textContent('h1'));
    const [md] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export-md]')]);
    assert.match(md.suggestedFilename(), /\.md$/);
    const markdown = readFileSync(await md.path(), 'utf8');
    assert.ok(markdown.startsWith(`# ${title}\n`), markdown.slice(0, 200));
    for (const [name, value] of Object.entries(answers)) {
      if (typeof value !== 'string') continue;
      if (name.startsWith('session.')) {
        assert.ok(markdown.includes(value.replace('\n', '; ')), `session field ${name} in the Markdown`);
      } else {
        assert.ok(markdown.includes(value.split('\n').map((l) => `> ${l}`).join('\n')), `${name} quoted in the Markdown`);
      }
    }
    const questionTexts = (await page.$$eval('.ws-q-text, .ws-sub-text', (els) => els.map((e) => e.textContent))).map(squash);
    for (const q of questionTexts) assert.ok(squash(markdown).includes(q), `question "${q}" in the Markdown`);
    if (await page.$('input[type=radio], input[type=checkbox]')) assert.match(markdown, /^- \[x\] /m);

    // export as JSON
    const [js] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export-json]')]);
    assert.match(js.suggestedFilename(), /\.json$/);
    const jsonPath = path.join(tmp, js.suggestedFilename());
    await js.saveAs(jsonPath);
    const data = JSON.parse(readFileSync(jsonPath, 'utf8'));
    const form = await page.$eval('#ws-form', (f) => ({ set: f.dataset.set, version: Number(f.dataset.version) }));
    assert.equal(data.format, 'insikt-worksheet-answers');
    assert.equal(data.set, form.set);
    assert.equal(data.version, form.version);
    assert.deepEqual(data.answers, answers);

    // clear: dismissing the question keeps everything, accepting removes it all
    page.once('dialog', (d) => d.dismiss());
    await page.click('[data-action=clear]');
    assert.deepEqual(await currentAnswers(page), answers, 'cancelled clear keeps the answers');
    page.once('dialog', (d) => d.accept());
    await page.click('[data-action=clear]');
    assert.deepEqual(await currentAnswers(page), {}, 'cleared');
    await page.reload();
    assert.deepEqual(await currentAnswers(page), {}, 'still cleared after a reload');

    // a file that is not an export of this worksheet is refused
    const wrong = path.join(tmp, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ ...data, set: 'another-set' }));
    await page.setInputFiles('#ws-import-file', wrong);
    await page.waitForFunction(() => document.getElementById('ws-status').textContent === document.getElementById('ws-form').dataset.tImportFailed);
    assert.deepEqual(await currentAnswers(page), {}, 'a foreign file imports nothing');

    // import the JSON: the answers are back, and saved again
    await page.setInputFiles('#ws-import-file', jsonPath);
    await page.waitForFunction(() => document.getElementById('ws-status').textContent === document.getElementById('ws-form').dataset.tImported);
    assert.deepEqual(await currentAnswers(page), answers, 'answers imported');
    await page.reload();
    assert.deepEqual(await currentAnswers(page), answers, 'imported answers saved');

    assert.deepEqual(errors, [], 'no JavaScript errors');
    const offsite = requests.filter((u) => !LOCAL_SCHEMES.has(new URL(u).protocol));
    assert.deepEqual(offsite, [], 'every request stays on the machine');
    assert.ok(requests.length > 0, 'requests were recorded');
    await page.close();
  });

  test('every worksheet prints on A4 without splitting a question', async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(NAV_TIMEOUT_MS);
    for (const file of WORKSHEETS) {
      const name = rel(SITE, file);
      await page.goto(fileUrl(file));
      const setId = await page.$eval('#ws-form', (f) => f.dataset.set);
      const title = squash(await page.textContent('h1'));
      // questions as paper shows them: a headline with its first sub-question, or one question
      const units = await page.$$eval('.ws-q', (qs) =>
        qs.flatMap((q) => {
          const text = (el) => (el ? el.textContent : '');
          if (q.classList.contains('ws-q-info')) return [];
          if (q.classList.contains('ws-q-group')) {
            const subs = [...q.querySelectorAll('.ws-sub-text')].map(text);
            return [[text(q.querySelector('.ws-q-text')), subs[0]], ...subs.slice(1).map((s) => [s])];
          }
          const options = [...q.querySelectorAll('.ws-option label')].map(text);
          return [[text(q.querySelector('.ws-q-text')), ...options]];
        }),
      );
      // The page margin has the title: the site header is not printed above it.
      await page.emulateMedia({ media: 'print' });
      const header = await page.$eval('.site-header', (h) => getComputedStyle(h).display);
      assert.equal(header, 'none', `${name}: the site header is printed`);
      await page.emulateMedia({ media: null });
      const pdfPath = path.join(tmp, `${setId}.pdf`);
      await page.pdf({ path: pdfPath, format: 'A4' });

      const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
      assert.match(info, /Page size:\s+595(\.\d+)? x 842(\.\d+)? pts \(A4\)|Page size:\s+594\.96 x 841\.92 pts \(A4\)/, `${name}: A4`);
      const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
      const [min, max] = EXPECTED_PAGES[setId] ?? [1, 40];
      assert.ok(pages >= min && pages <= max, `${name}: ${pages} pages, expected ${min}–${max}`);

      const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' });
      const sheets = text.split('\f').slice(0, pages).map(squash);
      assert.ok(sheets[0].includes(title), `${name}: the title "${title}" with å ä ö intact on page 1`);
      assert.match(text, /[åäöÅÄÖæøÆØ]/, `${name}: Nordic letters extract as such`);
      sheets.forEach((s, i) =>
        assert.match(s, new RegExp(`(^|\\D)${i + 1} ?/ ?${pages}$`), `${name}: page number ${i + 1} / ${pages} at the foot of page ${i + 1}`),
      );
      for (const unit of units) {
        const parts = unit.map(squash).filter(Boolean);
        const home = sheets.findIndex((s) => parts.every((p) => s.includes(p)));
        assert.ok(home >= 0, `${name}: "${parts.join(' / ')}" is split across pages (or missing)`);
      }
    }
    await page.close();
  });
});
