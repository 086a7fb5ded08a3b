import { clusterClientFix } from '../fix/client/clusterClientFix';
import { classifyHost } from '../evidence/hosts';
import type { Rule } from './rule';

/** The cluster clients to name, by the language of the construction (its file's extension; JS/TS otherwise). */
const CLUSTER_CLIENTS: Record<string, string> = {
  '.py': "redis-py 'RedisCluster'",
  '.go': "go-redis 'NewClusterClient'",
  '.java': "Jedis 'JedisCluster', Lettuce 'RedisClusterClient'",
};
const SCRIPT_CLUSTER_CLIENTS = "node-redis 'createCluster', ioredis 'Redis.Cluster'";

function clusterClientsFor(file: string): string {
  const dot = file.lastIndexOf('.');
  return CLUSTER_CLIENTS[file.slice(dot).toLowerCase()] ?? SCRIPT_CLUSTER_CLIENTS;
}

export const nonClusterClient: Rule = {
  meta: {
    id: 'non-cluster-client',
    defaultSeverity: 'warning',
    title: 'Single-node client for an OSS-clustered cache',
    docs:
      'Azure Managed Redis databases use the OSS clustering policy by default: the client must follow ' +
      'MOVED redirections to the shard that owns a key. node-redis needs `createCluster`, ioredis ' +
      '`new Redis.Cluster`, redis-py `RedisCluster`, go-redis `NewClusterClient`, Jedis `JedisCluster`, Lettuce ' +
      '`RedisClusterClient`. StackExchange.Redis (.NET) discovers the cluster and follows redirections by itself, so its ' +
      'connections are never reported. With the Enterprise or non-clustered policy a single-node client is fine.',
  },
  check(evidence, context) {
    if (context.settings.clusterPolicy !== 'oss') return;
    for (const endpoint of evidence.endpoints) {
      if (endpoint.client !== 'single') continue;
      const hostClass = classifyHost(endpoint.host);
      if (hostClass === 'local' || hostClass === 'other') continue;
      const { fix, why } = endpoint.construction || endpoint.treeClient || endpoint.javaCluster ? clusterClientFix(endpoint) : { fix: undefined, why: undefined };
      context.report({
        span: endpoint.at,
        message:
          `${endpoint.source} creates a single-node client; with the OSS clustering policy use a cluster client ` +
          `(${clusterClientsFor(endpoint.at.file)}) or pick the Enterprise policy.` +
          (why ? ` No automatic fix: ${why}.` : ''),
        fixes: fix ? [fix] : [],
      });
    }
  },
};
