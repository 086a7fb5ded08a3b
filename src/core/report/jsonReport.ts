import type { ScanReport } from './scanReport';
import { displayPath, shownContent } from './scanReport';

/**
 * The `--format json` document of docs/design/contracts.md: tool, findings (paths relative to the current directory,
 * 1-based positions, fixes with 0-based UTF-16 offsets, whether they are safe to apply unreviewed, and
 * `create: true` on an edit that creates its file with `newText`) and summary, plus `skipped` (file and reason).
 * Credentials are shown as `***` (see shownContent); `--fix` applies the real texts.
 */
export function formatJsonReport(report: ScanReport): string {
  const path = (file: string) => displayPath(report.cwd, file);
  const { findings, skipped } = shownContent(report);
  const document = {
    tool: report.tool,
    findings: findings.map((finding) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      file: path(finding.file),
      line: finding.line,
      column: finding.column,
      endLine: finding.endLine,
      endColumn: finding.endColumn,
      message: finding.message,
      fixes: finding.fixes.map((fix) => ({
        title: fix.title,
        // `false`: needs review (e.g. an Entra ID key removal breaks authentication until the code changes); --fix skips it.
        preferred: fix.preferred,
        edits: fix.edits.map((edit) => ({
          file: path(edit.file), start: edit.start, end: edit.end, newText: edit.newText, ...(edit.create ? { create: true } : {}),
          // A credential in the text is shown as ***: this edit cannot be applied from the report (--fix can).
          ...(edit.redacted ? { redacted: true } : {}),
        })),
      })),
    })),
    summary: {
      filesScanned: report.filesScanned,
      filesSkipped: skipped.length,
      durationMs: Math.round(report.durationMs),
    },
    skipped: skipped.map((entry) => ({ file: path(entry.file), reason: entry.reason })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
