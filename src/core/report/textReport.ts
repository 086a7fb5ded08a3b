import type { Severity } from '../findings';
import type { ScanReport } from './scanReport';
import { displayPath, groupByFile, shownContent } from './scanReport';
import { escapeControlCharacters as safe } from './terminalText';

export interface TextStyle {
  /** ANSI colours, only for a terminal. */
  color: boolean;
}

const SEVERITY_COLOR: Record<Severity, string> = { error: '31', warning: '33', info: '36' };

/**
 * What a person reads in a terminal: findings grouped by file as `file:line:col  severity  rule  message` with
 * the fix titles indented below, then the skipped files and a summary line. Source lines are never echoed, so
 * an access key in the code cannot reach the terminal, and messages and fix titles are shown with credentials redacted.
 */
export function formatTextReport(report: ScanReport, style: TextStyle): string {
  const paint = (code: string, text: string) => (style.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const lines: string[] = [];
  const shown = shownContent(report);
  const groups = groupByFile(shown.findings);
  for (const [file, findings] of groups) {
    const path = safe(displayPath(report.cwd, file));
    const width = Math.max(...findings.map((f) => `${f.line}:${f.column}`.length));
    for (const finding of findings) {
      const where = `${path}:${finding.line}:${finding.column}`;
      const pad = ' '.repeat(width - `${finding.line}:${finding.column}`.length);
      lines.push(
        `${paint('1', where)}${pad}  ${paint(SEVERITY_COLOR[finding.severity], finding.severity.padEnd(7))}  ` +
          `${paint('2', finding.ruleId)}  ${safe(finding.message)}`,
      );
      for (const fix of finding.fixes) {
        lines.push(paint('2', `    fix${fix.preferred ? '' : ' (review)'}: ${safe(fix.title)}`));
      }
    }
    lines.push('');
  }
  if (shown.skipped.length > 0) {
    lines.push('Skipped:');
    for (const skipped of shown.skipped) lines.push(`  ${safe(displayPath(report.cwd, skipped.file))}  ${safe(skipped.reason)}`);
    lines.push('');
  }
  lines.push(summaryLine(report, groups.size));
  return `${lines.join('\n')}\n`;
}

function summaryLine(report: ScanReport, filesWithFindings: number): string {
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const bySeverity = (['error', 'warning', 'info'] as const)
    .map((severity) => [severity, report.findings.filter((f) => f.severity === severity).length] as const)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => (severity === 'info' ? `${n} info` : count(n, severity)));
  const findings =
    report.findings.length === 0
      ? 'No findings'
      : `${count(report.findings.length, 'finding')} (${bySeverity.join(', ')}) in ${count(filesWithFindings, 'file')}`;
  return (
    `${findings}; ${count(report.filesScanned, 'file')} scanned, ${report.skipped.length} skipped; ` +
    `${Math.round(report.durationMs)} ms`
  );
}
