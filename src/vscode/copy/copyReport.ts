/** What the editor shows of a copy while it runs and the sentence it ends with (the report is core's). Pure, unit-tested. */
import type { CopyResult } from '../../core/copy/copyEngine';
import { formatBytes } from '../../core/formatBytes';
import { formatDuration, type CopyProgress } from '../../core/copy/progress';
import type { LiveStatus } from '../../core/copy/liveSync';

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

/** `In sync · 1,234 keys copied live, 5 deleted · lag 3 keys, oldest 0.2 s` (the notification and the status bar). */
export function liveStatusText(s: LiveStatus): string {
  const state = s.phase === 'draining' ? 'Cutting over: draining' : s.rescanning ? `Re-scanning ${s.rescanning} primary(ies)` : 'In sync';
  return `${state} · ${number(s.liveCopied)} keys copied live, ${number(s.liveDeleted)} deleted · lag ${number(s.waiting)} keys, `
    + `oldest ${(s.oldestMs / 1000).toFixed(1)} s`;
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
  const live = result.live
    ? ` Kept in sync until the cut-over: ${number(result.live.liveCopied)} keys copied live; `
      + `${v && v.missing + v.different + c.conflicts === 0 ? 'IN STEP — switch the application to the target now.' : 'NOT in step.'}`
    : '';
  return `Copied ${number(c.copied)} keys (${formatBytes(c.bytes)}) to ${targetName} in ${formatDuration(result.durationMs / 1000)}.${verified}${conflicts}${live}`;
}
