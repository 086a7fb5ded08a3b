/** The workspace's findings grouped per rule, so the plan's client changes can say where the code must change. */
import type { Finding } from '../../core/findings';
import type { UsageEvidence } from '../../core/plan/planModel';

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

/**
 * What the findings show about the cache's use. Only findings count: no `database-select` finding leaves the question
 * open (the workspace may not be scanned yet), so the plan keeps it as a check.
 */
export function usageEvidence(findings: FindingsSummary): UsageEvidence {
  const databaseSelect = findings.get('database-select')?.count ?? 0;
  return databaseSelect > 0 ? { databaseSelectFindings: databaseSelect } : {};
}
