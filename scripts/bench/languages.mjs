// The C#, Python, Java and Go part of `npm run bench`: how a scan of files of these languages compares with a plain
// tree-sitter parse of the same files, and how fast a 3,000-line C# file is re-scanned after each of many small edits
// (live diagnostics: a ScanSession, incremental parsing).
//
// Method: every language and phase (parse, scan) runs in its own fresh process, so no language inherits code the
// previous one compiled, and both phases are measured alike: load the grammar (and the scanner, for the scan), time
// the first pass over the language's files, run untimed passes until WARM_PASSES of them and WARM_MS have gone by
// (a scan of the one-in-three corpus takes about 50 ms a pass: after a fixed two, V8 was still compiling and the
// ratio swung from round to round), then take the median of TIMED_PASSES timed passes. The ratio judged against the target is warm scan / warm parse, in wall-clock time with CPU time beside it;
// the first pass's extra cost (first minus warm: the scanner's JavaScript compiling and warming up, the parser's
// WebAssembly tiering up) is printed on its own line for each phase, as a constant per process rather than hidden in
// a ratio whose size would then depend on how many files the corpus holds. Rounds interleave languages and phases.
//
// The corpus is generated (languageCorpus.mjs); `--languages-corpus <folder>` reads the .cs, .py, .java and .go files
// of a folder instead (a checkout of real projects), at bench time only. Run alone: `node scripts/bench/languages.mjs`.
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
/** Untimed passes over the files before the timed ones, and how many are timed (the median counts). */
const WARM_PASSES = 2;
const WARM_MS = 1000;
const TIMED_PASSES = 5;
const MAX_FILE_BYTES = 1024 * 1024;
/** Grammar file of each language in @vscode/tree-sitter-wasm. */
const GRAMMARS = { csharp: 'c-sharp', python: 'python', java: 'java', go: 'go' };
const LANGUAGE_OF_EXTENSION = Object.fromEntries(Object.entries(LANGUAGE_EXTENSIONS).map(([language, ext]) => [ext, language]));

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain && process.argv[2] === '--phase') {
  await runPhase(process.argv[3], process.argv[4], process.argv[5], process.argv[6]);
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

/**
 * Times parse and scan of `inputs`, each language and phase in its own fresh process (see the header), prints a table
 * per language and the cold-start line, returns the worst warm ratio.
 */
function measureCorpus(inputs, description, { work, bundle, rounds }) {
  const inputsFile = join(work, `inputs-${readdirSync(work).length}.json`);
  writeFileSync(inputsFile, JSON.stringify(inputs));
  const byLanguage = groupByLanguage(inputs);
  const languages = Object.keys(byLanguage);
  console.log(
    `\nC#, Python, Java and Go: ${inputs.length} files, ${(totalChars(inputs) / 1024 / 1024).toFixed(1)} MB, ${description}: ` +
      languages.map((language) => `${language} ${byLanguage[language].length} files / ${lineCount(byLanguage[language])} lines`).join(', '),
  );
  // Rounds interleave languages and phases, so a busy minute on the machine touches all of them alike.
  const measured = [];
  for (let round = 0; round < rounds; round++) {
    const times = {};
    for (const language of languages) {
      times[language] = { parse: child('parse', inputsFile, bundle, language), scan: child('scan', inputsFile, bundle, language) };
    }
    measured.push(times);
  }
  const medianOf = (language, pick) => median(measured.map((times) => pick(times[language])));
  const ratio = (language, clock) => medianOf(language, (t) => t.scan.warm[clock] / t.parse.warm[clock]);
  const cold = (language, phase) =>
    `${medianOf(language, (t) => t[phase].first.wall - t[phase].warm.wall).toFixed(0)} ms ` +
    `(CPU ${medianOf(language, (t) => t[phase].first.cpu - t[phase].warm.cpu).toFixed(0)})`;
  console.log(
    `medians of ${rounds} rounds; each language and phase in a fresh process, grammar loaded before timing; ` +
      `warm = median of ${TIMED_PASSES} passes after at least ${WARM_PASSES} untimed ones and ${WARM_MS} ms (ratios within a round)\n`,
  );
  console.log(
    `${'language'.padEnd(10)} ${'parse ms'.padStart(9)} ${'scan ms'.padStart(8)} ${'× parse'.padStart(8)} ${'× CPU'.padStart(6)} ` +
      `${'first parse'.padStart(12)} ${'first scan'.padStart(11)}`,
  );
  for (const language of languages) {
    const cells = [
      medianOf(language, (t) => t.parse.warm.wall).toFixed(0).padStart(9),
      medianOf(language, (t) => t.scan.warm.wall).toFixed(0).padStart(8),
      ratio(language, 'wall').toFixed(2).padStart(8),
      ratio(language, 'cpu').toFixed(2).padStart(6),
      medianOf(language, (t) => t.parse.first.wall).toFixed(0).padStart(12),
      medianOf(language, (t) => t.scan.first.wall).toFixed(0).padStart(11),
    ];
    console.log(`${language.padEnd(10)} ${cells.join(' ')}`);
  }
  const first = measured[0];
  console.log(
    `(${languages.reduce((sum, language) => sum + first[language].scan.findings, 0)} findings, ` +
      `${languages.reduce((sum, language) => sum + first[language].scan.skipped, 0)} skipped)`,
  );
  console.log(
    'cold start, first pass in a fresh process minus a warm pass of the same files: scan (its parsing included) ' +
      languages.map((language) => `${language} ${cold(language, 'scan')}`).join(', ') +
      '; tree-sitter parse ' +
      languages.map((language) => `${language} ${cold(language, 'parse')}`).join(', '),
  );
  return {
    worst: Math.max(...languages.map((language) => ratio(language, 'wall'))),
    summary: languages.map((language) => `${language} ${ratio(language, 'wall').toFixed(2)}× (CPU ${ratio(language, 'cpu').toFixed(2)}×)`).join(', '),
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

function child(phase, inputsFile, bundle, language = '') {
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--phase', phase, inputsFile, bundle, language], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`phase ${phase} ${language} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1));
}

/** One phase in this fresh process: parse or scan of one language's files (first pass, then warm), or the edits. */
async function runPhase(phase, inputsFile, bundlePath, language) {
  const core = require(bundlePath);
  let result;
  if (phase === 'edit') {
    result = await measureEdits(core);
  } else {
    const files = JSON.parse(readFileSync(inputsFile, 'utf8')).filter((input) => LANGUAGE_OF_EXTENSION[extname(input.path)] === language);
    if (phase === 'parse') {
      const parser = (await loadParsers([language]))[language];
      result = passes(() => parseAll(parser, files));
    } else if (phase === 'scan') {
      const settings = core.DEFAULT_SCAN_SETTINGS;
      await core.prepareScan(files, settings);
      const { first, warm, firstResult } = passes(() => core.scanSources(files, settings, core.RULES));
      result = { first, warm, findings: firstResult.findings.length, skipped: firstResult.skipped.length };
    } else {
      throw new Error(`unknown phase ${phase}`);
    }
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/**
 * Wall-clock and CPU time of the first `run` in this process (nothing of the phase ran before it) and what it
 * returned, and the median of TIMED_PASSES after the untimed warm-up (WARM_PASSES, at least WARM_MS). CPU time (user + system, all threads)
 * stretches less than wall time when other work shares the cores.
 */
function passes(run) {
  let returned;
  const timed = () => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    returned = run();
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return { wall, cpu: (used.user + used.system) / 1000 };
  };
  const first = timed();
  const firstResult = returned;
  const warmStart = performance.now();
  for (let i = 0; i < WARM_PASSES || performance.now() - warmStart < WARM_MS; i++) run();
  const warm = Array.from({ length: TIMED_PASSES }, timed);
  return { first, firstResult, warm: { wall: median(warm.map((t) => t.wall)), cpu: median(warm.map((t) => t.cpu)) } };
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
 * the file, as live diagnostics do (a ScanSession); at every fourth edit the findings must equal a one-shot
 * scanSources's, checked once the timed edits are done (timeEdits).
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

