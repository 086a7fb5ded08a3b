import { readFile } from 'node:fs/promises';
import type { TextEdit } from '../findings';
import type { FileEdits, PlannedFix } from './planFixes';
import { addsSyntaxErrors, prepareSyntaxCheck } from './syntaxCheck';
import { createFileAtomic, ReadOnlyFileError, writeFileAtomic } from './writeFileAtomic';
import { describeError } from '../files/describeError';
import { applyEdits } from '../scan/applyEdits';

/**
 * Where fixes are made: the files on disk (the CLI), or texts held in memory whose changes an editor shows before
 * making them (TextOverlay).
 */
export interface FixTarget {
  read(file: string): Promise<string>;
  /** Replaces a file's text; a file that may not be written throws ReadOnlyFileError. */
  write(file: string, text: string): Promise<void>;
  /** Creates a file that must not exist yet; throws an error with code EEXIST when it does. */
  create(file: string, text: string): Promise<void>;
}

export const DISK: FixTarget = {
  read: (file) => readFile(file, 'utf8'),
  write: writeFileAtomic,
  create: createFileAtomic,
};

export interface FileFixOutcome {
  file: string;
  /** The fixes written to the file; empty when it was left unchanged. */
  applied: PlannedFix[];
  /** Set when the fixes created the file (a module the fixed code imports). */
  created?: boolean;
  /** Why the file was left unchanged on purpose (changed since the scan, read-only, the fix would not parse). */
  problem?: string;
  /** The I/O error that kept the file from being fixed. */
  error?: string;
}

/**
 * Writes the planned edits into each file. The edits were computed on the text the scan read, so a file whose
 * content changed since is left alone rather than patched at stale offsets. Once `signal` is aborted it stops
 * between files and returns what it did so far (every file written is complete).
 */
export async function fixFiles(
  plan: ReadonlyMap<string, FileEdits>,
  scannedText: ReadonlyMap<string, string>,
  signal?: AbortSignal,
  target: FixTarget = DISK,
): Promise<FileFixOutcome[]> {
  const outcomes: FileFixOutcome[] = [];
  await prepareSyntaxCheck(plan.keys());
  for (const [file, { edits, fixes }] of plan) {
    if (signal?.aborted) break;
    if (edits.some((edit) => edit.create)) {
      outcomes.push(await createFile(file, edits, fixes, target));
      continue;
    }
    const scanned = scannedText.get(file);
    let current: string;
    try {
      current = await target.read(file);
    } catch (error) {
      outcomes.push({ file, applied: [], error: `not readable (${describeError(error)})` });
      continue;
    }
    if (scanned === undefined) {
      outcomes.push({ file, applied: [], problem: 'not among the scanned files, so its edits were not checked' });
      continue;
    }
    if (current !== scanned) {
      outcomes.push({ file, applied: [], problem: 'changed since it was scanned; run the scan again' });
      continue;
    }
    const { text: fixed, skipped } = applyEdits(current, edits);
    // planFixes hands over non-overlapping edits only; anything else is a bug, not a file to half-fix.
    if (skipped.length > 0) throw new Error(`overlapping fix edits for ${file}`);
    if (fixed === current) {
      outcomes.push({ file, applied: [] });
      continue;
    }
    if (addsSyntaxErrors(file, current, fixed)) {
      outcomes.push({ file, applied: [], problem: 'the fixed text would not parse (new syntax errors); left unchanged' });
      continue;
    }
    try {
      await target.write(file, fixed);
      outcomes.push({ file, applied: fixes });
    } catch (error) {
      if (error instanceof ReadOnlyFileError) outcomes.push({ file, applied: [], problem: 'read-only; skipped' });
      else outcomes.push({ file, applied: [], error: `not written (${describeError(error)})` });
    }
  }
  return outcomes;
}

/**
 * Creates a file a fix adds. One that exists by now is never overwritten: holding exactly the text it counts as
 * done (idempotent), anything else is left alone and said so.
 */
async function createFile(file: string, edits: readonly TextEdit[], fixes: PlannedFix[], target: FixTarget): Promise<FileFixOutcome> {
  const [edit, ...others] = edits;
  // planFixes merges identical edits, so anything more is a bug, not a file to guess the content of.
  if (!edit || others.length > 0 || !edit.create) throw new Error(`conflicting edits create ${file}`);
  if (addsSyntaxErrors(file, '', edit.newText)) return { file, applied: [], problem: 'the text to create would not parse; not created' };
  try {
    await target.create(file, edit.newText);
    return { file, applied: fixes, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return { file, applied: [], error: `not created (${describeError(error)})` };
  }
  const existing = await target.read(file).catch(() => undefined);
  if (existing === edit.newText) return { file, applied: [] };
  return { file, applied: [], problem: 'exists already with other content; not overwritten' };
}
