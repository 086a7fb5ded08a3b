import type { Node } from '@vscode/tree-sitter-wasm';
import type { JavaClusterSite, SourceImports, Span } from '../../evidence/evidence';
import type { TreeValues } from '../syntaxTree/treeValues';
import { javaArguments } from './javaSyntax';

/**
 * What a single-node client's types become on the cluster client. Jedis: JedisCluster is a UnifiedJedis, as JedisPooled
 * is, but not a Jedis. Lettuce: RedisClusterClient is no RedisClient, and its connections and command interfaces have
 * types of their own.
 */
const CLUSTER_TYPES: Readonly<Record<string, string>> = {
  Jedis: 'JedisCluster',
  JedisPooled: 'JedisCluster',
  UnifiedJedis: 'UnifiedJedis',
  RedisClient: 'RedisClusterClient',
  StatefulRedisConnection: 'StatefulRedisClusterConnection',
  RedisCommands: 'RedisAdvancedClusterCommands',
  RedisAsyncCommands: 'RedisAdvancedClusterAsyncCommands',
  RedisReactiveCommands: 'RedisAdvancedClusterReactiveCommands',
};

/** Declared types that hold the cluster client as well (its supertypes), so the value needs no further following. */
const STILL_VALID: Readonly<Record<string, readonly string[]>> = {
  Jedis: ['AutoCloseable', 'Closeable', 'Object'],
  JedisPooled: ['UnifiedJedis', 'AutoCloseable', 'Closeable', 'Object'],
  UnifiedJedis: ['UnifiedJedis', 'AutoCloseable', 'Closeable', 'Object'],
  RedisClient: ['AbstractRedisClient', 'Object'],
};

/** Methods whose result changes type with the client: followed to the declarations they flow into. */
const RESULTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  RedisClient: { connect: 'StatefulRedisConnection' },
  StatefulRedisConnection: { sync: 'RedisCommands', async: 'RedisAsyncCommands', reactive: 'RedisReactiveCommands' },
};

const LETTUCE_SINGLE_NODE_COMMANDS = ['select', 'swapdb', 'move', 'multi', 'exec', 'discard', 'watch', 'unwatch'];
const JEDIS_SINGLE_NODE = ['select', 'auth', 'move', 'swapDB', 'getDB', 'getClient', 'getConnection', 'connect', 'disconnect',
  'isConnected', 'isBroken', 'resetState', 'monitor', 'multi', 'pipelined', 'keys', 'getPool', 'getResource'];

/** Methods the cluster client's type lacks, or whose result has another type there that this reading does not follow. */
const MISSING: Readonly<Record<string, readonly string[]>> = {
  Jedis: JEDIS_SINGLE_NODE,
  JedisPooled: JEDIS_SINGLE_NODE,
  UnifiedJedis: ['multi', 'pipelined', 'keys'],
  RedisClient: ['connectPubSub', 'connectSentinel', 'setOptions', 'connectAsync', 'connectPubSubAsync'],
  RedisCommands: LETTUCE_SINGLE_NODE_COMMANDS,
  RedisAsyncCommands: LETTUCE_SINGLE_NODE_COMMANDS,
  RedisReactiveCommands: LETTUCE_SINGLE_NODE_COMMANDS,
};

const PARENTHESES = 'parenthesized_expression';

function same(a: Node, b: Node): boolean {
  return a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;
}

/** The name of a declared type without package and type arguments, and its node. */
function declaredName(type: Node | null): Node | undefined {
  if (!type) return undefined;
  const base = type.type === 'generic_type' ? type.namedChildren.find((child) => child !== null && /type_identifier|scoped_type_identifier/.test(child.type)) : type;
  return base ?? undefined;
}

/**
 * Follows the value of a single-node client construction into the declarations and calls it reaches, collecting the
 * declared types that must change with it, or why it cannot be rewritten safely.
 */
class ClusterFlow {
  readonly renames: Array<{ span: Span; newText: string }> = [];
  blocked: string | undefined;

  constructor(private readonly values: TreeValues) {}

  /** `value` is an expression of type `type`. */
  follow(value: Node, type: string, depth = 0): void {
    if (this.blocked || depth > 4) return;
    let node = value;
    let parent = node.parent;
    while (parent?.type === PARENTHESES) {
      node = parent;
      parent = parent.parent;
    }
    if (!parent) return;
    switch (parent.type) {
      case 'expression_statement':
        return;
      case 'method_invocation':
        if (parent.childForFieldName('object') && same(parent.childForFieldName('object')!, node)) this.call(parent, type, depth);
        else this.blocked = `the ${type} is passed to ${parent.childForFieldName('name')?.text ?? 'a method'}(), whose parameter type would change too`;
        return;
      case 'variable_declarator': {
        const declaration = parent.parent;
        const scope = declaration?.type === 'field_declaration' ? declaration.parent : declaration?.parent;
        if (!declaration || !scope) return;
        this.declared(declaration.childForFieldName('type'), parent.childForFieldName('name'), scope, type, depth);
        return;
      }
      case 'resource':
        this.declared(parent.childForFieldName('type'), parent.childForFieldName('name'), parent.parent?.parent ?? parent, type, depth);
        return;
      case 'return_statement':
        this.blocked = `the ${type} is returned: the method's return type and its callers would change too`;
        return;
      case 'assignment_expression':
        this.blocked = `the ${type} is assigned to a variable declared elsewhere, whose type would change too`;
        return;
      case 'argument_list':
        this.blocked = `the ${type} is passed as an argument, whose parameter type would change too`;
        return;
      default:
        this.blocked = `the ${type} is used where the fix does not follow it (${parent.type.replace(/_/g, ' ')})`;
    }
  }

  private call(call: Node, type: string, depth: number): void {
    const name = call.childForFieldName('name')?.text ?? '';
    if (MISSING[type]?.includes(name)) {
      this.blocked = `${name}() of the ${type} has no counterpart on ${CLUSTER_TYPES[type]}`;
      return;
    }
    const result = RESULTS[type]?.[name];
    if (!result) return;
    // connect(codec) returns the same kind of connection; connect(uri) has no cluster counterpart.
    const args = javaArguments(call);
    if (args.length > 1 || (args[0] && !/codec/i.test(args[0].text))) {
      this.blocked = `${name}(${args.map((arg) => arg.text).join(', ')}) of the ${type} has no counterpart on ${CLUSTER_TYPES[type]}`;
      return;
    }
    this.follow(call, result, depth + 1);
  }

  private declared(typeNode: Node | null, nameNode: Node | null, scope: Node, type: string, depth: number): void {
    const declared = declaredName(typeNode);
    if (!declared || !nameNode) {
      this.blocked = `the ${type} is stored where the fix cannot read its type`;
      return;
    }
    const written = declared.text.slice(declared.text.lastIndexOf('.') + 1);
    if (STILL_VALID[type]?.includes(written)) return;
    if (written !== type && written !== 'var') {
      this.blocked = `the ${type} is stored in a variable declared as ${declared.text}`;
      return;
    }
    if (written === type && CLUSTER_TYPES[type] !== type) {
      this.renames.push({ span: { file: this.values.file, start: declared.startIndex, end: declared.endIndex }, newText: CLUSTER_TYPES[type]! });
    }
    const name = nameNode.text;
    // The name's uses in the scope, found by searching the text for it rather than by walking the scope.
    for (const use of this.values.occurrences(name)) {
      if (use.startIndex < scope.startIndex || use.endIndex > scope.endIndex || use.type !== 'identifier' || same(use, nameNode)) continue;
      let reference: Node = use;
      const parent = use.parent;
      if (parent?.type === 'field_access') {
        if (parent.childForFieldName('field')?.startIndex !== use.startIndex) continue;
        if (parent.childForFieldName('object')?.type !== 'this') continue;
        reference = parent;
      }
      const holder = reference.parent;
      // A method named like the variable, a parameter or another declaration of the name is not a use of it.
      if (holder?.type === 'method_invocation' && holder.childForFieldName('name')?.startIndex === use.startIndex) continue;
      if (holder && /^(formal_parameter|variable_declarator|method_declaration|resource)$/.test(holder.type) &&
        holder.childForFieldName('name')?.startIndex === use.startIndex) continue;
      if (holder?.type === 'assignment_expression' && holder.childForFieldName('left')?.startIndex === reference.startIndex) {
        this.blocked = `${name} is assigned elsewhere`;
        return;
      }
      this.follow(reference, type, depth + 1);
      if (this.blocked) return;
    }
  }
}

/** The cluster-fix site of a Jedis `new X(…)` or Lettuce `RedisClient.create(…)` single-node client. */
export function javaClusterSite(
  construction: Node,
  library: JavaClusterSite['library'],
  type: string,
  values: TreeValues,
  imports: SourceImports,
): JavaClusterSite {
  const file = values.file;
  const args = javaArguments(construction);
  const callee = construction.childForFieldName(library === 'lettuce' ? 'object' : 'type')!;
  const site: JavaClusterSite = {
    library,
    type,
    callee: { file, start: callee.startIndex, end: callee.endIndex },
    call: { file, start: construction.startIndex, end: construction.endIndex },
    arguments: args.map((arg) => ({ value: arg.text, span: { file, start: arg.startIndex, end: arg.endIndex } })),
    renames: [],
    imports,
  };
  if (type === 'JedisPool') {
    site.blocked = 'a JedisPool lends single-node Jedis connections (getResource()); JedisCluster keeps a pool per node ' +
      'itself, so the pool and the code that borrows from it change by hand';
    return site;
  }
  if (library === 'jedis') readJedisArguments(site, args, values);
  const flow = new ClusterFlow(values);
  flow.follow(construction, type);
  site.renames = flow.renames;
  if (flow.blocked) site.blocked = flow.blocked;
  return site;
}

/** `(host, port[, ssl])` or `(new HostAndPort(host, port)[, DefaultJedisClientConfig.builder()….build()])`. */
function readJedisArguments(site: JavaClusterSite, args: Node[], values: TreeValues): void {
  const [first, second, third] = args;
  if (!first) return;
  if (first.type === 'object_creation_expression' && /HostAndPort$/.test(first.childForFieldName('type')?.text ?? '')) {
    const node = javaArguments(first);
    if (node.length === 2) site.nodeHost = node[0]!.text;
    if (second?.type === 'method_invocation' && second.childForFieldName('name')?.text === 'build') {
      const chain: Node[] = [];
      for (let call: Node | null = second; call?.type === 'method_invocation'; call = call.childForFieldName('object')) chain.push(call);
      const root = chain.at(-1)!;
      if (`${root.childForFieldName('object')?.text}.${root.childForFieldName('name')?.text}` === 'DefaultJedisClientConfig.builder') {
        const ssl = chain.find((call) => call.childForFieldName('name')?.text === 'ssl');
        const sslArgument = ssl && javaArguments(ssl)[0];
        const sslValue = sslArgument && values.boolean(sslArgument);
        site.config = { ssl: ssl !== undefined && sslValue?.value !== false, buildAt: second.childForFieldName('object')!.endIndex };
      }
    }
    return;
  }
  // Jedis(String host, int port[, boolean ssl]); a URL or URI, a timeout or a switch the scan cannot read is left alone.
  if (!second || args.length > 3 || second.type === 'string_literal' || /:\/\//.test(values.string(first).text)) return;
  if (/^(new URI|URI\.create)\b/.test(values.resolve(first).text)) return;
  if (third && !values.boolean(third)) return;
  site.hostPort = { host: first.text, port: second.text, ...(third ? { ssl: third.text } : {}) };
}
