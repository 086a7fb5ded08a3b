/**
 * What a finished copy reports, built once from the engine's result and rendered as terminal text (the CLI) or
 * as a Markdown document (the editor's report), so both say the same counts in the same words.
 */
import type { CopyResult } from './copyEngine';
import { formatDuration } from './progress';
import type { KeyDifference } from './verify';
import { formatBytes } from '../formatBytes';

/** The closing object of `copy --format json` (the contract: copied, skipped, missing, different, durationMs). */
export interface CopySummary {
  copied: number;
  skipped: number;
  missing: number;
  different: number;
  durationMs: number;
}

export interface CountRow {
  label: string;
  keys: number;
  /** Shown even at zero (the rows a reader looks for first). */
  always: boolean;
  /** The keys the row counts, as far as the engine listed them. */
  listed?: string[];
}

export interface CopyReport {
  dryRun: boolean;
  source: string;
  target: string;
  sourceKeys: number;
  targetKeysBefore: number;
  duration: string;
  bytes: string;
  /** Dry run: what a copy would move. */
  estimate?: { byType: Array<[string, number]>; bytes: string | undefined };
  counts: CountRow[];
  verification?: {
    mode: 'full' | 'sample';
    keysChecked: number;
    missing: number;
    different: number;
    /** Keys per type on each side, by type name. */
    types: Array<{ type: string; source: number; target: number }>;
    missingKeys: string[];
    differentKeys: KeyDifference[];
  };
  /** Live mode: what happened between the initial copy and the cut-over, and whether the target is in step. */
  live?: { lines: string[]; inStep: string };
  summary: CopySummary;
}

/** Said where keys are missing or different after a copy that ran while the application wrote. */
export const WRITTEN_DURING_COPY =
  'Keys written on the source during the copy show up here: copy them again with overwrite, or check whether the application kept writing.';
/** Said when verification was turned off. */
export const NOT_VERIFIED = 'keys changed during the copy were not checked.';

export function summarizeCopy(result: CopyResult): CopySummary {
  const c = result.counts;
  return {
    copied: c.copied,
    skipped: c.alreadyPresent + c.conflicts + c.vanished,
    missing: result.verification?.missing ?? 0,
    different: result.verification?.different ?? 0,
    durationMs: result.durationMs,
  };
}

/** Problems the user must look at: a clean run has none. */
export function problemCount(result: CopyResult): number {
  return (result.verification ? result.verification.missing + result.verification.different : 0) + result.counts.conflicts;
}

export function buildCopyReport(result: CopyResult): CopyReport {
  const c = result.counts;
  const v = result.verification;
  return {
    dryRun: result.dryRun,
    source: result.source,
    target: result.target,
    sourceKeys: result.sourceKeys,
    targetKeysBefore: result.targetKeysBefore,
    duration: formatDuration(result.durationMs / 1000),
    bytes: formatBytes(c.bytes),
    ...(result.estimate
      ? { estimate: { byType: Object.entries(result.estimate.byType), bytes: result.estimate.bytes === undefined ? undefined : formatBytes(result.estimate.bytes) } }
      : {}),
    counts: [
      { label: 'copied', keys: c.copied, always: true },
      { label: '…of which element by element (RESTORE refused)', keys: c.copiedByType, always: false },
      { label: 'already on the target with the same value', keys: c.alreadyPresent, always: false },
      { label: 'conflicts (on the target with another value; left alone)', keys: c.conflicts, always: false, listed: result.conflictKeys },
      { label: 'expired or deleted on the source during the copy', keys: c.vanished, always: false },
    ],
    ...(v
      ? {
        verification: {
          mode: v.mode,
          keysChecked: v.keysChecked,
          missing: v.missing,
          different: v.different,
          types: [...new Set([...Object.keys(v.sourceTypes), ...Object.keys(v.targetTypes)])]
            .sort()
            .map((type) => ({ type, source: v.sourceTypes[type] ?? 0, target: v.targetTypes[type] ?? 0 })),
          missingKeys: v.missingKeys,
          differentKeys: v.differentKeys,
        },
      }
      : {}),
    ...(result.live ? { live: liveLines(result) } : {}),
    summary: summarizeCopy(result),
  };
}

function liveLines(result: CopyResult): NonNullable<CopyReport['live']> {
  const l = result.live!;
  const lines = [
    `${l.liveCopied} keys copied again and ${l.liveDeleted} deleted as the source changed them (${l.events} notifications)`,
    `lag at the cut-over: ${l.waitingAtCutOver} keys waiting, the oldest for ${l.lagMs} ms; drained in ${l.drainMs} ms`,
  ];
  if (l.gaps + l.rescans > 0) lines.push(`notifications dropped ${l.gaps} time(s); ${l.rescans} primary re-scan(s) closed the gaps`);
  if (l.overflows > 0) lines.push(`changed keys outgrew the queue ${l.overflows} time(s) (at most ${l.peakWaiting} waited): re-scans copied them instead`);
  if (l.primariesAdded > 0) lines.push(`${l.primariesAdded} primary(ies) joined the source while it was followed: each subscribed to and re-scanned`);
  if (l.renewals > 0) lines.push(`subscriptions moved to a new socket ${l.renewals} time(s) for renewed Entra ID tokens, without a gap`);
  const v = result.verification;
  const inStep = !v ? 'not confirmed: the verification was skipped'
    : v.missing + v.different + result.counts.conflicts === 0
      ? `IN STEP: ${v.keysChecked} keys compared, 0 missing, 0 different, TTLs within 1 s — switch the application to the target now`
      : `NOT in step: ${v.missing} missing, ${v.different} different — is the application still writing to the source?`;
  return { lines, inStep };
}

/** The CLI's report: one fact per line, keys indented under their count. */
export function renderCopyText(report: CopyReport): string {
  const lines = [`${report.dryRun ? 'Dry run' : 'Copy'}: ${report.source} → ${report.target}`];
  if (report.estimate) {
    const byType = report.estimate.byType.map(([type, keys]) => `${type} ${keys}`).join(', ') || 'none';
    lines.push(`  source keys: ${report.sourceKeys} (${byType})`);
    lines.push(`  estimated size: ${report.estimate.bytes ?? 'unknown (MEMORY USAGE not allowed)'}`);
  }
  if (report.dryRun) {
    const needs = report.targetKeysBefore > 0 ? ' — a real copy needs --overwrite or --allow-non-empty-target' : '';
    lines.push(`  target keys: ${report.targetKeysBefore}${needs}`);
    return `${lines.join('\n')}\n`;
  }
  const [copied, ...others] = report.counts;
  lines.push(`  ${copied!.label}: ${copied!.keys} keys, ${report.bytes}`);
  for (const row of others) {
    if (row.keys === 0 && !row.always) continue;
    lines.push(`  ${row.label}: ${row.keys}`);
    for (const key of row.listed ?? []) lines.push(`    ${key}`);
  }
  const v = report.verification;
  if (v) {
    lines.push(`Verification (${v.mode}): ${v.keysChecked} keys checked, ${v.missing} missing, ${v.different} different`);
    for (const key of v.missingKeys) lines.push(`  missing: ${key}`);
    for (const d of v.differentKeys) lines.push(`  different (${d.reason}): ${d.key} — ${d.detail}`);
    lines.push(`  keys per type (source / target): ${v.types.map((t) => `${t.type} ${t.source}/${t.target}`).join(', ')}`);
    if (v.missing + v.different > 0) lines.push(`  ${WRITTEN_DURING_COPY}`);
  } else {
    lines.push(`Verification skipped: ${NOT_VERIFIED}`);
  }
  if (report.live) lines.push('Live copy until the cut-over:', ...report.live.lines.map((line) => `  ${line}`), `Cut-over: ${report.live.inStep}`);
  lines.push(`Done in ${report.duration}.`);
  return `${lines.join('\n')}\n`;
}

const number = (n: number) => n.toLocaleString('en-US');

/** A fenced block longer than any backtick run in the keys, so key names show verbatim. */
function keyBlock(lines: string[]): string[] {
  const longest = Math.max(2, ...lines.map((line) => Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length))));
  const fence = '`'.repeat(longest + 1);
  return [fence, ...lines, fence];
}

/** The editor's report document; `names` are the caches' names, the report's URLs hold no secret. */
export function renderCopyMarkdown(report: CopyReport, names: { source: string; target: string }): string {
  const lines = [
    `# Copy report: ${names.source} → ${names.target}`,
    '',
    `- Source: \`${report.source}\` (${number(report.sourceKeys)} keys at the start)`,
    `- Target: \`${report.target}\` (${number(report.targetKeysBefore)} keys before the copy)`,
    `- Duration: ${report.duration}`,
    '',
    '| | keys |',
    '|---|---:|',
    ...report.counts.map((row) => `| ${row.label} | ${number(row.keys)} |`),
    '',
    `Bytes read from the source: ${report.bytes}.`,
  ];
  for (const row of report.counts.filter((counted) => counted.listed?.length)) {
    lines.push('', `## Keys counted as ${row.label} (first ${row.listed!.length})`, '', ...keyBlock(row.listed!));
  }
  if (report.live) lines.push('', '## Live copy until the cut-over', '', ...report.live.lines.map((line) => `- ${line}`), '', `**Cut-over: ${report.live.inStep}**`);
  const v = report.verification;
  if (!v) {
    lines.push('', '## Verification', '', `Skipped: ${NOT_VERIFIED}`);
    return `${lines.join('\n')}\n`;
  }
  lines.push('', `## Verification (${v.mode === 'full' ? 'every key' : 'random sample'})`, '',
    `${number(v.keysChecked)} keys compared: **${number(v.missing)} missing**, **${number(v.different)} different**.`);
  if (v.types.length) {
    lines.push('', '| type | source | target |', '|---|---:|---:|',
      ...v.types.map((t) => `| ${t.type} | ${number(t.source)} | ${number(t.target)} |`));
  }
  if (v.missingKeys.length) {
    lines.push('', `### Missing on the target${v.missing > v.missingKeys.length ? ` (first ${v.missingKeys.length} of ${number(v.missing)})` : ''}`, '',
      ...keyBlock(v.missingKeys));
  }
  if (v.differentKeys.length) {
    lines.push('', `### Different${v.different > v.differentKeys.length ? ` (first ${v.differentKeys.length} of ${number(v.different)})` : ''}`, '',
      ...keyBlock(v.differentKeys.map((d) => `${d.key}  — ${d.reason}: ${d.detail}`)));
  }
  if (v.missing + v.different > 0) lines.push('', WRITTEN_DURING_COPY);
  return `${lines.join('\n')}\n`;
}
