import type { Rule, RuleReport } from '../rules/rule';
import type { Finding, RuleId, ScanResult, ScanSettings, Severity, SkippedFile, SourceFileInput } from '../findings';
import type { Endpoint, FileEvidence, Span } from '../evidence/evidence';
import { fileKindOf, type FileKind } from './fileKind';
import type { FrontEnd, FrontEndRun, ScanHost } from './frontEnd';
import { FRONT_ENDS } from './frontEnds';
import { LineIndex } from './lineIndex';

/**
 * Loads what the front ends need for `inputs` (grammars), then scans: the way to scan files of any language.
 * `scanSources` alone suffices when `prepareScan` ran before for the same kinds of files.
 */
export async function scanWhenReady(
  inputs: readonly SourceFileInput[],
  settings: ScanSettings,
  rules: readonly Rule[],
  host?: ScanHost,
): Promise<ScanResult> {
  await prepareScan(inputs, settings);
  return scanSources(inputs, settings, rules, host);
}

/** Lets each front end load what it needs for the readable inputs of its kinds (see FrontEnd.prepare). */
export async function prepareScan(inputs: readonly SourceFileInput[], settings: ScanSettings): Promise<void> {
  const byFrontEnd = new Map<FrontEnd, SourceFileInput[]>();
  for (const input of inputs) {
    const kind = fileKindOf(input.path);
    if (kind === undefined || scannable(input, settings) !== undefined) continue;
    const frontEnd: FrontEnd = FRONT_ENDS[kind];
    if (!frontEnd.prepare) continue;
    const group = byFrontEnd.get(frontEnd) ?? [];
    group.push(input);
    byFrontEnd.set(frontEnd, group);
  }
  await Promise.all([...byFrontEnd].map(([frontEnd, group]) => frontEnd.prepare?.(group)));
}

/**
 * Scans in-memory sources: the CLI reads files and the VS Code extension passes open documents.
 * Each file goes to the front end of its kind (FRONT_ENDS), which turns it into evidence; `rules` judge the
 * evidence. All inputs form one project, so constants imported from other inputs resolve. Never throws:
 * a file that cannot be scanned is returned in `skipped` with the reason.
 * `host` lets a live session (ScanSession) resolve imports beyond the inputs and reuse its syntax trees;
 * without it the scan reads nothing but its inputs.
 */
export function scanSources(inputs: readonly SourceFileInput[], settings: ScanSettings, rules: readonly Rule[], host?: ScanHost): ScanResult {
  const skipped: SkippedFile[] = [];
  const collected: FileEvidence[] = [];
  // Each once: a scan of thousands of files runs this code cold, where even naming a file's kind is not free.
  const kinds = inputs.map((input) => fileKindOf(input.path));
  const reasons = inputs.map((input, index) => (kinds[index] === undefined ? 'not a file type the scanner reads' : scannable(input, settings)));
  const readable = inputs.filter((_, index) => reasons[index] === undefined);
  const runs = new Map<FrontEnd, FrontEndRun>();
  const runFor = (kind: FileKind): FrontEndRun => {
    const frontEnd: FrontEnd = FRONT_ENDS[kind];
    let run = runs.get(frontEnd);
    if (!run) {
      run = frontEnd.begin({ all: inputs, readable, host });
      runs.set(frontEnd, run);
    }
    return run;
  };

  for (const [index, input] of inputs.entries()) {
    const kind = kinds[index];
    const reason = reasons[index];
    if (reason !== undefined || kind === undefined) {
      skipped.push({ file: input.path, reason: reason ?? 'not a file type the scanner reads' });
      continue;
    }
    try {
      const evidence = runFor(kind).analyze(input, kind);
      if (evidence) collected.push(evidence);
    } catch (error) {
      skipped.push({ file: input.path, reason: `could not be scanned: ${describe(error)}` });
    }
  }

  const texts = new Map(inputs.map((input) => [input.path, input.text]));
  // Findings may lie in imported files that are not inputs (a live scan): their lines come from the front ends.
  const textOf = (file: string) => texts.get(file) ?? firstDefined([...runs.values()], (run) => run.textOf(file)) ?? '';
  const findings = judge(dropTextReadByClients(collected), settings, rules, textOf);
  return { findings, skipped };
}

function firstDefined<T, R>(items: readonly T[], pick: (item: T) => R | undefined): R | undefined {
  for (const item of items) {
    const picked = pick(item);
    if (picked !== undefined) return picked;
  }
  return undefined;
}

/** Why a file is not scanned, or `undefined` when it is. */
export function scannable(input: SourceFileInput, settings: ScanSettings): string | undefined {
  // UTF-16 length bounds the UTF-8 size from below; count bytes only when it may matter.
  if (input.text.length > settings.maxFileBytes || Buffer.byteLength(input.text, 'utf8') > settings.maxFileBytes) {
    return `larger than ${settings.maxFileBytes} bytes`;
  }
  if (input.text.includes('\0')) return 'binary content (NUL bytes)';
  return undefined;
}

function describe(error: unknown): string {
  if (error instanceof RangeError) return 'nested too deeply to parse';
  return error instanceof Error ? error.message : String(error);
}

function spanKey(span: Span | undefined): string | undefined {
  return span && `${span.file}\0${span.start}\0${span.end}`;
}

function partKeys(endpoint: Endpoint): string[] {
  const spans = [endpoint.host.kind === 'known' ? endpoint.host.span : undefined, endpoint.scheme?.span, endpoint.port?.span];
  return spans.map(spanKey).filter((key): key is string => key !== undefined);
}

function dropTextReadByClients(collected: FileEvidence[]): FileEvidence[] {
  const readByClients = new Set(
    collected.flatMap((evidence) => evidence.endpoints.filter((endpoint) => endpoint.client).flatMap(partKeys)),
  );
  return collected.map((evidence) => ({
    ...evidence,
    endpoints: evidence.endpoints.filter(
      (endpoint) => !endpoint.fromText || !partKeys(endpoint).some((key) => readByClients.has(key)),
    ),
  }));
}

function judge(collected: FileEvidence[], settings: ScanSettings, rules: readonly Rule[], textOf: (file: string) => string): Finding[] {
  const lineIndexes = new Map<string, LineIndex>();
  const lineIndex = (file: string) => {
    let index = lineIndexes.get(file);
    if (!index) {
      index = new LineIndex(textOf(file));
      lineIndexes.set(file, index);
    }
    return index;
  };
  const findings = new Map<string, Finding>();
  for (const rule of rules) {
    const severity = severityOf(rule, settings);
    if (severity === 'off') continue;
    const report = (found: RuleReport) => {
      const key = `${rule.meta.id}\0${spanKey(found.span)}`;
      if (findings.has(key)) return;
      findings.set(key, toFinding(rule.meta.id, capped(severity, found.severityCap), found, lineIndex(found.span.file)));
    };
    for (const evidence of collected) rule.check(evidence, { settings, report });
  }
  return [...findings.values()].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId)),
  );
}

const SEVERITY_ORDER: readonly Severity[] = ['info', 'warning', 'error'];

function capped(severity: Severity, cap: Severity | undefined): Severity {
  return cap !== undefined && SEVERITY_ORDER.indexOf(cap) < SEVERITY_ORDER.indexOf(severity) ? cap : severity;
}

function severityOf(rule: Rule, settings: ScanSettings): Severity | 'off' {
  return settings.severities[rule.meta.id] ?? rule.meta.defaultSeverity;
}

function toFinding(ruleId: RuleId, severity: Severity, found: RuleReport, lines: LineIndex): Finding {
  const start = lines.position(found.span.start);
  const end = lines.position(found.span.end);
  return {
    ruleId,
    severity,
    file: found.span.file,
    start: found.span.start,
    end: found.span.end,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    message: found.message,
    fixes: found.fixes ?? [],
  };
}
