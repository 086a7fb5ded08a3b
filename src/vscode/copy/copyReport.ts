/** What the editor shows of a copy: the progress line, the closing summary and the Markdown report. Pure, unit-tested. */
import type { CopyResult } from '../../core/copy/copyEngine';
import { formatBytes } from '../../core/formatBytes';
import { formatDuration, type CopyProgress } from '../../core/copy/progress';

const number = (n: number) => n.toLocaleString('en-US');

/** `12,345 / 100,000 keys · 3.2 MiB · 25,000 keys/s · 4s left` */
export function progressText(p: CopyProgress): string {
  const keys = `${number(p.keysDone)}${p.keysTotal !== undefined ? ` / ${number(p.keysTotal)}` : ''} keys`;
  const parts = [p.phase === 'verify' ? `Verifying: ${keys}` : keys];
  if (p.phase === 'copy') parts.push(formatBytes(p.bytes));
  parts.push(`${number(Math.round(p.keysPerSecond))} keys/s`);
  if (p.etaSeconds !== undefined) parts.push(`${formatDuration(p.etaSeconds)} left`);
  return parts.join(' · ');
}

/** Percent of the copy phase done, 0–100; verification has no share of the bar (its total is unknown when sampling). */
export function copyPercent(p: CopyProgress): number {
  if (p.phase !== 'copy' || !p.keysTotal) return 0;
  return Math.min(100, (100 * p.keysDone) / p.keysTotal);
}

/** Problems the user must look at: a clean run has none. */
export function problemCount(result: CopyResult): number {
  return (result.verification ? result.verification.missing + result.verification.different : 0) + result.counts.conflicts;
}

/** One sentence for the closing notification. */
export function copySummary(result: CopyResult, targetName: string): string {
  if (result.dryRun) {
    const bytes = result.estimate?.bytes;
    return `Dry run: ${number(result.sourceKeys)} keys${bytes === undefined ? '' : ` (${formatBytes(bytes)})`} would be copied; `
      + `the target holds ${number(result.targetKeysBefore)} keys.`;
  }
  const c = result.counts;
  const v = result.verification;
  const verified = v ? ` Verification (${v.mode}): ${number(v.missing)} missing, ${number(v.different)} different.` : ' Not verified.';
  const conflicts = c.conflicts ? ` ${number(c.conflicts)} keys already on the target with another value were left alone.` : '';
  return `Copied ${number(c.copied)} keys (${formatBytes(c.bytes)}) to ${targetName} in ${formatDuration(result.durationMs / 1000)}.${verified}${conflicts}`;
}

/** A fenced block longer than any backtick run in the keys, so key names show verbatim. */
function keyBlock(lines: string[]): string[] {
  const longest = Math.max(2, ...lines.map((line) => Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length))));
  const fence = '`'.repeat(longest + 1);
  return [fence, ...lines, fence];
}

/** The report document: counts, and every missing, different and clashing key the engine listed. */
export function copyReportMarkdown(result: CopyResult, names: { source: string; target: string }): string {
  const c = result.counts;
  const lines = [
    `# Copy report: ${names.source} → ${names.target}`,
    '',
    `- Source: \`${result.source}\` (${number(result.sourceKeys)} keys at the start)`,
    `- Target: \`${result.target}\` (${number(result.targetKeysBefore)} keys before the copy)`,
    `- Duration: ${formatDuration(result.durationMs / 1000)}`,
    '',
    '| | keys |',
    '|---|---:|',
    `| copied | ${number(c.copied)} |`,
    `| …of which element by element (RESTORE refused) | ${number(c.copiedByType)} |`,
    `| already on the target with the same value | ${number(c.alreadyPresent)} |`,
    `| on the target with another value (left alone) | ${number(c.conflicts)} |`,
    `| expired or deleted on the source during the copy | ${number(c.vanished)} |`,
    '',
    `Bytes read from the source: ${formatBytes(c.bytes)}.`,
  ];
  if (result.conflictKeys.length) {
    lines.push('', `## Keys left alone (first ${result.conflictKeys.length})`, '', ...keyBlock(result.conflictKeys));
  }
  const v = result.verification;
  if (!v) {
    lines.push('', '## Verification', '', 'Skipped: keys changed during the copy were not checked.');
    return `${lines.join('\n')}\n`;
  }
  lines.push('', `## Verification (${v.mode === 'full' ? 'every key' : 'random sample'})`, '',
    `${number(v.keysChecked)} keys compared: **${number(v.missing)} missing**, **${number(v.different)} different**.`);
  const types = [...new Set([...Object.keys(v.sourceTypes), ...Object.keys(v.targetTypes)])].sort();
  if (types.length) {
    lines.push('', '| type | source | target |', '|---|---:|---:|',
      ...types.map((type) => `| ${type} | ${number(v.sourceTypes[type] ?? 0)} | ${number(v.targetTypes[type] ?? 0)} |`));
  }
  if (v.missingKeys.length) {
    lines.push('', `### Missing on the target${v.missing > v.missingKeys.length ? ` (first ${v.missingKeys.length} of ${number(v.missing)})` : ''}`, '',
      ...keyBlock(v.missingKeys));
  }
  if (v.differentKeys.length) {
    lines.push('', `### Different${v.different > v.differentKeys.length ? ` (first ${v.differentKeys.length} of ${number(v.different)})` : ''}`, '',
      ...keyBlock(v.differentKeys.map((d) => `${d.key}  — ${d.reason}: ${d.detail}`)));
  }
  if (v.missing + v.different > 0) {
    lines.push('', 'Keys written on the source during the copy show up here: copy again with overwrite, or check the application kept writing.');
  }
  return `${lines.join('\n')}\n`;
}
