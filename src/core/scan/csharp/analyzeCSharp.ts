import type { Node } from '@vscode/tree-sitter-wasm';
import { emptyEvidence, type CommandUse, type DotnetOptionsSite, type Endpoint, type FileEvidence, type ProjectFile, type Span } from '../../evidence/evidence';
import { findEndpointsInText, hostRef, parseConnectionString } from '../connectionText';
import type { ScanInputs } from '../frontEnd';
import { indentationAt, nearestProjectFile, sourceImports } from '../syntaxTree/projectFiles';
import { gatherNodes, NAME_GAP, type GatheringSyntax } from '../syntaxTree/gatherNodes';
import { wholeNames } from '../syntaxTree/textSearch';
import { textOfNodes } from '../syntaxTree/textInCode';
import { keyArgument } from '../syntaxTree/treeEvidence';
import { namedChildren, TreeValues } from '../syntaxTree/treeValues';
import { walk } from '../syntaxTree/walk';
import { argumentsOf, argumentValue, calleeOf, csharpSyntax } from './csharpSyntax';
import { connectionStringTls, optionsTls, plaintextByDefault } from './tlsByDefault';

/**
 * IDatabase methods that touch several keys, with the Redis command they send and where their keys are: the argument
 * that may be a key array (`keys`), and the positions of single keys in the overloads that take them one by one.
 */
const MULTI_KEY_METHODS: Readonly<Record<string, { command: string; array?: number; positions?: number[]; pairs?: boolean }>> = {
  StringGet: { command: 'MGET', array: 0 },
  KeyDelete: { command: 'DEL', array: 0 },
  KeyExists: { command: 'EXISTS', array: 0 },
  KeyTouch: { command: 'TOUCH', array: 0 },
  StringSet: { command: 'MSET', array: 0, pairs: true },
  SetCombine: { command: 'SUNION', array: 1, positions: [1, 2] },
  SetCombineAndStore: { command: 'SUNIONSTORE', array: 2, positions: [1, 2, 3] },
  SortedSetCombine: { command: 'ZUNION', array: 1 },
  SortedSetCombineAndStore: { command: 'ZUNIONSTORE', array: 2, positions: [1, 2, 3] },
  StringBitOperation: { command: 'BITOP', array: 2, positions: [1, 2, 3] },
  HyperLogLogMerge: { command: 'PFMERGE', array: 1, positions: [0, 1, 2] },
  KeyRename: { command: 'RENAME', positions: [0, 1] },
  KeyCopy: { command: 'COPY', positions: [0, 1] },
  SetMove: { command: 'SMOVE', positions: [0, 1] },
  ListRightPopLeftPush: { command: 'RPOPLPUSH', positions: [0, 1] },
  ListMove: { command: 'LMOVE', positions: [0, 1] },
  ScriptEvaluate: { command: 'EVAL', array: 1 },
};

/** ConfigurationOptions properties the rules care about. */
const OPTION_PROPERTIES = new Set(['EndPoints', 'Ssl', 'Password', 'User', 'DefaultDatabase']);

const ARRAY_TYPES = new Set(['array_creation_expression', 'implicit_array_creation_expression', 'collection_expression']);

const SOURCE_CONNECT = 'ConnectionMultiplexer connection string';

const STRING_TYPES = new Set(['string_literal', 'verbatim_string_literal', 'interpolated_string_expression']);
/** The methods whose calls the code reading reads: the rest is left before its arguments are looked at. */
const READ_METHODS = new Set(
  ['Connect', 'Parse', 'Add', 'GetDatabase', 'Keys', 'CreateTransaction', ...Object.keys(MULTI_KEY_METHODS)].flatMap((name) => [name, `${name}Async`]),
);

/** The elements of an array written in the code (`new RedisKey[] { a, b }`, `new[] { a, b }`, `[a, b]`). */
function arrayElements(node: Node): Node[] | undefined {
  if (!ARRAY_TYPES.has(node.type)) return undefined;
  const initializer = node.type === 'collection_expression' ? node : namedChildren(node).find((child) => child.type === 'initializer_expression');
  return initializer ? namedChildren(initializer).map((element) => (element.type === 'expression_element' ? namedChildren(element)[0] ?? element : element)) : [];
}

/**
 * What the C# readers look at: comments, strings, creations, assignments and calls. Text marks: Redis names and
 * keyspace channels in any case (comments, literals), and as written: escapes, interpolation and concatenation
 * (strings composed from other values) and connection-string options. Code: the methods read, ConfigurationOptions
 * (or a type whose name ends so) and `Configuration` assignments.
 */
const CSHARP_GATHERING: GatheringSyntax = {
  textMarks: [/redis|keyspace|keyevent/gi, new RegExp(['\\\\', '\\$@?"', '@\\$"', '(?<!\\+)\\+(?![+=])', ',\\s*\\w+\\s*='].join('|'), 'g')],
  codeNames: new RegExp(
    [
      wholeNames([...READ_METHODS], '', `${NAME_GAP}[(<]`).source,
      wholeNames(['Configuration']).source,
      `ConfigurationOptions(?![\\p{L}\\p{N}_])(?=${NAME_GAP}[({<])`,
    ].join('|'),
    'gu',
  ),
  commentTypes: new Set(['comment']),
  stringTypes: new Set([...STRING_TYPES, 'binary_expression']),
  codeTypes: new Set(['object_creation_expression', 'assignment_expression', 'invocation_expression']),
  isString(node, text) {
    if (STRING_TYPES.has(node.type)) return true;
    // Every string literal has a quote: without one in the text, neither the operator nor the subtree is looked at.
    const written = text.slice(node.startIndex, node.endIndex);
    // Written from a literal on (`"a" + b`, `$"…" + b`), it holds one without a search of its subtree.
    return written.includes('"') && csharpSyntax.concatenated(node) !== undefined && (/^[$@]{0,2}"/.test(written) || node.descendantsOfType([...STRING_TYPES]).length > 0);
  },
  isPlainLiteral: (type, written) => (type === 'string_literal' || type === 'verbatim_string_literal') && !written.includes('\\'),
};

/**
 * StackExchange.Redis in one C# file: ConnectionMultiplexer connections (strings and ConfigurationOptions),
 * GetDatabase, multi-key IDatabase calls, transactions, server.Keys and everything the file's strings say.
 * Every endpoint of a StackExchange.Redis connection is a cluster-capable client: the multiplexer discovers an OSS
 * cluster and follows its redirections by itself.
 */
export function analyzeCSharp(root: Node, file: string, text: string, inputs: ScanInputs): FileEvidence {
  const values = new TreeValues(csharpSyntax, { root, text }, file);
  const nodes = gatherNodes(root, text, CSHARP_GATHERING, (name) => values.declares(name));
  const site: SiteContext = { text, inputs, root };
  const evidence = emptyEvidence(file);
  const strings = textOfNodes(nodes.text, values);
  evidence.endpoints.push(...strings.endpoints);
  evidence.keyspace.push(...strings.keyspace);
  evidence.credentials.push(...strings.credentials);
  const keyText = (node: Node) => ({ text: values.string(node).text });

  for (const node of nodes.code) {
    if (node.type === 'object_creation_expression') {
      if (node.childForFieldName('type')?.text.endsWith('ConfigurationOptions')) evidence.endpoints.push(...optionsEndpoints(node, values, site));
      continue;
    }
    if (node.type === 'assignment_expression') {
      // AddStackExchangeRedisCache(o => o.Configuration = "…"), RedisCacheOptions.Configuration: a connection string.
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (left?.type === 'member_access_expression' && left.childForFieldName('name')?.text === 'Configuration' && right) {
        evidence.endpoints.push(...connectionEndpoints(right, values, 'RedisCacheOptions.Configuration', true));
      }
      continue;
    }
    const callee = calleeOf(node);
    if (!callee || !READ_METHODS.has(callee.method)) continue;
    const method = callee.method.replace(/Async$/, '');
    const argumentNodes = argumentsOf(node);
    const args = argumentNodes.map(argumentValue).filter((arg): arg is Node => arg !== undefined);
    const receiver = callee.receiver?.text ?? '';
    if ((method === 'Connect') && /(^|\.)ConnectionMultiplexer$/.test(receiver) && args[0]) {
      const written = values.resolve(args[0]);
      if (!isOptions(written)) evidence.endpoints.push(...connectionEndpoints(args[0], values, SOURCE_CONNECT, true));
    } else if (method === 'Parse' && /(^|\.)ConfigurationOptions$/.test(receiver)) {
      evidence.endpoints.push(...optionsEndpoints(node, values, site));
    } else if (callee.method === 'Add' && /\.EndPoints$/.test(receiver) && args[0]) {
      // Also read with the ConfigurationOptions it belongs to, when the file creates them: the same spans, one finding.
      evidence.endpoints.push(...hostEndpoints(args, values.span(node), 'ConfigurationOptions.EndPoints', values));
    } else if (callee.method === 'GetDatabase' && args[0]) {
      const database = values.number(args[0]);
      if (database && database.value > 0) evidence.databases.push(database);
    } else if (callee.method === 'Keys' && callee.receiver) {
      evidence.commands.push({ at: values.span(node), command: 'KEYS', keys: undefined });
    } else if (callee.method === 'CreateTransaction') {
      const transaction = transactionUse(node, values, keyText);
      if (transaction) evidence.commands.push(transaction);
    } else if (MULTI_KEY_METHODS[method] && callee.receiver) {
      const use = multiKeyUse(node, method, argumentNodes, args, text, values, keyText);
      if (use) evidence.commands.push(use);
    }
  }
  return evidence;
}

function isOptions(node: Node): boolean {
  if (node.type === 'object_creation_expression') return node.childForFieldName('type')?.text.endsWith('ConfigurationOptions') ?? false;
  const callee = node.type === 'invocation_expression' ? calleeOf(node) : undefined;
  return callee?.method === 'Parse' && /(^|\.)ConfigurationOptions$/.test(callee.receiver?.text ?? '');
}

/**
 * The endpoints of a connection string expression, as read by a StackExchange.Redis client. Text that shows no sign of
 * a connection string on its own (`$"{hostName}:6380"`) is still one here: the client reads it as `host:port`. With
 * `whole`, the string is all the client is given: where it leaves TLS off, so does the client.
 */
function connectionEndpoints(expression: Node, values: TreeValues, source: string, whole = false): Endpoint[] {
  const text = values.string(expression);
  const at = values.span(expression);
  let found = findEndpointsInText(text, at);
  if (found.length === 0 && !/:\/\//.test(text.text)) {
    found = parseConnectionString(text, 0, text.text.length, at).filter((endpoint) => endpoint.port || endpoint.host.kind === 'known');
  }
  const tls = whole && plaintextByDefault(found) ? connectionStringTls(text) : undefined;
  if (tls) found[0]!.tls = tls;
  return found.map((endpoint) => ({ ...endpoint, client: 'cluster' as const, source }));
}

/** The variable a ConfigurationOptions is stored in (`var options = …`, `options = …`), if any. */
function boundName(creation: Node): { name: string; scope: Node } | undefined {
  let parent = creation.parent;
  while (parent?.type === 'await_expression' || parent?.type === 'parenthesized_expression') parent = parent.parent;
  let name: string | undefined;
  if (parent?.type === 'variable_declarator') name = namedChildren(parent)[0]?.text;
  else if (parent?.type === 'assignment_expression') name = parent.childForFieldName('left')?.text;
  if (name === undefined) return undefined;
  let scope = parent!.parent;
  while (scope && !['method_declaration', 'constructor_declaration', 'local_function_statement', 'lambda_expression', 'accessor_declaration', 'compilation_unit'].includes(scope.type)) scope = scope.parent;
  return scope ? { name, scope } : undefined;
}

interface OptionSetting {
  property: string;
  value: Node;
  /** The whole `Property = value` assignment (in the initializer or as a statement). */
  assignment: Node;
}

/** The property settings of a ConfigurationOptions: its initializer and assignments to its variable in scope. */
function optionSettings(creation: Node, bound: ReturnType<typeof boundName>): { settings: OptionSetting[]; added: Node[][] } {
  const settings: OptionSetting[] = [];
  const added: Node[][] = [];
  const initializer = creation.childForFieldName('initializer');
  for (const assignment of initializer ? namedChildren(initializer) : []) {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (assignment.type === 'assignment_expression' && left && right && OPTION_PROPERTIES.has(left.text)) {
      settings.push({ property: left.text, value: right, assignment });
    }
  }
  if (!bound) return { settings, added };
  walk(bound.scope, (node) => {
    if (node.startIndex < creation.endIndex) return node.endIndex > creation.endIndex;
    if (node.type === 'assignment_expression') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const property = left?.type === 'member_access_expression' ? left.childForFieldName('name')?.text : undefined;
      if (property && right && OPTION_PROPERTIES.has(property) && left?.childForFieldName('expression')?.text === bound.name) {
        settings.push({ property, value: right, assignment: node });
      }
    } else if (node.type === 'invocation_expression') {
      const callee = calleeOf(node);
      if (callee?.method === 'Add' && callee.receiver?.text === `${bound.name}.EndPoints`) {
        added.push(argumentsOf(node).map(argumentValue).filter((arg): arg is Node => arg !== undefined));
      }
    }
    return true;
  });
  return { settings, added };
}

/** One endpoint per host of a ConfigurationOptions (`EndPoints`, or the string it was parsed from). */
function optionsEndpoints(creation: Node, values: TreeValues, context: SiteContext): Endpoint[] {
  const bound = boundName(creation);
  const { settings, added } = optionSettings(creation, bound);
  const at = values.span(creation);
  const source = 'ConfigurationOptions';
  const endpoints: Endpoint[] = [];
  if (creation.type === 'invocation_expression') {
    const parsed = argumentsOf(creation).map(argumentValue)[0];
    if (parsed) endpoints.push(...connectionEndpoints(parsed, values, source));
  }
  const hostEntry = (parts: Node[]) => endpoints.push(...hostEndpoints(parts, at, source, values));
  for (const setting of settings.filter((entry) => entry.property === 'EndPoints')) {
    for (const entry of namedChildren(setting.value)) hostEntry(entry.type === 'initializer_expression' ? namedChildren(entry) : [entry]);
  }
  added.forEach(hostEntry);
  if (endpoints.length === 0) endpoints.push({ at, source, host: { kind: 'unknown' } });
  const first = endpoints[0]!;
  let password: OptionSetting | undefined;
  for (const setting of settings) {
    const { property, value } = setting;
    if (property === 'Ssl') {
      const ssl = values.boolean(value);
      if (ssl) first.tls = { value: ssl.value, span: ssl.span, enableText: 'true' };
    } else if (property === 'Password') {
      if (!/^(null|"")$/.test(value.text)) {
        Object.assign(first, keyArgument(values, value));
        password = setting;
      }
    } else if (property === 'DefaultDatabase') {
      const database = values.number(value);
      if (database) first.database = database;
    }
  }
  if (!settings.some((setting) => setting.property === 'Ssl') && plaintextByDefault(endpoints)) {
    const parsed = creation.type === 'invocation_expression' ? argumentsOf(creation).map(argumentValue)[0] : undefined;
    const tls = parsed ? connectionStringTls(values.string(parsed)) : optionsTls(creation, values.file, context.text);
    if (tls) first.tls = tls;
  }
  const site = password && bound ? optionsSite(creation, bound, settings.filter((entry) => entry.property === 'Password' || entry.property === 'User'), context, values) : undefined;
  if (site) first.tokenCredential = site;
  return endpoints.map((endpoint) => ({ ...endpoint, client: 'cluster' as const }));
}

interface SiteContext {
  text: string;
  inputs: ScanInputs;
  root: Node;
}

/** Where the Entra ID fix configures options created by `var options = new ConfigurationOptions { … };`. */
function optionsSite(creation: Node, bound: { name: string; scope: Node }, credentials: OptionSetting[], context: SiteContext, values: TreeValues): DotnetOptionsSite | undefined {
  const declarator = creation.parent;
  const statement = declarator?.parent?.parent;
  if (declarator?.type !== 'variable_declarator' || statement?.type !== 'local_declaration_statement') return undefined;
  const scope = bound.scope;
  const awaitable = scope.type === 'compilation_unit' || namedChildren(scope).some((child) => child.type === 'modifier' && child.text === 'async');
  const removals = credentials.map((setting) => settingRemoval(setting.assignment, context.text, values));
  if (removals.some((removal) => removal === undefined)) return undefined;
  // Using directives of the file stand at its top level: its root's children, not a search of the whole tree.
  const usings = namedChildren(context.root).filter((node) => node.type === 'using_directive');
  return {
    kind: 'dotnet-options',
    variable: bound.name,
    insertAt: statement.endIndex,
    indent: indentationAt(context.text, statement.startIndex),
    awaitable,
    removals: removals as Span[],
    imports: sourceImports(context.text, usings, (node) => namedChildren(node).at(-1)?.text),
    ...projectOf(values.file, context.inputs),
  };
}

function projectOf(file: string, inputs: ScanInputs): { project?: ProjectFile } {
  const project = nearestProjectFile(file, inputs, (name) => name.endsWith('.csproj'));
  return project ? { project } : {};
}

/**
 * What deleting a `Password = …` setting removes: in an initializer the item and the separator after it (up to the
 * next item), or the separator before the last item; as a statement its whole line.
 */
function settingRemoval(assignment: Node, text: string, values: TreeValues): Span | undefined {
  const parent = assignment.parent;
  if (parent?.type === 'expression_statement') {
    const lineStart = text.lastIndexOf('\n', parent.startIndex - 1) + 1;
    const lineEnd = text.indexOf('\n', parent.endIndex);
    if (text.slice(lineStart, parent.startIndex).trim() !== '' || text.slice(parent.endIndex, lineEnd < 0 ? text.length : lineEnd).trim() !== '') return undefined;
    return { file: values.file, start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1 };
  }
  if (parent?.type !== 'initializer_expression') return undefined;
  const after = /^\s*,\s*/.exec(text.slice(assignment.endIndex));
  const next = assignment.nextNamedSibling;
  if (after && next) return { file: values.file, start: assignment.startIndex, end: next.startIndex };
  if (after) return { file: values.file, start: assignment.startIndex, end: assignment.endIndex + after[0].trimEnd().length };
  const previous = assignment.previousNamedSibling;
  return previous
    ? { file: values.file, start: previous.endIndex, end: assignment.endIndex }
    : { file: values.file, start: assignment.startIndex, end: assignment.endIndex };
}

/** The endpoint of `EndPoints.Add(host, port)`, `{ host, port }` or `"host:port"`. */
function hostEndpoints([host, port]: Node[], at: Span, source: string, values: TreeValues): Endpoint[] {
  if (!host) return [];
  const text = values.string(host);
  if (!port) return parseConnectionString(text, 0, text.text.length, values.span(host)).map((endpoint) => ({ ...endpoint, at, source, client: 'cluster' as const }));
  const endpoint: Endpoint = { at, source, client: 'cluster', host: hostRef(text, text.text, 0) };
  const located = values.number(port);
  if (located) endpoint.port = located;
  return [endpoint];
}

function multiKeyUse(
  call: Node,
  method: string,
  argumentNodes: Node[],
  args: Node[],
  text: string,
  values: TreeValues,
  keyText: (node: Node) => { text: string },
): CommandUse | undefined {
  const spec = MULTI_KEY_METHODS[method]!;
  const at = values.span(call);
  // Only an argument written `keys: …` can be the named one: the tree is asked about those alone.
  const named = argumentNodes.find((argument) => /^keys\s*:/.test(text.slice(argument.startIndex, argument.startIndex + 16))
    && argument.childForFieldName('name')?.text === 'keys');
  const arrayArg = named ? argumentValue(named) : spec.array === undefined ? undefined : args[spec.array];
  const elements = arrayArg && arrayElements(values.resolve(arrayArg));
  if (elements) {
    const keys = spec.pairs ? elements.map((pair) => pairKey(pair)) : elements;
    if (keys.some((key) => key === undefined)) return { at, command: spec.command, keys: undefined };
    const extra = spec.positions && spec.array !== undefined ? spec.positions.filter((index) => index < spec.array!).map((index) => args[index]) : [];
    const all = [...extra, ...keys].filter((key): key is Node => key !== undefined);
    return all.length >= 2 ? { at, command: spec.command, keys: all.map(keyText) } : undefined;
  }
  if (!spec.positions) return undefined;
  const keys = spec.positions.map((index) => args[index]).filter((key): key is Node => key !== undefined && !isEnumValue(key));
  return keys.length >= 2 && keys.every((key) => !arrayElements(key)) ? { at, command: spec.command, keys: keys.map(keyText) } : undefined;
}

/** `SetOperation.Union`, `Bitwise.And`, `CommandFlags.None`: an enum member, not a key. */
function isEnumValue(node: Node): boolean {
  return node.type === 'member_access_expression' && /^(SetOperation|Bitwise|Aggregate|When|CommandFlags|ListSide|Order)$/.test(node.childForFieldName('expression')?.text ?? '');
}

/** The key of `new KeyValuePair<RedisKey, RedisValue>(key, value)` or `KeyValuePair.Create(key, value)`. */
function pairKey(pair: Node): Node | undefined {
  if (pair.type !== 'object_creation_expression' && pair.type !== 'invocation_expression') return undefined;
  return argumentsOf(pair).map(argumentValue)[0];
}

/**
 * `var tran = db.CreateTransaction(); tran.StringSetAsync(a, …); tran.StringSetAsync(b, …)`: the keys the
 * transaction's commands name first, in the scope the transaction lives in.
 */
function transactionUse(creation: Node, values: TreeValues, keyText: (node: Node) => { text: string }): CommandUse | undefined {
  const bound = boundName(creation);
  if (!bound) return undefined;
  const keys: Node[] = [];
  walk(bound.scope, (node) => {
    if (node.type !== 'invocation_expression' || node.startIndex < creation.endIndex) return true;
    const callee = calleeOf(node);
    if (callee?.receiver?.text !== bound.name || /^(Execute|AddCondition)/.test(callee.method)) return true;
    const first = argumentsOf(node).map(argumentValue)[0];
    if (first) keys.push(first);
    return true;
  });
  return keys.length >= 2 ? { at: values.span(creation), command: 'MULTI', keys: keys.map(keyText) } : undefined;
}
