import type { FileEvidence, Span } from '../evidence/evidence';
import type { Fix, RuleMeta, ScanSettings, Severity } from '../findings';

/** What a rule reports: the scanner adds severity, positions and the rule id. */
export interface RuleReport {
  span: Span;
  message: string;
  fixes?: Fix[];
  /** The highest severity this finding may have (a host in a comment is information at most). */
  severityCap?: Severity;
}

export interface RuleContext {
  readonly settings: ScanSettings;
  report(report: RuleReport): void;
}

/** One rule: its metadata and a judge over the evidence the extractors found in one file. */
export interface Rule {
  readonly meta: RuleMeta;
  check(evidence: FileEvidence, context: RuleContext): void;
}

/** A single-edit fix replacing `span` with `newText`. */
export function replaceFix(title: string, span: Span, newText: string, preferred: boolean): Fix {
  return { title, preferred, edits: [{ file: span.file, start: span.start, end: span.end, newText }] };
}
