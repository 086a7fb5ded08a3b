import type { ts } from 'ts-morph';
import {
  isAwaitExpression, isCallExpression, isFunctionLike, isIdentifier, isIterationStatement, isParenthesizedExpression,
  isPropertyAccessExpression,
} from './compilerApi';
import type { CommandUse, KeyArg } from '../../evidence/evidence';
import type { KeyReader } from './commands';
import { spanOfNode } from './evaluate';
import type { ParsedScript } from './project';
import type { RedisReceivers } from './receivers';

/**
 * MULTI/EXEC blocks and pipelines, written as one chain (`client.multi().set(a).get(b).exec()`) or
 * through a variable (`const tx = client.multi(); tx.set(a); tx.get(b); await tx.exec()`): the keys the
 * whole block touches. Commands queued inside a loop or callback make the key list unknown.
 */

const ROOTS: Record<string, 'MULTI' | 'PIPELINE'> = { multi: 'MULTI', pipeline: 'PIPELINE', batch: 'PIPELINE' };
const ENDS = new Set(['exec', 'execAsPipeline']);
const NOT_COMMANDS = new Set(['exec', 'execAsPipeline', 'discard', 'on', 'once', 'then', 'catch']);

export type MethodCall = ts.CallExpression & { expression: ts.PropertyAccessExpression };

export function isMethodCall(node: ts.Node): node is MethodCall {
  return isCallExpression(node) && isPropertyAccessExpression(node.expression);
}

export function isTransactionEnd(call: MethodCall): boolean {
  return ENDS.has(call.expression.name.text);
}

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  while (isAwaitExpression(current) || isParenthesizedExpression(current)) current = current.expression;
  return current;
}

/** A variable holding a transaction or pipeline, with every call made on it. */
interface TransactionVariable {
  declaration: ts.VariableDeclaration;
  initializer: ts.Expression;
  calls: MethodCall[];
}

export class Transactions {
  private readonly variables = new Map<string, TransactionVariable>();
  private readonly ends: MethodCall[] = [];

  constructor(
    private readonly script: ParsedScript,
    private readonly receivers: RedisReceivers,
    private readonly keys: KeyReader,
  ) {}

  /** Called for every variable declaration during the walk. */
  observeDeclaration(node: ts.VariableDeclaration): void {
    if (!isIdentifier(node.name) || !node.initializer) return;
    const initializer = unwrap(node.initializer);
    if (this.rootOf(initializer)) this.variables.set(node.name.text, { declaration: node, initializer, calls: [] });
  }

  /** Called for every method call during the walk (declarations come before their uses). */
  observeCall(call: MethodCall): void {
    if (isTransactionEnd(call)) this.ends.push(call);
    const receiver = unwrap(call.expression.expression);
    if (isIdentifier(receiver)) this.variables.get(receiver.text)?.calls.push(call);
  }

  /** Whether `receiver` names a variable holding a transaction or pipeline (whose commands queue, not run). */
  isBlockVariable(receiver: ts.Expression): boolean {
    const node = unwrap(receiver);
    return isIdentifier(node) && this.variables.has(node.text);
  }

  /** Every block that touches more than one key (or an unknown set of keys), after the walk. */
  blocks(): CommandUse[] {
    const found: CommandUse[] = [];
    for (const end of this.ends) {
      const block = this.block(end);
      if (block) found.push(block);
    }
    return found;
  }

  /** The multi()/pipeline() call at the root of a chain, if the chain has one. */
  private rootOf(expression: ts.Expression): MethodCall | undefined {
    let link = unwrap(expression);
    while (isMethodCall(link)) {
      if (ROOTS[link.expression.name.text]) return link;
      link = unwrap(link.expression.expression);
    }
    return undefined;
  }

  private block(end: MethodCall): CommandUse | undefined {
    const touched: KeyArg[] = [];
    let unknownList = false;
    const queue = (call: MethodCall) => {
      const method = call.expression.name.text;
      if (NOT_COMMANDS.has(method)) return;
      const args = call.arguments.map((node) => ({ node, script: this.script }));
      const command = this.keys.read(method, args);
      if (command && !command.keys) unknownList = true;
      touched.push(...(command ? (command.keys ?? []) : this.keys.firstKey(args)));
    };
    let link: ts.Expression = unwrap(end.expression.expression);
    let variable: TransactionVariable | undefined;
    while (isMethodCall(link) && !ROOTS[link.expression.name.text]) {
      queue(link);
      link = unwrap(link.expression.expression);
    }
    if (isIdentifier(link)) {
      variable = this.variables.get(link.text);
      if (!variable) return undefined;
      for (const call of variable.calls) {
        const place = call === end ? 'outside' : this.placeOf(call, variable.declaration);
        if (place === 'outside') continue;
        queue(call);
        if (place === 'repeated') unknownList = true;
      }
      link = variable.initializer;
      while (isMethodCall(link) && !ROOTS[link.expression.name.text]) {
        queue(link);
        link = unwrap(link.expression.expression);
      }
    }
    if (!isMethodCall(link) || !this.receivers.isClient(link.expression.expression)) return undefined;
    if (!unknownList && touched.length < 2) return undefined;
    const root = ROOTS[link.expression.name.text]!;
    return {
      at: spanOfNode(link.expression.name, this.script),
      command: end.expression.name.text === 'execAsPipeline' ? 'PIPELINE' : root,
      keys: unknownList ? undefined : touched,
    };
  }

  /**
   * Where a call on the variable sits relative to its declaration's block: `outside` it (another
   * variable of the same name), `repeated` inside a loop or callback, or run `once`.
   */
  private placeOf(call: ts.Node, declaration: ts.VariableDeclaration): 'outside' | 'repeated' | 'once' {
    const scope = declaration.parent?.parent?.parent;
    let repeated = false;
    for (let node = call.parent; node; node = node.parent) {
      if (node === scope) return repeated ? 'repeated' : 'once';
      if (isIterationStatement(node, false) || isFunctionLike(node)) repeated = true;
    }
    return 'outside';
  }
}
