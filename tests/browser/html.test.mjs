// The Nu Html Checker (vnu.jar from the npm package vnu-jar, run with the
// machine's Java) reports no error for any HTML file of the built site.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { promisify } from 'node:util';

import { SUITE_TIMEOUT_MS, clip, listHtmlFiles, rel, siteDir, urlToPath, vnuJarPath } from './lib.mjs';

const SITE = siteDir();
const FILES = listHtmlFiles(SITE);
const JAVA = process.env.JAVA || 'java';

/** Run vnu once over the whole site; returns its messages. */
async function runVnu() {
  const args = ['-jar', vnuJarPath(), '--errors-only', '--format', 'json', '--skip-non-html', SITE];
  let stdout = '';
  let stderr = '';
  try {
    ({ stdout, stderr } = await promisify(execFile)(JAVA, args, { maxBuffer: 256 * 1024 * 1024 }));
  } catch (err) {
    // vnu exits 1 when it found errors; its report is still on stderr.
    if (typeof err.stderr !== 'string' || !err.stderr.includes('"messages"')) {
      throw new Error(`could not run ${JAVA} ${args.join(' ')}: ${err.message}\n${err.stderr ?? ''}`);
    }
    ({ stdout, stderr } = err);
  }
  const text = [stderr, stdout].find((s) => s.includes('"messages"'));
  if (!text) throw new Error(`vnu printed no JSON report:\n${stdout}\n${stderr}`);
  return JSON.parse(text.slice(text.indexOf('{'))).messages;
}

function toPath(url) {
  try {
    return path.resolve(urlToPath(new URL(url).href));
  } catch {
    return null;
  }
}

function formatMessages(name, msgs) {
  const lines = [`${name}: ${msgs.length} HTML error(s)`];
  for (const m of msgs) {
    const where = m.lastLine ? `${name}:${m.lastLine}${m.firstColumn ? `:${m.firstColumn}` : ''}` : name;
    lines.push(`  - ${where}: ${m.message}`);
    if (m.extract) lines.push(`      ${clip(m.extract, 200)}`);
  }
  return lines.join('\n');
}

describe(`Nu Html Checker on every HTML file of ${SITE}`, { timeout: SUITE_TIMEOUT_MS }, () => {
  const byFile = new Map(FILES.map((f) => [f, []]));
  const other = [];

  before(async () => {
    for (const m of await runVnu()) {
      if (m.type !== 'error' && m.type !== 'non-document-error') continue;
      const file = m.url ? toPath(m.url) : null;
      if (file && byFile.has(file)) byFile.get(file).push(m);
      else other.push(m);
    }
  });

  test('the site has HTML files', () => {
    assert.ok(FILES.length > 0, `no *.html files under ${SITE}`);
  });

  test('the checker reported nothing outside the listed files', () => {
    assert.equal(
      other.length,
      0,
      other.map((m) => `${m.url ?? '(no file)'}: ${m.type}: ${m.message}`).join('\n'),
    );
  });

  for (const file of FILES) {
    const name = rel(SITE, file);
    test(name, () => {
      const msgs = byFile.get(file);
      assert.equal(msgs.length, 0, formatMessages(name, msgs));
    });
  }
});
