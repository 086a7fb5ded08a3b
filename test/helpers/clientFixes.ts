import type { RuleId, ScanSettings, SourceFileInput } from '../../src/core/findings';
import { DEFAULT_SCAN_SETTINGS } from '../../src/core/findings';
import { planFixes } from '../../src/core/fix/planFixes';
import { applyEdits } from '../../src/core/scan/applyEdits';
import { scanSources } from '../../src/core/scan/scanner';
import { RULES } from '../../src/core/rules';

/** As `scan --fix`: passes at most, a later one taking the fixes an earlier one left for overlapping. */
const MAX_PASSES = 3;

/**
 * Scans `files` (path → text) and applies the first fix of every finding of `rules` the way `--fix --fix-rules`
 * combines fixes (planFixes: identical edits once; overlapping fixes left for a further pass on the fixed code).
 * Created files are added. Returns every file, changed or not, and the messages and fix titles of the first scan's
 * findings of `rules`.
 */
export function applyRuleFixes(files: Record<string, string>, rules: RuleId | readonly RuleId[], settings: Partial<ScanSettings> = {}): {
  files: Record<string, string>;
  messages: string[];
  titles: string[];
} {
  const wanted: readonly RuleId[] = typeof rules === 'string' ? [rules] : rules;
  let fixed = { ...files };
  const first: { messages: string[]; titles: string[] } = { messages: [], titles: [] };
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const inputs: SourceFileInput[] = Object.entries(fixed).map(([path, text]) => ({ path, text }));
    const result = scanSources(inputs, { ...DEFAULT_SCAN_SETTINGS, ...settings }, RULES);
    const findings = result.findings
      .filter((finding) => wanted.includes(finding.ruleId))
      .map((finding) => ({ ...finding, fixes: finding.fixes.slice(0, 1).map((fix) => ({ ...fix, preferred: true })) }));
    if (pass === 1) {
      first.messages = findings.map((finding) => finding.message);
      first.titles = findings.flatMap((finding) => finding.fixes.map((fix) => fix.title));
    }
    const plan = planFixes(findings);
    const before = fixed;
    fixed = { ...fixed };
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
    if (plan.conflicting.length === 0 || JSON.stringify(fixed) === JSON.stringify(before)) break;
  }
  return { files: fixed, ...first };
}
