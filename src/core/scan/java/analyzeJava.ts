import type { Node } from '@vscode/tree-sitter-wasm';
import {
  emptyEvidence, type CommandUse, type Endpoint, type FileEvidence, type JavaBuilderSite, type JavaClusterSite, type Located,
  type SourceImports,
} from '../../evidence/evidence';
import { findEndpointsInText, hostRef } from '../connectionText';
import { classifyHost } from '../../evidence/hosts';
import type { ScanInputs } from '../frontEnd';
import { nearestProjectFile, sourceImports } from '../syntaxTree/projectFiles';
import { gatherNodes, NAME_GAP, type GatheringSyntax } from '../syntaxTree/gatherNodes';
import { wholeNames } from '../syntaxTree/textSearch';
import { textOfNodes } from '../syntaxTree/textInCode';
import { keyArgument, tlsExpected, tlsTurnedOnBy } from '../syntaxTree/treeEvidence';
import { namedChildren, TreeValues } from '../syntaxTree/treeValues';
import { walk } from '../syntaxTree/walk';
import { javaClusterSite } from './javaClusterSite';
import { jedisConstructorSite } from './jedisConstructorSite';
import { javaArguments, javaSyntax } from './javaSyntax';

type ClientKind = NonNullable<Endpoint['client']>;

/**
 * Jedis classes whose constructors take where to connect; JedisShardInfo and Spring Data's
 * RedisStandaloneConfiguration only describe a node for a client.
 */
const JEDIS_CLIENTS: Readonly<Record<string, ClientKind | 'none'>> = {
  RedisStandaloneConfiguration: 'none',
  Jedis: 'single',
  JedisPool: 'single',
  JedisPooled: 'single',
  JedisShardInfo: 'none',
  UnifiedJedis: 'single',
  JedisCluster: 'cluster',
};

/** Lettuce factories: `RedisClient.create(…)` connects to one node, `RedisClusterClient.create(…)` follows a cluster. */
const LETTUCE_CLIENTS: Readonly<Record<string, ClientKind>> = { RedisClient: 'single', RedisClusterClient: 'cluster' };

/** Builder methods (Lettuce RedisURI, Jedis DefaultJedisClientConfig) by what they set. */
const BUILDER_SETTINGS: Readonly<Record<string, 'host' | 'port' | 'tls' | 'password' | 'database'>> = {
  withHost: 'host',
  withPort: 'port',
  withSsl: 'tls',
  withPassword: 'password',
  withAuthentication: 'password',
  withDatabase: 'database',
  ssl: 'tls',
  password: 'password',
  database: 'database',
};

/** Jedis classes that also take `(host, port, ssl)` (and `(poolConfig, host, port, ssl)`): TLS is a third argument. */
const TLS_ARGUMENT_CLIENTS = ['Jedis', 'JedisPool', 'JedisPooled'];

/** Jedis classes whose connections never start an AuthXManager: only Jedis's ConnectionPool renews tokens. */
const WITHOUT_TOKEN_RENEWAL = ['Jedis', 'JedisPool'];

/** Why a key sent by `auth()` gets no Entra ID fix. */
const AUTH_CALL_NO_FIX = 'a token must come from the client\'s configuration, not an auth() call on an open connection ' +
  '(Jedis: DefaultJedisClientConfig.authXManager for a JedisPooled, UnifiedJedis or JedisCluster; Lettuce: RedisURI withAuthentication)';

/** Maven and Gradle build files, where the Entra ID fix adds redis-authx-entraid. */
const JAVA_BUILD_FILES = ['pom.xml', 'build.gradle', 'build.gradle.kts'];

/** Multi-key commands of Jedis and Lettuce (same method names): which arguments are keys. */
const MULTI_KEY_METHODS: Readonly<Record<string, { command: string; keys: 'all' | 'pairs' | 'first-two' | 'script' }>> = {
  mget: { command: 'MGET', keys: 'all' },
  del: { command: 'DEL', keys: 'all' },
  unlink: { command: 'UNLINK', keys: 'all' },
  exists: { command: 'EXISTS', keys: 'all' },
  touch: { command: 'TOUCH', keys: 'all' },
  sunion: { command: 'SUNION', keys: 'all' },
  sinter: { command: 'SINTER', keys: 'all' },
  sdiff: { command: 'SDIFF', keys: 'all' },
  sunionstore: { command: 'SUNIONSTORE', keys: 'all' },
  sinterstore: { command: 'SINTERSTORE', keys: 'all' },
  sdiffstore: { command: 'SDIFFSTORE', keys: 'all' },
  pfmerge: { command: 'PFMERGE', keys: 'all' },
  pfcount: { command: 'PFCOUNT', keys: 'all' },
  watch: { command: 'WATCH', keys: 'all' },
  mset: { command: 'MSET', keys: 'pairs' },
  msetnx: { command: 'MSETNX', keys: 'pairs' },
  rename: { command: 'RENAME', keys: 'first-two' },
  renamenx: { command: 'RENAMENX', keys: 'first-two' },
  smove: { command: 'SMOVE', keys: 'first-two' },
  rpoplpush: { command: 'RPOPLPUSH', keys: 'first-two' },
  lmove: { command: 'LMOVE', keys: 'first-two' },
  copy: { command: 'COPY', keys: 'first-two' },
  eval: { command: 'EVAL', keys: 'script' },
  evalsha: { command: 'EVALSHA', keys: 'script' },
};

/** Spring Boot properties read through `@Value("${spring.redis.port:6380}")`, by their last segment. */
const SPRING_VALUE = /^\$\{(spring\.(?:data\.)?redis\.[\w.-]+):([^}]*)\}$/;

const COMMENT_TYPES = new Set(['line_comment', 'block_comment']);

/**
 * What the Java readers look at: comments, strings, creations, calls and annotations. Text marks: Redis and keyspace
 * channels in any case, and as written: escapes, concatenation and connection-string options. Code: the methods read
 * on any receiver, the client factories and builders, the client types created and `@Value`.
 */
const JAVA_GATHERING: GatheringSyntax = {
  textMarks: [/redis|keyspace|keyevent/gi, /\\|(?<!\+)\+(?![+=])|,\s*\w+\s*=/g],
  codeNames: new RegExp(
    [
      wholeNames(['auth', 'setPassword', 'select', 'keys', 'multi', 'create', 'build', 'Value', ...Object.keys(MULTI_KEY_METHODS)], '', `${NAME_GAP}\\(`).source,
      // A type created, not declared: `new Jedis(…)`, `new JedisPool<>(…)`.
      wholeNames(Object.keys(JEDIS_CLIENTS), '', `${NAME_GAP}[(<]`).source,
    ].join('|'),
    'gu',
  ),
  commentTypes: COMMENT_TYPES,
  stringTypes: new Set(['string_literal', 'binary_expression']),
  codeTypes: new Set(['object_creation_expression', 'method_invocation', 'annotation']),
  isString: (node, text) => isStringNode(node, text),
  isPlainLiteral: (type, written) => type === 'string_literal' && !written.includes('\\'),
};

function typeName(node: Node | null): string {
  const text = node?.text.replace(/<.*$/s, '') ?? '';
  return text.slice(text.lastIndexOf('.') + 1);
}

/** A literal, or a concatenation holding one (every literal has a quote: without one, neither operator nor subtree is looked at). */
function isStringNode(node: Node, text: string): boolean {
  if (node.type === 'string_literal') return true;
  const written = text.slice(node.startIndex, node.endIndex);
  const operands = written.includes('"') ? javaSyntax.concatenated(node) : undefined;
  // Written from a literal on (`"a" + b`) or ending in one (`a + "b"`), it holds one without a search of its subtree.
  return operands !== undefined && (written.startsWith('"') || operands[1].type === 'string_literal' || node.descendantsOfType('string_literal').length > 0);
}

/** The calls of a builder chain from its root (`RedisURI.builder()`) to `terminal`. */
function chainOf(terminal: Node): Node[] {
  const calls: Node[] = [];
  for (let call: Node | null = terminal; call?.type === 'method_invocation'; call = call.childForFieldName('object')) calls.unshift(call);
  return calls;
}

/** The elements of `new String[] { … }`, `List.of(…)`, `Arrays.asList(…)`, `Set.of(…)` written in the code. */
function listElements(node: Node): Node[] | undefined {
  if (node.type === 'array_creation_expression') {
    const initializer = node.childForFieldName('value');
    return initializer ? namedChildren(initializer) : undefined;
  }
  if (node.type === 'method_invocation' && /^(of|asList)$/.test(node.childForFieldName('name')?.text ?? '')) {
    return /^(List|Set|Arrays)$/.test(node.childForFieldName('object')?.text ?? '') ? javaArguments(node) : undefined;
  }
  return undefined;
}

class JavaReader {
  readonly evidence: FileEvidence;
  private readonly values: TreeValues;

  constructor(private readonly root: Node, file: string, private readonly text: string, private readonly inputs: ScanInputs) {
    this.values = new TreeValues(javaSyntax, { root, text }, file);
    this.evidence = emptyEvidence(file);
  }

  read(): FileEvidence {
    const nodes = gatherNodes(this.root, this.text, JAVA_GATHERING, (name) => this.values.declares(name));
    const text = textOfNodes(nodes.text, this.values);
    this.evidence.endpoints.push(...text.endpoints);
    this.evidence.keyspace.push(...text.keyspace);
    this.evidence.credentials.push(...text.credentials);
    for (const node of nodes.code) {
      if (node.type === 'object_creation_expression') {
        const client = JEDIS_CLIENTS[typeName(node.childForFieldName('type'))];
        if (client) this.jedis(node, client);
      } else if (node.type === 'method_invocation') {
        this.invocation(node);
      } else if (typeName(node.childForFieldName('name')) === 'Value') {
        this.springValue(node);
      }
    }
    // An auth()/setPassword() key authenticates one of the file's clients: when each goes to a local or non-Azure
    // host, the key is not one the migration must take out.
    const clients = this.evidence.endpoints.filter((endpoint) => endpoint.client);
    if (clients.length > 0 && clients.every((endpoint) => ['local', 'other'].includes(classifyHost(endpoint.host)))) {
      this.evidence.credentials = [];
    }
    // A client config is read where it is built and again where a client takes it: both readings name its consumer.
    for (const endpoint of this.evidence.endpoints) {
      const site = endpoint.tokenCredential;
      const consumer = site?.kind === 'jedis-config' ? this.configConsumers.get(site.call.start) : undefined;
      if (site?.kind === 'jedis-config' && consumer) site.consumer = consumer;
    }
    return this.evidence;
  }

  private invocation(call: Node): void {
    const name = call.childForFieldName('name')?.text ?? '';
    const receiver = call.childForFieldName('object');
    // The receiver's text is read for a factory only, the arguments where they are looked at: each read crosses into WebAssembly.
    const lettuce = name === 'create' ? LETTUCE_CLIENTS[receiver?.text ?? ''] : undefined;
    if (lettuce) {
      const args = javaArguments(call);
      if (args[0]) this.clientEndpoints(call, 'lettuce', receiver!.text, () => this.endpointsOf(args, call, lettuce, `${receiver!.text}.create`));
      return;
    }
    if (name === 'build' && call.parent?.type !== 'method_invocation') {
      const chain = chainOf(call);
      if (/^(RedisURI\.(builder|Builder\.rediss?)|DefaultJedisClientConfig\.builder)$/.test(`${chain[0]?.childForFieldName('object')?.text}.${chain[0]?.childForFieldName('name')?.text}`)) {
        this.evidence.endpoints.push(this.builderEndpoint(chain));
      }
      return;
    }
    if (!receiver) return;
    const args = javaArguments(call);
    if ((name === 'auth' && args.length <= 2) || (name === 'setPassword' && args.length === 1)) {
      const password = args.at(-1);
      if (password) {
        const key = keyArgument(this.values, password);
        this.evidence.credentials.push({ at: key.keyLiteral ?? key.password!, source: `${name}() call`, ...(name === 'auth' ? { noFix: AUTH_CALL_NO_FIX } : {}) });
      }
    } else if (name === 'select' && args.length === 1) {
      const database = this.values.number(args[0]!);
      if (database && database.value > 0) this.evidence.databases.push(database);
    } else if (name === 'keys' && args.length === 1) {
      this.evidence.commands.push({ at: this.values.span(call), command: 'KEYS', keys: undefined });
    } else if (name === 'multi' && args.length === 0) {
      const use = this.transaction(call, receiver);
      if (use) this.evidence.commands.push(use);
    } else if (MULTI_KEY_METHODS[name]) {
      const use = this.multiKey(call, name, args);
      if (use) this.evidence.commands.push(use);
    }
  }

  /** `new Jedis(host, port, ssl)`, `new JedisPool(poolConfig, host, port, timeout, password, database, ssl)`, `new Jedis(uri)`… */
  private jedis(creation: Node, client: ClientKind | 'none'): void {
    let args = javaArguments(creation);
    const type = typeName(creation.childForFieldName('type'));
    let poolConfig: Node | undefined;
    if (args.length >= 2 && /config/i.test(this.values.resolve(args[0]!).text.slice(0, 80)) && !isStringNode(this.values.resolve(args[0]!), this.text)) {
      poolConfig = args[0];
      args = args.slice(1);
    }
    const before = this.evidence.endpoints.length;
    const sslOverload = TLS_ARGUMENT_CLIENTS.includes(type);
    this.clientEndpoints(creation, 'jedis', type, () => this.endpointsOf(args, creation, client === 'none' ? undefined : client, `new ${type}(…)`, sslOverload));
    if (client !== 'none') this.jedisCredentials(creation, type, args, poolConfig, this.evidence.endpoints.slice(before));
  }

  /** Configs passed to a Jedis or JedisPool, by where their password call starts. */
  private readonly configConsumers = new Map<number, string>();

  /**
   * Gives the endpoints of a Jedis construction what the Entra ID fix needs: the constructor's arguments when the key
   * is one of them (and the key itself in `(host, port, user, key)`), or the class a client config goes to.
   */
  private jedisCredentials(creation: Node, type: string, args: Node[], poolConfig: Node | undefined, endpoints: Endpoint[]): void {
    const at = this.values.span(creation);
    const own = endpoints.filter((endpoint) => endpoint.at.start === at.start && endpoint.at.end === at.end);
    for (const endpoint of own) {
      const config = endpoint.tokenCredential;
      if (config?.kind === 'jedis-config' && WITHOUT_TOKEN_RENEWAL.includes(type)) this.configConsumers.set(config.call.start, type);
    }
    const [first] = own;
    if (!first || first.tokenCredential || own.length > 1) return;
    const found = jedisConstructorSite(creation, type, args, poolConfig, this.values, {
      imports: this.imports(),
      project: nearestProjectFile(this.values.file, this.inputs, (file) => JAVA_BUILD_FILES.includes(file)),
    });
    if (!found) return;
    if (found.password) {
      delete first.keyLiteral;
      Object.assign(first, keyArgument(this.values, found.password));
    }
    if (first.password) first.tokenCredential = found.site;
  }

  /** Runs `read`, and gives the single-node client endpoints it adds what the cluster fix needs. */
  private clientEndpoints(construction: Node, library: JavaClusterSite['library'], type: string, read: () => void): void {
    const before = this.evidence.endpoints.length;
    read();
    const added = this.evidence.endpoints.slice(before).filter((endpoint) => endpoint.client === 'single');
    if (added.length === 0) return;
    const site = javaClusterSite(construction, library, type, this.values, this.imports());
    for (const endpoint of added) endpoint.javaCluster = site;
  }

  private importsRead: SourceImports | undefined;

  /** Where the file's imports are, read once. */
  private imports(): SourceImports {
    // Import declarations stand at the file's top level: the root's children, not a search of the whole tree.
    this.importsRead ??= sourceImports(this.text, namedChildren(this.root).filter((node) => node.type === 'import_declaration'),
      (node) => namedChildren(node).map((child) => (child.type === 'asterisk' ? '*' : child.text)).join('.'));
    return this.importsRead;
  }

  /**
   * The endpoints of a client's connection arguments: a URL, host and port, a HostAndPort, a RedisURI or a config.
   * With `sslOverload`, the class also takes `(host, port, ssl)`, where TLS is turned on when it is left off.
   */
  private endpointsOf(args: Node[], at: Node, client: ClientKind | undefined, source: string, sslOverload = false): void {
    const written = new Map<Node, Node>();
    const [first, second, ...rest] = args.map((arg) => {
      const resolved = this.values.resolve(arg);
      written.set(resolved, arg);
      return resolved;
    });
    if (!first) return;
    const span = this.values.span(at);
    if (first.type === 'method_invocation' && first.childForFieldName('name')?.text === 'build') {
      this.evidence.endpoints.push(withClient({ ...this.builderEndpoint(chainOf(first)), at: span, source }, client));
      return;
    }
    const hostAndPort = first.type === 'object_creation_expression' && typeName(first.childForFieldName('type')) === 'HostAndPort' ? javaArguments(first) : undefined;
    const hostArg = hostAndPort ? hostAndPort[0] : unwrapUri(first);
    if (!hostArg) return;
    const hostText = this.values.string(hostArg);
    if (!hostAndPort && (second === undefined || /:\/\//.test(hostText.text))) {
      const found = findEndpointsInText(hostText, this.values.span(hostArg));
      const endpoints = found.length > 0 ? found : [{ at: span, source, host: { kind: 'unknown' } } as Endpoint];
      for (const endpoint of endpoints) this.evidence.endpoints.push(withClient({ ...endpoint, at: span, source }, client));
      return;
    }
    const endpoint: Endpoint = withClient({ at: span, source, host: hostRef(hostText, hostText.text, 0) }, client);
    const port = this.values.number(hostAndPort ? hostAndPort[1]! : second!);
    if (port) endpoint.port = port;
    const more = hostAndPort ? [second, ...rest].filter((arg): arg is Node => arg !== undefined) : rest;
    const config = more.find((arg) => arg.type === 'method_invocation' && arg.childForFieldName('name')?.text === 'build');
    if (config) Object.assign(endpoint, settingsOf(this.builderEndpoint(chainOf(config))));
    const tls = more.map((arg) => this.values.boolean(arg)).filter((value) => value !== undefined).at(-1);
    if (tls) endpoint.tls = { value: tls.value, span: tls.span, enableText: 'true' };
    else if (sslOverload && !hostAndPort && more.length === 0 && tlsExpected(endpoint)) {
      const end = args.at(-1)!.endIndex;
      endpoint.tls = tlsTurnedOnBy(this.values.file, end, end, ', true');
    }
    // JedisPool(host, port, timeout[, soTimeout…], password[, database[, clientName]][, ssl]): after the timeouts, the
    // first argument that is no number is the password.
    const afterTimeout = more.slice(1).filter((arg) => arg.type !== 'true' && arg.type !== 'false');
    while (afterTimeout[0] && javaSyntax.integerLiteral(afterTimeout[0]) !== undefined) afterTimeout.shift();
    const password = afterTimeout[0];
    if ((!config || tls) && password && password.type !== 'null_literal' && more[0] && this.values.number(more[0])) {
      Object.assign(endpoint, keyArgument(this.values, written.get(password) ?? password));
      const database = afterTimeout[1] && this.values.number(afterTimeout[1]);
      if (database) endpoint.database = database;
    }
    this.evidence.endpoints.push(endpoint);
  }

  /** A RedisURI or DefaultJedisClientConfig builder chain as one endpoint. */
  private builderEndpoint(chain: Node[]): Endpoint {
    const root = chain[0]!;
    const endpoint: Endpoint = {
      at: this.values.span(chain.at(-1)!),
      source: `${root.childForFieldName('object')?.text}.${root.childForFieldName('name')?.text}() builder`,
      host: { kind: 'unknown' },
    };
    const setHost = (arg: Node) => {
      const text = this.values.string(arg);
      endpoint.host = hostRef(text, text.text, 0);
    };
    const setPort = (arg: Node | undefined) => {
      const port = arg && this.values.number(arg);
      if (port) endpoint.port = port;
    };
    for (const call of chain) {
      const name = call.childForFieldName('name')?.text ?? '';
      const args = javaArguments(call);
      if (/^rediss?$/.test(name) && args[0]) {
        setHost(args[0]);
        setPort(args[1]);
        if (name === 'rediss') endpoint.tls = { value: true, span: undefined, enableText: 'true' };
        continue;
      }
      const setting = BUILDER_SETTINGS[name];
      const arg = args.at(-1);
      // withAuthentication(provider) takes a credentials provider (tokens); withAuthentication(user, key) a key.
      if (!setting || !arg || (name === 'withAuthentication' && args.length < 2)) continue;
      if (setting === 'host') setHost(arg);
      else if (setting === 'port') setPort(arg);
      else if (setting === 'password') {
        Object.assign(endpoint, keyArgument(this.values, arg));
        const site = this.builderSite(root, call);
        if (site) endpoint.tokenCredential = site;
      }
      else if (setting === 'database') {
        const database = this.values.number(arg);
        if (database) endpoint.database = database;
      } else {
        const tls = this.values.boolean(arg);
        if (tls) endpoint.tls = { value: tls.value, span: tls.span, enableText: 'true' };
      }
    }
    // Lettuce connects without TLS unless the URI turns it on; a builder's withSsl(true) goes before build().
    const terminal = chain.at(-1)!;
    const built = terminal.childForFieldName('object');
    if (!endpoint.tls && /^RedisURI/.test(root.childForFieldName('object')?.text ?? '') && built && tlsExpected(endpoint)) {
      endpoint.tls = tlsTurnedOnBy(this.values.file, built.endIndex, built.endIndex, '.withSsl(true)');
    }
    return endpoint;
  }

  /** Where the Entra ID fix replaces the password call of a Lettuce RedisURI or Jedis client-config builder. */
  private builderSite(root: Node, call: Node): JavaBuilderSite | undefined {
    const owner = root.childForFieldName('object')?.text ?? '';
    const kind = /^RedisURI/.test(owner) ? 'lettuce-uri' : owner === 'DefaultJedisClientConfig' ? 'jedis-config' : undefined;
    const name = call.childForFieldName('name');
    if (!kind || !name) return undefined;
    const project = nearestProjectFile(this.values.file, this.inputs, (file) => JAVA_BUILD_FILES.includes(file));
    return {
      kind,
      call: { file: this.values.file, start: name.startIndex, end: call.endIndex },
      imports: this.imports(),
      ...(project ? { project } : {}),
    };
  }

  /** `@Value("${spring.redis.port:6380}")`: the default is what the application uses when the property is not set. */
  private springValue(annotation: Node): void {
    const literal = annotation.descendantsOfType('string_literal')[0];
    if (!literal) return;
    const text = this.values.string(literal);
    const match = SPRING_VALUE.exec(text.text);
    if (!match || match[2] === '') return;
    const property = match[1]!;
    const start = text.text.length - 1 - match[2]!.length;
    const span = text.spanOf(start, start + match[2]!.length);
    if (!span) return;
    const source = `@Value('${property}')`;
    const endpoint: Endpoint = { at: this.values.span(annotation), source, host: { kind: 'unknown' } };
    const leaf = property.replace(/^spring\.(?:data\.)?redis\./, '');
    if (leaf === 'host') endpoint.host = hostRef(text, match[2]!, start);
    else if (leaf === 'port' && /^\d{1,5}$/.test(match[2]!)) endpoint.port = { value: Number(match[2]), span };
    else if (leaf === 'password') endpoint.password = span;
    else if (leaf === 'database' && /^\d+$/.test(match[2]!)) endpoint.database = { value: Number(match[2]), span };
    else if ((leaf === 'ssl' || leaf === 'ssl.enabled') && /^(true|false)$/.test(match[2]!)) endpoint.tls = { value: match[2] === 'true', span, enableText: 'true' };
    else return;
    this.evidence.endpoints.push(endpoint);
  }

  private multiKey(call: Node, name: string, args: Node[]): CommandUse | undefined {
    const spec = MULTI_KEY_METHODS[name]!;
    const at = this.values.span(call);
    let keys: Node[] | undefined;
    if (spec.keys === 'script') {
      // eval(script, keyCount, params…), eval(script, keys, args), Lettuce eval(script, outputType, keys…).
      const second = args[1] && this.values.resolve(args[1]);
      const count = second && javaSyntax.integerLiteral(second);
      const list = second && listElements(second);
      if (count !== undefined) keys = args.slice(2, 2 + count);
      else if (list) keys = list;
      else if (second && /ScriptOutputType\./.test(second.text)) keys = args.slice(2);
      else return undefined;
    } else if (args.length === 1) {
      keys = listElements(this.values.resolve(args[0]!));
      if (spec.keys === 'pairs' && !keys) {
        const map = this.values.resolve(args[0]!);
        if (map.type === 'method_invocation' && map.childForFieldName('name')?.text === 'of' && map.childForFieldName('object')?.text === 'Map') {
          keys = javaArguments(map).filter((_, index) => index % 2 === 0);
        }
      } else if (spec.keys === 'pairs' && keys) keys = keys.filter((_, index) => index % 2 === 0);
      if (!keys) return undefined;
    } else if (spec.keys === 'pairs') {
      keys = args.filter((_, index) => index % 2 === 0);
    } else if (spec.keys === 'first-two') {
      keys = args.slice(0, 2);
    } else {
      keys = args;
    }
    if (keys.length < 2) return undefined;
    return { at, command: spec.command, keys: keys.map((key) => ({ text: this.values.string(key).text })) };
  }

  /**
   * `Transaction t = jedis.multi(); t.set(a, …); t.set(b, …)` (Jedis) or `commands.multi(); commands.set(a, …);
   * commands.exec()` (Lettuce): the first argument of each queued command.
   */
  private transaction(call: Node, receiver: Node): CommandUse | undefined {
    let parent = call.parent;
    while (parent?.type === 'parenthesized_expression') parent = parent.parent;
    const bound = parent?.type === 'variable_declarator' ? parent.childForFieldName('name')?.text : undefined;
    const target = bound ?? receiver.text;
    let scope: Node | null = call.parent;
    while (scope && !['method_declaration', 'constructor_declaration', 'lambda_expression'].includes(scope.type)) scope = scope.parent;
    if (!scope) return undefined;
    const keys: Node[] = [];
    let done = false;
    walk(scope, (node) => {
      if (done || node.type !== 'method_invocation' || node.startIndex < call.endIndex) return !done;
      if (node.childForFieldName('object')?.text !== target) return true;
      const name = node.childForFieldName('name')?.text ?? '';
      if (/^(exec|discard)$/.test(name)) {
        done = true;
        return false;
      }
      const first = javaArguments(node)[0];
      if (first && name !== 'watch') keys.push(first);
      return true;
    });
    return keys.length >= 2 ? { at: this.values.span(call), command: 'MULTI', keys: keys.map((key) => ({ text: this.values.string(key).text })) } : undefined;
  }
}

function withClient(endpoint: Endpoint, client: ClientKind | undefined): Endpoint {
  return client ? { ...endpoint, client } : endpoint;
}

/** `URI.create(x)` and `new URI(x)` connect where `x` says. */
function unwrapUri(node: Node): Node | undefined {
  if (node.type === 'method_invocation' && node.childForFieldName('name')?.text === 'create' && typeName(node.childForFieldName('object')) === 'URI') return javaArguments(node)[0];
  if (node.type === 'object_creation_expression' && typeName(node.childForFieldName('type')) === 'URI') return javaArguments(node)[0];
  return node;
}

/** What a client config sets beside the host: TLS, credentials and database. */
function settingsOf(endpoint: Endpoint): Partial<Endpoint> {
  const settings: Partial<Endpoint> = {};
  if (endpoint.tls) settings.tls = endpoint.tls;
  if (endpoint.password) settings.password = endpoint.password;
  if (endpoint.keyLiteral) settings.keyLiteral = endpoint.keyLiteral;
  if (endpoint.tokenCredential) settings.tokenCredential = endpoint.tokenCredential;
  if (endpoint.database) settings.database = endpoint.database as Located<number>;
  return settings;
}

/** Jedis, Lettuce and Spring in one Java file. */
export function analyzeJava(root: Node, file: string, text: string, inputs: ScanInputs): FileEvidence {
  return new JavaReader(root, file, text, inputs).read();
}
