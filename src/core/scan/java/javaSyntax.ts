import type { Node } from '@vscode/tree-sitter-wasm';
import type { Piece } from '../sourcedString';
import { decodeEscape } from '../syntaxTree/escapes';
import { binaryOperands, integerValue, namedChildren, type ValueSyntax, type WrittenPart } from '../syntaxTree/treeValues';

/** Calls whose value is one of their arguments': conversions, and lookups that fall back to a default. */
const SAME_VALUE_CALLS: Readonly<Record<string, (args: Node[], receiver: Node | undefined) => Node | undefined>> = {
  parseInt: (args: Node[]) => (args.length === 1 ? args[0] : undefined),
  valueOf: (args: Node[]) => (args.length === 1 ? args[0] : undefined),
  toCharArray: (args: Node[], receiver: Node | undefined) => (args.length === 0 ? receiver : undefined),
  toString: (args: Node[], receiver: Node | undefined) => (args.length === 0 ? receiver : undefined),
  getOrDefault: (args: Node[]) => (args.length === 2 ? args[1] : undefined),
  orElse: (args: Node[]) => (args.length === 1 ? args[0] : undefined),
  getProperty: (args: Node[]) => (args.length === 2 ? args[1] : undefined),
};

/** An operand of `+` that the text tells: a literal on one line without escapes, or an ASCII name. */
const WRITTEN_OPERAND = /\s*(?:"([^"\\\n]*)"|([A-Za-z_$][A-Za-z0-9_$]*))\s*/y;

export function javaArguments(call: Node): Node[] {
  const list = call.childForFieldName('arguments');
  return list ? namedChildren(list) : [];
}

export const javaSyntax: ValueSyntax = {
  stringPieces(node, file) {
    if (node.type !== 'string_literal') return undefined;
    // A literal on one line without escapes is one fragment between its quotes: read from its text, not its children.
    const written = node.text;
    if (/^"[^"\\\n]*"$/.test(written)) return written.length > 2 ? [{ text: written.slice(1, -1), origin: { file, offset: node.startIndex + 1 } }] : [];
    return namedChildren(node).flatMap((child): Piece[] => {
      if (child.type === 'string_fragment' || child.type === 'multiline_string_fragment') return [{ text: child.text, origin: { file, offset: child.startIndex } }];
      if (child.type === 'escape_sequence') return [{ text: decodeEscape(child.text) }];
      return [];
    });
  },
  concatenated: (node) => binaryOperands(node, '+'),
  sameValueAs(node) {
    const type = node.type;
    if (type === 'parenthesized_expression') return namedChildren(node)[0];
    if (type === 'cast_expression') return node.childForFieldName('value') ?? undefined;
    if (type !== 'method_invocation') return undefined;
    const name = node.childForFieldName('name')?.text;
    const follow = name === undefined ? undefined : SAME_VALUE_CALLS[name];
    return follow?.(javaArguments(node), node.childForFieldName('object') ?? undefined);
  },
  referencedName(node) {
    const type = node.type;
    if (type === 'identifier') return node.text;
    if (type !== 'field_access') return undefined;
    const owner = node.childForFieldName('object');
    if (owner?.type === 'this' || (owner?.type === 'identifier' && /^[A-Z]/.test(owner.text))) return node.childForFieldName('field')?.text;
    return undefined;
  },
  declarationTypes: ['variable_declarator'],
  declared(node) {
    if (node.type !== 'variable_declarator') return undefined;
    const name = node.childForFieldName('name');
    const value = node.childForFieldName('value');
    return name && value ? { name: name.text, value } : undefined;
  },
  writtenParts(written) {
    const parts: WrittenPart[] = [];
    for (let at = 0; ; at++) {
      WRITTEN_OPERAND.lastIndex = at;
      const operand = WRITTEN_OPERAND.exec(written);
      if (!operand) return undefined;
      const [whole, literal, name] = operand;
      if (literal !== undefined) parts.push({ literal, at: at + whole.indexOf('"') + 1 });
      else parts.push({ name: name!, at: at + whole.indexOf(name!) });
      at = WRITTEN_OPERAND.lastIndex;
      if (at === written.length) return parts;
      if (written[at] !== '+') return undefined;
    }
  },
  integerLiteral(node) {
    return node.type === 'decimal_integer_literal' ? integerValue(node.text) : undefined;
  },
  booleanLiteral(node) {
    return node.type === 'true' ? true : node.type === 'false' ? false : undefined;
  },
};
