import { isAbsolute, relative, sep } from 'node:path';
import type { Finding, RuleMeta, SkippedFile } from '../findings';
import { redactCredentials, redactFinding, type ShownFinding } from './redaction';

/** Everything a report format shows about one scan; formatters turn it into text and never touch the disk. */
export interface ScanReport {
  tool: { name: string; version: string };
  /** Folder that reported paths are relative to (the user's current directory). */
  cwd: string;
  /** Sorted by file, then offset (as the scanner returns them). */
  findings: readonly Finding[];
  skipped: readonly SkippedFile[];
  filesScanned: number;
  durationMs: number;
  /** The rules that ran, for SARIF's rule table. */
  rules: readonly RuleMeta[];
}

/** `file` relative to `cwd` with `/` separators, as every format shows paths; absolute when on another drive. */
export function displayPath(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  if (rel === '') return '.';
  return isAbsolute(rel) ? file.split(sep).join('/') : rel.split(sep).join('/');
}

/** Findings of each file in report order. */
export function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.file);
    if (group) group.push(finding);
    else groups.set(finding.file, [finding]);
  }
  return groups;
}

/**
 * The findings and skipped files as every report format shows them: credentials in messages, fix titles, fix texts
 * and reasons redacted (a cluster fix copies a URL with its key; a parser error may quote a line).
 */
export function shownContent(report: ScanReport): { findings: ShownFinding[]; skipped: SkippedFile[] } {
  return {
    findings: report.findings.map(redactFinding),
    skipped: report.skipped.map((skipped) => ({ ...skipped, reason: redactCredentials(skipped.reason) })),
  };
}
