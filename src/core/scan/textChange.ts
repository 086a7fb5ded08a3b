/** What differs between two texts, as one range: the text between their common prefix and common suffix. */
export interface TextChange {
  start: number;
  /** End of the changed range in the text before. */
  oldEnd: number;
  /** End of the changed range in the text after. */
  newEnd: number;
}

/** Characters compared at once while both texts agree: slices of equal strings compare natively, far faster than a loop. */
const COMPARE_BLOCK = 256;

/** The edit between two texts as one range: what lies between their common prefix and common suffix. */
export function textChange(before: string, after: string): TextChange {
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix + COMPARE_BLOCK <= shorter && before.slice(prefix, prefix + COMPARE_BLOCK) === after.slice(prefix, prefix + COMPARE_BLOCK)) {
    prefix += COMPARE_BLOCK;
  }
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  const beforeEnd = before.length;
  const afterEnd = after.length;
  let suffix = 0;
  while (
    suffix + COMPARE_BLOCK <= shorter - prefix &&
    before.slice(beforeEnd - suffix - COMPARE_BLOCK, beforeEnd - suffix) === after.slice(afterEnd - suffix - COMPARE_BLOCK, afterEnd - suffix)
  ) {
    suffix += COMPARE_BLOCK;
  }
  while (suffix < shorter - prefix && before.charCodeAt(beforeEnd - 1 - suffix) === after.charCodeAt(afterEnd - 1 - suffix)) suffix++;
  return { start: prefix, oldEnd: beforeEnd - suffix, newEnd: afterEnd - suffix };
}
