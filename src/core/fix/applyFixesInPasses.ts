import type { Finding, RuleId, ScanResult, SourceFileInput } from '../findings';
import type { FileFixOutcome } from './fixFiles';
import { planFixes, type FixPlan, type PlannedFix } from './planFixes';

/** Passes at most; the second one takes the fixes the first left for overlapping, a third is spare. */
export const MAX_FIX_PASSES = 3;

export interface FixPass {
  plan: FixPlan;
  outcomes: FileFixOutcome[];
  changedFiles: string[];
  failed: boolean;
  /** Fixes left out for overlapping one made in this pass. */
  leftOver: boolean;
}

export interface FixPassesOptions {
  inputs: readonly SourceFileInput[];
  /** The scan of `inputs`. */
  result: ScanResult;
  /** Scans the inputs again, as they are after a pass. */
  scan(inputs: readonly SourceFileInput[]): ScanResult;
  /** Makes a plan's edits (on disk, or anywhere else); `scanned` holds the texts the plan was computed on. */
  apply(plan: FixPlan, scanned: ReadonlyMap<string, string>): Promise<FileFixOutcome[]>;
  /** The text of a file as `apply` left it. */
  read(file: string): Promise<string>;
  /** Rules whose fix to review (not preferred: it changes how the code connects) the passes take too. */
  reviewRules?: readonly RuleId[];
  signal?: AbortSignal;
}

export interface FixPassesOutcome {
  passes: FixPass[];
  /** The inputs and their scan, as the passes left them. */
  inputs: readonly SourceFileInput[];
  result: ScanResult;
  /** `signal` was aborted after a pass: what the passes so far made stays made. */
  interrupted: boolean;
}

/**
 * Applies the preferred fixes, then scans again and applies those that overlapped a fix just made (Entra ID
 * and cluster client on one construction) or that the fixed code offers anew (a Jedis client the Entra ID fix
 * rewrote into a form the cluster fix reads), so one run ends where running it again would. Stops when a pass
 * changes nothing, fails, leaves nothing to fix, or after MAX_FIX_PASSES.
 */
export async function applyFixesInPasses(options: FixPassesOptions): Promise<FixPassesOutcome> {
  const passes: FixPass[] = [];
  let inputs = options.inputs;
  let result = options.result;
  const planOf = (scanned: ScanResult) => planFixes(withReviewFixes(scanned.findings, options.reviewRules ?? []));
  let plan = planOf(result);
  for (;;) {
    const outcomes = await options.apply(plan, new Map(inputs.map((input) => [input.path, input.text])));
    const pass: FixPass = {
      plan,
      outcomes,
      changedFiles: outcomes.filter((outcome) => outcome.applied.length > 0).map((outcome) => outcome.file),
      failed: outcomes.some((outcome) => outcome.error !== undefined),
      leftOver: plan.conflicting.length > 0,
    };
    passes.push(pass);
    if (options.signal?.aborted) return { passes, inputs, result, interrupted: true };
    // What is left is judged on the files as they are now.
    if (pass.changedFiles.length > 0) {
      const changed = new Set(pass.changedFiles);
      inputs = await Promise.all(
        inputs.map(async (input) => (changed.has(input.path) ? { path: input.path, text: await options.read(input.path) } : input)),
      );
      result = options.scan(inputs);
    }
    if (pass.changedFiles.length === 0 || pass.failed || passes.length >= MAX_FIX_PASSES) return { passes, inputs, result, interrupted: false };
    plan = planOf(result);
    if (plan.files.size === 0) return { passes, inputs, result, interrupted: false };
  }
}

export interface MergedPasses {
  /** What the passes did, one entry per file. */
  outcomes: FileFixOutcome[];
  /** What the last pass left alone. */
  unfixable: Finding[];
  conflicting: PlannedFix[];
}

/** The passes as one run, for a summary. */
export function mergePasses(passes: readonly FixPass[]): MergedPasses {
  const byFile = new Map<string, FileFixOutcome>();
  for (const outcome of passes.flatMap((pass) => pass.outcomes)) {
    const earlier = byFile.get(outcome.file);
    byFile.set(
      outcome.file,
      earlier ? { ...earlier, ...outcome, applied: [...earlier.applied, ...outcome.applied], created: earlier.created ?? outcome.created } : outcome,
    );
  }
  const last = passes.at(-1)?.plan;
  return { outcomes: [...byFile.values()], unfixable: last?.unfixable ?? [], conflicting: last?.conflicting ?? [] };
}

/** The findings with the first fix of each finding of `rules` that has no preferred one promoted to preferred. */
function withReviewFixes(findings: readonly Finding[], rules: readonly RuleId[]): readonly Finding[] {
  if (rules.length === 0) return findings;
  return findings.map((finding) => {
    if (!rules.includes(finding.ruleId) || finding.fixes.length === 0 || finding.fixes.some((fix) => fix.preferred)) return finding;
    const [first, ...rest] = finding.fixes;
    return { ...finding, fixes: [{ ...first!, preferred: true }, ...rest] };
  });
}
