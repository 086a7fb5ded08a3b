import type { RuleId, ScanSettings, SourceFileInput } from '../../src/core/findings';
import { DEFAULT_SCAN_SETTINGS } from '../../src/core/findings';
import { planFixes } from '../../src/core/fix/planFixes';
import { applyEdits } from '../../src/core/scan/applyEdits';
import { scanSources } from '../../src/core/scan/scanner';

/**
 * Scans `files` (path → text) and applies the first fix of every finding of `ruleId` the way `--fix` combines
 * fixes (planFixes: identical edits once, overlapping fixes left for the next run). Created files are added.
 * Returns every file, changed or not, and the messages of the rule's findings.
 */
export function applyRuleFixes(files: Record<string, string>, ruleId: RuleId, settings: Partial<ScanSettings> = {}): {
  files: Record<string, string>;
  messages: string[];
  titles: string[];
} {
  const inputs: SourceFileInput[] = Object.entries(files).map(([path, text]) => ({ path, text }));
  const result = scanSources(inputs, { ...DEFAULT_SCAN_SETTINGS, ...settings });
  const findings = result.findings
    .filter((finding) => finding.ruleId === ruleId)
    .map((finding) => ({ ...finding, fixes: finding.fixes.slice(0, 1).map((fix) => ({ ...fix, preferred: true })) }));
  const plan = planFixes(findings);
  const fixed = { ...files };
  for (const [file, { edits }] of plan.files) {
    const created = edits.filter((edit) => edit.create);
    if (created.length > 0) {
      if (file in fixed && fixed[file] !== created[0]!.newText) throw new Error(`${file} exists with other content`);
      fixed[file] = created[0]!.newText;
      continue;
    }
    const { text, skipped } = applyEdits(fixed[file] ?? '', edits);
    if (skipped.length > 0) throw new Error(`overlapping edits in ${file}`);
    fixed[file] = text;
  }
  return {
    files: fixed,
    messages: result.findings.filter((finding) => finding.ruleId === ruleId).map((finding) => finding.message),
    titles: findings.flatMap((finding) => finding.fixes.map((fix) => fix.title)),
  };
}
