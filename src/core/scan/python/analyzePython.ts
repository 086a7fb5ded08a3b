import type { Node } from '@vscode/tree-sitter-wasm';
import { findEndpointsInText } from '../connectionText';
import {
  type CallSite, type CommandUse, type Endpoint, type FileEvidence, type KeyArg, type Span,
  type TreeClientSyntax, type TreeOption,
} from '../../evidence/evidence';
import { classifyHost } from '../../evidence/hosts';
import { ACR_TLS_PORT } from '../../amr/facts';
import type { SourceFileInput } from '../../findings';
import { ComposedString, writtenInOnePlace } from '../sourcedString';
import { isEntraToken } from '../entraToken';
import { hostOfValue, tlsExpected, tlsTurnedOnBy } from '../syntaxTree/treeEvidence';
import { TreeFileReader, type ReaderTypes } from '../syntaxTree/treeFileReader';
import { keyArgOf, siteKeyOf } from '../syntaxTree/treeValue';
import { inDocumentOrder, nodesAt, nodesAtMatches, nodesHoldingMatches, sameNode, wholeNames, wordsHolding } from '../syntaxTree/textSearch';
import { itemSeparator, removalRange } from '../syntaxTree/walk';
import { PythonValues } from './pythonValues';

/** Text without which a Python file holds no finding of its own: clients, URLs and hosts all name redis. */
const INTERESTING = /redis|valkey|\b63(?:79|80)\b|keyspace|keyevent/i;

export function mayHoldPythonEvidence(text: string): boolean {
  return INTERESTING.test(text);
}

/** A module that provides redis-py clients; a file that imports none of them constructs no client. */
const REDIS_IMPORT = /^\s*(?:import\s+(?:redis|django_redis|rediscluster)\b|from\s+(?:redis|django_redis|rediscluster)\b)/m;

type ClientForm = 'client' | 'cluster' | 'pool' | 'url';

/** The client class a callee names (`redis.Redis`, `StrictRedis`, `redis.asyncio.RedisCluster`, `Redis.from_url`). */
function clientFormOf(callee: string): { form: ClientForm; cluster: boolean } | undefined {
  const url = /^(?:(.*)\.)?from_url$/.exec(callee);
  if (url) {
    const owner = url[1] ?? '';
    if (!/(?:^|\.)(?:redis|asyncio|(?:Strict)?Redis|RedisCluster|(?:Blocking)?ConnectionPool)$/.test(owner)) return undefined;
    return { form: 'url', cluster: /RedisCluster$/.test(owner) };
  }
  const name = callee.slice(callee.lastIndexOf('.') + 1);
  if (name === 'Redis' || name === 'StrictRedis') return { form: 'client', cluster: false };
  if (name === 'RedisCluster') return { form: 'cluster', cluster: true };
  if (name === 'ConnectionPool' || name === 'BlockingConnectionPool') return { form: 'pool', cluster: false };
  // redis-py-cluster, which Azure's older Python samples use: its pool carries the nodes, the key and the TLS class.
  if (name === 'ClusterConnectionPool') return { form: 'pool', cluster: true };
  return undefined;
}

/**
 * Module or class constants that configure Redis (`REDIS_PORT`, `CACHE_PASSWORD`) are read like config settings:
 * those whose name holds one of these words.
 */
const SETTING_NAME_PART = /redis|cache/giu;
/**
 * What may follow an assignment's target (sticky): blanks, line continuations, then `=` or a type's `:` (a superset:
 * any blank and backslash), so that the other words holding a setting's name part are not looked up in the tree.
 */
const TARGET_FOLLOWED_BY = /[\s\\]*[=:]/y;
const SETTING_HOST = /host(?:_?name)?$/i;
const SETTING_PORT = /port$/i;
const SETTING_PASSWORD = /(?:password|passwd|pwd|secret)$/i;
/** `REDIS_KEY` may name a data key: it is a credential only when its value looks like one. */
const SETTING_KEY = /key$/i;
const SECRET_VALUE = /^[A-Za-z0-9+/_-]{20,}={0,2}$/;

/** redis-py's positional parameters of Redis(): host, port, db, password. */
const POSITIONAL = ['host', 'port', 'db', 'password'];

/** Multi-key methods of redis-py and how their keys are passed. */
type KeySpec = 'all' | 'pairs' | 'two' | 'allButLast' | 'afterFirst' | 'afterSecond' | 'eval' | 'keyspace';
const COMMANDS: Record<string, [string, KeySpec]> = {
  mget: ['MGET', 'all'], mset: ['MSET', 'pairs'], msetnx: ['MSETNX', 'pairs'],
  delete: ['DEL', 'all'], unlink: ['UNLINK', 'all'], exists: ['EXISTS', 'all'], touch: ['TOUCH', 'all'], watch: ['WATCH', 'all'],
  sinter: ['SINTER', 'all'], sunion: ['SUNION', 'all'], sdiff: ['SDIFF', 'all'],
  sinterstore: ['SINTERSTORE', 'all'], sunionstore: ['SUNIONSTORE', 'all'], sdiffstore: ['SDIFFSTORE', 'all'],
  zinterstore: ['ZINTERSTORE', 'all'], zunionstore: ['ZUNIONSTORE', 'all'],
  rename: ['RENAME', 'two'], renamenx: ['RENAMENX', 'two'], copy: ['COPY', 'two'], smove: ['SMOVE', 'two'],
  lmove: ['LMOVE', 'two'], blmove: ['BLMOVE', 'two'], rpoplpush: ['RPOPLPUSH', 'two'], brpoplpush: ['BRPOPLPUSH', 'two'],
  blpop: ['BLPOP', 'allButLast'], brpop: ['BRPOP', 'allButLast'],
  pfcount: ['PFCOUNT', 'all'], pfmerge: ['PFMERGE', 'all'], bitop: ['BITOP', 'afterFirst'],
  eval: ['EVAL', 'eval'], evalsha: ['EVALSHA', 'eval'], eval_ro: ['EVAL_RO', 'eval'], evalsha_ro: ['EVALSHA_RO', 'eval'],
  keys: ['KEYS', 'keyspace'], scan: ['SCAN', 'keyspace'], scan_iter: ['SCAN', 'keyspace'],
};
/** Methods of a pipeline that are not commands on a key. */
const PIPELINE_CONTROL = new Set(['execute', 'multi', 'watch', 'unwatch', 'reset', 'discard', 'immediate_execute_command']);

/** Names a client is usually bound to, for clients constructed elsewhere (another module, a framework). */
const CLIENT_NAME = /redis|^r$|^rc$|^rdb$|^conn$|^client$/i;

/** A node with its type, read once: each read of a type crosses into WebAssembly. */
interface Typed {
  node: Node;
  type: string;
}

function typed(nodes: ReadonlyArray<Node | null>): Typed[] {
  return nodes.flatMap((node) => (node ? [{ node, type: node.type }] : []));
}

/** A call's arguments with their types, but comments, and the type of the list that holds them. */
function typedArguments(call: Node): { args: Typed[]; listType: string | undefined } {
  const list = call.childForFieldName('arguments');
  return { args: typed(list?.namedChildren ?? []).filter((arg) => arg.type !== 'comment'), listType: list?.type };
}

function argumentsOf(call: Node): Node[] {
  return typedArguments(call).args.map(({ node }) => node);
}

/** The name of a keyword argument (`ssl=True`); `type` is the argument's, where already read. */
function keyword(arg: Node, type = arg.type): string | undefined {
  return type === 'keyword_argument' ? arg.childForFieldName('name')?.text : undefined;
}

function isStringish(node: Node | null): boolean {
  return node?.type === 'string' || node?.type === 'concatenated_string' || (node?.type === 'binary_operator' && node.childForFieldName('operator')?.text === '+');
}

const IMPORT_TYPES: ReadonlySet<string> = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);
/** The keywords an import statement starts with. */
const IMPORT_KEYWORDS = wholeNames(['import', 'from']);
const STRING_TYPES: ReadonlySet<string> = new Set(['string']);

const READER_TYPES: ReaderTypes = {
  // A comment inside a parenthesised import is not read.
  skipped: IMPORT_TYPES,
  strings: STRING_TYPES,
  calls: new Set(['call']),
  // Client classes and the client methods read (in any case, as they are compared).
  callNames: wholeNames(
    ['Redis', 'StrictRedis', 'RedisCluster', 'ConnectionPool', 'BlockingConnectionPool', 'ClusterConnectionPool', 'from_url', 'get_redis_connection', 'pipeline', 'select', ...Object.keys(COMMANDS)],
    'i',
    // Spaces, line continuations and comments may stand before the `(` inside brackets (a comment runs to its line's
    // end: one way to read each gap, so a failed match cannot backtrack through many).
    String.raw`((?:\s|\\\r?\n|#[^\n]*\n)*\()`,
  ),
};

class PythonFile extends TreeFileReader {
  protected readonly values: PythonValues;
  /** Receiver texts bound to a client construction, `get_redis_connection()`, or a pipeline (→ whether transactional). */
  private readonly clientNames = new Set<string>();
  private readonly pipelines = new Map<string, { at: Node; transaction: boolean }>();
  private readonly importsRedis: boolean;
  private importNodes: Node[] | undefined;
  /** The text of each client construction, to leave the settings a client reads to the client. */
  private readonly clientTexts: string[] = [];
  /** Each call's callee, by call id, found with the call: where it ends, and its text without blanks. */
  private readonly callees = new Map<number, { end: number; text: string }>();

  constructor(root: Node, input: SourceFileInput, manifests: TreeClientSyntax['manifests']) {
    super(root, input, manifests, READER_TYPES);
    this.values = new PythonValues(input.path, root, input.text);
    this.importsRedis = REDIS_IMPORT.test(input.text);
  }

  protected readsCalls(): boolean {
    return true;
  }

  /** A call whose callee is the name or ends in `.name`. */
  protected isCallEndingIn(node: Node, nameEnd: number): boolean {
    if (node.type !== 'call') return false;
    const callee = node.childForFieldName('function');
    const type = callee?.type;
    if (!callee || (type !== 'identifier' && type !== 'attribute') || callee.endIndex !== nameEnd) return false;
    this.callees.set(node.id, { end: nameEnd, text: this.input.text.slice(callee.startIndex, nameEnd).replace(/\s+/g, '') });
    return true;
  }

  private callee(call: Node): string {
    return this.callees.get(call.id)!.text;
  }

  protected outermostString(literal: Node): Node {
    let top = literal;
    while (top.parent && (top.parent.type === 'concatenated_string' || (top.parent.type === 'binary_operator' && isStringish(top.parent)))) top = top.parent;
    return top;
  }

  protected override readSettings(): void {
    for (const pair of this.passwordPairs()) this.readSettingPair(pair);
    this.readSettingConstants();
  }

  /** Dictionary pairs whose key names a password (`'PASSWORD': …`). */
  private passwordPairs(): Node[] {
    const pairs: Node[] = [];
    for (const word of nodesHoldingMatches(this.root, this.input.text, /password/gi, STRING_TYPES)) {
      const pair = word.parent;
      if (pair?.type === 'pair' && sameNode(pair.childForFieldName('key'), word)) pairs.push(pair);
    }
    return pairs;
  }

  /**
   * The file's top-level imports, where a fix adds its own: found from their keywords in the text, as a module has a
   * few while its top level holds every statement.
   */
  private get imports(): Node[] {
    this.importNodes ??= inDocumentOrder(nodesAtMatches(this.root, this.input.text, IMPORT_KEYWORDS).flatMap((keyword) => {
      const statement = keyword.parent;
      return statement && IMPORT_TYPES.has(statement.type) && sameNode(statement.parent, this.root) ? [statement] : [];
    }));
    return this.importNodes;
  }

  /** Records what names clients and pipelines are bound to (`r = redis.Redis(…)`, `with r.pipeline() as pipe:`). */
  protected observeCall(call: Node): void {
    const name = this.callee(call);
    const client = (this.importsRedis && clientFormOf(name)) || /(?:^|\.)get_redis_connection$/.test(name);
    const method = client ? null : /^(.*)\.pipeline$/.exec(name);
    // Finding what a call is bound to walks up from it: only for the calls whose binding counts.
    const target = (client || (method && this.isClient(method[1]!))) && this.boundTo(call);
    if (!target) return;
    if (client) {
      this.clientNames.add(target.text);
      return;
    }
    if (method) {
      const flag = argumentsOf(call).find((arg) => keyword(arg) === 'transaction' || arg.type !== 'keyword_argument');
      const value = flag && this.values.value(flag.type === 'keyword_argument' ? flag.childForFieldName('value') : flag);
      this.pipelines.set(target.text, { at: call, transaction: value?.kind !== 'boolean' || value.value });
    }
  }

  /** The name or attribute a call's result is bound to, by assignment or `with … as`. */
  private boundTo(call: Node): Node | undefined {
    const parent = call.parent;
    if (parent?.type === 'assignment' && parent.childForFieldName('right')?.startIndex === call.startIndex) {
      const left = parent.childForFieldName('left');
      return left && (left.type === 'identifier' || left.type === 'attribute') ? left : undefined;
    }
    if (parent?.type === 'as_pattern') {
      const alias = parent.childForFieldName('alias')?.namedChildren[0];
      return alias?.type === 'identifier' ? alias : undefined;
    }
    return undefined;
  }

  private isClient(receiver: string): boolean {
    if (!this.importsRedis) return false;
    const last = receiver.slice(receiver.lastIndexOf('.') + 1);
    return this.clientNames.has(receiver) || CLIENT_NAME.test(last) || /(?:^|\.)get_redis_connection\(.*\)$/.test(receiver);
  }

  protected readCall(call: Node): void {
    const name = this.callee(call);
    const form = this.importsRedis ? clientFormOf(name) : undefined;
    if (form) {
      this.clientTexts.push(call.text);
      const endpoint = this.clientEndpoint(call, name, form.form, form.cluster);
      if (endpoint) this.evidence.endpoints.push(endpoint);
      return;
    }
    const member = /^(.*)\.(\w+)$/.exec(name);
    if (!member) return;
    const [, receiver, method] = member as unknown as [string, string, string];
    if (this.pipelines.size > 0 && (this.pipelines.has(receiver) || this.pipelines.has(this.chainRoot(call) ?? ''))) return;
    if (!this.isClient(receiver)) return;
    const lower = method.toLowerCase();
    const known = COMMANDS[lower];
    if (lower !== 'select' && !known) return;
    const { args, listType } = typedArguments(call);
    if (lower === 'select') {
      if (!args[0]) return;
      const database = this.values.value(args[0].node);
      if (database.kind === 'number' && database.span) this.evidence.databases.push({ value: database.value, span: database.span });
      return;
    }
    const [command, spec] = known!;
    // The method's name ends the callee: `method` is all of it (a name after the last dot).
    const end = this.callees.get(call.id)!.end;
    const at: Span = { file: this.input.path, start: end - method.length, end };
    if (spec === 'keyspace') {
      if (command === 'KEYS' || args.some((arg) => keyword(arg.node, arg.type) === 'match')) this.evidence.commands.push({ at, command, keys: [] });
      return;
    }
    const keys = this.keysOf(spec, args);
    if (keys === null) return;
    const use: CommandUse = { at, command, keys: keys?.map((node) => this.keyArg(node)) };
    // The hash-tag fix edits keys written as the call's own arguments (not items of a list passed as one).
    const site = keys && spec === 'all' && keys.every((key) => args.some((arg) => arg.node === key)) && listType === 'argument_list'
      ? this.siteOf(call, receiver, method, keys)
      : undefined;
    if (site) use.site = site;
    this.evidence.commands.push(use);
  }

  private keyArg(node: Node): KeyArg {
    return keyArgOf(this.valueOf(node), node, this.input.path);
  }

  /**
   * The key expressions of a multi-key call; `undefined` when the list cannot be known (a splat, a list variable),
   * `null` when the call is not a multi-key use (fewer than two keys written, numkeys below two).
   */
  private keysOf(spec: KeySpec, args: readonly Typed[]): Node[] | undefined | null {
    const positional = args.filter((arg) => arg.type !== 'keyword_argument');
    const flat: Typed[] = [];
    let opaque = false;
    const expand = (arg: Typed) => {
      if (arg.type === 'list' || arg.type === 'tuple') {
        for (const item of typed(arg.node.namedChildren)) expand(item);
      } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') {
        opaque = true;
      } else {
        flat.push(arg);
      }
    };
    const nodes = (list: readonly Typed[]) => list.map((arg) => arg.node);
    switch (spec) {
      case 'pairs': {
        const mapping = positional[0];
        if (mapping?.type !== 'dictionary') return mapping ? undefined : null;
        return typed(mapping.node.namedChildren).flatMap((pair) => {
          const key = pair.type === 'pair' ? pair.node.childForFieldName('key') : null;
          return key ? [key] : [];
        });
      }
      case 'two':
        if (positional.length < 2 || positional.slice(0, 2).some((arg) => arg.type === 'list_splat')) return positional.some((arg) => arg.type === 'list_splat') ? undefined : null;
        return nodes(positional.slice(0, 2));
      case 'eval': {
        const count = this.values.value(positional[1]?.node);
        if (count.kind !== 'number') return positional.length > 2 ? undefined : null;
        if (count.value < 2) return null;
        const keys = positional.slice(2, 2 + count.value);
        return keys.length === count.value && !keys.some((arg) => arg.type === 'list_splat') ? nodes(keys) : undefined;
      }
      default: {
        const from = spec === 'afterFirst' ? 1 : 0;
        for (const arg of positional.slice(from)) expand(arg);
        if (spec === 'allButLast' && !positional.some((arg) => arg.type === 'list' || arg.type === 'tuple')) flat.pop();
        if (opaque) return undefined;
        // A single argument that is a variable may hold a list: the keys cannot be known.
        if (flat.length === 1 && positional.length === 1 && flat[0]!.type === 'identifier' && this.values.value(flat[0]!.node).kind === 'unknown') return undefined;
        return flat.length >= 2 ? nodes(flat) : null;
      }
    }
  }

  private siteOf(call: Node, receiver: string, method: string, keys: Node[]): CallSite | undefined {
    const file = this.input.path;
    if (!/^[\w.]+$/.test(receiver)) return undefined;
    return {
      receiver,
      method,
      use: 'other',
      open: { file, start: call.startIndex, end: keys[0]!.startIndex },
      close: { file, start: keys.at(-1)!.endIndex, end: call.endIndex },
      keys: keys.map((key) => siteKeyOf(key, this.valueOf(key), file, (node) => this.values.quoteLength(node))),
      pairs: [],
    };
  }

  /** The receiver name at the root of a method chain (`pipe` in `pipe.set(a).get(b)`). */
  private chainRoot(call: Node): string | undefined {
    let at: Node | null = call;
    while (at?.type === 'call') {
      const fn: Node | null = at.childForFieldName('function');
      if (fn?.type !== 'attribute') return undefined;
      at = fn.childForFieldName('object');
    }
    return at?.type === 'identifier' || at?.type === 'attribute' ? at.text : undefined;
  }

  /** Each pipeline's commands: the first key of each; a transaction or pipeline over several keys is one use. */
  protected readPipelines(): void {
    if (this.pipelines.size === 0) return;
    const keysOf = new Map<string, KeyArg[] | undefined>();
    for (const call of this.allCalls()) {
      const fn = call.childForFieldName('function');
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      const root = this.chainRoot(call);
      if (!method || !root || !this.pipelines.has(root) || PIPELINE_CONTROL.has(method)) continue;
      const first = argumentsOf(call).find((arg) => arg.type !== 'keyword_argument');
      const keys = keysOf.has(root) ? keysOf.get(root) : [];
      if (!keys) continue;
      if (!first || first.type === 'list_splat') keysOf.set(root, first ? undefined : keys);
      else keysOf.set(root, [...keys, this.keyArg(first)]);
    }
    for (const [name, { at, transaction }] of this.pipelines) {
      if (!keysOf.has(name)) continue;
      const keys = keysOf.get(name);
      if (keys && new Set(keys.map((key) => key.text)).size < 2) continue;
      const method = at.childForFieldName('function')?.childForFieldName('attribute');
      this.evidence.commands.push({ at: this.span(method ?? at), command: transaction ? 'MULTI' : 'PIPELINE', keys });
    }
  }

  private clientEndpoint(call: Node, name: string, form: ClientForm, cluster: boolean): Endpoint | undefined {
    const args = argumentsOf(call);
    const named = new Map<string, Node>();
    let positional = 0;
    for (const arg of args) {
      const key = keyword(arg);
      const value = arg.childForFieldName('value');
      if (key && value) named.set(key, value);
      else if (arg.type !== 'dictionary_splat' && arg.type !== 'list_splat') {
        const parameter = form === 'url' ? (positional === 0 ? 'url' : undefined) : form === 'client' ? POSITIONAL[positional] : positional === 0 ? 'host' : positional === 1 ? 'port' : undefined;
        if (parameter) named.set(parameter, arg);
        positional++;
      }
    }
    const startupNodes = named.get('startup_nodes');
    if (named.has('connection_pool') || named.has('unix_socket_path') || (startupNodes && form === 'url')) return undefined;
    // The first startup node stands for the cluster: they share the host suffix, port and TLS.
    const node = startupNodes && this.firstStartupNode(startupNodes);
    if (startupNodes) {
      named.delete('host');
      named.delete('port');
      if (node?.host) named.set('host', node.host);
      if (node?.port) named.set('port', node.port);
    }
    const source = `${name}()`;
    let endpoint: Endpoint;
    const urlNode = named.get('url');
    if (urlNode) {
      const value = this.values.value(urlNode);
      const text = value.kind === 'string' ? value.value : ComposedString.unknown();
      const found = findEndpointsInText(text, this.span(urlNode)).find((candidate) => candidate.source === 'connection URL');
      endpoint = found ? { ...found, at: this.span(call), source } : { at: this.span(call), source, host: { kind: 'unknown' } };
    } else {
      const host: Endpoint['host'] = startupNodes && !node?.host ? { kind: 'unknown' } : hostOfValue(named.get('host') && this.values.value(named.get('host')));
      endpoint = { at: this.span(call), source, host };
      const port = named.get('port') && this.values.value(named.get('port'));
      if (port?.kind === 'number' && port.span) endpoint.port = { value: port.value, span: port.span };
      const db = named.get('db') && this.values.value(named.get('db'));
      if (db?.kind === 'number' && db.span) endpoint.database = { value: db.value, span: db.span };
    }
    endpoint.client = cluster ? 'cluster' : 'single';
    const password = named.get('password');
    if (password) {
      const value = this.values.value(password);
      if (value.kind !== 'nothing' && !(value.kind === 'string' && value.value.text === '') && !isEntraToken(password.text)) {
        endpoint.password = this.span(password);
      }
    }
    const syntax = this.syntaxOf(call, args);
    const ssl = named.get('ssl');
    const sslValue = ssl && this.values.value(ssl);
    // A pool whose connections are redis-py's SSLConnection speaks TLS without any ssl= argument.
    const sslConnections = /(?:^|\.)SSL(?:Cluster)?Connection$/.test(named.get('connection_class')?.text ?? '');
    if (sslConnections) {
      endpoint.tls = { value: true, span: undefined, enableText: 'True' };
    } else if (sslValue?.kind === 'boolean') {
      endpoint.tls = { value: sslValue.value, span: ssl!.type === 'true' || ssl!.type === 'false' ? this.span(ssl!) : undefined, enableText: 'True' };
    } else if (!ssl && !endpoint.scheme && tlsExpected(endpoint)) {
      const insert = syntax.optionInsert;
      endpoint.tls = tlsTurnedOnBy(this.input.path, insert.at, insert.at, `${insert.before}ssl=True${insert.after}`, 'True');
    }
    if (form !== 'pool') endpoint.treeClient = syntax;
    return endpoint;
  }

  /** The host and port of the first node of `startup_nodes=[{"host": h, "port": p}, …]` (or `[ClusterNode(h, p)]`). */
  private firstStartupNode(nodes: Node): { host?: Node; port?: Node } | undefined {
    const list = nodes.type === 'identifier' ? this.values.bindingOf(nodes.text) : nodes;
    const first = list?.type === 'list' || list?.type === 'tuple' ? list.namedChildren.find((item) => item?.type !== 'comment') : undefined;
    if (first?.type === 'dictionary') {
      const entry = (key: string) => first.namedChildren.find((pair) => {
        const name = pair?.type === 'pair' ? this.values.value(pair.childForFieldName('key')) : undefined;
        return name?.kind === 'string' && name.value.text === key;
      })?.childForFieldName('value') ?? undefined;
      return { host: entry('host'), port: entry('port') };
    }
    if (first?.type === 'call') {
      const args = argumentsOf(first);
      const positional = args.filter((arg) => arg.type !== 'keyword_argument');
      const argument = (name: string, at: number) =>
        args.find((arg) => keyword(arg) === name)?.childForFieldName('value') ?? positional[at] ?? undefined;
      return { host: argument('host', 0), port: argument('port', 1) };
    }
    return undefined;
  }

  private syntaxOf(call: Node, args: Node[]): TreeClientSyntax {
    const file = this.input.path;
    const list = call.childForFieldName('arguments')!;
    const fn = call.childForFieldName('function')!;
    const options: TreeOption[] = [];
    args.forEach((arg, index) => {
      const name = keyword(arg);
      if (!name) return;
      const [start, end] = removalRange(args, index);
      options.push({ name, span: this.span(arg), valueText: arg.childForFieldName('value')?.text ?? '', removal: { file, start, end } });
    });
    const last = args.at(-1);
    const lastImport = this.imports.at(-1);
    return {
      language: 'python',
      call: this.span(call),
      callee: { value: fn.text, span: this.span(fn) },
      options,
      positional: args.filter((arg) => arg.type !== 'keyword_argument' && arg.type !== 'dictionary_splat').length,
      opaque: args.some((arg) => arg.type === 'dictionary_splat' || arg.type === 'list_splat'),
      optionInsert: last
        ? { at: last.endIndex, before: itemSeparator(this.input.text, list, args, this.newline), after: '' }
        : { at: list.startIndex + 1, before: '', after: '' },
      imports: this.imports.map((node) => node.text),
      importInsert: lastImport
        ? { at: lastImport.endIndex, before: this.newline, after: '' }
        : { at: 0, before: '', after: this.newline },
      newline: this.newline,
      fileEnd: this.input.text.length,
      topLevelNames: [],
      manifests: this.manifests,
    };
  }


  /**
   * Redis settings held by module or class constants that no client of the file reads (a settings module or class:
   * `REDIS_PORT = os.getenv('REDIS_PORT', 6380)`, `REDIS_PASSWORD = os.getenv('REDIS_PASSWORD', '…')`): a 6380 port and
   * a key written there change with the migration, judged by the host setting beside them as a config file's are.
   */
  private readSettingConstants(): void {
    for (const settings of this.settingConstants().values()) {
      const hostSetting = settings.find((setting) => SETTING_HOST.test(setting.name));
      const host = hostSetting ? hostOfValue(this.values.value(hostSetting.value)) : { kind: 'unknown' as const };
      const hostClass = classifyHost(host);
      if (hostClass === 'local' || hostClass === 'other') continue;
      for (const { name, value } of settings) {
        const readByClient = new RegExp(`\\b${name}\\b`);
        if (this.clientTexts.some((text) => readByClient.test(text))) continue;
        const written = this.values.value(value);
        const source = `'${name}' setting`;
        if (SETTING_PORT.test(name)) {
          const port = written.kind === 'string' && /^\d{1,5}$/.test(written.value.text) ? Number(written.value.text) : written.kind === 'number' ? written.value : undefined;
          const span = written.kind === 'number' ? written.span : written.kind === 'string' ? writtenInOnePlace(written.value) : undefined;
          if (port === ACR_TLS_PORT && span) this.evidence.endpoints.push({ at: span, source, host, port: { value: port, span } });
          continue;
        }
        const key = written.kind === 'string' ? written.value.text : '';
        const span = written.kind === 'string' ? writtenInOnePlace(written.value) : undefined;
        const credential = SETTING_PASSWORD.test(name) ? hostClass !== 'unknown' || SECRET_VALUE.test(key) : SETTING_KEY.test(name) && SECRET_VALUE.test(key);
        if (span && credential && !isEntraToken(value.text)) this.evidence.credentials.push({ at: span, source });
      }
    }
  }

  /** Module and class constants named for Redis (`REDIS_PORT = …`), by the start of the body that holds them. */
  private settingConstants(): Map<number, Array<{ name: string; value: Node }>> {
    const settings = new Map<number, Array<{ name: string; value: Node }>>();
    const text = this.input.text;
    const targets = wordsHolding(text, SETTING_NAME_PART).filter(([, end]) => {
      TARGET_FOLLOWED_BY.lastIndex = end;
      return TARGET_FOLLOWED_BY.test(text);
    });
    for (const name of nodesAt(this.root, targets)) {
      const assignment = name.parent;
      const value = assignment?.type === 'assignment' && sameNode(assignment.childForFieldName('left'), name) ? assignment.childForFieldName('right') : null;
      const body = assignment?.parent?.type === 'expression_statement' ? assignment.parent.parent : null;
      const inSettingsScope = body?.type === 'module' || (body?.type === 'block' && body.parent?.type === 'class_definition');
      if (!value || !body || !inSettingsScope) continue;
      const list = settings.get(body.startIndex) ?? [];
      list.push({ name: name.text, value });
      settings.set(body.startIndex, list);
    }
    return settings;
  }

  /** django-redis `OPTIONS: {"PASSWORD": …}` and similar settings dicts that configure Redis. */
  private readSettingPair(pair: Node): void {
    const key = pair.childForFieldName('key');
    const value = pair.childForFieldName('value');
    const name = key?.type === 'string' ? this.values.value(key) : undefined;
    if (!value || name?.kind !== 'string' || !/^password$/i.test(name.value.text)) return;
    let dict: Node | null = pair.parent;
    while (dict?.parent && (dict.parent.type === 'pair' || dict.parent.type === 'dictionary')) dict = dict.parent;
    if (!dict || !/redis/i.test(dict.text)) return;
    const password = this.values.value(value);
    if (password.kind === 'nothing' || (password.kind === 'string' && password.value.text === '')) return;
    this.evidence.credentials.push({ at: this.span(value), source: "'PASSWORD' setting" });
  }
}

/** The evidence in one Python file's syntax tree. */
export function analyzePython(root: Node, input: SourceFileInput, manifests: TreeClientSyntax['manifests']): FileEvidence {
  return new PythonFile(root, input, manifests).analyze();
}
