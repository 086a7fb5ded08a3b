/** Where a JSON value lies in its text. */
export interface JsonNode {
  start: number;
  /** Offset just past the value. */
  end: number;
  /** An object's members, in the order they are written; absent for any other value. */
  members?: JsonMember[];
}

/** One `"name": value` of an object. */
export interface JsonMember {
  name: string;
  /** Offset of the quoted name. */
  start: number;
  /** Offset just past the value. */
  end: number;
  value: JsonNode;
}

const SPACE = /[ \t\r\n]*/y;
const STRING = /"(?:[^"\\]|\\.)*"/y;
/** Numbers, true, false and null: everything up to the next delimiter. */
const SCALAR = /[^,\]}\s]+/y;

/**
 * The layout of `text` (offsets of every value and object member) when it is valid JSON, a leading byte order
 * mark allowed; `undefined` otherwise. Plain string scanning: editing a package.json must not need a compiler.
 */
export function jsonLayout(text: string): JsonNode | undefined {
  const start = text.startsWith('\uFEFF') ? 1 : 0;
  try {
    JSON.parse(text.slice(start));
    // Valid JSON from here on, so the reader below need not check what it skips.
    return readValue(text, skip(SPACE, text, start));
  } catch (error) {
    // Invalid JSON, or nesting deeper than the stack: either way there is no layout to edit.
    if (error instanceof SyntaxError || error instanceof RangeError) return undefined;
    throw error;
  }
}

function skip(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  pattern.test(text);
  return pattern.lastIndex;
}

function readValue(text: string, start: number): JsonNode {
  const first = text[start];
  if (first === '{' || first === '[') return readContainer(text, start);
  return { start, end: skip(first === '"' ? STRING : SCALAR, text, start) };
}

function readContainer(text: string, start: number): JsonNode {
  const isObject = text[start] === '{';
  const close = isObject ? '}' : ']';
  const members: JsonMember[] = [];
  let at = skip(SPACE, text, start + 1);
  while (text[at] !== close) {
    if (isObject) {
      const nameEnd = skip(STRING, text, at);
      const value = readValue(text, skip(SPACE, text, skip(SPACE, text, nameEnd) + 1));
      members.push({ name: JSON.parse(text.slice(at, nameEnd)) as string, start: at, end: value.end, value });
      at = value.end;
    } else {
      at = readValue(text, at).end;
    }
    at = skip(SPACE, text, at);
    if (text[at] === ',') at = skip(SPACE, text, at + 1);
  }
  return isObject ? { start, end: at + 1, members } : { start, end: at + 1 };
}
