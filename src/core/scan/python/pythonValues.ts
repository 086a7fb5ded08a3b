import type { Node } from '@vscode/tree-sitter-wasm';
import type { Piece } from '../sourcedString';
import { sameNode } from '../syntaxTree/textSearch';
import { composed, TreeBindings, numberFrom, piecesOf, UNKNOWN, unknownPiece, type TreeValue } from '../syntaxTree/treeValue';

/** Calls that read the environment: their value is the default they give, if any (`os.getenv('PORT', '6380')`). */
const ENV_LOOKUP = /^(?:os\.)?(?:getenv|environ\.get)$/;
const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

/** Where the text of a Python string literal starts: after its prefix and opening quote(s). */
export function pythonQuoteLength(node: Node): number | undefined {
  if (node.type !== 'string') return undefined;
  const start = node.children.find((child) => child?.type === 'string_start');
  return start ? start.endIndex - node.startIndex : undefined;
}

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

  /** A string literal, f-string or byte string, with escapes decoded and `{…}` parts evaluated. */
  private stringValue(node: Node, depth: number): TreeValue {
    const start = node.children.find((child) => child?.type === 'string_start');
    const raw = /r/i.test(start?.text.replace(/['"]/g, '') ?? '');
    const pieces: Piece[] = [];
    for (const child of node.children) {
      if (!child) continue;
      if (child.type === 'string_content') pieces.push(...this.contentPieces(child, raw));
      else if (child.type === 'interpolation') {
        const expression = child.childForFieldName('expression');
        if (!expression) pieces.push(unknownPiece(child, this.file));
        else pieces.push(...piecesOf(this.value(expression, depth + 1), expression, this.file));
      } else if (child.type === 'escape_sequence') pieces.push(this.escapePiece(child));
    }
    return composed(pieces);
  }

  private contentPieces(content: Node, raw: boolean): Piece[] {
    const pieces: Piece[] = [];
    let at = content.startIndex;
    const text = content.text;
    const verbatim = (to: number) => {
      if (to > at) pieces.push({ text: text.slice(at - content.startIndex, to - content.startIndex), origin: { file: this.file, offset: at } });
    };
    if (!raw) {
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
