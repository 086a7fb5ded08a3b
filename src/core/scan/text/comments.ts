import type { FileKind } from '../fileKind';

/** Sorted, disjoint [start, end) ranges of a config file's comments. */
export type CommentRanges = ReadonlyArray<readonly [number, number]>;

/** Per config format, what a comment looks like: whole `#` lines, `!` lines in .properties, XML and JSONC comments. */
const COMMENT_PATTERNS: Partial<Record<FileKind, RegExp>> = {
  env: /^[ \t]*#[^\r\n]*/gm,
  yaml: /^[ \t]*#[^\r\n]*/gm,
  properties: /^[ \t]*[#!][^\r\n]*/gm,
  'xml-config': /<!--[\s\S]*?(?:-->|$)/g,
  // The closing quote is optional so an unterminated string ends the match instead of being retried from every quote.
  json: /"(?:[^"\\\n]|\\.)*"?|\/\/[^\r\n]*|\/\*[\s\S]*?(?:\*\/|$)/g,
};

/**
 * The comments of a config file. Strings of JSON are matched too, so `"//"` inside one starts no comment; only the
 * comments are returned. Code read as text (C#, Python, Java) is left to its own front end: no ranges.
 */
export function commentRanges(text: string, kind: FileKind): CommentRanges {
  const pattern = COMMENT_PATTERNS[kind];
  if (!pattern) return [];
  const ranges: Array<[number, number]> = [];
  for (const match of text.matchAll(pattern)) {
    if (match[0].startsWith('"')) continue;
    ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
}

/** Whether `offset` lies inside one of `ranges` (binary search). */
export function inComment(ranges: CommentRanges, offset: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, end] = ranges[middle]!;
    if (offset < start) high = middle - 1;
    else if (offset >= end) low = middle + 1;
    else return true;
  }
  return false;
}
