// Shared helpers for the browser tests: where the site is, which HTML files it
// has, and how Chromium is started.
//
// The tests read the built site from the environment variable INSIKT_SITE
// (an absolute path to a folder written by `insikt build`), e.g.
//
//   INSIKT_SITE=/tmp/site node --test tests/browser/
//
// scripts/test.sh builds the example report and sets it for you.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

/** Chromium from Debian's package (scripts/setup-test-env.sh installs it). */
export const CHROMIUM_PATH = process.env.INSIKT_CHROMIUM || '/usr/bin/chromium';

/**
 * Flags for this machine: no sandbox (we run as root), and no background
 * networking (the network is closed; without these Chromium's own
 * connections fail, many at a time).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Per-navigation timeout in milliseconds. */
export const NAV_TIMEOUT_MS = 30_000;

/** Timeout for a whole test file's work (a site of ~50 pages needs far less). */
export const SUITE_TIMEOUT_MS = 20 * 60_000;

/**
 * The absolute path of the built site, from INSIKT_SITE. Throws with a clear
 * message when it is missing, not absolute, or has no index.html.
 */
export function siteDir() {
  const dir = process.env.INSIKT_SITE;
  if (!dir) {
    throw new Error(
      'INSIKT_SITE is not set: point it at a built site, e.g. ' +
        'INSIKT_SITE=/tmp/site node --test tests/browser/ (scripts/test.sh does this for you)',
    );
  }
  if (!path.isAbsolute(dir)) {
    throw new Error(`INSIKT_SITE must be an absolute path, got ${JSON.stringify(dir)}`);
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`INSIKT_SITE=${dir} is not a folder`);
  }
  if (!existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`INSIKT_SITE=${dir} has no index.html: is it a built site?`);
  }
  return path.resolve(dir);
}

/** Every file under `dir` (recursively) whose name ends in one of `exts`, sorted. */
export function listFiles(dir, exts) {
  const out = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && exts.some((e) => entry.name.toLowerCase().endsWith(e))) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Every `*.html` file under `dir`, recursively, as absolute paths, sorted. */
export function listHtmlFiles(dir) {
  return listFiles(dir, ['.html']);
}

/** A path relative to the site, with forward slashes, for messages. */
export function rel(site, file) {
  return path.relative(site, file).split(path.sep).join('/');
}

export function fileUrl(file) {
  return pathToFileURL(file).href;
}

export function urlToPath(url) {
  return fileURLToPath(url);
}

/** True when some stylesheet of the site has a dark colour scheme. */
export function siteHasDarkScheme(site) {
  return listFiles(site, ['.css']).some((f) =>
    /prefers-color-scheme\s*:\s*dark/i.test(readFileSync(f, 'utf8')),
  );
}

/** Launch Debian's Chromium, headless, with the flags this machine needs. */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} not found: run scripts/setup-test-env.sh (installs Debian's chromium)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** Path of axe-core's browser bundle. */
export function axePath() {
  return require.resolve('axe-core/axe.min.js');
}

/** WCAG 2.0/2.1 A and AA tags, as axe-core names them. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe-core on the page as it is now; its violations as `id: html | html` lines. */
export async function axeViolations(page) {
  await page.addScriptTag({ path: axePath() });
  return page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
  }, WCAG_TAGS);
}

/** Path of the Nu Html Checker's jar shipped by the npm package vnu-jar. */
export function vnuJarPath() {
  return require.resolve('vnu-jar/build/dist/vnu.jar');
}

/** Shorten a string for a message. */
export function clip(s, n = 160) {
  s = String(s ?? '').replace(/\s+/g, ' ').trim();
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
