import type { ts } from 'ts-morph';
import {
  Kind, isArrayLiteralExpression, isArrowFunction, isAwaitExpression, isCallExpression, isComputedPropertyName,
  isFunctionLike, isIdentifier, isNoSubstitutionTemplateLiteral, isObjectLiteralExpression, isOmittedExpression,
  isParenthesizedExpression, isPropertyAccessExpression, isPropertyAssignment, isReturnStatement,
  isShorthandPropertyAssignment, isSpreadElement, isStringLiteral, isTemplateExpression,
} from './compilerApi';
import type { CallSite, SiteKey, Span } from '../../evidence/evidence';
import type { KeySpec } from './commands';
import { spanOfNode } from './evaluate';
import type { ParsedScript } from './project';
import type { MethodCall } from './transactions';

/**
 * The written form of a multi-key call, for fixes: only calls whose keys are written out in the call
 * (an array literal or the arguments themselves, no spreads, no callbacks) on a receiver that can be
 * repeated without side effects. Anything else has no site, so no fix rewrites it.
 */
export function callSiteOf(call: MethodCall, spec: KeySpec, script: ParsedScript): CallSite | undefined {
  if (call.typeArguments || call.questionDotToken || call.expression.questionDotToken) return undefined;
  if (!isPlainReference(call.expression.expression)) return undefined;
  const args = call.arguments;
  if (args.some((arg) => isSpreadElement(arg) || isFunctionLike(arg))) return undefined;
  const start = call.getStart(script.source);
  const end = call.getEnd();
  const file = script.path;
  const span = (from: number, to: number): Span => ({ file, start: from, end: to });
  const common = {
    receiver: call.expression.expression.getText(script.source),
    method: call.expression.name.text,
    use: useOf(call),
  };
  const [only] = args;
  const list = args.length === 1 && only && (isArrayLiteralExpression(only) || isObjectLiteralExpression(only)) ? only : undefined;
  const items = list ? (isArrayLiteralExpression(list) ? [...list.elements] : []) : [...args];
  if (items.some((item) => isSpreadElement(item) || isOmittedExpression(item))) return undefined;
  const site = {
    ...common,
    open: span(start, list ? list.getStart(script.source) + 1 : args.pos),
    close: span(list ? list.getEnd() - 1 : end - 1, end),
  };
  switch (spec) {
    case 'all':
      if (!list && items.some((item) => isArrayLiteralExpression(item))) return undefined;
      if (list && !isArrayLiteralExpression(list)) return undefined;
      return { ...site, keys: items.map((item) => siteKey(item, script)), pairs: [] };
    case 'two':
      if (list || items.length < 2 || items.slice(0, 2).some((item) => isArrayLiteralExpression(item))) return undefined;
      return { ...site, keys: items.slice(0, 2).map((item) => siteKey(item, script)), pairs: [] };
    case 'pairs': {
      const pairs = list && isObjectLiteralExpression(list) ? propertyPairs(list, script) : itemPairs(items, script);
      if (!pairs) return undefined;
      const keys = pairs.map((pair) => pair.key);
      // A key written as a bare property name has no literal to rename: then no key is offered for renaming.
      const renamable = keys.every((key) => key !== undefined) ? keys : [];
      return { ...site, keys: renamable, pairs: pairs.map((pair) => ({ span: pair.span, keyValue: pair.keyValue })) };
    }
    default:
      return undefined;
  }
}

interface PairOf {
  span: Span;
  keyValue: string;
  key: SiteKey | undefined;
}

/** `'a', x, 'b', y` (arguments or a flat array) or `['a', x], ['b', y]`; `undefined` when not written as pairs. */
function itemPairs(elements: readonly ts.Expression[], script: ParsedScript): PairOf[] | undefined {
  const text = script.source.text;
  if (elements.length > 0 && elements.every((element) => isArrayLiteralExpression(element))) {
    const pairs: PairOf[] = [];
    for (const element of elements as ts.ArrayLiteralExpression[]) {
      if (element.elements.length !== 2 || element.elements.some(isSpreadElement)) return undefined;
      const at = spanOfNode(element, script);
      pairs.push({ span: at, keyValue: text.slice(at.start + 1, at.end - 1), key: siteKey(element.elements[0]!, script) });
    }
    return pairs;
  }
  if (elements.length % 2 !== 0 || elements.some((element) => isArrayLiteralExpression(element))) return undefined;
  const pairs: PairOf[] = [];
  for (let index = 0; index < elements.length; index += 2) {
    const key = elements[index]!;
    const at = { file: script.path, start: key.getStart(script.source), end: elements[index + 1]!.getEnd() };
    pairs.push({ span: at, keyValue: text.slice(at.start, at.end), key: siteKey(key, script) });
  }
  return pairs;
}

/** `{ 'a': x, [B]: y, c }` → `'a', x`, `B, y`, `'c', c`; `undefined` for spreads, methods and accessors. */
function propertyPairs(object: ts.ObjectLiteralExpression, script: ParsedScript): PairOf[] | undefined {
  const pairs: PairOf[] = [];
  for (const property of object.properties) {
    const at = spanOfNode(property, script);
    if (isShorthandPropertyAssignment(property)) {
      pairs.push({ span: at, keyValue: `'${property.name.text}', ${property.name.text}`, key: undefined });
      continue;
    }
    if (!isPropertyAssignment(property)) return undefined;
    const value = property.initializer.getText(script.source);
    const name = property.name;
    if (isStringLiteral(name)) pairs.push({ span: at, keyValue: `${name.getText(script.source)}, ${value}`, key: siteKey(name, script) });
    else if (isComputedPropertyName(name)) {
      pairs.push({ span: at, keyValue: `${name.expression.getText(script.source)}, ${value}`, key: siteKey(name.expression, script) });
    } else if (isIdentifier(name)) pairs.push({ span: at, keyValue: `'${name.text}', ${value}`, key: undefined });
    else return undefined;
  }
  return pairs;
}

function siteKey(node: ts.Expression, script: ParsedScript): SiteKey {
  const at = spanOfNode(node, script);
  const source = script.source.text.slice(at.start, at.end);
  return { span: at, source, literal: literalOf(node, at, source, script.source) };
}

/** The text of a string or template literal as written, when it has no escapes (so offsets map 1:1). */
function literalOf(node: ts.Expression, at: Span, source: string, file: ts.SourceFile): SiteKey['literal'] {
  const text = source.slice(1, -1);
  const start = at.start + 1;
  if (isStringLiteral(node) || isNoSubstitutionTemplateLiteral(node)) return text === node.text ? { start, text, substitutions: [] } : undefined;
  if (!isTemplateExpression(node)) return undefined;
  const parts = [node.head, ...node.templateSpans.map((span) => span.literal)];
  if (parts.some((part) => part.rawText !== part.text)) return undefined;
  const substitutions: Array<[number, number]> = node.templateSpans.map((span, index) => {
    const before = index === 0 ? node.head : node.templateSpans[index - 1]!.literal;
    // From `${` (the end of the literal before) through `}` (the start of the literal after).
    return [before.getEnd() - 2 - start, span.literal.getStart(file) + 1 - start];
  });
  return { start, text, substitutions };
}

/** `client`, `this.redis`, `deps.cache.client`: evaluating it twice is the same as once. */
function isPlainReference(node: ts.Expression): boolean {
  if (isIdentifier(node) || node.kind === Kind.ThisKeyword) return true;
  return isPropertyAccessExpression(node) && !node.questionDotToken && isPlainReference(node.expression);
}

function useOf(call: ts.CallExpression): CallSite['use'] {
  let node: ts.Node = call;
  while (isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (isAwaitExpression(parent)) return 'awaited';
  if (isReturnStatement(parent) || (isArrowFunction(parent) && parent.body === node)) return 'returned';
  if (isPropertyAccessExpression(parent) && parent.name.text === 'then' && isCallExpression(parent.parent) && parent.parent.expression === parent) {
    return 'then';
  }
  return 'other';
}
