import type { ts } from 'ts-morph';
import { Kind, forEachChild, isCallExpression } from './compilerApi';
import { findEndpointsInText } from '../connectionText';
import { emptyEvidence, type FileEvidence } from '../evidence';
import { findKeyspaceUses } from '../keyspace';
import { ComposedString } from '../sourcedString';
import { clientEndpoints, clientKindOf, type ClientKind } from './clients';
import { callSiteOf } from './callSite';
import { isCommandMethod, KeyReader } from './commands';
import { ConstructionSyntax } from './constructionSyntax';
import { spanOfNode, type Evaluator } from './evaluate';
import type { ParsedScript } from './project';
import { RedisReceivers } from './receivers';
import { isMethodCall, Transactions, type MethodCall } from './transactions';

/** String contents worth reading as connection text or keyspace names. */
const INTERESTING_TEXT = /rediss?:\/\/|\.redis(?:enterprise)?\.cache\.|,\s*(?:password|ssl|abortConnect|defaultDatabase)\s*=|notify-keyspace-events|__key(?:space|event)@/i;


/**
 * Walks a statement (setting `parent` on the way, which saves the parser a separate setParentNodes pass)
 * and collects calls, `new`s, strings worth reading, and the declarations and assignments receivers watch.
 */
function gather(statement: ts.Statement, source: ts.SourceFile): ts.Node[] {
  const found: ts.Node[] = [];
  let parent: ts.Node = source;
  const visit = (node: ts.Node): void => {
    (node as { parent: ts.Node }).parent = parent;
    switch (node.kind) {
      case Kind.StringLiteral:
      case Kind.NoSubstitutionTemplateLiteral:
        if (INTERESTING_TEXT.test((node as ts.StringLiteral).text)) found.push(node);
        break;
      case Kind.TemplateExpression:
        if (INTERESTING_TEXT.test(node.getText(source))) found.push(node);
        break;
      case Kind.CallExpression:
      case Kind.NewExpression:
      case Kind.VariableDeclaration:
      case Kind.PropertyDeclaration:
      case Kind.PropertySignature:
      case Kind.Parameter:
      case Kind.BinaryExpression:
        found.push(node);
        break;
    }
    const saved = parent;
    parent = node;
    forEachChild(node, visit);
    parent = saved;
  };
  visit(statement);
  return found;
}

/**
 * The nodes of a top-level statement the analysis looks at, in walk order. A live session caches them per
 * statement node: its incremental re-parse hands back the very same node objects for statements an edit did
 * not touch, so a re-scan after an edit walks only the changed statements. One-shot scans keep no cache
 * (holding the lists costs a large scan memory for nothing).
 */
function nodesOfInterest(statement: ts.Statement, script: ParsedScript): ts.Node[] {
  const cache = script.statementNodes;
  let nodes = cache?.get(statement);
  if (!nodes) {
    nodes = gather(statement, script.source);
    cache?.set(statement, nodes);
  }
  return nodes;
}

/**
 * One pass over the file's nodes of interest collects client constructions, method calls and interesting
 * strings; they are evaluated afterwards, when every node has its parent (scope lookups need them) and
 * every client variable of the file is known.
 */
export function analyzeScript(script: ParsedScript, evaluator: Evaluator): FileEvidence {
  const evidence = emptyEvidence(script.path);
  const receivers = new RedisReceivers(script);
  const keys = new KeyReader(evaluator);
  const transactions = new Transactions(script, receivers, keys);
  const clients: Array<{ node: ts.CallExpression | ts.NewExpression; kind: ClientKind }> = [];
  const methodCalls: MethodCall[] = [];
  const strings: Array<ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression> = [];

  const observe = (node: ts.Node): void => {
    switch (node.kind) {
      case Kind.CallExpression:
      case Kind.NewExpression: {
        const call = node as ts.CallExpression | ts.NewExpression;
        const kind = clientKindOf(call, script);
        if (kind) clients.push({ node: call, kind });
        else if (isMethodCall(call)) {
          transactions.observeCall(call);
          if (isCommandMethod(call.expression.name.text)) methodCalls.push(call);
        }
        break;
      }
      case Kind.StringLiteral:
      case Kind.NoSubstitutionTemplateLiteral:
      case Kind.TemplateExpression:
        strings.push(node as ts.StringLiteral | ts.TemplateExpression);
        break;
      case Kind.VariableDeclaration:
        receivers.observe(node);
        transactions.observeDeclaration(node as ts.VariableDeclaration);
        break;
      default:
        receivers.observe(node);
    }
  };
  for (const statement of script.source.statements) {
    (statement as { parent: ts.Node }).parent = script.source;
    for (const node of nodesOfInterest(statement, script)) observe(node);
  }
  script.parented = true;

  const syntax = new ConstructionSyntax(script);
  for (const { node, kind } of clients) {
    const construction = syntax.describe(node, isCallExpression(node) ? 'node-redis' : 'ioredis');
    for (const endpoint of clientEndpoints(node, kind, script, evaluator)) evidence.endpoints.push({ ...endpoint, construction });
  }
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
