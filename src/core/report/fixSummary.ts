import type { Finding } from '../findings';
import type { FileFixOutcome } from '../fix/fixFiles';
import type { PlannedFix } from '../fix/planFixes';
import { displayPath } from './scanReport';
import { redactCredentials } from './redaction';
import { escapeControlCharacters } from './terminalText';

export interface FixSummaryInput {
  cwd: string;
  outcomes: readonly FileFixOutcome[];
  unfixable: readonly Finding[];
  conflicting: readonly PlannedFix[];
  /** Whether `--host-map` was given, to say what a host finding without a fix needs. */
  hostMapGiven: boolean;
}

/**
 * What `scan --fix` changed: per file the number of fixes and one line per fix (position as scanned and the fix
 * title, never the replaced text, which may hold a key), then what was left alone and why.
 */
export function formatFixSummary(input: FixSummaryInput): string {
  const count = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;
  const path = (file: string) => displayPath(input.cwd, file);
  const changed = input.outcomes.filter((outcome) => outcome.applied.length > 0);
  // A fix may change several files (a module it creates, package.json): count each finding once.
  const fixedFindings = new Set(changed.flatMap((outcome) => outcome.applied.map((planned) => planned.finding))).size;
  const lines: string[] = [];
  if (changed.length === 0) lines.push('No changes: nothing to fix automatically.');
  else lines.push(`Fixed ${count(fixedFindings, 'finding')} in ${count(changed.length, 'file')}:`);
  for (const outcome of changed) {
    lines.push(`  ${path(outcome.file)}  ${count(outcome.applied.length, 'fix', 'fixes')}${outcome.created ? ' (new file)' : ''}`);
    for (const { finding, fix } of outcome.applied) lines.push(`    ${finding.line}:${finding.column}  ${fix.title}`);
  }

  const notFixed: string[] = [];
  for (const outcome of input.outcomes) {
    const why = outcome.error ?? outcome.problem;
    if (why) notFixed.push(`  ${path(outcome.file)}  ${why}`);
  }
  const hosts = input.unfixable.filter((finding) => finding.ruleId === 'legacy-hostname');
  if (hosts.length > 0) {
    const need = input.hostMapGiven ? 'no target in the --host-map file' : 'no target host; give one with --host-map FILE';
    notFixed.push(`  ${count(hosts.length, 'legacy-hostname finding')} left alone: ${need}`);
  }
  if (input.conflicting.length > 0) {
    notFixed.push(`  ${count(input.conflicting.length, 'fix', 'fixes')} overlapping another fix; run --fix again to apply`);
  }
  const others = input.unfixable.filter((finding) => finding.ruleId !== 'legacy-hostname');
  if (others.length > 0) {
    const byRule = new Map<string, number>();
    for (const finding of others) byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
    const rules = [...byRule].map(([rule, n]) => `${rule} ${n}`).join(', ');
    notFixed.push(`  ${count(others.length, 'finding')} with no automatic fix (${rules})`);
  }
  if (notFixed.length > 0) lines.push('Not fixed:', ...notFixed);
  return `${escapeControlCharacters(redactCredentials(lines.join('\n')))}\n`;
}
