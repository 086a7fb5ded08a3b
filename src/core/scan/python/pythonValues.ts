import type { Node } from '@vscode/tree-sitter-wasm';
import { unknownPart, type Piece } from '../sourcedString';
import { sameNode } from '../syntaxTree/textSearch';
import { composed, knownPieces, TreeBindings, numberFrom, piecesOf, UNKNOWN, unknownPiece, type TreeValue } from '../syntaxTree/treeValue';

/** Calls that read the environment: their value is the default they give, if any (`os.getenv('PORT', '6380')`). */
const ENV_LOOKUP = /^(?:os\.)?(?:getenv|environ\.get)$/;
const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

/** An f-string's interpolation of a plain name (`{order_id}`), the one kind read from the text. */
const NAME_INTERPOLATION = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
/** Words the grammar reads as something else than a name (`None`, `True`, keywords), left to the tree. */
const NOT_NAMES: ReadonlySet<string> = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'case', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'exec', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'match',
  'nonlocal', 'not', 'or', 'pass', 'print', 'raise', 'return', 'try', 'type', 'while', 'with', 'yield',
]);

/** How a string literal opens (`rb'''`): its prefix, then its quote; sticky, set at the literal's start. */
const STRING_OPENING = /([A-Za-z]*)("""|'''|"|')/y;

/**
 * Evaluates Python expressions of one file: literals, f-strings, `+` and implicit concatenation, names bound once
 * in the file (module constants, local variables), `int()`/`str()`, and environment lookups with a default.
 */
export class PythonValues extends TreeBindings {
  protected readonly literalTypes = { integer: 'integer', nothing: 'none' };

  /** `=` or a type annotation (`name: Type = value`), maybe after a line continuation. */
  protected readonly targetFollowedBy = '\\s*(?:[:=]|\\\\)';

  /** `name = value` and `name: Type = value`: the name alone on the left. */
  protected assignedAt(node: Node): Node | undefined {
    const assignment = node.parent;
    if (assignment?.type !== 'assignment' || !sameNode(assignment.childForFieldName('left'), node)) return undefined;
    return node.type === 'identifier' ? assignment.childForFieldName('right') ?? undefined : undefined;
  }

  protected languageValue(node: Node, type: string, depth: number): TreeValue {
    switch (type) {
      case 'string':
        return this.stringValue(node, depth);
      case 'concatenated_string':
        return this.concat(node.namedChildren, depth);
      case 'attribute': {
        // `GlobalArgs.REDIS_PORT`: an attribute of a class (capitalised) is the value its body binds to the name.
        const owner = node.childForFieldName('object');
        const name = node.childForFieldName('attribute');
        return owner?.type === 'identifier' && /^[A-Z]/.test(owner.text) && name ? this.value(this.bindingOf(name.text), depth + 1) : UNKNOWN;
      }
      case 'binary_operator':
        if (node.childForFieldName('operator')?.text !== '+') return UNKNOWN;
        return this.concat([node.childForFieldName('left'), node.childForFieldName('right')], depth);
      case 'boolean_operator': {
        // `os.getenv('HOST') or 'default'`: the environment is unknown, so the default is what the scan can see.
        if (node.childForFieldName('operator')?.text !== 'or') return UNKNOWN;
        const left = this.value(node.childForFieldName('left'), depth + 1);
        return left.kind === 'unknown' || left.kind === 'nothing' ? this.value(node.childForFieldName('right'), depth + 1) : left;
      }
      case 'call':
        return this.callValue(node, depth);
      default:
        return UNKNOWN;
    }
  }

  private callValue(node: Node, depth: number): TreeValue {
    const callee = node.childForFieldName('function')?.text.replace(/\s+/g, '') ?? '';
    const args = node.childForFieldName('arguments')?.namedChildren.filter((arg) => arg !== null) ?? [];
    if (ENV_LOOKUP.test(callee)) {
      const fallback = args[1]?.type === 'keyword_argument' ? args[1].childForFieldName('value') : args[1];
      const named = args.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'default');
      const given = named?.childForFieldName('value') ?? fallback;
      return given ? this.value(given, depth + 1) : UNKNOWN;
    }
    if (callee === 'int' && args.length === 1) return numberFrom(this.value(args[0], depth + 1));
    if (callee === 'str' && args.length === 1) {
      const value = this.value(args[0], depth + 1);
      return value.kind === 'unknown' ? UNKNOWN : composed(piecesOf(value, args[0]!, this.file));
    }
    if (callee === 'bool' && args.length === 1) {
      const value = this.value(args[0], depth + 1);
      return value.kind === 'boolean' ? value : UNKNOWN;
    }
    return UNKNOWN;
  }

  private concat(parts: ReadonlyArray<Node | null>, depth: number): TreeValue {
    const pieces: Piece[] = [];
    let anyString = false;
    for (const part of parts) {
      if (!part) return UNKNOWN;
      const value = this.value(part, depth + 1);
      if (value.kind === 'string') anyString = true;
      pieces.push(...piecesOf(value, part, this.file));
    }
    return anyString ? composed(pieces) : UNKNOWN;
  }

  /** Where the text of a string literal starts: after its prefix and opening quote(s); undefined for another node. */
  quoteLength(node: Node): number | undefined {
    return node.type === 'string' ? this.openingAt(node.startIndex)?.[0].length : undefined;
  }

  private openingAt(start: number): RegExpExecArray | null {
    STRING_OPENING.lastIndex = start;
    return STRING_OPENING.exec(this.text);
  }

  /** A string literal, f-string or byte string, with escapes decoded and `{…}` parts evaluated. */
  private stringValue(node: Node, depth: number): TreeValue {
    const fromText = this.piecesFromText(node, depth);
    if (fromText) return composed(fromText);
    const children = node.children;
    // Each type read once: every read crosses into WebAssembly.
    const types = children.map((child) => child?.type);
    const start = children[types.indexOf('string_start')];
    const raw = /r/i.test(start?.text.replace(/['"]/g, '') ?? '');
    const pieces: Piece[] = [];
    children.forEach((child, index) => {
      const type = types[index];
      if (!child) return;
      if (type === 'string_content') pieces.push(...this.contentPieces(child, raw));
      else if (type === 'interpolation') {
        const expression = child.childForFieldName('expression');
        if (!expression) pieces.push(unknownPiece(child, this.file));
        else pieces.push(...piecesOf(this.value(expression, depth + 1), expression, this.file));
      } else if (type === 'escape_sequence') pieces.push(this.escapePiece(child));
    });
    return composed(pieces);
  }

  /**
   * The pieces of a literal without escapes, read from the file's text alone where its children would each cross into
   * WebAssembly: its text between the quotes, and in an f-string the names it interpolates (`{order_id}`), read as
   * the tree would. Undefined for any other literal (a backslash, another interpolation, a quote left open), which
   * its children tell.
   */
  private piecesFromText(node: Node, depth: number): Piece[] | undefined {
    const start = node.startIndex;
    const written = this.text.slice(start, node.endIndex);
    const opening = this.openingAt(start);
    if (!opening || written.includes('\\')) return undefined;
    const [open, prefix, quote] = opening as unknown as [string, string, string];
    const close = written.length - quote.length;
    if (close < open.length || !written.endsWith(quote)) return undefined;
    const content = written.slice(open.length, close);
    const offset = start + open.length;
    if (!/[{}]/.test(content) || !/[ft]/i.test(prefix)) return content ? [{ text: content, origin: { file: this.file, offset } }] : [];
    if (/t/i.test(prefix) || /[{}]/.test(content.replace(NAME_INTERPOLATION, ''))) return undefined;
    const pieces: Piece[] = [];
    let at = 0;
    // Found before any is read, as reading a name's value may read another f-string with the same pattern; not by
    // `matchAll`, which makes a copy of the pattern at each call.
    const matches: RegExpExecArray[] = [];
    NAME_INTERPOLATION.lastIndex = 0;
    for (let match = NAME_INTERPOLATION.exec(content); match; match = NAME_INTERPOLATION.exec(content)) matches.push(match);
    for (const match of matches) {
      const name = match[1]!;
      if (NOT_NAMES.has(name)) return undefined;
      if (match.index > at) pieces.push({ text: content.slice(at, match.index), origin: { file: this.file, offset: offset + at } });
      // As the interpolation's identifier reads: the value bound to the name, one level further down.
      const value = this.value(this.bindingOf(name), depth + 2);
      const nameAt = offset + match.index + 1;
      pieces.push(...(knownPieces(value) ?? [unknownPart(name, { file: this.file, start: nameAt, end: nameAt + name.length })]));
      at = match.index + match[0].length;
    }
    if (at < content.length) pieces.push({ text: content.slice(at), origin: { file: this.file, offset: offset + at } });
    return pieces;
  }

  private contentPieces(content: Node, raw: boolean): Piece[] {
    const pieces: Piece[] = [];
    let at = content.startIndex;
    const text = content.text;
    const verbatim = (to: number) => {
      if (to > at) pieces.push({ text: text.slice(at - content.startIndex, to - content.startIndex), origin: { file: this.file, offset: at } });
    };
    // An escape starts with a backslash: without one, the content has none to look up.
    if (!raw && text.includes('\\')) {
      for (const escape of content.children) {
        if (escape?.type !== 'escape_sequence') continue;
        verbatim(escape.startIndex);
        pieces.push(this.escapePiece(escape));
        at = escape.endIndex;
      }
    }
    verbatim(content.endIndex);
    return pieces;
  }

  private escapePiece(escape: Node): Piece {
    const letter = escape.text.slice(1);
    const simple = SIMPLE_ESCAPES[letter];
    if (simple !== undefined) return { text: simple };
    if (/^x[0-9a-f]{2}$|^u[0-9a-f]{4}$|^U[0-9a-f]{8}$/i.test(letter)) return { text: String.fromCodePoint(parseInt(letter.slice(1), 16)) };
    if (/^\n$|^\r\n$/.test(letter)) return { text: '' };
    return { text: escape.text };
  }
}
