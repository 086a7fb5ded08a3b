/**
 * Which caches can be copied from and to, and the Redis endpoint of each (host, TLS port, clustering). No VS Code
 * import: unit-tested in node.
 */
import type { CacheInfo } from '../../core/azure/cacheModel';
import type { RedisEndpoint } from '../../core/copy/endpoint';
import { ACR_TLS_PORT, AMR_PORT } from '../../core/amr/facts';
import { databaseCountOf, isAzureCacheForRedis, retirementOf, sourceClusteringPolicy } from '../../core/plan/sourceCache';

/** A cache that retires (Basic … Enterprise Flash): something to copy from. */
export function isCopySource(cache: CacheInfo): boolean {
  return retirementOf(cache) !== undefined;
}

/** An Azure Managed Redis cache: something to copy to. */
export function isCopyTarget(cache: CacheInfo): boolean {
  return !isAzureCacheForRedis(cache) && retirementOf(cache) === undefined;
}

/**
 * The endpoint clients of `cache` use, without credentials. Clustering comes from the model: an OSS cluster is
 * opened as one (every primary); anything else as a single endpoint, which the engine still opens as a cluster if
 * the server says it is one.
 */
export function cacheEndpoint(cache: CacheInfo, db = 0): RedisEndpoint {
  const database = cache.databases.find((d) => d.name === 'default') ?? cache.databases[0];
  const port = isAzureCacheForRedis(cache) ? (cache.sslPort ?? ACR_TLS_PORT) : (database?.port ?? cache.sslPort ?? AMR_PORT);
  return { host: cache.hostName, port, tls: true, db, cluster: sourceClusteringPolicy(cache) === 'OSSCluster' };
}

/** Databases a source offers beyond 0: ACR without clustering has `databaseCount`; a cluster and Enterprise only 0. */
export function sourceDatabases(cache: CacheInfo): number {
  return sourceClusteringPolicy(cache) === 'OSSCluster' ? 1 : (databaseCountOf(cache) ?? 1);
}

/** How one side authenticates. */
export type AuthMethod = 'entra' | 'accessKey' | 'password' | 'url' | 'none';

/**
 * The methods worth offering, best first: Entra ID when the cache accepts it; with access keys enabled, the key from
 * Azure (listKeys) or a typed one. A URL's server is unknown: Entra ID, a typed password or none — unless the URL
 * carries a password, which is then used.
 */
export function authMethods(cache: CacheInfo | undefined, endpoint: RedisEndpoint): AuthMethod[] {
  if (endpoint.password !== undefined) return ['url'];
  if (!cache) return ['entra', 'password', 'none'];
  return [
    ...(cache.entraAuthentication ? ['entra' as const] : []),
    ...(cache.accessKeysAuthentication ? ['accessKey' as const, 'password' as const] : []),
  ];
}
