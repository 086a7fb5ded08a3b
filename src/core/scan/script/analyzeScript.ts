import type { ts } from 'ts-morph';
import { Kind, forEachChild, isCallExpression, isFunctionLike } from './compilerApi';
import { findEndpointsInText } from '../connectionText';
import { emptyEvidence, type Endpoint, type FileEvidence } from '../../evidence/evidence';
import { commentedHostsIn } from '../../evidence/hosts';
import { findKeyspaceUses } from '../keyspace';
import { ComposedString } from '../sourcedString';
import { clientEndpoints, clientKindOf, mayBeConnectionOptions, optionsEndpoint, type ClientKind } from './clients';
import { callSiteOf } from './callSite';
import { isCommandMethod, KeyReader } from './commands';
import { ConstructionSyntax } from './constructionSyntax';
import { spanOfNode, type Evaluator } from './evaluate';
import type { ParsedScript } from './project';
import { mayDeclareReceiver, RedisReceivers } from './receivers';
import { movedCommand, type MemoizedCommand, type StatementMemo } from './statementMemo';
import { isMethodCall, Transactions, type MethodCall } from './transactions';

/** String contents worth reading as connection text or keyspace names. */
const INTERESTING_TEXT = /rediss?:\/\/|\.redis(?:enterprise)?\.cache\.|,\s*(?:password|ssl|abortConnect|defaultDatabase)\s*=|notify-keyspace-events|__key(?:space|event)@/i;


/**
 * The whole `'rediss://:' + key + '@' + host + ':6380'` a literal is part of, so the URL is read as one string; the
 * literal itself when it stands alone. `parent` is passed because the walk sets parents on its way down.
 */
function concatenationOf(literal: ts.Node, parent: ts.Node): ts.Node {
  let top = literal;
  let above: ts.Node | undefined = parent;
  while (above && above.kind === Kind.BinaryExpression && (above as ts.BinaryExpression).operatorToken.kind === Kind.PlusToken) {
    top = above;
    above = above.parent;
  }
  return top;
}

/** A line that is a comment: `// …`, or a line of a block comment (`/* …`, ` * …`). */
const COMMENT_LINE = /^\s*(?:\/\/|\/\*|\*)/;

/**
 * Legacy hosts in commented-out lines (`// const host = 'old.redis.cache.windows.net'`): the line still needs editing
 * before the old cache retires. Only the host counts; a commented-out port or key is not live code.
 */
function commentedHosts(script: ParsedScript): Endpoint[] {
  const text = script.source.text;
  return commentedHostsIn(script.path, text, 0, (start) => COMMENT_LINE.test(text.slice(text.lastIndexOf('\n', start) + 1, start)));
}

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
        if (INTERESTING_TEXT.test((node as ts.StringLiteral).text)) found.push(concatenationOf(node, parent));
        break;
      case Kind.TemplateExpression:
        if (INTERESTING_TEXT.test(node.getText(source))) found.push(node);
        break;
      case Kind.CallExpression:
      case Kind.NewExpression:
        found.push(node);
        break;
      case Kind.VariableDeclaration:
      case Kind.PropertyDeclaration:
      case Kind.PropertySignature:
      case Kind.Parameter:
        // Most declarations (`id: string`) can never name a client: leaving them out here saves every re-scan.
        if (mayDeclareReceiver(node as ts.VariableDeclaration, source)) found.push(node);
        break;
      case Kind.BinaryExpression:
        if ((node as ts.BinaryExpression).operatorToken.kind === Kind.EqualsToken) found.push(node);
        break;
      case Kind.ObjectLiteralExpression:
        if (mayBeConnectionOptions(node as ts.ObjectLiteralExpression)) found.push(node);
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
 * What a live session remembers of a top-level statement, or `undefined` in a one-shot scan (holding it costs a
 * large scan memory for nothing). The session's incremental re-parse hands back the very same node objects for
 * statements an edit did not touch, so a re-scan after an edit walks only the changed statements. Entries of a
 * statement that moved are moved with it here, so they always read where the statement is now.
 */
function memoOf(statement: ts.Statement, script: ParsedScript): StatementMemo | undefined {
  const memos = script.statementMemos;
  if (!memos) return undefined;
  let memo = memos.get(statement);
  if (!memo) {
    memo = { pos: statement.pos, nodes: gather(statement, script.source), commands: new Map() };
    memos.set(statement, memo);
  } else if (memo.pos !== statement.pos) {
    const delta = statement.pos - memo.pos;
    for (const [call, found] of memo.commands) memo.commands.set(call, found && movedCommand(found, delta));
    memo.pos = statement.pos;
  }
  return memo;
}

/** A multi-key command call: from the statement's memo, else read (and remembered when it looked nowhere else). */
function commandOf(call: MethodCall, memo: StatementMemo | undefined, script: ParsedScript, keys: KeyReader, evaluator: Evaluator): MemoizedCommand | undefined {
  if (memo?.commands.has(call)) return memo.commands.get(call);
  const lookedOutside = evaluator.lookedOutside;
  const command = keys.read(call.expression.name.text, call.arguments.map((node) => ({ node, script })));
  const found = command && {
    at: spanOfNode(call.expression.name, script),
    command: command.command,
    keys: command.keys,
    site: command.spec && callSiteOf(call, command.spec, script),
  };
  if (memo && evaluator.lookedOutside === lookedOutside) memo.commands.set(call, found);
  return found;
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
  const methodCalls: Array<{ call: MethodCall; memo: StatementMemo | undefined }> = [];
  let statementMemo: StatementMemo | undefined;
  // Literals, templates and the concatenations holding them; a concatenation of several such literals comes once.
  const strings = new Set<ts.Expression>();
  const objects: ts.ObjectLiteralExpression[] = [];

  const observe = (node: ts.Node): void => {
    switch (node.kind) {
      case Kind.CallExpression:
      case Kind.NewExpression: {
        const call = node as ts.CallExpression | ts.NewExpression;
        const kind = clientKindOf(call, script);
        if (kind) clients.push({ node: call, kind });
        else if (isMethodCall(call)) {
          transactions.observeCall(call);
          if (isCommandMethod(call.expression.name.text)) methodCalls.push({ call, memo: statementMemo });
        }
        break;
      }
      case Kind.StringLiteral:
      case Kind.NoSubstitutionTemplateLiteral:
      case Kind.TemplateExpression:
        strings.add(node as ts.Expression);
        break;
      case Kind.BinaryExpression:
        if ((node as ts.BinaryExpression).operatorToken.kind === Kind.PlusToken) strings.add(node as ts.Expression);
        else receivers.observe(node);
        break;
      case Kind.ObjectLiteralExpression:
        objects.push(node as ts.ObjectLiteralExpression);
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
    statementMemo = memoOf(statement, script);
    for (const node of statementMemo?.nodes ?? gather(statement, script.source)) observe(node);
  }
  script.parented = true;

  const syntax = new ConstructionSyntax(script);
  for (const { node, kind } of clients) {
    const construction = syntax.describe(node, isCallExpression(node) ? 'node-redis' : 'ioredis');
    for (const endpoint of clientEndpoints(node, kind, script, evaluator)) evidence.endpoints.push({ ...endpoint, construction });
  }
  // Options a client construction reads elsewhere give the same spans as the client's endpoint (the scanner reports
  // each span once); options written inside the construction are the client's alone.
  const clientNodes = new Set<ts.Node>(clients.map(({ node }) => node));
  const insideClient = (node: ts.Node) => {
    for (let at: ts.Node | undefined = node.parent; at && at !== script.source; at = at.parent) if (clientNodes.has(at)) return true;
    return false;
  };
  for (const node of objects) {
    if (insideClient(node)) continue;
    const endpoint = optionsEndpoint(node, script, evaluator);
    if (endpoint) evidence.endpoints.push(endpoint);
  }
  for (const node of strings) {
    const value = evaluator.value(node, script);
    const text = value.kind === 'string' ? value.value : ComposedString.unknown();
    for (const endpoint of findEndpointsInText(text, spanOfNode(node, script))) {
      evidence.endpoints.push({ ...endpoint, fromText: true });
    }
    evidence.keyspace.push(...findKeyspaceUses(text));
  }
  evidence.endpoints.push(...commentedHosts(script));
  evidence.commands.push(...transactions.blocks());
  for (const { call, memo } of methodCalls) {
    if (!receivers.isClient(call.expression.expression)) continue;
    const [first] = call.arguments;
    const method = call.expression.name.text.toLowerCase();
    if (method === 'auth') {
      // `client.auth(key)` / `client.auth(user, key)` (node-redis v2/v3, ioredis): the last argument is the key.
      const key = call.arguments.filter((argument) => !isFunctionLike(argument)).at(-1);
      const value = key && evaluator.value(key, script);
      if (key && value?.kind !== 'nothing' && !(value?.kind === 'string' && value.value.text === '')) {
        evidence.credentials.push({ at: spanOfNode(key, script), source: 'auth() call' });
      }
      continue;
    }
    if (method === 'select' && first) {
      const database = evaluator.value(first, script);
      if (database.kind === 'number' && database.span) evidence.databases.push({ value: database.value, span: database.span });
      continue;
    }
    const found = commandOf(call, memo, script, keys, evaluator);
    if (!found) continue;
    const site = found.site && !transactions.isBlockVariable(call.expression.expression) ? found.site : undefined;
    evidence.commands.push({ at: found.at, command: found.command, keys: found.keys, ...(site && { site }) });
  }
  return evidence;
}
