import type { Fix } from '../findings';

function overlaps(a: { file: string; start: number; end: number }, b: { file: string; start: number; end: number }): boolean {
  if (a.file !== b.file) return false;
  // Two insertions at the same offset conflict too: their order would be arbitrary.
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

/**
 * Keeps whole fixes, in order, dropping any fix with an edit that overlaps an edit of a fix already kept,
 * so that applying all kept fixes at once is well defined. The dropped ones apply on a later run.
 */
export function nonOverlappingFixes(fixes: readonly Fix[]): Fix[] {
  const kept: Fix[] = [];
  const taken: Fix['edits'] = [];
  for (const fix of fixes) {
    if (fix.edits.some((edit) => taken.some((other) => overlaps(edit, other)))) continue;
    kept.push(fix);
    taken.push(...fix.edits);
  }
  return kept;
}
