import { ts } from 'ts-morph';
import { findEndpointsInText } from '../connectionText';
import { emptyEvidence, type FileEvidence } from '../evidence';
import { findKeyspaceUses } from '../keyspace';
import { ComposedString } from '../sourcedString';
import { clientEndpoints, clientKindOf, type ClientKind } from './clients';
import { callSiteOf } from './callSite';
import { isCommandMethod, KeyReader } from './commands';
import { spanOfNode, type Evaluator } from './evaluate';
import type { ParsedScript } from './project';
import { RedisReceivers } from './receivers';
import { isMethodCall, Transactions, type MethodCall } from './transactions';

/** String contents worth reading as connection text or keyspace names. */
const INTERESTING_TEXT = /rediss?:\/\/|\.redis(?:enterprise)?\.cache\.|,\s*(?:password|ssl|abortConnect|defaultDatabase)\s*=|notify-keyspace-events|__key(?:space|event)@/i;

/** Sets `parent` while walking, which saves the parser a separate pass (setParentNodes). */
function adopt(child: ts.Node, parent: ts.Node): void {
  (child as { parent: ts.Node }).parent = parent;
}

/**
 * One walk over the file collects client constructions, method calls and interesting strings; they are
 * evaluated after the walk, when every node has its parent (scope lookups need them) and every client
 * variable of the file is known.
 */
export function analyzeScript(script: ParsedScript, evaluator: Evaluator): FileEvidence {
  const evidence = emptyEvidence(script.path);
  const receivers = new RedisReceivers(script);
  const keys = new KeyReader(evaluator);
  const transactions = new Transactions(script, receivers, keys);
  const clients: Array<{ node: ts.CallExpression | ts.NewExpression; kind: ClientKind }> = [];
  const methodCalls: MethodCall[] = [];
  const strings: Array<ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression> = [];

  let parent: ts.Node = script.source;
  const visitChild = (child: ts.Node): void => {
    adopt(child, parent);
    visit(child);
  };
  const visit = (node: ts.Node): void => {
    switch (node.kind) {
      case ts.SyntaxKind.CallExpression:
      case ts.SyntaxKind.NewExpression: {
        const call = node as ts.CallExpression | ts.NewExpression;
        const kind = clientKindOf(call, script);
        if (kind) clients.push({ node: call, kind });
        else if (isMethodCall(call)) {
          transactions.observeCall(call);
          if (isCommandMethod(call.expression.name.text)) methodCalls.push(call);
        }
        break;
      }
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        if (INTERESTING_TEXT.test((node as ts.StringLiteral).text)) strings.push(node as ts.StringLiteral);
        break;
      case ts.SyntaxKind.TemplateExpression:
        if (INTERESTING_TEXT.test(node.getText(script.source))) strings.push(node as ts.TemplateExpression);
        break;
      case ts.SyntaxKind.VariableDeclaration:
        receivers.observe(node);
        transactions.observeDeclaration(node as ts.VariableDeclaration);
        break;
      case ts.SyntaxKind.PropertyDeclaration:
      case ts.SyntaxKind.PropertySignature:
      case ts.SyntaxKind.Parameter:
      case ts.SyntaxKind.BinaryExpression:
        receivers.observe(node);
        break;
    }
    const saved = parent;
    parent = node;
    ts.forEachChild(node, visitChild);
    parent = saved;
  };
  visit(script.source);
  script.parented = true;

  for (const { node, kind } of clients) evidence.endpoints.push(...clientEndpoints(node, kind, script, evaluator));
  for (const node of strings) {
    const value = evaluator.value(node, script);
    const text = value.kind === 'string' ? value.value : ComposedString.unknown();
    for (const endpoint of findEndpointsInText(text, spanOfNode(node, script))) {
      evidence.endpoints.push({ ...endpoint, fromText: true });
    }
    evidence.keyspace.push(...findKeyspaceUses(text));
  }
  evidence.commands.push(...transactions.blocks());
  for (const call of methodCalls) {
    const method = call.expression.name.text;
    if (!receivers.isClient(call.expression.expression)) continue;
    const args = call.arguments.map((node) => ({ node, script }));
    if (method.toLowerCase() === 'select' && args[0]) {
      const database = evaluator.value(args[0].node, script);
      if (database.kind === 'number' && database.span) evidence.databases.push({ value: database.value, span: database.span });
      continue;
    }
    const command = keys.read(method, args);
    if (!command) continue;
    const site = command.spec && !transactions.isBlockVariable(call.expression.expression) ? callSiteOf(call, command.spec, script) : undefined;
    evidence.commands.push({ at: spanOfNode(call.expression.name, script), command: command.command, keys: command.keys, ...(site && { site }) });
  }
  return evidence;
}
