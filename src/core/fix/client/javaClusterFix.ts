import type { TextEdit } from '../../findings';
import type { Endpoint, JavaClusterSite } from '../../evidence/evidence';
import { isRepeatable } from './constructionText';
import type { FixOutcome } from './entraIdFix';
import { importEdits } from './tokenCredentialFix';

/** Where each class the fixed code names comes from. */
const IMPORTS: Readonly<Record<string, string>> = {
  JedisCluster: 'redis.clients.jedis.JedisCluster',
  HostAndPort: 'redis.clients.jedis.HostAndPort',
  DefaultJedisClientConfig: 'redis.clients.jedis.DefaultJedisClientConfig',
  RedisClusterClient: 'io.lettuce.core.cluster.RedisClusterClient',
  StatefulRedisClusterConnection: 'io.lettuce.core.cluster.api.StatefulRedisClusterConnection',
  RedisAdvancedClusterCommands: 'io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands',
  RedisAdvancedClusterAsyncCommands: 'io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands',
  RedisAdvancedClusterReactiveCommands: 'io.lettuce.core.cluster.api.reactive.RedisAdvancedClusterReactiveCommands',
  DefaultClientResources: 'io.lettuce.core.resource.DefaultClientResources',
  MappingSocketAddressResolver: 'io.lettuce.core.resource.MappingSocketAddressResolver',
  DnsResolvers: 'io.lettuce.core.resource.DnsResolvers',
};

/**
 * Jedis: `new Jedis(host, port[, ssl])`, `new JedisPooled(…)` and `new UnifiedJedis(HostAndPort[, config])` become
 * `new JedisCluster(new HostAndPort(host, port)[, config])`; Lettuce: `RedisClient.create(uri)` becomes
 * `RedisClusterClient.create(…)`. The declarations the client flows into (the variable, a Lettuce connection and
 * its commands) take the cluster types. Azure Managed Redis answers CLUSTER SLOTS with node IP addresses while its
 * certificate names the host, so over TLS every node address is mapped to the host name (same port): Jedis through
 * the client config's `hostAndPortMapper`, Lettuce through a `MappingSocketAddressResolver` that leaves the name
 * unresolved for the TLS check. Never preferred: the cluster client has no SELECT and multi-key commands need one slot.
 */
export function javaClusterFix(endpoint: Endpoint, site: JavaClusterSite): FixOutcome {
  if (site.blocked) return { why: site.blocked };
  const built = site.library === 'jedis' ? jedisConstruction(site) : lettuceConstruction(endpoint, site);
  if ('why' in built) return { why: built.why };
  const names = new Set([...built.names, ...site.renames.map((rename) => rename.newText)]);
  const imports = [...names].map((name) => IMPORTS[name]).filter((name): name is string => name !== undefined);
  const edits: TextEdit[] = [
    ...built.edits,
    ...site.renames.map(({ span, newText }) => ({ file: span.file, start: span.start, end: span.end, newText })),
    ...importEdits(site.imports, site.callee.file, imports, (name) => `import ${name};`),
  ];
  const title = site.library === 'jedis' ? 'Use a cluster client (Jedis JedisCluster' : 'Use a cluster client (Lettuce RedisClusterClient';
  return { fix: { title: `${title}${built.mapped ? ', node addresses mapped to the host name for TLS' : ''})`, preferred: false, edits } };
}

interface Construction {
  edits: TextEdit[];
  /** Classes the new code names, to import. */
  names: string[];
  /** Whether node addresses are mapped to the host name. */
  mapped: boolean;
}

function jedisConstruction(site: JavaClusterSite): Construction | { why: string } {
  const file = site.callee.file;
  const replace = (text: string): TextEdit => ({ file, start: site.call.start, end: site.call.end, newText: text });
  const rename: TextEdit = { file, start: site.callee.start, end: site.callee.end, newText: 'JedisCluster' };
  const mapper = (host: string) => `hostAndPortMapper(node -> new HostAndPort(${host}, node.getPort()))`;
  if (site.hostPort) {
    const { host, port, ssl } = site.hostPort;
    const node = `new HostAndPort(${host}, ${port})`;
    if (ssl === undefined || ssl === 'false') return { edits: [replace(`new JedisCluster(${node})`)], names: ['JedisCluster', 'HostAndPort'], mapped: false };
    if (!isRepeatable(host)) return { why: 'the host expression would have to be evaluated twice (node and TLS mapping): store it in a variable first' };
    const config = `DefaultJedisClientConfig.builder().ssl(${ssl}).${mapper(host)}.build()`;
    return { edits: [replace(`new JedisCluster(${node}, ${config})`)], names: ['JedisCluster', 'HostAndPort', 'DefaultJedisClientConfig'], mapped: true };
  }
  const [node, config, ...rest] = site.arguments;
  if (site.nodeHost === undefined || !node || rest.length > 0) {
    return { why: `JedisCluster is built from (host, port[, ssl]) or (HostAndPort[, client config]); these ${site.type} arguments are neither` };
  }
  if (!config || (site.config && !site.config.ssl)) return { edits: [rename], names: ['JedisCluster'], mapped: false };
  if (!site.config) return { why: 'the client config is not built in the call, so the TLS node mapping cannot be added to it: pass it a hostAndPortMapper and use JedisCluster by hand' };
  if (site.config.ssl && !isRepeatable(site.nodeHost)) return { why: 'the host expression would have to be evaluated twice (node and TLS mapping): store it in a variable first' };
  const at = site.config.buildAt;
  return { edits: [rename, { file, start: at, end: at, newText: `.${mapper(site.nodeHost)}` }], names: ['JedisCluster'], mapped: true };
}

function lettuceConstruction(endpoint: Endpoint, site: JavaClusterSite): Construction | { why: string } {
  const file = site.callee.file;
  const rename: TextEdit = { file, start: site.callee.start, end: site.callee.end, newText: 'RedisClusterClient' };
  const [uri, ...rest] = site.arguments;
  if (!uri || rest.length > 0) return { why: 'RedisClient.create is called with other arguments than one URI' };
  // TLS left off only by omission is turned on by the TLS fix (its insertion): the mapping is then needed.
  const tlsOff = (endpoint.tls?.value === false && !endpoint.tls.insertion) || endpoint.scheme?.value === 'redis';
  if (tlsOff) return { edits: [rename], names: ['RedisClusterClient'], mapped: false };
  const host = endpoint.host.kind === 'known' && /^[\w.-]+$/.test(endpoint.host.value) ? `"${endpoint.host.value}"`
    : /^[A-Za-z_]\w*$/.test(uri.value) ? `${uri.value}.getHost()` : undefined;
  if (!host) return { why: 'the host is neither written in the code nor in a RedisURI variable, so the TLS node mapping cannot name it' };
  const resources = 'DefaultClientResources.builder().socketAddressResolver(MappingSocketAddressResolver.create(DnsResolvers.UNRESOLVED, ' +
    `node -> io.lettuce.core.internal.HostAndPort.of(${host}, node.getPort()))).build()`;
  return {
    edits: [rename, { file, start: uri.span.start, end: uri.span.start, newText: `${resources}, ` }],
    names: ['RedisClusterClient', 'DefaultClientResources', 'MappingSocketAddressResolver', 'DnsResolvers'],
    mapped: true,
  };
}
