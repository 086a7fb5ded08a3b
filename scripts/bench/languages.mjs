// The C#, Python, Java and Go part of `npm run bench`: how a scan of files of these languages compares with a plain
// tree-sitter parse of the same files (grammars loaded beforehand in both), and how fast a 3,000-line C# file is
// re-scanned after each of many small edits (live diagnostics: a ScanSession, incremental parsing).
//
// The corpus is generated (languageCorpus.mjs); `--languages-corpus <folder>` reads the .cs, .py, .java and .go files
// of a folder instead (a checkout of real projects), at bench time only. Run alone: `node scripts/bench/languages.mjs`.
// Every measurement runs in a fresh child process (this script with --phase), so each is cold.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { bundleSource } from '../bundleSource.mjs';
import { median, timeEdits } from './edits.mjs';
import { csharpModule, generatedLanguageCorpus, LANGUAGE_EXTENSIONS } from './languageCorpus.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const TARGETS = { scanRatio: 0.5, editMedianMs: 20 };
const EDITS = 200;
const MAX_FILE_BYTES = 1024 * 1024;
/** Grammar file of each language in @vscode/tree-sitter-wasm. */
const GRAMMARS = { csharp: 'c-sharp', python: 'python', java: 'java', go: 'go' };
const LANGUAGE_OF_EXTENSION = Object.fromEntries(Object.entries(LANGUAGE_EXTENSIONS).map(([language, ext]) => [ext, language]));

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain && process.argv[2] === '--phase') {
  await runPhase(process.argv[3], process.argv[4], process.argv[5]);
} else if (isMain) {
  const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 3;
  const lines = benchLanguages({ rounds, corpus: optionValue(process.argv, '--languages-corpus') });
  for (const line of lines) console.log(line);
}

/** The value after `name` on a command line, if given. */
export function optionValue(argv, name) {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
}

/**
 * Measures and prints the multi-language figures; returns the PASS/MISS lines, for the caller to print with its own.
 * `corpus` is a folder of real files to read instead of the generated ones.
 */
export function benchLanguages({ rounds = 3, corpus } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'amr-bench-languages-'));
  try {
    const bundle = bundleSource(
      {
        scanSources: 'src/core/scan/scanner',
        prepareScan: 'src/core/scan/scanner',
        ScanSession: 'src/core/scan/scanSession',
        RULES: 'src/core/rules',
        DEFAULT_SCAN_SETTINGS: 'src/core/findings',
      },
      join(work, 'languages.cjs'),
    );
    const verdict = (ok) => (ok ? 'PASS' : 'MISS');
    const lines = [];
    const service = measureCorpus(
      corpus ? readCorpus(resolve(corpus)) : generatedLanguageCorpus(),
      corpus ? `read from ${corpus}` : 'generated services, one file in three using Redis',
      { work, bundle, rounds },
    );
    lines.push(
      `${verdict(service.worst <= TARGETS.scanRatio)}  C#/Python/Java/Go scan ≤ ${TARGETS.scanRatio}× tree-sitter parse, every language: ${service.summary}`,
    );
    if (!corpus) {
      // The worst case: every file must be parsed, so the scan cannot cost less than a parse; what it adds is judged.
      const busy = measureCorpus(generatedLanguageCorpus({ allRedis: true }), 'generated, every file using Redis (worst case)', { work, bundle, rounds });
      lines.push(
        `${verdict(busy.worst - 1 <= TARGETS.scanRatio)}  every file using Redis: analysis beyond the parse ≤ ${TARGETS.scanRatio}× the parse, ` +
          `every language: ${busy.summary}`,
      );
    }
    const edit = child('edit', join(work, 'none'), bundle);
    console.log(
      `re-scan after an edit (live session, incremental parse), ${edit.lines}-line C# file with StackExchange.Redis code, ` +
        `${EDITS} edits: median ${edit.median.toFixed(2)} ms, p95 ${edit.p95.toFixed(2)} ms (${edit.findings} findings; ` +
        `one-shot scanSources of the file: median ${edit.oneShotMedian.toFixed(2)} ms; tree-sitter parse alone: ${edit.parseMs.toFixed(2)} ms)\n`,
    );
    lines.push(`${verdict(edit.median <= TARGETS.editMedianMs)}  C# per-edit re-scan median ≤ ${TARGETS.editMedianMs} ms: ${edit.median.toFixed(2)} ms`);
    return lines;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Times parse and scan of `inputs` in fresh processes, prints a table per language, returns the worst ratio. */
function measureCorpus(inputs, description, { work, bundle, rounds }) {
  const inputsFile = join(work, `inputs-${readdirSync(work).length}.json`);
  writeFileSync(inputsFile, JSON.stringify(inputs));
  const byLanguage = groupByLanguage(inputs);
  console.log(
    `\nC#, Python, Java and Go: ${inputs.length} files, ${(totalChars(inputs) / 1024 / 1024).toFixed(1)} MB, ${description}: ` +
      Object.entries(byLanguage).map(([language, files]) => `${language} ${files.length} files / ${lineCount(files)} lines`).join(', '),
  );
  const measured = [];
  for (let round = 0; round < rounds; round++) {
    measured.push({ parse: child('parse', inputsFile, bundle), scan: child('scan', inputsFile, bundle) });
  }
  const languages = Object.keys(byLanguage);
  const ratioOf = (language) => median(measured.map((r) => r.scan.ms[language] / r.parse.ms[language]));
  const all = (times) => Object.values(times).reduce((sum, ms) => sum + ms, 0);
  console.log(`medians of ${rounds} rounds, each in a fresh process; grammars loaded before timing (ratios within a round)\n`);
  console.log(`${'language'.padEnd(10)} ${'tree-sitter parse ms'.padStart(21)} ${'scanSources ms'.padStart(15)} ${'× parse'.padStart(8)}`);
  const row = (name, parseMs, scanMs, ratio) =>
    console.log(`${name.padEnd(10)} ${parseMs.toFixed(0).padStart(21)} ${scanMs.toFixed(0).padStart(15)} ${ratio.toFixed(2).padStart(8)}`);
  for (const language of languages) {
    row(language, median(measured.map((r) => r.parse.ms[language])), median(measured.map((r) => r.scan.ms[language])), ratioOf(language));
  }
  row('all', median(measured.map((r) => all(r.parse.ms))), median(measured.map((r) => all(r.scan.ms))), median(measured.map((r) => all(r.scan.ms) / all(r.parse.ms))));
  const { findings, skipped } = measured[0].scan;
  console.log(`(${findings} findings, ${skipped} skipped)`);
  return {
    worst: Math.max(...languages.map(ratioOf)),
    summary: languages.map((language) => `${language} ${ratioOf(language).toFixed(2)}×`).join(', '),
  };
}

/** The .cs, .py, .java and .go files under `folder` (up to 1 MB each), with paths relative to it. */
function readCorpus(folder) {
  const files = [];
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath ?? entry.path, entry.name);
    if (!entry.isFile() || !LANGUAGE_OF_EXTENSION[extname(entry.name)] || statSync(path).size > MAX_FILE_BYTES) continue;
    files.push({ path: relative(folder, path), text: readFileSync(path, 'utf8') });
  }
  if (files.length === 0) throw new Error(`${folder} holds no .cs, .py, .java or .go file`);
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

function groupByLanguage(inputs) {
  const groups = {};
  for (const input of inputs) (groups[LANGUAGE_OF_EXTENSION[extname(input.path)]] ??= []).push(input);
  return groups;
}

function child(phase, inputsFile, bundle) {
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--phase', phase, inputsFile, bundle], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`phase ${phase} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1));
}

async function runPhase(phase, inputsFile, bundlePath) {
  const core = require(bundlePath);
  const inputs = phase === 'edit' ? [] : JSON.parse(readFileSync(inputsFile, 'utf8'));
  const byLanguage = groupByLanguage(inputs);
  let result;
  // One file per language first, untimed: a small corpus would otherwise mostly time compiling the code that runs.
  const warmUp = Object.values(byLanguage).map((files) => files[0]);
  if (phase === 'parse') {
    const parsers = await loadParsers(Object.keys(byLanguage));
    for (const [language, files] of Object.entries(byLanguage)) parseAll(parsers[language], files.slice(0, 1));
    result = { ms: timedPerLanguage(byLanguage, (files, language) => parseAll(parsers[language], files)) };
  } else if (phase === 'scan') {
    const settings = core.DEFAULT_SCAN_SETTINGS;
    await core.prepareScan(inputs, settings);
    core.scanSources(warmUp, settings, core.RULES);
    let findings = 0;
    let skipped = 0;
    const ms = timedPerLanguage(byLanguage, (files) => {
      const scanned = core.scanSources(files, settings, core.RULES);
      findings += scanned.findings.length;
      skipped += scanned.skipped.length;
    });
    result = { ms, findings, skipped };
  } else if (phase === 'edit') {
    result = await measureEdits(core);
  } else {
    throw new Error(`unknown phase ${phase}`);
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function timedPerLanguage(byLanguage, run) {
  const ms = {};
  for (const [language, files] of Object.entries(byLanguage)) {
    const started = performance.now();
    run(files, language);
    ms[language] = performance.now() - started;
  }
  return ms;
}

/** Tree-sitter parsers of the grammars the scanner uses, from the same package. */
async function loadParsers(languages) {
  const { Parser, Language } = require('@vscode/tree-sitter-wasm');
  const folder = join(dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
  await Parser.init({ locateFile: () => join(folder, 'tree-sitter.wasm') });
  const parsers = {};
  for (const language of languages) {
    const parser = new Parser();
    parser.setLanguage(await Language.load(join(folder, `tree-sitter-${GRAMMARS[language]}.wasm`)));
    parsers[language] = parser;
  }
  return parsers;
}

function parseAll(parser, files) {
  for (const file of files) parser.parse(file.text).delete();
}

/**
 * Re-scans one generated 3,000-line C# file after each of EDITS statements typed into method bodies spread over
 * the file, as live diagnostics do (a ScanSession), and, every fourth edit, with a one-shot scanSources whose findings
 * must be the same.
 */
async function measureEdits(core) {
  const settings = core.DEFAULT_SCAN_SETTINGS;
  const text = csharpModule(100);
  const path = join(tmpdir(), 'OrdersCache.cs');
  await core.prepareScan([{ path, text }], settings);
  const [parser] = Object.values(await loadParsers(['csharp']));
  return timeEdits(core, settings, {
    path,
    text,
    edits: EDITS,
    // A statement typed at the start of a line in a method body.
    spots: /\n(?= {8}\S)/g,
    statement: (i) => `        var edit${i} = ${i};`,
    parseOnce: (written) => parser.parse(written).delete(),
  });
}

function totalChars(files) {
  return files.reduce((sum, file) => sum + file.text.length, 0);
}

function lineCount(files) {
  return files.reduce((sum, file) => sum + file.text.split('\n').length, 0);
}

