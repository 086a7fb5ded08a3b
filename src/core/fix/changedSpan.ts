/** The one replacement that turns `before` into `after`: the span between their common start and common end. */
export function changedSpan(before: string, after: string): { start: number; end: number; newText: string } {
  let start = 0;
  while (start < before.length && start < after.length && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < before.length - start && tail < after.length - start
    && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, end: before.length - tail, newText: after.slice(start, after.length - tail) };
}

/**
 * Replacements that turn `before` into `after`, one per changed line when the lines correspond one to one (fixes of
 * hosts, ports and schemes change text within lines), else the one span: a preview then shows each change where it is.
 */
export function changedSpans(before: string, after: string): { start: number; end: number; newText: string }[] {
  const whole = changedSpan(before, after);
  const oldLines = before.slice(whole.start, whole.end).split('\n');
  const newLines = whole.newText.split('\n');
  if (oldLines.length === 1 || oldLines.length !== newLines.length) return whole.start === whole.end && whole.newText === '' ? [] : [whole];
  const spans = [];
  let offset = whole.start;
  for (const [index, oldLine] of oldLines.entries()) {
    if (oldLine !== newLines[index]) {
      const span = changedSpan(oldLine, newLines[index]!);
      spans.push({ start: offset + span.start, end: offset + span.end, newText: span.newText });
    }
    offset += oldLine.length + 1;
  }
  return spans;
}
