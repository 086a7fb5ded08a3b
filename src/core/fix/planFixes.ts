import type { Finding, Fix, TextEdit } from '../findings';

export interface PlannedFix {
  finding: Finding;
  fix: Fix;
}

export interface FileEdits {
  /** Non-overlapping edits of one file, in any order. */
  edits: TextEdit[];
  /** The fixes with an edit in this file. */
  fixes: PlannedFix[];
}

export interface FixPlan {
  /** By absolute path. */
  files: Map<string, FileEdits>;
  /** Findings without a preferred fix, e.g. a host with no target given. */
  unfixable: Finding[];
  /** Preferred fixes left out because they overlap one taken earlier; running `--fix` again applies them. */
  conflicting: PlannedFix[];
}

/**
 * Chooses, for every finding, its preferred fix, keeping a fix only when none of its edits overlaps an edit
 * already taken (a fix is all or nothing, even across files). An edit identical to one taken is the same change
 * asked twice and counts as done.
 */
export function planFixes(findings: readonly Finding[]): FixPlan {
  const files = new Map<string, FileEdits>();
  const unfixable: Finding[] = [];
  const conflicting: PlannedFix[] = [];
  for (const finding of findings) {
    const fix = finding.fixes.find((candidate) => candidate.preferred);
    if (!fix || fix.edits.length === 0) {
      unfixable.push(finding);
      continue;
    }
    const planned = { finding, fix };
    const fresh = fix.edits.filter((edit) => !(files.get(edit.file)?.edits ?? []).some((taken) => sameEdit(taken, edit)));
    const clashes = fresh.some(
      (edit, i) =>
        fresh.some((other, j) => i !== j && overlaps(edit, other)) ||
        (files.get(edit.file)?.edits ?? []).some((taken) => overlaps(taken, edit)),
    );
    if (clashes) {
      conflicting.push(planned);
      continue;
    }
    for (const edit of fresh) fileEdits(files, edit.file).edits.push(edit);
    for (const file of new Set(fix.edits.map((edit) => edit.file))) fileEdits(files, file).fixes.push(planned);
  }
  return { files, unfixable, conflicting };
}

function fileEdits(files: Map<string, FileEdits>, file: string): FileEdits {
  let entry = files.get(file);
  if (!entry) {
    entry = { edits: [], fixes: [] };
    files.set(file, entry);
  }
  return entry;
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.file === b.file && a.start === b.start && a.end === b.end && a.newText === b.newText;
}

/** Ranges that share a character, or two edits at the same place (whose order would be a guess). */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  return a.file === b.file && ((a.start < b.end && b.start < a.end) || a.start === b.start);
}
