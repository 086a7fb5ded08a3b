import type { ts } from 'ts-morph';
import {
  Kind, isAsExpression, isAwaitExpression, isBinaryExpression, isCallExpression, isIdentifier, isNewExpression,
  isNonNullExpression, isParameter, isParenthesizedExpression, isPropertyAccessExpression, isPropertyDeclaration,
  isPropertySignature, isSatisfiesExpression, isVariableDeclaration,
} from './compilerApi';
import { clientKindOf } from './clients';
import type { ParsedScript } from './project';

/**
 * Decides whether a method call's receiver is plausibly a Redis client, so that `cache.mget()` on an
 * in-memory cache, `map.get()` or lodash never become findings. A receiver counts when it is:
 * a variable or property assigned a client created in this file; declared with a Redis type;
 * named like one (`redis`, `redisClient`); imported from a module whose name mentions redis; or a
 * `multi()` / `pipeline()` / `duplicate()` (or a command chain) of such a receiver.
 */

const REDIS_NAME = /redis|valkey/i;
const REDIS_TYPE = /\b(Redis\w*|ChainableCommander)\b/;
const CHAINING_METHODS = new Set(['multi', 'pipeline', 'batch', 'duplicate', 'connect', 'withTypeMapping', 'isolated']);

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    isParenthesizedExpression(current) ||
    isAwaitExpression(current) ||
    isAsExpression(current) ||
    isNonNullExpression(current) ||
    isSatisfiesExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

/** The name a receiver is known by: `client`, `this.client` → `client`. */
function receiverName(node: ts.Expression): string | undefined {
  if (isIdentifier(node)) return node.text;
  if (isPropertyAccessExpression(node)) return node.name.text;
  return undefined;
}

type Declaration = ts.VariableDeclaration | ts.PropertyDeclaration | ts.ParameterDeclaration | ts.PropertySignature;

function hasRedisType(node: Declaration, source: ts.SourceFile): boolean {
  return node.type !== undefined && REDIS_TYPE.test(node.type.getText(source));
}

/**
 * Whether a declaration can make its name a receiver (or a transaction variable): a plain name with an
 * initializer or a Redis type. Depends on the declaration's own text only, so the walk may decide it once.
 */
export function mayDeclareReceiver(node: Declaration, source: ts.SourceFile): boolean {
  return isIdentifier(node.name) && (('initializer' in node && node.initializer !== undefined) || hasRedisType(node, source));
}

export class RedisReceivers {
  /** Names (variables or properties) that hold a Redis client in this file. */
  private readonly names = new Set<string>();
  /** Receivers already judged by `isClient`, which runs after the walk, when `names` is complete. */
  private readonly judged = new Map<ts.Node, boolean>();

  constructor(private readonly script: ParsedScript) {}

  /** Whether `expression` creates a client, directly or through `.connect()`/`.duplicate()` chains. */
  createsClient(expression: ts.Expression | undefined): boolean {
    if (!expression) return false;
    const node = unwrap(expression);
    if ((isCallExpression(node) || isNewExpression(node)) && clientKindOf(node, this.script)) return true;
    if (isCallExpression(node) && isPropertyAccessExpression(node.expression)) {
      // During the walk, so the answer is not remembered: later declarations may still add names.
      return CHAINING_METHODS.has(node.expression.name.text) && this.isClientRoot(unwrap(node.expression.expression));
    }
    return false;
  }

  /** Records `name = <client>` and `name: RedisType` declarations seen during the walk. */
  observe(node: ts.Node): void {
    if (isVariableDeclaration(node) || isPropertyDeclaration(node) || isParameter(node) || isPropertySignature(node)) {
      const name = isIdentifier(node.name) ? node.name.text : undefined;
      if (!name) return;
      const initializer = 'initializer' in node ? node.initializer : undefined;
      if (hasRedisType(node, this.script.source) || this.createsClient(initializer)) this.names.add(name);
    } else if (isBinaryExpression(node) && node.operatorToken.kind === Kind.EqualsToken) {
      const name = receiverName(node.left);
      if (name && this.createsClient(node.right)) this.names.add(name);
    }
  }

  isClient(expression: ts.Expression): boolean {
    // A chain such as client.multi().set(…).get(…): every link is the client's, so the root decides.
    // Links are remembered, so judging every call of a long chain stays linear.
    const links: ts.Node[] = [];
    let node = unwrap(expression);
    let known = this.judged.get(node);
    while (known === undefined && isCallExpression(node) && !clientKindOf(node, this.script) && isPropertyAccessExpression(node.expression)) {
      links.push(node);
      node = unwrap(node.expression.expression);
      known = this.judged.get(node);
    }
    const result = known ?? this.isClientRoot(node);
    for (const link of [...links, node]) this.judged.set(link, result);
    return result;
  }

  private isClientRoot(node: ts.Expression): boolean {
    if (isCallExpression(node) || isNewExpression(node)) return clientKindOf(node, this.script) !== undefined;
    const name = receiverName(node);
    if (name === undefined) return false;
    if (this.names.has(name) || REDIS_NAME.test(name)) return true;
    const imported = isIdentifier(node) ? this.script.imports.get(name) : undefined;
    return imported !== undefined && imported.module.startsWith('.') && REDIS_NAME.test(imported.module);
  }
}
