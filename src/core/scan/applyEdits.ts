import type { TextEdit } from '../findings';

/**
 * Applies edits of one file to its text. Edits overlapping an earlier-starting one are dropped
 * (returned in `skipped`) so applying all preferred fixes at once never corrupts the text.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; skipped: TextEdit[] } {
  const ordered = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const skipped: TextEdit[] = [];
  let result = '';
  let position = 0;
  for (const edit of ordered) {
    if (edit.start < position || edit.end > text.length) {
      skipped.push(edit);
      continue;
    }
    result += text.slice(position, edit.start) + edit.newText;
    position = edit.end;
  }
  return { text: result + text.slice(position), skipped };
}
