// Scores the scanner against a labelled corpus (format: test/corpus/README.md). Shared by `npm run eval` (the
// corpus in the repo) and `npm run eval:public` (the git-ignored public files), so both count the same way.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { bundleSource } from '../bundleSource.mjs';

const require = createRequire(import.meta.url);

/** Bundles the core scan API from src (as the CLI bundle does), so the figures are those of the code as it is. */
export function loadScanner() {
  const work = mkdtempSync(join(tmpdir(), 'amr-eval-'));
  // Kept while the process runs: the scanner loads grammars from beside its bundle when it first meets their files.
  process.on('exit', () => rmSync(work, { recursive: true, force: true }));
  const outfile = bundleSource({
    scanWhenReady: 'src/core/scan/scanner',
    DEFAULT_SCAN_SETTINGS: 'src/core/findings',
    RULES: 'src/core/rules',
  }, join(work, 'scanner.cjs'));
  return require(outfile);
}

function listFiles(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...listFiles(path));
    else found.push(path);
  }
  return found;
}

const portable = (path) => path.split(sep).join('/');

/**
 * Scans every file under `folder` as one project (constants imported across files resolve, as in the CLI) and
 * compares (file, rule, start line) of each finding with the manifest's labels. Files of the folder the manifest
 * does not list are scanned too (they may be imported) but not scored; the manifest itself is not an input.
 */
export async function scoreCorpus(manifest, folder, scanner, manifestPath) {
  const scored = new Map(manifest.files.map((file) => [file.path, file]));
  const inputs = listFiles(folder).filter((path) => resolve(path) !== manifestPath).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const { findings, skipped } = await scanner.scanWhenReady(inputs, scanner.DEFAULT_SCAN_SETTINGS, scanner.RULES);
  // A manifest that labels only some rules (the public census) is scored on those alone.
  const labelled = Array.isArray(manifest.rules) ? new Set(manifest.rules) : undefined;
  const missingFiles = [...scored.keys()].filter((path) => !inputs.some((input) => portable(relative(folder, input.path)) === path));

  const key = (path, rule, line) => `${path}\0${rule}\0${line}`;
  const expected = new Map();
  for (const file of manifest.files) {
    for (const label of file.labels) expected.set(key(file.path, label.rule, label.line), { path: file.path, ...label });
  }
  const found = new Map();
  for (const finding of findings) {
    const path = portable(relative(folder, finding.file));
    if (!scored.has(path) || (labelled && !labelled.has(finding.ruleId))) continue;
    found.set(key(path, finding.ruleId, finding.line), { path, rule: finding.ruleId, line: finding.line, message: finding.message });
  }
  const perRule = new Map();
  const count = (rule) => {
    if (!perRule.has(rule)) perRule.set(rule, { tp: 0, fp: 0, fn: 0 });
    return perRule.get(rule);
  };
  const falsePositives = [];
  const falseNegatives = [];
  for (const [id, hit] of found) {
    if (expected.has(id)) count(hit.rule).tp++;
    else {
      count(hit.rule).fp++;
      falsePositives.push(hit);
    }
  }
  for (const [id, label] of expected) {
    if (found.has(id)) continue;
    count(label.rule).fn++;
    falseNegatives.push(label);
  }
  const total = { tp: 0, fp: 0, fn: 0 };
  for (const counts of perRule.values()) for (const field of ['tp', 'fp', 'fn']) total[field] += counts[field];
  return { perRule, total, falsePositives, falseNegatives, skipped, missingFiles };
}

/** Precision and recall; an empty denominator counts as perfect (nothing claimed, or nothing to find). */
export function ratios({ tp, fp, fn }) {
  return { precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn) };
}

export function report(result, { verbose }) {
  const lines = [];
  const row = (name, counts) => {
    const { precision, recall } = ratios(counts);
    lines.push(
      `${name.padEnd(24)} ${precision.toFixed(3).padStart(9)} ${recall.toFixed(3).padStart(7)}` +
        `   tp ${String(counts.tp).padStart(4)}  fp ${String(counts.fp).padStart(3)}  fn ${String(counts.fn).padStart(3)}`,
    );
  };
  lines.push(`${'rule'.padEnd(24)} precision  recall`);
  for (const rule of [...result.perRule.keys()].sort()) row(rule, result.perRule.get(rule));
  row('overall', result.total);
  if (verbose) {
    for (const hit of result.falsePositives) lines.push(`false positive  ${hit.path}:${hit.line} ${hit.rule}  ${hit.message}`);
    for (const label of result.falseNegatives) lines.push(`missed          ${label.path}:${label.line} ${label.rule}`);
  }
  for (const file of result.missingFiles) lines.push(`missing file    ${file} (listed in the manifest, not in the folder)`);
  for (const file of result.skipped) lines.push(`skipped         ${file.file}: ${file.reason}`);
  return lines.join('\n');
}
