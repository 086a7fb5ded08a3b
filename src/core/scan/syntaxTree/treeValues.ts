import type { Node } from '@vscode/tree-sitter-wasm';
import { type Located, type Span } from '../../evidence/evidence';
import { ComposedString, unknownPart, type Piece } from '../sourcedString';
import { isAsciiWordCode } from './textSearch';

/**
 * What a language tells the value reader about its syntax: how strings, numbers and names are written. The reader
 * follows the rest the same way for every language read through a syntax tree (C#, Java).
 */
export interface ValueSyntax {
  /** The pieces of a string literal (escapes decoded without a place, interpolations read through `read`). */
  stringPieces(node: Node, file: string, read: (expression: Node) => Piece[]): Piece[] | undefined;
  /** The operands of a string concatenation (`a + b`), or undefined. */
  concatenated(node: Node): Node[] | undefined;
  /**
   * The expression whose value the code falls back to (`x ?? "d"`, `getOrDefault(k, "d")`), or the only operand of
   * a wrapper that keeps the value (`(x)`, `Integer.parseInt(x)`, `x.toCharArray()`).
   */
  sameValueAs(node: Node): Node | undefined;
  /** The name a reference stands for (`HOST`, `Settings.HOST` → `HOST`), or undefined when it is not one. */
  referencedName(node: Node): string | undefined;
  /** The name and initial value `node` declares (a field, constant or local), if it is a declaration. */
  declared(node: Node): { name: string; value: Node } | undefined;
  /** The node types `declared` reads (assignments are read by the reader itself). */
  declarationTypes: readonly string[];
  integerLiteral(node: Node): number | undefined;
  booleanLiteral(node: Node): boolean | undefined;
  /**
   * The parts of an expression written as literals without escapes and plain names joined by concatenation
   * (`"user:" + id`), told from its text alone (`at` is where a literal's text or a name starts in it); undefined for
   * any other expression. Spares reading the tree node by node where the text tells all.
   */
  writtenParts?(written: string): WrittenPart[] | undefined;
}

/** A literal's text, or a name, written in an expression at `at`. */
export type WrittenPart = { literal: string; at: number } | { name: string; at: number };

/** A declaration's value, kept as offsets (nodes die with the tree; a reader lives as long as one analysis). */
interface Declared {
  at: number;
  value: Node;
}

/** A file's text and tree, where a reader that does not walk the whole tree searches declarations by name. */
export interface SearchedTree {
  root: Node;
  text: string;
}

/**
 * Reads the values of expressions in one syntax tree: literals, concatenation and interpolation, names declared in
 * the file (the nearest declaration before the use, else the first), and fallbacks. A part it cannot know (an
 * environment variable, a call) becomes an unknown part that stands for the expression.
 */
export class TreeValues {
  private readonly declared = new Map<string, Declared[]>();
  /** Expressions being read (start and end offsets), so that a name defined through itself ends as unknown. */
  private readonly reading = new Set<string>();

  /** The node types that declare or assign a name: the language's declarations and assignments. */
  private readonly observedTypes: ReadonlySet<string>;

  /**
   * Declarations are found name by name when a value needs one: the occurrences of the name in the text, then the
   * node at each, so that no reader walks the whole tree for them.
   */
  constructor(private readonly syntax: ValueSyntax, private readonly searched: SearchedTree, readonly file: string) {
    this.observedTypes = new Set([...syntax.declarationTypes, 'assignment_expression']);
  }

  /** The declarations of `name`, in document order; searched in the text on first need. */
  private declarationsOf(name: string): Declared[] {
    const known = this.declared.get(name);
    if (known) return known;
    const { root, text } = this.searched;
    const found: Declared[] = [];
    // A declaration or plain assignment writes `=` after the name (and a Java array's `[]`; `=>` or `{` for a C#
    // property), comments allowed between; other uses are passed over before their node is looked up. A plain
    // search, not a regular expression per name: each new one would be compiled, Unicode classes and all.
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      if (continuesName(text, at) || !writesValueAfter(text, at + name.length)) continue;
      const node = root.descendantForIndex(at, at + name.length);
      const parent = node?.startIndex === at && node.endIndex === at + name.length ? node.parent : null;
      if (!parent || !this.observedTypes.has(parent.type)) continue;
      const declared = this.syntax.declared(parent) ?? assignedName(parent);
      // The name declared, not the same name in the value (`x = x`).
      if (declared?.name === name && at < declared.value.startIndex) found.push({ at: declared.value.startIndex, value: declared.value });
    }
    this.declared.set(name, found);
    return found;
  }

  /** Whether the file gives `name` a value (declares or assigns it). */
  declares(name: string): boolean {
    return this.declarationsOf(name).length > 0;
  }

  /** Every declared name ending in `port`, in the order of their first declarations. */
  private portNames(): string[] {
    const { root, text } = this.searched;
    const names = new Set<string>();
    for (const match of text.matchAll(/port(?!\w)/gi)) {
      const name = root.descendantForIndex(match.index, match.index + 4)?.text;
      if (name && /^[\p{L}\p{N}_$]*port$/iu.test(name)) names.add(name);
    }
    const declared = [...names].filter((name) => this.declarationsOf(name).length > 0);
    return declared.sort((a, b) => this.declarationsOf(a)[0]!.at - this.declarationsOf(b)[0]!.at);
  }

  /** Names ending in `port` declared with a number (`SSL_PORT = 6380`), used or not. */
  declaredPorts(): Array<{ name: string; port: Located<number> }> {
    const found: Array<{ name: string; port: Located<number> }> = [];
    for (const name of this.portNames()) {
      for (const { value } of this.declarationsOf(name)) {
        const port = this.syntax.integerLiteral(value);
        if (port !== undefined) found.push({ name, port: { value: port, span: this.span(value) } });
      }
    }
    return found;
  }

  /**
   * String literals declared under names `name` accepts (`PASSWORD = "…"`), used or not: names found in the text.
   * `written`, when given, is found in the text wherever such a name is given a value: a quick test of the whole text
   * that spares the search of every name when it fails.
   */
  declaredStrings(name: RegExp, written?: RegExp): Array<{ name: string; value: Node }> {
    const names = new Set<string>();
    const { text } = this.searched;
    if (written && !written.test(text)) return [];
    for (const match of text.matchAll(/(?<![\p{L}\p{N}_@$.])([\p{L}_$][\p{L}\p{N}_$]*)(?=\s*(?:=(?!=)|\/[*/]))/gu)) {
      const value = afterGap(text, match.index + match[1]!.length);
      if (text[value] === '=' && text[value + 1] !== '=' && name.test(match[1]!)) names.add(match[1]!);
    }
    const found: Array<{ name: string; value: Node }> = [];
    for (const declared of names) {
      for (const { value } of this.declarationsOf(declared)) if (this.syntax.stringPieces(value, this.file, () => [])) found.push({ name: declared, value });
    }
    return found;
  }

  /** The nodes where `name` is written as a whole name. */
  occurrences(name: string): Node[] {
    const { root, text } = this.searched;
    const found: Node[] = [];
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      if (continuesName(text, at) || NAME_PART.test(codePointAt(text, at + name.length))) continue;
      const node = root.descendantForIndex(at, at + name.length);
      if (node && node.startIndex === at && node.endIndex === at + name.length) found.push(node);
    }
    return found;
  }

  span(node: Node): Span {
    return { file: this.file, start: node.startIndex, end: node.endIndex };
  }

  /** The initial value of the name `node` refers to, when the file declares it. */
  declaration(node: Node): Node | undefined {
    const name = this.syntax.referencedName(node);
    const list = name === undefined ? undefined : this.declarationsOf(name);
    if (!list) return undefined;
    const before = list.filter((entry) => entry.at < node.startIndex).at(-1);
    return (before ?? list[0])?.value;
  }

  /** Follows names and value-keeping wrappers to the expression that is written. */
  resolve(node: Node): Node {
    let current = node;
    for (let step = 0; step < 16; step++) {
      const next = this.syntax.sameValueAs(current) ?? this.declaration(current);
      if (!next || next.startIndex === current.startIndex && next.endIndex === current.endIndex) return current;
      current = next;
    }
    return current;
  }

  /** Strings read, by node id: a key read for a command is often read again as a string of the file. */
  private readonly strings = new Map<number, ComposedString>();

  string(node: Node): ComposedString {
    let string = this.strings.get(node.id);
    if (!string) {
      string = new ComposedString(this.pieces(node));
      this.strings.set(node.id, string);
    }
    return string;
  }

  pieces(node: Node): Piece[] {
    const start = node.startIndex;
    const end = node.endIndex;
    const key = `${start}:${end}`;
    if (this.reading.has(key)) return [this.unknown(node)];
    const written = this.writtenPieces(start, end);
    if (written) return written;
    this.reading.add(key);
    try {
      const literal = this.syntax.stringPieces(node, this.file, (expression) => this.pieces(expression));
      if (literal) return literal;
      const operands = this.syntax.concatenated(node);
      if (operands) return operands.flatMap((operand) => this.pieces(operand));
      const number = this.syntax.integerLiteral(node);
      if (number !== undefined) return [{ text: String(number), origin: { file: this.file, offset: node.startIndex } }];
      const next = this.syntax.sameValueAs(node) ?? this.declaration(node);
      return next ? this.pieces(next) : [this.unknown(node)];
    } finally {
      this.reading.delete(key);
    }
  }

  /** Whether the tree has no errors, read once: only then does a node's text tell what the node is. */
  private withoutErrors: boolean | undefined;

  /**
   * The pieces of the expression written between `start` and `end` when its text tells them (`writtenParts`) and none
   * of its names has a value in the file: what reading its nodes would give (a literal's text; a name's unknown part).
   */
  private writtenPieces(start: number, end: number): Piece[] | undefined {
    const parts = this.syntax.writtenParts?.(this.searched.text.slice(start, end));
    if (!parts) return undefined;
    this.withoutErrors ??= !this.searched.root.hasError;
    if (!this.withoutErrors || parts.some((part) => 'name' in part && this.declares(part.name))) return undefined;
    return parts.flatMap((part): Piece[] => {
      const at = start + part.at;
      if ('literal' in part) return part.literal === '' ? [] : [{ text: part.literal, origin: { file: this.file, offset: at } }];
      return [unknownPart(part.name, { file: this.file, start: at, end: at + part.name.length })];
    });
  }

  /** A number written as a literal (directly, through names, or as a string of digits). */
  number(node: Node): Located<number> | undefined {
    const written = this.resolve(node);
    const value = this.syntax.integerLiteral(written);
    if (value !== undefined) return { value, span: this.span(written) };
    const text = this.string(written);
    if (!/^\d{1,5}$/.test(text.text)) return undefined;
    const span = text.spanOf(0, text.text.length);
    return span ? { value: Number(text.text), span } : undefined;
  }

  boolean(node: Node): Located<boolean> | undefined {
    const written = this.resolve(node);
    const value = this.syntax.booleanLiteral(written);
    return value === undefined ? undefined : { value, span: this.span(written) };
  }

  private unknown(node: Node): Piece {
    const span = this.span(node);
    return unknownPart(this.searched.text.slice(span.start, span.end), span);
  }
}

/** The offset after the blanks and comments (`//`, `/* *\/`) that start at `at`. */
function afterGap(text: string, at: number): number {
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at++;
    if (text.startsWith('//', at)) {
      const end = text.indexOf('\n', at);
      at = end < 0 ? text.length : end;
    } else if (text.startsWith('/*', at)) {
      const end = text.indexOf('*/', at + 2);
      at = end < 0 ? text.length : end + 2;
    } else {
      return at;
    }
  }
}

/** A character that may go on a name (C#'s `@` may only start one). */
const NAME_PART = /^[\p{L}\p{N}_$]$/u;

/** Whether the character before `at` (a whole surrogate pair, where there is one) may be part of a name. */
function continuesName(text: string, at: number): boolean {
  // Most characters before a name's occurrence are ASCII: told by their code, without a Unicode pattern.
  const code = text.charCodeAt(at - 1);
  if (code < 0x80) return code === 0x40 || code === 0x24 || isAsciiWordCode(code);
  const pair = at >= 2 ? text.codePointAt(at - 2)! : 0;
  const before = pair > 0xffff ? String.fromCodePoint(pair) : text.charAt(at - 1);
  return before === '@' || NAME_PART.test(before);
}

/** The character at `at`, a whole surrogate pair where one starts there; '' past the end. */
function codePointAt(text: string, at: number): string {
  const code = text.codePointAt(at);
  return code === undefined ? '' : String.fromCodePoint(code);
}

/** Whether a name ending at `at` is given a value: `=` (not `==`), or `{` / `=>` of a property, after any `[]`. */
function writesValueAfter(text: string, at: number): boolean {
  let next = afterGap(text, at);
  while (text[next] === '[') {
    next = afterGap(text, next + 1);
    if (text[next] !== ']') return false;
    next = afterGap(text, next + 1);
  }
  return text[next] === '{' || (text[next] === '=' && text[next + 1] !== '=');
}

/** The named children of `node`, without the nulls the binding's type allows. */
export function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null);
}

/** The operator of a binary or assignment expression: its first unnamed child after the left operand. */
export function operatorOf(node: Node): string | undefined {
  for (let index = 1; index < node.childCount; index++) {
    const child = node.child(index);
    if (child && !child.isNamed) return child.type;
  }
  return undefined;
}

/** The operands of `left <operator> right`, or undefined for another node or operator. */
export function binaryOperands(node: Node, operator: string): [Node, Node] | undefined {
  if (node.type !== 'binary_expression') return undefined;
  // Left, operator and right are all its children unless a comment stands among them: read in one crossing, not
  // one per child, count and field.
  const children = node.children;
  if (children.length === 3) return children[1]!.type === operator ? [children[0]!, children[2]!] : undefined;
  if (operatorOf(node) !== operator) return undefined;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  return left && right ? [left, right] : undefined;
}

/** A whole-number literal's value without digit separators and type suffixes (`10_000L`). */
export function integerValue(text: string): number | undefined {
  const digits = text.replace(/_/g, '').replace(/[uUlL]+$/, '');
  return /^\d+$/.test(digits) ? Number(digits) : undefined;
}

/** `name = value` assigning a plain name, as a declaration of its value. */
export function assignedName(node: Node): { name: string; value: Node } | undefined {
  if (node.type !== 'assignment_expression' || operatorOf(node) !== '=') return undefined;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  return left?.type === 'identifier' && right ? { name: left.text, value: right } : undefined;
}
