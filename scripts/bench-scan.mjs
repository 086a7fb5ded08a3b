// Scanner benchmark (`npm run bench`, after `npm run build`): how a full amr-migrate scan compares with the raw
// TypeScript parse of the same files, how much memory it takes, how fast one file is re-scanned after an
// edit, how fast the CLI starts (as whole processes, against a bare `node -e 0` of the same run), and what the
// bundles weigh and cost the extension host to load. The corpus is built like the one in docs/design/performance.md:
// real JS/TS files of the installed npm
// packages, without .d.ts, minified files or duplicate build flavours (cjs/esm/browser copies of one module).
//
// Every measurement runs in a fresh child process (this script with --phase), so each is cold and its peak RSS
// is its own.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { bundleSource } from './bundleSource.mjs';
import { median, percentile, timeEdits } from './bench/edits.mjs';
import { benchLanguages, optionValue } from './bench/languages.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const CLI = join(ROOT, 'dist', 'cli.js');
const MAX_FILE_BYTES = 1024 * 1024;
// `npm run bench -- --rounds 5` for steadier medians on a quiet machine.
const ROUNDS = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 3;
// `npm run bench -- --edit-only` runs only the per-edit re-scan, ROUNDS times, each in a fresh process.
const EDIT_ONLY = process.argv.includes('--edit-only');
const EDITS = 200;
const TARGETS = { scanRatio: 0.35, rssMB: 250, editMedianMs: 12, editP95Ms: 20, helpRatio: 1.5, emptyScanRatio: 2.5, processScanRatio: 0.35 };
// Start-up processes are short: each is timed this many times per round and the median kept.
const STARTUP_REPEATS = 5;

const SCRIPT_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.jsx', '.tsx']);
// Folder names that hold another build flavour of the same module.
const FLAVOUR_DIRS = new Set([
  'cjs', 'commonjs', 'esm', 'es', 'es5', 'es6', 'es2015', 'es2017', 'es2018', 'es2019', 'es2020', 'esnext', 'esm5',
  'esm2015', 'esm2020', 'fesm2015', 'fesm2020', 'browser', 'node', 'umd', 'module', 'modules', 'mjs', 'legacy',
  'dist', 'lib', 'src', 'build', 'out', 'dist-esm', 'dist-cjs', 'lib-esm', 'react-native', 'commonjs-browser',
  'esm-browser', '_cjs', '_esm', '_esnext', 'types',
]);

if (process.argv[2] === '--phase') {
  await runPhase(process.argv[3], process.argv[4], process.argv[5]);
} else {
  await main();
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'amr-bench-'));
  try {
    if (EDIT_ONLY) {
      reportEditRounds(work, bundleCore(work));
      return;
    }
    const corpus = buildCorpus(join(ROOT, 'node_modules'), join(work, 'corpus'));
    const bundle = bundleCore(work);
    const sizes = corpus.sizes.sort((a, b) => a - b);
    const totalMB = sizes.reduce((sum, n) => sum + n, 0) / 1024 / 1024;
    console.log(
      `corpus: ${sizes.length} files, ${totalMB.toFixed(1)} MB (median ${(sizes[sizes.length >> 1] / 1024).toFixed(1)} KB, ` +
        `p99 ${(percentile(sizes, 0.99) / 1024).toFixed(0)} KB, max ${(sizes.at(-1) / 1024).toFixed(0)} KB) from node_modules`,
    );
    if (sizes.length < 3000) console.log('warning: fewer than 3,000 files; the ratio is less telling');

    const empty = join(work, 'empty');
    mkdirSync(empty);
    // The CLI keeps the compiler's compiled code in the user's cache folder (src/cli/codeCache.ts): one run first,
    // as a user's first scan would, so the rounds time the runs after it; each round also times one without it.
    cliProcess(corpus.dir, work);
    const rounds = [];
    const loadAtStart = loadavg()[0];
    for (let round = 0; round < ROUNDS; round++) {
      rounds.push({
        parse: child('parse', corpus.dir, bundle),
        scan: child('scan', corpus.dir, bundle),
        cliInProcess: child('cli', corpus.dir, bundle),
        cliProcess: cliProcess(corpus.dir, work),
        cliProcessNoCache: cliProcess(corpus.dir, work, { NODE_DISABLE_COMPILE_CACHE: '1' }),
        parseProcess: parseProcess(corpus.dir),
        startup: startupRound(empty),
      });
    }
    const edit = child('edit', work, bundle);

    const med = (pick) => median(rounds.map(pick));
    const parseMs = med((r) => r.parse.ms);
    const scanMs = med((r) => r.scan.ms);
    const ratio = med((r) => r.scan.ms / r.parse.ms);
    const cliRatio = med((r) => r.cliInProcess.ms / r.parse.ms);
    const rssMB = Math.max(...rounds.flatMap((r) => [r.cliProcess.rssMB, r.cliProcessNoCache.rssMB]));
    const rows = [
      ['ts.createSourceFile, every file (raw parse)', parseMs, 1, med((r) => r.parse.rssMB)],
      ['scanSources over the read texts', scanMs, ratio, med((r) => r.scan.rssMB)],
      ['CLI in-process: walk + read + scan + JSON', med((r) => r.cliInProcess.ms), cliRatio, med((r) => r.cliInProcess.rssMB)],
      ['CLI process: node dist/cli.js scan (incl. start-up)', med((r) => r.cliProcess.ms), med((r) => r.cliProcess.ms / r.parse.ms), rssMB],
      ['  the same without the code cache (a first run)', med((r) => r.cliProcessNoCache.ms), med((r) => r.cliProcessNoCache.ms / r.parse.ms),
        med((r) => r.cliProcessNoCache.rssMB)],
    ];
    // Other work on the machine stretches wall-clock times: the load average says how much to trust them.
    console.log(
      `\nmedians of ${ROUNDS} rounds, each measurement in a fresh process (ratios within a round); ` +
        `load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end\n`,
    );
    console.log(`${'measurement'.padEnd(52)} ${'ms'.padStart(8)} ${'× parse'.padStart(8)} ${'files/s'.padStart(9)} ${'peak RSS MB'.padStart(12)}`);
    for (const [name, ms, times, rss] of rows) {
      console.log(
        `${name.padEnd(52)} ${ms.toFixed(0).padStart(8)} ${times.toFixed(2).padStart(8)} ` +
          `${((sizes.length / ms) * 1000).toFixed(0).padStart(9)} ${rss.toFixed(0).padStart(12)}`,
      );
    }
    const { findings, skipped, prefiltered, prefilteredMB } = rounds[0].scan;
    console.log(
      `\nscan of the corpus: ${findings} findings, ${skipped} skipped; the scanner's text prefilter lets ` +
        `${prefiltered} files (${prefilteredMB.toFixed(1)} MB) through to parsing, and the CLI holds the texts of ` +
        `those only (it checks the others' bytes, reads one again only when a file it parses imports from it)`,
    );
    console.log(
      `re-scan after an edit (live session, incremental parse), ${edit.lines}-line TypeScript file with redis ` +
        `code, ${EDITS} edits: median ${edit.median.toFixed(2)} ms, p95 ${edit.p95.toFixed(2)} ms ` +
        `(CPU time: median ${edit.cpuMedian.toFixed(2)} ms, p95 ${edit.cpuP95.toFixed(2)} ms) ` +
        `(${edit.findings} findings; one-shot scanSources of the file: median ${edit.oneShotMedian.toFixed(2)} ms; ` +
        `ts.createSourceFile alone: ${edit.parseMs.toFixed(2)} ms)\n`,
    );
    const startup = reportStartup(rounds, med);
    reportBundles();
    const verdict = (ok) => (ok ? 'PASS' : 'MISS');
    console.log(`${verdict(ratio <= TARGETS.scanRatio)}  scan ≤ ${TARGETS.scanRatio}× raw parse: ${ratio.toFixed(2)}×`);
    console.log(`${verdict(startup.help <= TARGETS.helpRatio)}  amr-migrate --help ≤ ${TARGETS.helpRatio}× node -e 0: ${startup.help.toFixed(2)}×`);
    console.log(`${verdict(startup.emptyScan <= TARGETS.emptyScanRatio)}  scan of an empty folder ≤ ${TARGETS.emptyScanRatio}× node -e 0: ${startup.emptyScan.toFixed(2)}×`);
    console.log(
      `${verdict(startup.corpusScan <= TARGETS.processScanRatio)}  CLI process scan ≤ ${TARGETS.processScanRatio}× a raw-parse process: ` +
        `${startup.corpusScan.toFixed(2)}×`,
    );
    console.log(`${verdict(rssMB <= TARGETS.rssMB)}  peak RSS of a CLI scan ≤ ${TARGETS.rssMB} MB: ${rssMB.toFixed(0)} MB`);
    console.log(`${verdict(edit.median <= TARGETS.editMedianMs)}  per-edit re-scan median ≤ ${TARGETS.editMedianMs} ms: ${edit.median.toFixed(2)} ms`);
    console.log(`${verdict(edit.p95 <= TARGETS.editP95Ms)}  per-edit re-scan p95 ≤ ${TARGETS.editP95Ms} ms: ${edit.p95.toFixed(2)} ms`);
    // C#, Python, Java and Go: `--languages-corpus <folder>` measures real files instead of the generated ones.
    for (const line of benchLanguages({ rounds: ROUNDS, corpus: optionValue(process.argv, '--languages-corpus') })) console.log(line);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The per-edit re-scan alone, ROUNDS fresh processes: each round's figures with the load average, then the medians. */
function reportEditRounds(work, bundle) {
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const load = loadavg()[0];
    const edit = child('edit', work, bundle);
    rounds.push(edit);
    console.log(
      `round ${round + 1}: load ${load.toFixed(1)}, median ${edit.median.toFixed(2)} ms, p95 ${edit.p95.toFixed(2)} ms ` +
        `(CPU median ${edit.cpuMedian.toFixed(2)} ms, p95 ${edit.cpuP95.toFixed(2)} ms; ${edit.findings} findings)`,
    );
  }
  const med = (pick) => median(rounds.map(pick));
  const verdict = (ok) => (ok ? 'PASS' : 'MISS');
  console.log(`${verdict(med((r) => r.median) <= TARGETS.editMedianMs)}  per-edit re-scan median ≤ ${TARGETS.editMedianMs} ms: ${med((r) => r.median).toFixed(2)} ms`);
  console.log(`${verdict(med((r) => r.p95) <= TARGETS.editP95Ms)}  per-edit re-scan p95 ≤ ${TARGETS.editP95Ms} ms: ${med((r) => r.p95).toFixed(2)} ms`);
}

/** Copies the corpus files into `target` (same relative paths) and returns their sizes. */
function buildCorpus(nodeModules, target) {
  const chosen = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.bin' && entry.name !== 'typescript') walk(path);
      } else if (entry.isFile() && isCandidate(entry.name)) {
        const key = moduleKey(relative(nodeModules, path));
        if (!chosen.has(key)) {
          const size = statSync(path).size;
          if (size > 0 && size <= MAX_FILE_BYTES && !looksMinified(readFileSync(path, 'utf8'))) chosen.set(key, { path, size });
        }
      }
    }
  };
  walk(nodeModules);
  for (const { path } of chosen.values()) {
    // Nested node_modules folders are renamed: the CLI never enters a folder of that name.
    const inside = relative(nodeModules, path).split(sep).map((part) => (part === 'node_modules' ? 'nm' : part));
    const copy = join(target, ...inside);
    mkdirSync(dirname(copy), { recursive: true });
    cpSync(path, copy);
  }
  return { dir: target, sizes: [...chosen.values()].map((file) => file.size) };
}

function isCandidate(name) {
  if (/\.d\.[mc]?ts$/.test(name) || /[.-]min\.[mc]?js$/.test(name)) return false;
  return SCRIPT_EXTENSIONS.has(extname(name));
}

/** One key per module: the package and the path inside it without flavour folders or extension. */
function moduleKey(pathInNodeModules) {
  const parts = pathInNodeModules.split(sep);
  const packageEnd = parts[0].startsWith('@') ? 2 : 1;
  const inner = parts.slice(packageEnd).filter((part) => !FLAVOUR_DIRS.has(part));
  return `${parts.slice(0, packageEnd).join('/')}:${inner.join('/').replace(/\.(development|production)?\.?[mc]?[jt]sx?$/, '')}`;
}

function looksMinified(text) {
  const lines = text.split('\n');
  return lines.some((line) => line.length > 2000) || text.length / lines.length > 300;
}

/** One bundle of the scanner and the CLI dispatcher, loaded by the child phases. */
function bundleCore(work) {
  return bundleSource({
    scanSources: 'src/core/scan/scanner',
    ScanSession: 'src/core/scan/scanSession',
    RULES: 'src/core/rules',
    DEFAULT_SCAN_SETTINGS: 'src/core/findings',
    mayHoldFindings: 'src/core/scan/script/prefilter',
    runCli: 'src/cli/runCli',
  }, join(work, 'core.cjs'));
}

function child(phase, dir, bundle) {
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--phase', phase, dir, bundle], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`phase ${phase} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1));
}

/** The real command line, timed from outside. */
function cliProcess(dir, work, env = {}) {
  return timedProcess([CLI, 'scan', dir, '--format', 'json', '--fail-on', 'never', '--output', join(work, 'report.json')], env);
}

/**
 * A whole Node process running `args`, timed from outside; its peak RSS and CPU time (user + system, all its threads)
 * come from GNU time. CPU time is the steadier figure when other work shares the cores.
 */
function timedProcess(args, env = {}) {
  const started = performance.now();
  const timed = spawnSync('/usr/bin/time', ['-f', 'AMR_BENCH_RSS_KB=%M AMR_BENCH_CPU_S=%U+%S', process.execPath, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...env },
  });
  const ms = performance.now() - started;
  if (timed.error) throw new Error('GNU time (/usr/bin/time) is needed to measure the peak RSS of a process');
  if (timed.status !== 0) throw new Error(`${args.join(' ')} failed:\n${timed.stderr}`);
  const rssKB = Number(/AMR_BENCH_RSS_KB=(\d+)/.exec(timed.stderr)?.[1]);
  const [user, system] = /AMR_BENCH_CPU_S=([\d.]+)\+([\d.]+)/.exec(timed.stderr)?.slice(1).map(Number) ?? [NaN, NaN];
  return { ms, rssMB: rssKB / 1024, cpuMs: (user + system) * 1000 };
}

/**
 * The yardstick of the whole-process scan: a process that loads the compiler the scanner uses (the TypeScript
 * build ts-morph ships, without ts-morph itself), walks the folder, reads and parses every file.
 */
function parseProcess(dir) {
  const typescript = join(dirname(require.resolve('@ts-morph/common', { paths: [dirname(require.resolve('ts-morph'))] })), 'typescript.js');
  const program = `
    const { readdirSync, readFileSync } = require('node:fs');
    const { join } = require('node:path');
    const ts = require(${JSON.stringify(typescript)});
    const dir = ${JSON.stringify(dir)};
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath ?? entry.path, entry.name);
      ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest);
    }`;
  return timedProcess(['-e', program]);
}

/** Median whole-process times of a bare Node, `amr-migrate --help` and a scan of an empty folder, interleaved. */
function startupRound(empty) {
  const runs = { bare: [], help: [], emptyScan: [] };
  for (let i = 0; i < STARTUP_REPEATS; i++) {
    runs.bare.push(timedProcess(['-e', '0']));
    runs.help.push(timedProcess([CLI, '--help']));
    runs.emptyScan.push(timedProcess([CLI, 'scan', empty]));
  }
  const pick = (list) => ({ ms: median(list.map((run) => run.ms)), rssMB: median(list.map((run) => run.rssMB)) });
  return { bare: pick(runs.bare), help: pick(runs.help), emptyScan: pick(runs.emptyScan) };
}

/** Prints the start-up table and returns the ratios the targets judge (medians of the per-round ratios). */
function reportStartup(rounds, med) {
  const ratios = {
    help: med((r) => r.startup.help.ms / r.startup.bare.ms),
    emptyScan: med((r) => r.startup.emptyScan.ms / r.startup.bare.ms),
    corpusScan: med((r) => r.cliProcess.ms / r.parseProcess.ms),
    corpusScanNoCache: med((r) => r.cliProcessNoCache.ms / r.parseProcess.ms),
    corpusScanCpu: med((r) => r.cliProcess.cpuMs / r.parseProcess.cpuMs),
  };
  const rows = [
    ['node -e 0 (bare Node start-up)', med((r) => r.startup.bare.ms), 1, med((r) => r.startup.bare.rssMB)],
    ['node dist/cli.js --help', med((r) => r.startup.help.ms), ratios.help, med((r) => r.startup.help.rssMB)],
    ['node dist/cli.js scan <empty folder>', med((r) => r.startup.emptyScan.ms), ratios.emptyScan, med((r) => r.startup.emptyScan.rssMB)],
  ];
  console.log(`CLI start-up, whole processes (median of ${STARTUP_REPEATS} runs per round, medians of ${ROUNDS} rounds)\n`);
  console.log(`${'process'.padEnd(52)} ${'ms'.padStart(8)} ${'× bare'.padStart(8)} ${'peak RSS MB'.padStart(12)}`);
  for (const [name, ms, times, rss] of rows) {
    console.log(`${name.padEnd(52)} ${ms.toFixed(0).padStart(8)} ${times.toFixed(2).padStart(8)} ${rss.toFixed(0).padStart(12)}`);
  }
  console.log(
    `\nwhole processes over the corpus: raw parse (load TypeScript, walk, read, parse) ${med((r) => r.parseProcess.ms).toFixed(0)} ms, ` +
      `node dist/cli.js scan ${med((r) => r.cliProcess.ms).toFixed(0)} ms: ${ratios.corpusScan.toFixed(2)}× (without the code cache, as ` +
      `on a first run: ${med((r) => r.cliProcessNoCache.ms).toFixed(0)} ms, ${ratios.corpusScanNoCache.toFixed(2)}×; in-process the scan is ` +
      `the 'CLI in-process' row above)\n` +
      `CPU time of the same processes (user + system, all threads): raw parse ${med((r) => r.parseProcess.cpuMs).toFixed(0)} ms, ` +
      `scan ${med((r) => r.cliProcess.cpuMs).toFixed(0)} ms: ${ratios.corpusScanCpu.toFixed(2)}×\n`,
  );
  return ratios;
}

/** Sizes of the bundles, and what compiling dist/extension.js costs the extension host at activation. */
function reportBundles() {
  const files = ['dist', join('dist', 'cli')]
    .filter((dir) => statSync(join(ROOT, dir), { throwIfNoEntry: false })?.isDirectory())
    .flatMap((dir) => readdirSync(join(ROOT, dir)).filter((name) => name.endsWith('.js')).map((name) => join(dir, name)));
  console.log('bundles (this build; `npm run build -- --production` minifies):');
  for (const file of files.sort()) console.log(`  ${file.padEnd(28)} ${(statSync(join(ROOT, file)).size / 1024 / 1024).toFixed(2).padStart(7)} MB`);
  const loads = [];
  for (let i = 0; i < STARTUP_REPEATS; i++) loads.push(child('extension-load', ROOT, join(ROOT, 'dist', 'extension.js')).ms);
  console.log(`compiling dist/extension.js, as the extension host does before activate() runs: median ${median(loads).toFixed(0)} ms\n`);
}

async function runPhase(phase, dir, bundlePath) {
  if (phase === 'extension-load') {
    process.stdout.write(`${JSON.stringify({ ms: compileBundle(bundlePath) })}\n`);
    return;
  }
  const core = require(bundlePath);
  const settings = core.DEFAULT_SCAN_SETTINGS;
  const report = (fields) => {
    process.stdout.write(`${JSON.stringify({ ...fields, rssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
  };
  if (phase === 'edit') {
    report(measureEdits(core, settings));
    return;
  }
  if (phase === 'cli') {
    const io = {
      out: () => undefined,
      err: (text) => process.stderr.write(text),
      cwd: dir,
      env: {},
      isTTY: false,
      signal: new AbortController().signal,
    };
    const started = performance.now();
    const code = await core.runCli(['scan', '.', '--format', 'json', '--fail-on', 'never'], io);
    const ms = performance.now() - started;
    if (code !== 0) throw new Error(`scan exited ${code}`);
    report({ ms });
    return;
  }
  const inputs = listFiles(dir).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  if (phase === 'parse') {
    const { ts } = require('ts-morph');
    const started = performance.now();
    for (const input of inputs) ts.createSourceFile(input.path, input.text, ts.ScriptTarget.Latest);
    report({ ms: performance.now() - started });
  } else if (phase === 'scan') {
    const started = performance.now();
    const result = core.scanSources(inputs, settings, core.RULES);
    const ms = performance.now() - started;
    const passing = inputs.filter((input) => core.mayHoldFindings(input.text));
    const passingMB = passing.reduce((sum, input) => sum + input.text.length, 0) / 1024 / 1024;
    report({ ms, findings: result.findings.length, skipped: result.skipped.length, prefiltered: passing.length, prefilteredMB: passingMB });
  } else {
    throw new Error(`unknown phase ${phase}`);
  }
}

/**
 * Compiles a bundle the way Node's module loader does before running it (a CommonJS wrapper function), without
 * running it: outside VS Code its 'vscode' import has nothing to bind to. Returns the milliseconds spent.
 */
function compileBundle(bundlePath) {
  const source = readFileSync(bundlePath, 'utf8');
  const started = performance.now();
  vm.compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: bundlePath });
  return performance.now() - started;
}

function listFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) found.push(join(entry.parentPath ?? entry.path, entry.name));
  }
  return found.sort();
}

/**
 * Re-scans one generated ~3,000-line file after each of EDITS small edits spread over the file, the way live
 * diagnostics do (a ScanSession: incremental re-parse), and, for comparison, with a one-shot scanSources.
 */
function measureEdits(core, settings) {
  const { ts } = require('ts-morph');
  const path = join(tmpdir(), 'orders-cache.ts');
  return timeEdits(core, settings, {
    path,
    text: generateRedisModule(100),
    edits: EDITS,
    spots: /\n/g,
    statement: (i) => `const edit${i} = ${i};`,
    // The same file parsed by the compiler alone.
    parseOnce: (text) => ts.createSourceFile(path, text, ts.ScriptTarget.Latest),
  });
}

/**
 * A data-access module as services write them: three clients at the top (node-redis, a node-redis cluster,
 * ioredis) and `blocks` repetitions of 30 lines of types, Redis calls and plain logic using them.
 */
function generateRedisModule(blocks) {
  const header = [
    "import { createClient, createCluster } from 'redis';",
    "import Redis from 'ioredis';",
    '',
    "const HOST = process.env.REDIS_HOST ?? 'orders.redis.cache.windows.net';",
    'const PORT = Number(process.env.REDIS_PORT ?? 6380);',
    'export const client = createClient({ socket: { host: HOST, port: PORT, tls: true }, password: process.env.REDIS_KEY });',
    "const cluster = createCluster({ rootNodes: [{ url: 'rediss://orders.westus2.redis.azure.net:10000' }] });",
    "const sessions = new Redis({ host: 'sessions.contoso.internal', port: 6379 });",
    '',
  ];
  const body = [];
  for (let b = 0; b < blocks; b++) {
    body.push(
      `export interface Order${b} {`,
      '  id: string;',
      '  total: number;',
      '  lines: { sku: string; quantity: number }[];',
      '}',
      '',
      `export async function loadOrders${b}(ids: string[]): Promise<(Order${b} | null)[]> {`,
      `  const values = await client.mGet(ids.map((id) => \`order:{${b}}:\${id}\`));`,
      '  return values.map((value) => (value ? JSON.parse(value) : null));',
      '}',
      '',
      `export async function saveOrder${b}(order: Order${b}): Promise<void> {`,
      `  await client.set(\`order:{${b}}:\${order.id}\`, JSON.stringify(order), { EX: 3600 });`,
      "  await cluster.sAdd('orders:index', order.id);",
      '}',
      '',
      `export function totalOf${b}(order: Order${b}): number {`,
      '  let sum = 0;',
      '  for (const line of order.lines) sum += line.quantity * priceOf(line.sku);',
      `  return Math.round(sum * ${100 + b}) / ${100 + b};`,
      '}',
      '',
      `export async function forget${b}(id: string): Promise<void> {`,
      `  const cache = new Map<string, number>([[id, ${b}]]);`,
      `  if (cache.get(id) === ${b}) await sessions.del(\`session:\${id}\`, \`audit:\${id}\`);`,
      '}',
      '',
      `function priceOf(sku: string): number {`.replace('priceOf', b === 0 ? 'priceOf' : `priceOf${b}`),
      '  return sku.length;',
      '}',
    );
  }
  return [...header, ...body].join('\n');
}

