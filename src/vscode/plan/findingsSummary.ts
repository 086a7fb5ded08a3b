/** The workspace's findings grouped per rule, so the plan's client changes can say where the code must change. */
import type { Finding } from '../../core/findings';

export interface FindingLocation {
  /** Absolute path, as the scanner reported it. */
  file: string;
  /** Path shown to the user (workspace-relative). */
  label: string;
  line: number;
  column: number;
}

export interface RuleFindings {
  count: number;
  /** Sorted by file and position. */
  locations: FindingLocation[];
}

export type FindingsSummary = ReadonlyMap<string, RuleFindings>;

export function summarizeFindings(findings: readonly Finding[], displayPath: (file: string) => string): FindingsSummary {
  const byRule = new Map<string, RuleFindings>();
  for (const finding of findings) {
    const entry = byRule.get(finding.ruleId) ?? { count: 0, locations: [] };
    entry.count += 1;
    entry.locations.push({ file: finding.file, label: displayPath(finding.file), line: finding.line, column: finding.column });
    byRule.set(finding.ruleId, entry);
  }
  for (const entry of byRule.values()) {
    entry.locations.sort((a, b) => a.label.localeCompare(b.label) || a.line - b.line || a.column - b.column);
  }
  return byRule;
}
