import { ts } from 'ts-morph';
import { findEndpointsInText } from '../connectionText';
import { emptyEvidence, type FileEvidence } from '../evidence';
import { findKeyspaceUses } from '../keyspace';
import { ComposedString } from '../sourcedString';
import { clientEndpoints, clientKindOf } from './clients';
import { KeyReader } from './commands';
import { spanOfNode, type Evaluator } from './evaluate';
import type { ParsedScript } from './project';
import { RedisReceivers } from './receivers';

/** String contents worth reading as connection text or keyspace names. */
const INTERESTING_TEXT = /rediss?:\/\/|\.redis(?:enterprise)?\.cache\.|,\s*(?:password|ssl|abortConnect|defaultDatabase)\s*=|notify-keyspace-events|__key(?:space|event)@/i;
const TRANSACTION_ROOTS: Record<string, 'MULTI' | 'PIPELINE'> = { multi: 'MULTI', pipeline: 'PIPELINE', batch: 'PIPELINE' };
const TRANSACTION_ENDS = new Set(['exec', 'execAsPipeline']);

type MethodCall = ts.CallExpression & { expression: ts.PropertyAccessExpression };

function isMethodCall(node: ts.Node): node is MethodCall {
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression);
}

/** One walk over the file: client constructions, method calls on clients and connection text in strings. */
export function analyzeScript(script: ParsedScript, evaluator: Evaluator): FileEvidence {
  const evidence = emptyEvidence(script.path);
  const receivers = new RedisReceivers(script);
  const methodCalls: MethodCall[] = [];
  const keys = new KeyReader(evaluator);

  const stack: ts.Node[] = [script.source];
  while (stack.length > 0) {
    const node = stack.pop()!;
    receivers.observe(node);
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const kind = clientKindOf(node, script);
      if (kind) evidence.endpoints.push(...clientEndpoints(node, kind, script, evaluator));
      else if (isMethodCall(node)) methodCalls.push(node);
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      if (INTERESTING_TEXT.test(node.getText(script.source))) {
        const value = evaluator.value(node, script);
        const text = value.kind === 'string' ? value.value : ComposedString.unknown();
        for (const endpoint of findEndpointsInText(text, spanOfNode(node, script))) {
          evidence.endpoints.push({ ...endpoint, fromText: true });
        }
        evidence.keyspace.push(...findKeyspaceUses(text));
      }
    }
    const children: ts.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }

  // Judged after the walk, when every client variable of the file is known.
  for (const call of methodCalls) {
    const method = call.expression.name.text;
    const receiver = call.expression.expression;
    const args = call.arguments.map((node) => ({ node, script }));
    if (TRANSACTION_ENDS.has(method)) {
      const block = transaction(call, receivers, keys, script);
      if (block) evidence.commands.push(block);
      continue;
    }
    if (!receivers.isClient(receiver)) continue;
    if (method.toLowerCase() === 'select' && args[0]) {
      const database = evaluator.value(args[0].node, script);
      if (database.kind === 'number' && database.span) evidence.databases.push({ value: database.value, span: database.span });
      continue;
    }
    const command = keys.read(method, args);
    if (command) evidence.commands.push({ at: spanOfNode(call.expression.name, script), ...command });
  }
  return evidence;
}

/** `client.multi().set(a).get(b).exec()`: the keys the whole chain touches. */
function transaction(end: MethodCall, receivers: RedisReceivers, keys: KeyReader, script: ParsedScript): FileEvidence['commands'][number] | undefined {
  const touched: Array<{ text: string }> = [];
  let unknownList = false;
  let link: ts.Expression = end.expression.expression;
  while (isMethodCall(link)) {
    const method = link.expression.name.text;
    const root = TRANSACTION_ROOTS[method];
    if (root) {
      if (!receivers.isClient(link.expression.expression)) return undefined;
      const command = end.expression.name.text === 'execAsPipeline' ? 'PIPELINE' : root;
      if (!unknownList && touched.length < 2) return undefined;
      return { at: spanOfNode(link.expression.name, script), command, keys: unknownList ? undefined : touched };
    }
    const args = link.arguments.map((node) => ({ node, script }));
    const command = keys.read(method, args);
    if (command && !command.keys) unknownList = true;
    touched.push(...(command ? command.keys ?? [] : keys.firstKey(args)));
    link = link.expression.expression;
  }
  return undefined;
}
