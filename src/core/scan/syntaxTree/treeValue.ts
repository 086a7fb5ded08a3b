import type { Node } from '@vscode/tree-sitter-wasm';
import { type KeyArg, type SiteKey, type Span } from '../../evidence/evidence';
import { ComposedString, unknownPart, type Piece } from '../sourcedString';
import { nodesAtMatches, wholeNames } from './textSearch';

/**
 * What an expression of a language read through a syntax tree evaluates to, as far as the scan can tell: strings
 * keep where each character is written (constants, f-strings, concatenation), so findings land on the literal.
 */
export type TreeValue =
  | { kind: 'string'; value: ComposedString }
  | { kind: 'number'; value: number; span: Span | undefined }
  | { kind: 'boolean'; value: boolean; span: Span | undefined }
  | { kind: 'nothing' }
  | { kind: 'unknown' };

export const UNKNOWN: TreeValue = { kind: 'unknown' };

/** How deep names may refer to names before the scan gives up (also stops cycles). */
export const MAX_DEPTH = 12;

/**
 * Evaluates the expressions of one file of a language whose values are found by name (Python, Go): what every such
 * language writes alike (integers, booleans, its null, parentheses, names) here, the rest in `languageValue`.
 *
 * The expressions each simple name is assigned in a file; a name assigned once stands for its expression. The
 * assignments of a name are searched in the text when a value first needs them, not gathered by a walk of the tree.
 */
export abstract class TreeBindings {
  private readonly bindings = new Map<string, Node[]>();

  constructor(protected readonly file: string, private readonly root: Node, protected readonly text: string) {}

  /** The language's node types of a decimal integer and of its null value (`None`, `nil`). */
  protected abstract readonly literalTypes: { integer: string; nothing: string };

  /** The expression assigned to `name` where it is written at `node`, when that occurrence is an assignment's target. */
  protected abstract assignedAt(node: Node): Node | undefined;

  /**
   * What the text after an assignment's target may look like (a regular expression, read as a lookahead): other
   * occurrences of the name are passed over before their node is looked up.
   */
  protected abstract readonly targetFollowedBy: string;

  /** The value of the other expressions of the language (`type` is the node's, read once). */
  protected abstract languageValue(node: Node, type: string, depth: number): TreeValue;

  value(node: Node | null | undefined, depth = 0): TreeValue {
    if (!node || depth > MAX_DEPTH) return UNKNOWN;
    const type = node.type;
    if (type === this.literalTypes.integer) return /^\d+$/.test(node.text) ? { kind: 'number', value: Number(node.text), span: spanOfTreeNode(node, this.file) } : UNKNOWN;
    if (type === 'true' || type === 'false') return { kind: 'boolean', value: type === 'true', span: spanOfTreeNode(node, this.file) };
    if (type === this.literalTypes.nothing) return { kind: 'nothing' };
    if (type === 'parenthesized_expression') return this.value(node.namedChildren[0], depth + 1);
    if (type === 'identifier') return this.value(this.bindingOf(node.text), depth + 1);
    return this.languageValue(node, type, depth);
  }

  bindingOf(name: string): Node | undefined {
    let list = this.bindings.get(name);
    if (!list) {
      list = nodesAtMatches(this.root, this.text, wholeNames([name], '', this.targetFollowedBy)).flatMap((node) => this.assignedAt(node) ?? []);
      this.bindings.set(name, list);
    }
    return list.length === 1 ? list[0] : undefined;
  }
}

export function spanOfTreeNode(node: Node, file: string): Span {
  return { file, start: node.startIndex, end: node.endIndex };
}

/** A part computed at run time inside a composed string: the expression's text between two UNKNOWN_CHARs. */
export function unknownPiece(node: Node, file: string): Piece {
  return unknownPart(node.text, spanOfTreeNode(node, file));
}

/** The pieces of a value used inside a string: numbers as digits, anything unknown as a symbol for `node`. */
export function piecesOf(value: TreeValue, node: Node, file: string): Piece[] {
  return knownPieces(value) ?? [unknownPiece(node, file)];
}

/** The pieces of a known value used inside a string (numbers as digits), or undefined for a value the scan cannot know. */
export function knownPieces(value: TreeValue): Piece[] | undefined {
  if (value.kind === 'string') return [...value.value.pieces];
  if (value.kind === 'number' || value.kind === 'boolean') {
    const text = String(value.value);
    return [value.span && value.span.end - value.span.start === text.length ? { text, origin: { file: value.span.file, offset: value.span.start } } : { text }];
  }
  return undefined;
}

export function composed(pieces: Piece[]): TreeValue {
  return { kind: 'string', value: new ComposedString(pieces) };
}

/** A number written as digits in a string (`int(os.getenv('PORT', '6380'))`), placed on those digits. */
export function numberFrom(value: TreeValue): TreeValue {
  if (value.kind === 'number') return value;
  if (value.kind !== 'string') return UNKNOWN;
  const text = value.value.text.trim();
  if (!/^\d{1,9}$/.test(text)) return UNKNOWN;
  const start = value.value.text.indexOf(text);
  return { kind: 'number', value: Number(text), span: value.value.spanOf(start, start + text.length) };
}

/** A key argument as the multi-key rule compares them: known text, unknown parts as symbols. */
export function keyArgOf(value: TreeValue, node: Node, file: string): KeyArg {
  return { text: piecesOf(value, node, file).map((piece) => piece.text).join('') };
}

/** A key expression for the hash-tag fix: a plain string literal written in one piece gets its literal text. */
export function siteKeyOf(node: Node, value: TreeValue, file: string, quoteLength: (node: Node) => number | undefined): SiteKey {
  const key: SiteKey = { span: spanOfTreeNode(node, file), source: node.text };
  const open = quoteLength(node);
  if (open !== undefined && value.kind === 'string') {
    const [piece] = value.value.pieces;
    const start = node.startIndex + open;
    if (value.value.pieces.length === 1 && piece?.origin?.offset === start && piece.origin.file === file) {
      key.literal = { start, text: piece.text, substitutions: [] };
    } else if (value.value.pieces.length === 0) {
      key.literal = { start, text: '', substitutions: [] };
    }
  }
  return key;
}
