import { ts } from 'ts-morph';
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
    ts.isParenthesizedExpression(current) ||
    ts.isAwaitExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isSatisfiesExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

/** The name a receiver is known by: `client`, `this.client` → `client`. */
function receiverName(node: ts.Expression): string | undefined {
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  return undefined;
}

export class RedisReceivers {
  /** Names (variables or properties) that hold a Redis client in this file. */
  private readonly names = new Set<string>();

  constructor(private readonly script: ParsedScript) {}

  /** Whether `expression` creates a client, directly or through `.connect()`/`.duplicate()` chains. */
  createsClient(expression: ts.Expression | undefined): boolean {
    if (!expression) return false;
    const node = unwrap(expression);
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && clientKindOf(node, this.script)) return true;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      return CHAINING_METHODS.has(node.expression.name.text) && this.isClient(node.expression.expression);
    }
    return false;
  }

  /** Records `name = <client>` and `name: RedisType` declarations seen during the walk. */
  observe(node: ts.Node): void {
    if (ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isParameter(node) || ts.isPropertySignature(node)) {
      const name = ts.isIdentifier(node.name) ? node.name.text : undefined;
      if (!name) return;
      const typed = node.type !== undefined && REDIS_TYPE.test(node.type.getText(this.script.source));
      const initializer = 'initializer' in node ? node.initializer : undefined;
      if (typed || this.createsClient(initializer)) this.names.add(name);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const name = receiverName(node.left);
      if (name && this.createsClient(node.right)) this.names.add(name);
    }
  }

  isClient(expression: ts.Expression): boolean {
    const node = unwrap(expression);
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      if (clientKindOf(node, this.script)) return true;
      // A chain: client.multi().set(…).get(…) — every link is the client's.
      return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && this.isClient(node.expression.expression);
    }
    const name = receiverName(node);
    if (name === undefined) return false;
    if (this.names.has(name) || REDIS_NAME.test(name)) return true;
    const imported = ts.isIdentifier(node) ? this.script.imports.get(name) : undefined;
    return imported !== undefined && imported.module.startsWith('.') && REDIS_NAME.test(imported.module);
  }
}
