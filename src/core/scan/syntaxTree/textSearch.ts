import type { Node } from '@vscode/tree-sitter-wasm';
import { legacySuffixesIn } from '../../evidence/hosts';
import { escapedText } from '../../regExpText';

/**
 * Finding the few nodes a reader needs from the file's text instead of walking the whole tree: every step of a walk
 * crosses from JavaScript into WebAssembly, while a search of the text is cheap and only its matches are looked up
 * in the tree (`descendantForIndex`). Each search is a superset of what the reader accepts; the nodes found are then
 * checked as the walk checked them, so the result is the same.
 */

/**
 * A pattern matching any of `names` written whole (not inside a longer identifier), for `matchAll`; with `followedBy`,
 * only where the text after the name matches it.
 */
export function wholeNames(names: readonly string[], flags = '', followedBy = ''): RegExp {
  const after = followedBy ? `(?=${followedBy})` : '';
  const alternatives = names.map(escapedText).join('|');
  const source = `(?<![\\p{L}\\p{N}_])(?:${alternatives})(?![\\p{L}\\p{N}_])${after}`;
  // A case-blind search for the names alone is no quicker than the whole pattern; a name that is not a word (an
  // import's `.` or empty alias) could match inside another.
  const quick = !flags.includes('i') && names.every((name) => WORD.test(name));
  return quick ? new WholeNamePattern(source, `gu${flags}`, alternatives) : new RegExp(source, `gu${flags}`);
}

/** A name of letters, digits and `_` only. */
const WORD = /^[\p{L}\p{N}_]+$/u;

/**
 * A `wholeNames` pattern of names that are words, whose `matchAll` (what `text.matchAll(pattern)` runs) gives the same matches faster (a tenth
 * of the time for one name): a search for the names alone, which the engine runs as a quick scan for their letters,
 * then the whole pattern tried where a name starts, where the assertions around the names made the engine try them
 * at every offset. No match can start inside a name found, as a letter, digit or `_` stands before it there.
 */
class WholeNamePattern extends RegExp {
  private readonly names: RegExp;
  private readonly atOffset: RegExp;

  constructor(source: string, flags: string, alternatives: string) {
    super(source, flags);
    this.names = new RegExp(alternatives, flags);
    this.atOffset = new RegExp(source, flags.replace('g', 'y'));
  }

  override [Symbol.matchAll](text: string): RegExpStringIterator<RegExpExecArray> {
    return this.matchesIn(text);
  }

  private *matchesIn(text: string): Generator<RegExpExecArray, undefined> {
    const names = new RegExp(this.names);
    for (let name = names.exec(text); name; name = names.exec(text)) {
      this.atOffset.lastIndex = name.index;
      const match = this.atOffset.exec(text);
      if (match) {
        names.lastIndex = match.index + match[0].length;
        yield match;
      }
    }
  }
}

/** The nodes that span exactly a match of `pattern` (global) in `text`, in text order. */
export function nodesAtMatches(root: Node, text: string, pattern: RegExp): Node[] {
  return nodesAt(root, Array.from(text.matchAll(pattern), (match): [number, number] => [match.index, match.index + match[0].length]));
}

/** The nodes that span exactly each of `ranges` ([start, end) offsets), in their order. */
export function nodesAt(root: Node, ranges: Iterable<readonly [number, number]>): Node[] {
  const found: Node[] = [];
  for (const [start, end] of ranges) {
    const node = nodeAt(root, start, end);
    if (node) found.push(node);
  }
  return found;
}

/** The node that spans exactly [start, end), if one does: the smallest node holding it, one lookup. */
export function nodeAt(root: Node, start: number, end: number): Node | undefined {
  const node = root.descendantForIndex(start, end);
  return node && node.startIndex === start && node.endIndex === end ? node : undefined;
}

/** Whether a character code is an ASCII letter, digit or `_`: told without a Unicode pattern, for the common case. */
export function isAsciiWordCode(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x5f;
}

/** A letter, digit or `_`, with the flags a case-blind name search reads it with. */
const WORD_CHARACTER = /[\p{L}\p{N}_]/iu;

/** The character (code point) that ends at `at`. */
function characterBefore(text: string, at: number): string {
  const low = text.charCodeAt(at - 1);
  const high = text.charCodeAt(at - 2);
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? text.slice(at - 2, at) : text.slice(at - 1, at);
}

/**
 * Where the whole words of `text` (runs of letters, digits and `_`) holding a match of `part` (global, case-blind
 * and unicode; matching word characters only) are, in text order: what the pattern
 * `(?<![\p{L}\p{N}_])[\p{L}\p{N}_]*(?:part)[\p{L}\p{N}_]*(?![\p{L}\p{N}_])` finds, without trying it at every offset.
 */
export function wordsHolding(text: string, part: RegExp): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  part.lastIndex = 0;
  for (let match = part.exec(text); match; match = part.exec(text)) {
    let start = match.index;
    for (let before = characterBefore(text, start); start > 0 && WORD_CHARACTER.test(before); before = characterBefore(text, start)) start -= before.length;
    let end = match.index + match[0].length;
    for (let after = String.fromCodePoint(text.codePointAt(end) ?? 0); end < text.length && WORD_CHARACTER.test(after); after = String.fromCodePoint(text.codePointAt(end) ?? 0)) end += after.length;
    found.push([start, end]);
    part.lastIndex = end;
  }
  return found;
}

/**
 * For each match of `pattern` (global, its first group capturing text after the match in a lookahead), the smallest
 * node holding the match and that text (`delete` and the `(` after it: the call, when it is one), and where the match
 * ends. One lookup per match, and no walk up through parents: each step to a parent searches down from the root.
 */
export function nodesAroundMatches(root: Node, text: string, pattern: RegExp): Array<{ node: Node; matchEnd: number }> {
  const found: Array<{ node: Node; matchEnd: number }> = [];
  for (const match of text.matchAll(pattern)) {
    const matchEnd = match.index + match[0].length;
    const node = root.descendantForIndex(match.index, matchEnd + (match[1]?.length ?? 0));
    if (node) found.push({ node, matchEnd });
  }
  return found;
}

/**
 * Whether two nodes are the same node: node objects are made anew at each crossing, so compared by their id (unique in
 * a tree), which JavaScript holds, where a comparison by place would cross into WebAssembly for the end and type.
 */
export function sameNode(a: Node | null | undefined, b: Node | null | undefined): boolean {
  return !!a && !!b && a.equals(b);
}

/** `nodes` in document order (an enclosing node before the nodes inside it), each once. */
export function inDocumentOrder(nodes: readonly Node[]): Node[] {
  const unique = new Map<number, Node>();
  for (const node of nodes) unique.set(node.id, node);
  return [...unique.values()].sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
}

/**
 * Node types of statements, declarations and the blocks and files that hold them: none of them is ever inside a
 * string literal or an import (Python's and Go's strings hold expressions at most), so a climb from a match looking
 * for those stops there instead of going on to the root.
 */
const STATEMENT_LEVEL = /(?:_statement|_declaration|_definition)$|^(?:block|module|source_file)$/;

/**
 * The nodes of `types` that hold a match of `pattern` (global), enclosing ones too, in document order. Sound for a
 * pattern that cannot match a literal's quote: a literal whose own text matches then holds a match of the whole text.
 * For types that never hold a statement (string literals): each match climbs from its node to its statement only.
 */
export function nodesHoldingMatches(root: Node, text: string, pattern: RegExp, types: ReadonlySet<string>): Node[] {
  const found: Node[] = [];
  for (const match of text.matchAll(pattern)) {
    for (let node = root.descendantForIndex(match.index, match.index + match[0].length); node; node = node.parent) {
      const type = node.type;
      if (types.has(type)) found.push(node);
      if (STATEMENT_LEVEL.test(type)) break;
    }
  }
  return inDocumentOrder(found);
}

/**
 * The comments that may name a legacy cache host (they hold one of its DNS suffixes), in document order, except
 * those inside a node of `skipped` (imports: parts of the file a reader does not look into, which hold no statement).
 */
export function commentsNamingLegacyHosts(root: Node, text: string, skipped: ReadonlySet<string>): Node[] {
  const found: Node[] = [];
  for (const match of legacySuffixesIn(text)) {
    const node = root.descendantForIndex(match.index, match.index + match[0].length);
    if (node?.type !== 'comment') continue;
    let inside = false;
    for (let parent = node.parent; parent && !inside; parent = parent.parent) {
      const type = parent.type;
      inside = skipped.has(type);
      if (STATEMENT_LEVEL.test(type)) break;
    }
    if (!inside) found.push(node);
  }
  return inDocumentOrder(found);
}
