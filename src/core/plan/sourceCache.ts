/** Facts about a source cache that several parts of the plan need. */
import { ACR_PLAINTEXT_PORT, buildAmrHostName, cloudOfLegacyHost, retirementOfTier, type Retirement } from '../amr/facts';
import type { CacheInfo, ClusteringPolicy } from '../azure/cacheModel';
import type { TargetClusteringPolicy, UnknownFact, UsageEvidence } from './planModel';

export function isAzureCacheForRedis(cache: CacheInfo): boolean {
  return cache.kind === 'AzureCacheForRedis';
}

export function retirementOf(cache: CacheInfo): Retirement | undefined {
  return retirementOfTier(cache.tier);
}

/**
 * False for a Redis Enterprise cluster read without its databases (what `az redisenterprise show` prints): access keys,
 * clustering policy, ports, modules, persistence, notifications and geo-replication live on the database.
 */
export function databasesRead(cache: CacheInfo): boolean {
  return isAzureCacheForRedis(cache) || cache.databases.length > 0;
}

const DATABASE_FACTS: readonly UnknownFact[] = ['access-keys', 'clustering-policy', 'tls', 'modules', 'persistence', 'keyspace-notifications', 'geo-replication'];

export const UNKNOWN_FACT_LABEL: Record<UnknownFact, string> = {
  'access-keys': 'access keys',
  'clustering-policy': 'the clustering policy',
  tls: 'TLS or plaintext',
  modules: 'modules',
  persistence: 'persistence',
  'keyspace-notifications': 'keyspace notifications',
  'geo-replication': 'geo-replication',
};

export function unknownFactsOf(cache: CacheInfo): UnknownFact[] {
  return databasesRead(cache) ? [] : [...DATABASE_FACTS];
}

/** Whether clients authenticate with access keys; undefined when the database that says so was not read. */
export function accessKeysOf(cache: CacheInfo): boolean | undefined {
  if (!databasesRead(cache)) return undefined;
  return cache.accessKeysAuthentication || cache.databases.some((db) => db.accessKeysAuthentication);
}

/** The source's clustering; undefined for Redis Enterprise when its databases were not read. */
export function sourceClusteringPolicy(cache: CacheInfo): ClusteringPolicy | undefined {
  const policy = cache.clusteringPolicy ?? cache.databases[0]?.clusteringPolicy;
  if (policy) return policy;
  // ACR Premium reports a shard count only when clustering is enabled; Basic/Standard never cluster.
  return isAzureCacheForRedis(cache) ? (cache.shards > 1 ? 'OSSCluster' : 'NoCluster') : undefined;
}

/**
 * Enterprise keeps its policy (same software; unknown when its database was not read, and then not guessed: OSS
 * would break clients of an Enterprise-policy database); ACR moves to AMR's default and recommended OSS cluster.
 */
export function targetClusteringPolicy(cache: CacheInfo): TargetClusteringPolicy {
  return isAzureCacheForRedis(cache) ? 'OSSCluster' : (sourceClusteringPolicy(cache) ?? 'unknown');
}

export const CLUSTERING_LABEL: Record<TargetClusteringPolicy, string> = {
  OSSCluster: 'OSS cluster',
  EnterpriseCluster: 'Enterprise cluster',
  NoCluster: 'non-clustered',
  unknown: 'unknown: the same as the source database, which was not read',
};

/** ARM region name from a display location ("East US" → "eastus"). */
export function regionName(location: string): string {
  return location.toLowerCase().replace(/\s+/g, '');
}

/** The host name an AMR cache of the same name in the same region gets (public cloud suffix; sovereign clouds differ). */
export function amrHostName(cache: CacheInfo): string {
  const region = regionName(cache.location);
  const cloud = cloudOfLegacyHost(cache.hostName);
  return cloud === undefined || cloud === 'AzureCloud'
    ? buildAmrHostName(cache.name, region)
    : `${cache.name}.${region}.<Azure Managed Redis DNS suffix of this cloud>`;
}

/** `notify-keyspace-events` of the cache or its database, when set to anything. */
export function keyspaceNotificationsOf(cache: CacheInfo): string | undefined {
  const value = cache.keyspaceNotifications ?? cache.databases.find((db) => db.keyspaceNotifications)?.keyspaceNotifications;
  return value && value.trim() !== '' ? value : undefined;
}

/** ACR's `databases` setting; the service default is 16. */
export function databaseCountOf(cache: CacheInfo): number | undefined {
  return isAzureCacheForRedis(cache) ? (cache.databaseCount ?? 16) : undefined;
}

/** Whether a scan showed code that uses a database other than 0; the `databases` setting alone does not. */
export function usesOtherDatabases(evidence: UsageEvidence): boolean {
  return (evidence.databaseSelectFindings ?? 0) > 0;
}

export function passiveGeoLinks(cache: CacheInfo): number {
  return cache.geoReplication.filter((link) => link.mode === 'passive').length;
}

export function activeGeoLinks(cache: CacheInfo): number {
  const links = [...cache.geoReplication, ...cache.databases.flatMap((db) => db.geoReplication)];
  return links.filter((link) => link.mode === 'active').length;
}

/** The non-TLS port when clients may use it (ACR 6379, or a plaintext Enterprise database). */
export function plaintextPortOf(cache: CacheInfo): number | undefined {
  if (cache.nonSslPort !== undefined) return cache.nonSslPort;
  const plaintextDb = cache.databases.find((db) => !db.tlsOnly);
  if (plaintextDb) return plaintextDb.port;
  return cache.tlsOnly ? undefined : ACR_PLAINTEXT_PORT;
}

export function persistenceText(persistence: CacheInfo['persistence']): string | undefined {
  const parts: string[] = [];
  // ACR states the RDB frequency in minutes ("60"), Redis Enterprise with a unit ("12h").
  const frequency = persistence.rdbFrequency && /^\d+$/.test(persistence.rdbFrequency) ? `${persistence.rdbFrequency} min` : persistence.rdbFrequency;
  if (persistence.rdb) parts.push(`RDB${frequency ? ` every ${frequency}` : ''}`);
  if (persistence.aof) parts.push(`AOF${persistence.aofFrequency ? ` (${persistence.aofFrequency})` : ''}`);
  return parts.length > 0 ? parts.join(' + ') : undefined;
}

export function modulesOf(cache: CacheInfo): string[] {
  const names = [...cache.modules, ...cache.databases.flatMap((db) => db.modules.map((m) => m.name))];
  return [...new Set(names)];
}
