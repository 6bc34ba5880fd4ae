// Crawl the built site in Chromium over file://, breadth-first from
// index.html, following every internal link (a[href] that is not
// http(s), mailto or tel). Every link must name a file of the site that
// exists and loads, and a #fragment must name an element id on the target
// page. While crawling, no request may leave file:// (the site must work
// offline), no file:// resource a page asks for may be missing, and no page
// may throw a JavaScript error.

import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { NAV_TIMEOUT_MS, SUITE_TIMEOUT_MS, fileUrl, launchBrowser, listHtmlFiles, rel, siteDir, urlToPath } from './lib.mjs';

const SITE = siteDir();
const START = path.join(SITE, 'index.html');
const EXTERNAL = /^(https?:|mailto:|tel:)/i;
// Schemes that never leave the machine.
const LOCAL_SCHEMES = new Set(['file:', 'data:', 'blob:', 'about:']);

const isHtml = (f) => /\.html?$/i.test(f);
const insideSite = (f) => f === SITE || f.startsWith(SITE + path.sep);

function statOf(f) {
  try {
    return statSync(f);
  } catch {
    return null;
  }
}

function decodeFragment(hash) {
  const raw = hash.replace(/^#/, '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

describe(`link crawl over file:// from ${START}`, { timeout: SUITE_TIMEOUT_MS }, () => {
  let browser;
  /** file → { error?: string, ids: Set<string> } for every HTML page visited */
  const visited = new Map();
  /** { from, href, target?, fragment, problem? } for every internal link */
  const links = [];
  const offsite = [];
  const failedResources = [];
  const jsErrors = [];

  before(async () => {
    browser = await launchBrowser();
    const context = await browser.newContext();
    context.on('request', (req) => {
      let scheme;
      try {
        scheme = new URL(req.url()).protocol;
      } catch {
        scheme = '(unparsable)';
      }
      if (!LOCAL_SCHEMES.has(scheme)) {
        let from = '(unknown page)';
        try {
          from = req.frame().url();
        } catch {
          /* a worker's request has no frame */
        }
        offsite.push({ url: req.url(), from });
      }
    });
    context.on('requestfailed', (req) => {
      if (req.isNavigationRequest() || !req.url().startsWith('file:')) return;
      let from = '(unknown page)';
      try {
        from = req.frame().url();
      } catch {
        /* no frame */
      }
      failedResources.push({ url: req.url(), from, error: req.failure()?.errorText });
    });

    const queue = [START];
    const queued = new Set(queue);
    while (queue.length > 0) {
      const file = queue.shift();
      const info = { ids: new Set() };
      visited.set(file, info);
      let anchors = [];
      const page = await context.newPage();
      page.on('pageerror', (err) => jsErrors.push({ page: rel(SITE, file), message: err.message }));
      try {
        await page.goto(fileUrl(file), { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
        info.ids = new Set(await page.$$eval('[id]', (els) => els.map((e) => e.id)));
        anchors = await page.$$eval('a[href]', (as) =>
          as.map((a) => ({ href: a.getAttribute('href'), abs: a.href })),
        );
      } catch (err) {
        info.error = err.message.split('\n')[0];
      } finally {
        await page.close();
      }

      for (const { href, abs } of anchors) {
        const h = href.trim();
        if (EXTERNAL.test(h)) continue;
        const link = { from: file, href, fragment: '' };
        links.push(link);
        let url;
        try {
          url = new URL(abs);
        } catch {
          link.problem = 'not a valid URL';
          continue;
        }
        if (url.protocol !== 'file:') {
          if (/^javascript:/i.test(h)) link.problem = 'javascript: link (not a real link)';
          else link.skipped = true; // some other scheme (data:, …): not ours to check
          continue;
        }
        if (url.host !== '') {
          link.problem = `points at file://${url.host}/… (a protocol-relative or host link does not work over file://)`;
          continue;
        }
        link.fragment = decodeFragment(url.hash);
        url.hash = '';
        url.search = '';
        const target = path.resolve(urlToPath(url.href));
        link.target = target;
        if (!insideSite(target)) {
          link.problem = `points outside the site (${target})`;
          continue;
        }
        const st = statOf(target);
        if (st && st.isFile() && isHtml(target) && !queued.has(target)) {
          queued.add(target);
          queue.push(target);
        }
      }
    }

    // Now every reachable page has been visited: judge the links.
    for (const link of links) {
      if (link.problem || link.skipped) continue;
      const st = statOf(link.target);
      const shown = rel(SITE, link.target) || '.';
      if (!st) {
        link.problem = `no such file: ${shown}`;
      } else if (st.isDirectory()) {
        link.problem = `names the folder ${shown}/, not a file (over file:// a browser shows a folder listing, not index.html)`;
      } else if (isHtml(link.target)) {
        const target = visited.get(link.target);
        if (target.error) {
          link.problem = `${shown} did not load: ${target.error}`;
        } else if (link.fragment && link.fragment.toLowerCase() !== 'top' && !target.ids.has(link.fragment)) {
          link.problem = `${shown} has no element with id="${link.fragment}"`;
        }
      }
    }
  });

  after(async () => {
    await browser?.close();
  });

  test('index.html loads', (t) => {
    const info = visited.get(START);
    assert.ok(info, 'index.html was not visited');
    assert.equal(info.error, undefined, `index.html did not load: ${info.error}`);
    const all = listHtmlFiles(SITE);
    const unreached = all.filter((f) => !visited.has(f));
    t.diagnostic(`crawled ${visited.size} page(s), checked ${links.length} internal link(s)`);
    if (unreached.length > 0) {
      t.diagnostic(`not reachable from index.html: ${unreached.map((f) => rel(SITE, f)).join(', ')}`);
    }
  });

  test('every internal link names an existing file that loads, and every #fragment an id on it', () => {
    const broken = links.filter((l) => l.problem);
    const lines = broken
      .map((l) => `  - on ${rel(SITE, l.from)}: href="${l.href}" → ${l.problem}`)
      .sort();
    assert.equal(broken.length, 0, `${broken.length} broken internal link(s):\n${lines.join('\n')}`);
  });

  test('no request left file:// during the crawl', () => {
    const lines = offsite.map((r) => `  - ${r.url} (from ${r.from})`);
    assert.equal(offsite.length, 0, `${offsite.length} request(s) left file://:\n${lines.join('\n')}`);
  });

  test('every file:// resource the pages asked for loaded', () => {
    const lines = failedResources.map((r) => `  - ${r.url} (from ${r.from}): ${r.error}`);
    assert.equal(failedResources.length, 0, `${failedResources.length} resource(s) failed:\n${lines.join('\n')}`);
  });

  test('no page threw a JavaScript error', () => {
    const lines = jsErrors.map((e) => `  - ${e.page}: ${e.message}`);
    assert.equal(jsErrors.length, 0, `${jsErrors.length} JavaScript error(s):\n${lines.join('\n')}`);
  });
});
