import type { TextEdit } from '../findings';

/**
 * Applies non-overlapping edits (UTF-16 offsets into `text`) from the end backwards, so earlier offsets stay
 * valid. Throws on an edit outside the text or overlapping another: applying it would corrupt the file.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let limit = text.length;
  for (const edit of ordered) {
    if (edit.start < 0 || edit.start > edit.end || edit.end > limit) {
      throw new RangeError(`edit [${edit.start}, ${edit.end}) of ${edit.file} is outside the text or overlaps another`);
    }
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    limit = edit.start;
  }
  return result;
}
