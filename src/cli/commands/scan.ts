import { readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseCommandLine, parseOptions, UsageError } from '../commandLine';
import type { CliIo } from '../io';
import { ExitCode } from '../io';
import type { ClusterPolicy, RuleId, ScanResult, ScanSettings, Severity, SkippedFile, SourceFileInput } from '../../core/findings';
import { DEFAULT_SCAN_SETTINGS } from '../../core/findings';
import { collectFiles } from '../../core/files/collectFiles';
import { DependencyFilesOnDisk } from '../../core/files/dependencyFilesOnDisk';
import { describeError } from '../../core/files/describeError';
import { type ReadFilter, readSourceFile, readSourceFiles } from '../../core/files/readSourceFile';
import { applyFixesInPasses, mergePasses, type FixPass } from '../../core/fix/applyFixesInPasses';
import { fixFiles } from '../../core/fix/fixFiles';
import type { HostMap } from '../../core/fix/hostMap';
import { HostMapError, parseHostMap } from '../../core/fix/hostMap';
import { parseSwitchedHosts, type SwitchedHosts } from '../../core/migration/switchedHosts';
import { formatFixSummary } from '../../core/report/fixSummary';
import { formatJsonReport } from '../../core/report/jsonReport';
import { isAmrMigrateReport } from '../../core/report/ownReport';
import { formatSarifReport } from '../../core/report/sarifReport';
import type { ScanReport } from '../../core/report/scanReport';
import { formatTextReport } from '../../core/report/textReport';
import { fileKindOf } from '../../core/scan/fileKind';
import { bytesMayHoldFindings, mayHoldFindings } from '../../core/scan/script/prefilter';
import { version } from '../../../package.json';

const USAGE = `Usage: amr-migrate scan [PATH...] [options]

Finds the code and configuration that must change to move from Azure Cache for Redis to
Azure Managed Redis. PATHs are files or folders (default: the current folder); .gitignore is
honoured and node_modules and .git are never entered.

Options:
  --format text|json|sarif                report format (default: text)
  --output FILE                           write the report to FILE instead of standard output
  --cluster-policy oss|enterprise|none    clustering policy of the target database (default: oss)
  --fail-on error|warning|info|never      exit 1 when a finding has this severity or a higher one
                                          (default: warning)
  --fix                                   apply the safe fixes in place and print what changed
  --host-map FILE                         JSON object of old host or cache name -> AMR host name
                                          (*.redis.azure.net): the targets of host fixes
  --switched OLD=NEW                      OLD (host or cache name) was switched by Azure's automated
                                          migration to the Azure Managed Redis host NEW (repeatable):
                                          findings on OLD say what must still change, and when
  --fix-rules RULE[,RULE...]              with --fix, also apply the fixes to review of these rules
                                          (access-key-auth: Microsoft Entra ID; non-cluster-client:
                                          cluster client), which change how the code connects
  -h, --help                              show this help

Exit codes: 0 no finding at or above --fail-on, 1 at least one, 2 usage or I/O error.
`;

const FORMATS = ['text', 'json', 'sarif'] as const;
const POLICIES = ['oss', 'enterprise', 'none'] as const;
const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;
const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

type Format = (typeof FORMATS)[number];
type FailOn = (typeof FAIL_ON)[number];

interface ScanOptions {
  paths: string[];
  format: Format;
  output?: string;
  clusterPolicy: ClusterPolicy;
  failOn: FailOn;
  fix: boolean;
  hostMapFile?: string;
  switchedHosts?: SwitchedHosts;
  /** Rules whose review (non-preferred) fix `--fix` applies too. */
  fixRules: RuleId[];
}

/** An error that ends the scan with exit code 2, with a message for the user. */
class ScanFailure extends Error {}

export async function runScan(args: string[], io: CliIo): Promise<number> {
  const options = parseCommandLine('scan', USAGE, io, () => parseScanArgs(args));
  if (typeof options === 'number') return options;
  try {
    return await scan(options, io);
  } catch (error) {
    if (io.signal.aborted) {
      io.err('amr-migrate scan: interrupted; no report written\n');
      return ExitCode.interrupted;
    }
    if (error instanceof ScanFailure) {
      io.err(`amr-migrate scan: ${error.message}\n`);
      return ExitCode.usage;
    }
    throw error;
  }
}

function parseScanArgs(args: string[]): ScanOptions | 'help' {
  const parsed = parseOptions({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      output: { type: 'string' },
      'cluster-policy': { type: 'string' },
      'fail-on': { type: 'string' },
      fix: { type: 'boolean' },
      'host-map': { type: 'string' },
      switched: { type: 'string', multiple: true },
      'fix-rules': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const oneOf = <T extends string>(option: string, allowed: readonly T[], value: string | undefined, fallback: T): T => {
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    throw new UsageError(`--${option} must be one of ${allowed.join(', ')}`);
  };
  const nonEmpty = (option: string, value: string | undefined) => {
    if (value === '') throw new UsageError(`--${option} needs a file name`);
    return value;
  };
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format: oneOf('format', FORMATS, values.format, 'text'),
    output: nonEmpty('output', values.output),
    clusterPolicy: oneOf('cluster-policy', POLICIES, values['cluster-policy'], DEFAULT_SCAN_SETTINGS.clusterPolicy),
    failOn: oneOf('fail-on', FAIL_ON, values['fail-on'], 'warning'),
    fix: values.fix ?? false,
    hostMapFile: nonEmpty('host-map', values['host-map']),
    ...(values.switched ? { switchedHosts: parseSwitched(values.switched) } : {}),
    fixRules: parseFixRules(values['fix-rules'], values.fix ?? false),
  };
}

function parseSwitched(values: string[]): SwitchedHosts {
  try {
    return parseSwitchedHosts(values);
  } catch (error) {
    if (error instanceof HostMapError) throw new UsageError(`--switched: ${error.message}`);
    throw error;
  }
}

/** Rules whose fixes are never preferred because they change how the code connects; `--fix-rules` opts in. */
const REVIEW_FIX_RULES: readonly RuleId[] = ['access-key-auth', 'non-cluster-client'];

function parseFixRules(value: string | undefined, fix: boolean): RuleId[] {
  if (value === undefined) return [];
  if (!fix) throw new UsageError('--fix-rules needs --fix');
  const rules = value.split(',').map((rule) => rule.trim()).filter((rule) => rule !== '');
  for (const [index, rule] of rules.entries()) {
    if (!(REVIEW_FIX_RULES as readonly string[]).includes(rule)) {
      throw new UsageError(`--fix-rules takes ${REVIEW_FIX_RULES.join(', ')} (rule ${index + 1} of the list is not one of them)`);
    }
  }
  if (rules.length === 0) throw new UsageError('--fix-rules needs at least one rule');
  return rules as RuleId[];
}

async function scan(options: ScanOptions, io: CliIo): Promise<number> {
  const settings: ScanSettings = {
    ...DEFAULT_SCAN_SETTINGS,
    clusterPolicy: options.clusterPolicy,
    ...(options.hostMapFile === undefined ? {} : { hostMap: await readHostMap(resolve(io.cwd, options.hostMapFile)) }),
    ...(options.switchedHosts ? { switchedHosts: options.switchedHosts } : {}),
  };
  const roots = options.paths.map((path) => resolve(io.cwd, path));
  const folders: string[] = [io.cwd];
  for (const [index, root] of roots.entries()) {
    const found = await stat(root).catch((error: unknown) => {
      throw new ScanFailure(`cannot scan '${options.paths[index]}': ${describeError(error)}`);
    });
    folders.push(found.isDirectory() ? root : dirname(root));
  }
  // Fixes add packages to the dependency file nearest the fixed file, up to a scanned folder or the current one.
  const dependencyFiles = new DependencyFilesOnDisk(folders, settings.maxFileBytes);

  // Loaded here, not at start-up: the scanner brings in the TypeScript compiler, which other commands and
  // `--help` do not need.
  const [{ prepareScan, scanSources }, { RULES }] = await Promise.all([import('../../core/scan/scanner'), import('../../core/rules')]);
  const started = performance.now();
  // The passes of --fix compare and rewrite files by the texts they were scanned from: they keep every text.
  const { inputs, skipped, unread, files } = await readInputs(roots, settings.maxFileBytes, io.signal, options.fix ? undefined : UNREAD_SCRIPTS);
  io.signal.throwIfAborted();
  const unreadFiles = new Set(unread);
  const host = () => ({
    dependencyFiles: dependencyFiles.source(),
    // Files left unread are still neighbours of the others, and an input may import a constant from one.
    ...(unread.length > 0 ? { files, readText: (path: string) => (unreadFiles.has(path) ? textOnDisk(path, settings.maxFileBytes) : undefined) } : {}),
  });
  // Once for the whole run: fixes change files of the kinds read here, so later passes need nothing more.
  await prepareScan(inputs, settings);
  let result = scanSources(inputs, settings, RULES, host());

  let fixed: FixRun | undefined;
  if (options.fix) {
    const run = await applyFixesInPasses({
      inputs,
      result,
      scan: (scanned) => scanSources(scanned, settings, RULES, host()),
      apply: (plan, scanned) => fixFiles(plan.files, new Map([...dependencyFiles.texts, ...scanned]), io.signal),
      read: (file) => readFile(file, 'utf8'),
      reviewRules: options.fixRules,
      signal: io.signal,
    });
    if (run.interrupted) {
      // Said even when interrupted: the files are changed.
      if (run.passes.some((pass) => pass.outcomes.length > 0)) io.err(fixSummary(run.passes, settings, io));
      io.signal.throwIfAborted();
    }
    result = run.result;
    fixed = { summary: fixSummary(run.passes, settings, io), failed: run.passes.some((pass) => pass.failed) };
  }

  const report: ScanReport = {
    tool: { name: 'amr-migrate', version },
    cwd: io.cwd,
    findings: result.findings,
    skipped: [...skipped, ...result.skipped].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    filesScanned: countScanned(inputs, result) + unread.length,
    durationMs: performance.now() - started,
    rules: RULES.map((rule) => rule.meta),
  };
  const text = formatReport(report, options.format, io.isTTY && options.output === undefined);

  if (fixed) {
    // Said even when interrupted now: the files are changed. A machine-readable report on standard output
    // stays parseable.
    if (options.format !== 'text' && options.output === undefined) io.err(fixed.summary);
    else io.out(`${fixed.summary}\n`);
  }
  io.signal.throwIfAborted();
  if (options.output === undefined) {
    io.out(text);
  } else {
    await writeFile(resolve(io.cwd, options.output), text, 'utf8').catch((error: unknown) => {
      throw new ScanFailure(`cannot write '${options.output}': ${describeError(error)}`);
    });
  }
  if (fixed?.failed) return ExitCode.usage;
  return exitCodeFor(report, options.failOn);
}

/**
 * A JS/TS file whose text cannot hold a finding is left unread (most of a large scan's files): the scanner would
 * not parse it. Its first byte tells whether it may be one of amr-migrate's own reports, which are listed as skipped.
 */
const UNREAD_SCRIPTS: ReadFilter = {
  bytes: (path, bytes) => fileKindOf(path) !== 'script' || bytes[0] === 0x7b /* { */ || bytesMayHoldFindings(bytes),
  text: (path, text) => fileKindOf(path) !== 'script' || mayHoldFindings(text) || isAmrMigrateReport(text),
};

/**
 * The files to scan under `roots`, read, and those not scanned with the reason; those `filter` left unread, and
 * every readable file in order.
 */
async function readInputs(roots: string[], maxFileBytes: number, signal: AbortSignal, filter: ReadFilter | undefined) {
  const collected = await collectFiles(roots, { isScannable: (path) => fileKindOf(path) !== undefined, signal });
  const read = await readSourceFiles(collected.files, maxFileBytes, signal, filter);
  const inputs: SourceFileInput[] = [];
  const ownReports: SkippedFile[] = [];
  for (const input of read.inputs) {
    if (isAmrMigrateReport(input.text)) ownReports.push({ file: input.path, reason: 'a report written by amr-migrate' });
    else inputs.push(input);
  }
  const unread = new Set(read.unread);
  const kept = new Set(inputs.map((input) => input.path));
  return {
    inputs,
    skipped: [...collected.skipped, ...read.skipped, ...ownReports],
    unread: read.unread,
    files: collected.files.filter((path) => kept.has(path) || unread.has(path)),
  };
}

/** The text of a file left unread, as reading it for the scan gives it (undefined if it has gone meanwhile). */
function textOnDisk(path: string, maxFileBytes: number): string | undefined {
  const read = readSourceFile(path, maxFileBytes);
  return 'text' in read ? read.text : undefined;
}

interface FixRun {
  /** What changed and what was left alone, for the user. */
  summary: string;
  /** A file could not be read or written. */
  failed: boolean;
}

/** What the passes changed, file by file, and what the last one left alone. */
function fixSummary(passes: readonly FixPass[], settings: ScanSettings, io: CliIo): string {
  return formatFixSummary({ cwd: io.cwd, ...mergePasses(passes), hostMapGiven: settings.hostMap !== undefined });
}

async function readHostMap(path: string): Promise<HostMap> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ScanFailure(`cannot read the --host-map file: ${describeError(error)}`);
  }
  try {
    return parseHostMap(text);
  } catch (error) {
    if (error instanceof HostMapError) throw new ScanFailure(`--host-map file ${path}: ${error.message}`);
    throw error;
  }
}

function countScanned(inputs: readonly SourceFileInput[], result: ScanResult): number {
  const skipped = new Set(result.skipped.map((skipped) => skipped.file));
  return inputs.filter((input) => !skipped.has(input.path)).length;
}

function formatReport(report: ScanReport, format: Format, color: boolean): string {
  switch (format) {
    case 'json':
      return formatJsonReport(report);
    case 'sarif':
      return formatSarifReport(report);
    case 'text':
      return formatTextReport(report, { color });
  }
}

function exitCodeFor(report: ScanReport, failOn: FailOn): number {
  if (failOn === 'never') return ExitCode.ok;
  const threshold = SEVERITY_RANK[failOn];
  return report.findings.some((finding) => SEVERITY_RANK[finding.severity] >= threshold) ? ExitCode.findings : ExitCode.ok;
}
