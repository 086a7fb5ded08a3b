import type { Node } from '@vscode/tree-sitter-wasm';
import type { Piece } from '../sourcedString';
import { binaryOperands, integerValue, namedChildren, type ValueSyntax } from '../syntaxTree/treeValues';
import { decodeEscape } from '../syntaxTree/escapes';
import { typeOf } from '../syntaxTree/nodeType';

/** Calls that return their argument's value in another type (`int.Parse("6380")`, `key.ToString()`). */
const CONVERSIONS = new Set(['Parse', 'ToInt32', 'ToString', 'ToInt16', 'ToInt64']);

function verbatim(file: string, text: string, offset: number): Piece {
  return { text, origin: { file, offset } };
}

/** The expression of an `argument` node (after a `name:` label when there is one). */
export function argumentValue(argument: Node): Node | undefined {
  return namedChildren(argument).at(-1);
}

export function argumentsOf(invocation: Node): Node[] {
  const list = invocation.childForFieldName('arguments');
  return list ? namedChildren(list).filter((child) => child.type === 'argument') : [];
}

/** The method name and receiver of `receiver.Method(…)` / `Method(…)`, generic arguments left out. */
export function calleeOf(invocation: Node): { receiver: Node | undefined; method: string } | undefined {
  const callee = invocation.childForFieldName('function');
  if (!callee) return undefined;
  if (callee.type === 'member_access_expression') {
    const name = callee.childForFieldName('name');
    const method = name?.type === 'generic_name' ? namedChildren(name)[0]?.text : name?.text;
    return method === undefined ? undefined : { receiver: callee.childForFieldName('expression') ?? undefined, method };
  }
  if (callee.type === 'identifier') return { receiver: undefined, method: callee.text };
  return undefined;
}

/** The expression of `=> expression` (an expression-bodied member), or `node` itself when written with `=`. */
function expressionBody(node: Node | null): Node | undefined {
  if (!node) return undefined;
  return typeOf(node) === 'arrow_expression_clause' ? namedChildren(node)[0] : node;
}

/** The expression a property's getter returns when written `{ get => expression; }`. */
function getterBody(property: Node): Node | undefined {
  const accessors = property.childForFieldName('accessors');
  const getter = accessors && namedChildren(accessors).find((accessor) => accessor.childForFieldName('name')?.type === 'get');
  const body = getter?.childForFieldName('body');
  return body?.type === 'arrow_expression_clause' ? expressionBody(body) : undefined;
}

export const csharpSyntax: ValueSyntax = {
  stringPieces(node, file, read) {
    const type = typeOf(node);
    if (type === 'string_literal' || type === 'interpolated_string_expression') {
      const pieces: Piece[] = [];
      for (const child of namedChildren(node)) {
        const part = child.type;
        if (part === 'string_literal_content' || part === 'string_content') pieces.push(verbatim(file, child.text, child.startIndex));
        else if (part === 'escape_sequence') pieces.push({ text: decodeEscape(child.text) });
        else if (part === 'interpolation') {
          const expression = namedChildren(child).find((part) => !/^interpolation_/.test(part.type));
          if (expression) pieces.push(...read(expression));
        }
      }
      return pieces;
    }
    if (type === 'verbatim_string_literal') {
      const content = node.text.slice(2, -1);
      return content.includes('""') ? [{ text: content.replace(/""/g, '"') }] : [verbatim(file, content, node.startIndex + 2)];
    }
    return undefined;
  },
  concatenated: (node) => binaryOperands(node, '+'),
  sameValueAs(node) {
    switch (typeOf(node)) {
      case 'parenthesized_expression':
        return namedChildren(node)[0];
      case 'cast_expression':
        return node.childForFieldName('value') ?? undefined;
      case 'binary_expression':
        return binaryOperands(node, '??')?.[1];
      case 'invocation_expression': {
        const callee = calleeOf(node);
        if (!callee || !CONVERSIONS.has(callee.method)) return undefined;
        const args = argumentsOf(node);
        if (callee.method === 'ToString') return args.length === 0 ? callee.receiver : undefined;
        return args.length === 1 ? argumentValue(args[0]!) : undefined;
      }
      default:
        return undefined;
    }
  },
  referencedName(node) {
    const type = typeOf(node);
    if (type === 'identifier') return node.text;
    if (type !== 'member_access_expression') return undefined;
    const owner = node.childForFieldName('expression');
    // `Settings.Host` or `this.host`: a constant or field; `options.Password` is a property of an object, not a name.
    if (owner?.type === 'this_expression' || (owner?.type === 'identifier' && /^[A-Z]/.test(owner.text))) {
      return node.childForFieldName('name')?.text;
    }
    return undefined;
  },
  declarationTypes: ['variable_declarator', 'property_declaration'],
  declared(node) {
    if (typeOf(node) === 'variable_declarator') {
      const [name, ...rest] = namedChildren(node);
      const value = rest.at(-1);
      return name?.type === 'identifier' && value && value.type !== 'bracketed_argument_list' ? { name: name.text, value } : undefined;
    }
    if (typeOf(node) !== 'property_declaration') return undefined;
    const name = node.childForFieldName('name');
    const value = expressionBody(node.childForFieldName('value')) ?? getterBody(node);
    return name && value ? { name: name.text, value } : undefined;
  },
  integerLiteral(node) {
    return typeOf(node) === 'integer_literal' ? integerValue(node.text) : undefined;
  },
  booleanLiteral(node) {
    return typeOf(node) === 'boolean_literal' ? node.text === 'true' : undefined;
  },
};
