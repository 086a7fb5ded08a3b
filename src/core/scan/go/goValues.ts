import type { Node } from '@vscode/tree-sitter-wasm';
import { unknownPart, type Piece } from '../sourcedString';
import { sameNode } from '../syntaxTree/textSearch';
import {
  composed, knownPieces, MAX_DEPTH, TreeBindings, numberFrom, piecesOf, UNKNOWN, unknownPiece, type TreeValue,
} from '../syntaxTree/treeValue';

/** Words a Go name cannot be. */
export const GO_KEYWORDS: ReadonlySet<string> = new Set([
  'break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for', 'func', 'go', 'goto',
  'if', 'import', 'interface', 'map', 'package', 'range', 'return', 'select', 'struct', 'switch', 'type', 'var',
]);
/** Words the grammar reads as something else than a name (`nil`, `true`), besides the keywords. */
const NOT_NAMES: ReadonlySet<string> = new Set([...GO_KEYWORDS, 'nil', 'true', 'false', 'iota']);

/**
 * An operand of a sum read from its text (sticky): a string literal without escapes, a raw one, or an ASCII name
 * followed by what cannot go on with it.
 */
const SUM_OPERAND = /"([^"\\\n]*)"|`([^`]*)`|([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_])/y;
/** A `+` between two operands of a sum on one line (sticky). */
const SUM_PLUS = /[ \t]*\+[ \t]*/y;

/** An operand of a sum read from its text, at [start, end) of the file: a name, or the pieces of a literal. */
type SumOperand = { start: number; end: number } & ({ name: string } | { pieces: Piece[] });

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };

/** Where the text of a Go string literal starts: after its quote. */
export function goQuoteLength(node: Node): number | undefined {
  return node.type === 'interpreted_string_literal' || node.type === 'raw_string_literal' ? 1 : undefined;
}

/**
 * Evaluates Go expressions of one file: string literals, `+`, constants and variables bound once in the file,
 * `fmt.Sprintf` with `%s`/`%d`/`%v`, `strconv.Itoa`; `os.Getenv` is unknown.
 */
export class GoValues extends TreeBindings {
  protected readonly literalTypes = { integer: 'int_literal', nothing: 'nil' };

  /**
   * More names of the list (`a, b :=`), then on the same line `=`, `:=`, `+=`, `<<=` or a type and `=`; not a
   * comparison (`seen[id] != 2`, `a == b`, `n <= max`), which names a variable far more often than it is assigned.
   */
  protected readonly targetFollowedBy = '(?:\\s*,\\s*[\\p{L}_][\\p{L}\\p{N}_]*)*[^\\n=;{}()]*(?<!!)(?<!(?<!<)<)(?<!(?<!>)>)=(?!=)';

  /**
   * A name of `const`/`var` specs, `:=` and `=`: the value at its position, or the only value when one call returns
   * several (`opt, err := redis.ParseURL(…)` binds the options to the first name).
   */
  protected assignedAt(node: Node): Node | undefined {
    const parent = node.parent;
    let names: Node[];
    let values: Array<Node | null>;
    if (parent?.type === 'const_spec' || parent?.type === 'var_spec') {
      names = parent.childrenForFieldName('name').filter((name): name is Node => name !== null);
      values = parent.childForFieldName('value')?.namedChildren ?? [];
    } else {
      const statement = parent?.parent;
      if (parent?.type !== 'expression_list' || !statement || !/^(?:short_var_declaration|assignment_statement)$/.test(statement.type)) return undefined;
      if (!sameNode(statement.childForFieldName('left'), parent)) return undefined;
      names = parent.namedChildren.filter((name): name is Node => name !== null);
      values = statement.childForFieldName('right')?.namedChildren ?? [];
    }
    const index = names.findIndex((name) => sameNode(name, node));
    if (index < 0 || node.type !== 'identifier') return undefined;
    if (names.length === values.length) return values[index] ?? undefined;
    return index === 0 && values.length === 1 ? values[0] ?? undefined : undefined;
  }

  protected languageValue(node: Node, type: string, depth: number): TreeValue {
    switch (type) {
      case 'interpreted_string_literal':
      case 'raw_string_literal':
        return composed(this.literalPieces(node));
      case 'binary_expression': {
        const operands = this.sumOperands(node);
        if (operands) return this.sumValue(operands, operands.length, depth);
        if (node.childForFieldName('operator')?.text !== '+') return UNKNOWN;
        const parts = [node.childForFieldName('left'), node.childForFieldName('right')];
        const values = parts.map((part) => this.value(part, depth + 1));
        if (!values.some((value) => value.kind === 'string')) return UNKNOWN;
        return composed(values.flatMap((value, index) => piecesOf(value, parts[index]!, this.file)));
      }
      case 'call_expression':
        return this.callValue(node, depth);
      default:
        return UNKNOWN;
    }
  }

  /**
   * The operands of a sum (`"session:" + id`) read from its text, where the tree's children would each cross into
   * WebAssembly: when it is nothing but string literals without escapes and names joined by `+` on one line, which
   * the tree reads as a chain of sums, each the left operand of the next. Undefined for any other, which the tree
   * reads.
   */
  private sumOperands(node: Node): SumOperand[] | undefined {
    const end = node.endIndex;
    const operands: SumOperand[] = [];
    // Matched in the file's text at the node's offsets: a slice and its destructuring cost more than the match.
    for (let at = node.startIndex; ; ) {
      SUM_OPERAND.lastIndex = at;
      const operand = SUM_OPERAND.exec(this.text);
      if (!operand) return undefined;
      const from = at;
      at += operand[0].length;
      const name = operand[3];
      if (name !== undefined) {
        if (NOT_NAMES.has(name)) return undefined;
        operands.push({ start: from, end: at, name });
      } else {
        // As a literal reads: the grammar gives an empty raw literal an empty content node, and an empty interpreted one none.
        const raw = operand[2];
        const content = operand[1] ?? raw!;
        operands.push({ start: from, end: at, pieces: content || raw !== undefined ? [{ text: content, origin: { file: this.file, offset: from + 1 } }] : [] });
      }
      if (at >= end) return at === end && operands.length > 1 ? operands : undefined;
      SUM_PLUS.lastIndex = at;
      const plus = SUM_PLUS.exec(this.text);
      if (!plus) return undefined;
      at += plus[0].length;
    }
  }

  /**
   * The value of the sum of the first `count` operands at `depth`, as the tree's chain evaluates it: the sum of all
   * but the last, one level down, joined to the last, also one level down.
   */
  private sumValue(operands: readonly SumOperand[], count: number, depth: number): TreeValue {
    if (depth > MAX_DEPTH) return UNKNOWN;
    if (count === 1) return this.operandValue(operands[0]!, depth);
    const last = operands[count - 1]!;
    const left = this.sumValue(operands, count - 1, depth + 1);
    const right = this.operandValue(last, depth + 1);
    if (left.kind !== 'string' && right.kind !== 'string') return UNKNOWN;
    return composed([...this.operandPieces(left, operands[0]!.start, operands[count - 2]!.end), ...this.operandPieces(right, last.start, last.end)]);
  }

  private operandValue(operand: SumOperand, depth: number): TreeValue {
    if (depth > MAX_DEPTH) return UNKNOWN;
    return 'name' in operand ? this.value(this.bindingOf(operand.name), depth + 1) : composed([...operand.pieces]);
  }

  /** As `piecesOf` gives them for the expression written at [start, end). */
  private operandPieces(value: TreeValue, start: number, end: number): Piece[] {
    return knownPieces(value) ?? [unknownPart(this.text.slice(start, end), { file: this.file, start, end })];
  }

  private callValue(node: Node, depth: number): TreeValue {
    const callee = node.childForFieldName('function')?.text ?? '';
    const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((arg): arg is Node => arg !== null);
    if (callee === 'strconv.Itoa' && args.length === 1) {
      const value = this.value(args[0], depth + 1);
      return value.kind === 'number' ? composed(piecesOf(value, args[0]!, this.file)) : UNKNOWN;
    }
    if (callee === 'strconv.Atoi' && args.length === 1) return numberFrom(this.value(args[0], depth + 1));
    if (callee === 'fmt.Sprintf' && args.length >= 1) return this.sprintf(args, depth);
    return UNKNOWN;
  }

  /** `fmt.Sprintf("%s:%d", host, port)`: verbs filled with the arguments' pieces; other verbs make the value unknown. */
  private sprintf(args: Node[], depth: number): TreeValue {
    const format = this.value(args[0], depth + 1);
    if (format.kind !== 'string') return UNKNOWN;
    const pieces: Piece[] = [];
    const text = format.value.text;
    let next = 1;
    let at = 0;
    for (const verb of text.matchAll(/%[-+# 0]*\d*(?:\.\d+)?([a-zA-Z%])/g)) {
      const before = verb.index;
      if (before > at) pieces.push(...this.slicePieces(format.value.pieces, at, before));
      at = before + verb[0].length;
      if (verb[1] === '%') {
        pieces.push({ text: '%' });
        continue;
      }
      const arg = args[next++];
      if (!arg || !/^[sdv]$/.test(verb[1]!)) return UNKNOWN;
      pieces.push(...piecesOf(this.value(arg, depth + 1), arg, this.file));
    }
    if (at < text.length) pieces.push(...this.slicePieces(format.value.pieces, at, text.length));
    return composed(pieces);
  }

  private slicePieces(pieces: readonly Piece[], from: number, to: number): Piece[] {
    const out: Piece[] = [];
    let start = 0;
    for (const piece of pieces) {
      const end = start + piece.text.length;
      const a = Math.max(from, start);
      const b = Math.min(to, end);
      if (a < b) {
        out.push(piece.origin
          ? { text: piece.text.slice(a - start, b - start), origin: { file: piece.origin.file, offset: piece.origin.offset + (a - start) } }
          : { ...piece, text: piece.text.slice(a - start, b - start) });
      }
      start = end;
    }
    return out;
  }

  private literalPieces(node: Node): Piece[] {
    const plain = this.plainLiteralPieces(node);
    if (plain) return plain;
    const pieces: Piece[] = [];
    for (const child of node.children) {
      if (!child) continue;
      const type = child.type;
      if (type === 'interpreted_string_literal_content' || type === 'raw_string_literal_content') {
        pieces.push({ text: child.text, origin: { file: this.file, offset: child.startIndex } });
      } else if (type === 'escape_sequence') {
        const letter = child.text.slice(1);
        const simple = SIMPLE_ESCAPES[letter];
        if (simple !== undefined) pieces.push({ text: simple });
        else if (/^x[0-9a-f]{2}$|^u[0-9a-f]{4}$|^U[0-9a-f]{8}$/i.test(letter)) pieces.push({ text: String.fromCodePoint(parseInt(letter.slice(1), 16)) });
        else pieces.push(unknownPiece(child, this.file));
      }
    }
    return pieces;
  }

  /**
   * The pieces of a literal without escapes, read from the file's text alone where its children would each cross
   * into WebAssembly: its text between the quotes, in one piece. Undefined for any other (a backslash, a quote left
   * open), which its children tell.
   */
  private plainLiteralPieces(node: Node): Piece[] | undefined {
    const start = node.startIndex;
    const written = this.text.slice(start, node.endIndex);
    const quote = written[0];
    const content = written.slice(1, -1);
    const closed = written.length >= 2 && written.endsWith(quote!);
    const plain = quote === '`' ? !content.includes('`') : quote === '"' && !/["\\\n]/.test(content);
    if (!closed || !plain) return undefined;
    // The grammar gives an empty raw literal an empty content node, and an empty interpreted one none.
    return content || quote === '`' ? [{ text: content, origin: { file: this.file, offset: start + 1 } }] : [];
  }
}
