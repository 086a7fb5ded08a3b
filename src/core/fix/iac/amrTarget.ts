import { AMR_NON_CLUSTERED_MAX_GB, AMR_PORT } from '../../amr/facts';
import { CLUSTERING_POLICIES, type CacheInfo, type CacheTier, type ClusteringPolicy } from '../../azure/cacheModel';
import { acrShardMemoryGB, amrSku, enterpriseMemoryGB, enterpriseSku } from '../../azure/skuCatalog';
import type { CacheResourceEvidence, IacValue } from '../../evidence/evidence';
import type { CacheMetrics } from '../../plan/planModel';
import { recommendSkus } from '../../plan/recommendSku';
import { sourceClusteringPolicy, targetClusteringPolicy } from '../../plan/sourceCache';
import { truthy } from '../../scan/iac/iacText';

/**
 * What an Azure Cache for Redis declared in infrastructure as code becomes on Azure Managed Redis, whatever the
 * language: the planner's SKU, the clustering policy, and the settings that map (docs/design/iac-mapping.md).
 */
export interface AmrTarget {
  /** ARM SKU name the planner recommends (`Balanced_B5`). */
  sku: string;
  highAvailability: boolean;
  clusteringPolicy: ClusteringPolicy;
  /** AMR eviction policy (`AllKeysLRU`), when the source set one. */
  evictionPolicy?: string;
  persistence?: { kind: 'aof' } | { kind: 'rdb'; frequency: '1h' | '6h' | '12h' };
  accessKeysAuthentication: 'Enabled' | 'Disabled';
  /** A literal, or the source's own expression (Terraform's is a boolean). */
  publicNetworkAccess: { literal: 'Enabled' | 'Disabled' } | { source: IacValue };
  /** Short notes of what the target does not carry over, written as comments and listed in the finding. */
  notCarried: string[];
  /** Notes on choices a person may revisit (keys kept enabled, clustering), written as comments too. */
  notes: string[];
}

/** What zones on the source become: AMR places replicas itself and rejects zones on its SKUs. */
export const ZONES_NOT_CARRIED = 'zone pinning (zones): AMR spreads high-availability replicas across zones itself';

const EVICTION_POLICIES: Readonly<Record<string, string>> = {
  'allkeys-lru': 'AllKeysLRU',
  'allkeys-lfu': 'AllKeysLFU',
  'allkeys-random': 'AllKeysRandom',
  'volatile-lru': 'VolatileLRU',
  'volatile-lfu': 'VolatileLFU',
  'volatile-ttl': 'VolatileTTL',
  'volatile-random': 'VolatileRandom',
  noeviction: 'NoEviction',
};

/** ACR RDB frequencies in minutes (15…1440) on AMR's three (1h, 6h, 12h), the nearest that is not less frequent. */
function rdbFrequency(minutes: number): '1h' | '6h' | '12h' {
  return minutes <= 60 ? '1h' : minutes <= 360 ? '6h' : '12h';
}

const ACR_TIERS: readonly CacheTier[] = ['Basic', 'Standard', 'Premium'];

function literalNumber(value: IacValue | undefined): number | undefined {
  const literal = value?.literal;
  const number = typeof literal === 'number' ? literal : typeof literal === 'string' && /^\d+$/.test(literal) ? Number(literal) : undefined;
  return number !== undefined && Number.isInteger(number) ? number : undefined;
}

/** The value is the literal itself, not a parameter or variable whose default it is (that one is kept as written). */
function writtenAsLiteral(value: IacValue): boolean {
  return value.text.replace(/^(["'])(.*)\1$/s, '$2') === String(value.literal) || typeof value.literal === 'boolean';
}

/** A source cache as the planner reads it, from the SKU settings; a reason when they are not literal. */
export function sourceCacheOf(resource: CacheResourceEvidence): CacheInfo | string {
  const settings = resource.settings;
  const skuName = settings.skuName?.literal;
  if (typeof skuName !== 'string') return 'its SKU is not a literal (nor a parameter or variable with a default)';
  const base = { id: resource.symbol, name: resource.symbol, subscriptionId: '', resourceGroup: '', location: '', zones: [], hostName: '', tlsOnly: true, accessKeysAuthentication: true, entraAuthentication: false, persistence: { aof: false, rdb: false }, geoReplication: [], privateEndpoints: [], firewallRules: 0, modules: [], databases: [], tags: {} };
  if (resource.role === 'enterprise') {
    // Terraform writes the capacity after the SKU: `Enterprise_E20-4`.
    const [, name = skuName, written] = /^(.*)-(\d+)$/.exec(skuName) ?? [];
    const sku = enterpriseSku(name);
    if (!sku) return `'${skuName}' is not an Enterprise or Enterprise Flash SKU`;
    const capacity = written !== undefined ? Number(written) : (literalNumber(settings.skuCapacity) ?? (settings.skuCapacity ? undefined : sku.baseCapacity));
    if (capacity === undefined) return 'its capacity is not a literal';
    return { ...base, kind: 'RedisEnterprise', tier: sku.tier, sku: name.replace(/^.*_/, ''), capacity, memoryGB: enterpriseMemoryGB(sku, capacity), shards: 1, replicas: 1, highAvailability: true };
  }
  // Terraform and the AVM module name the tier in `sku_name`/`skuName`; ARM and Bicep in `sku.name`.
  const tier = ACR_TIERS.find((candidate) => candidate.toLowerCase() === skuName.toLowerCase());
  if (!tier) return `'${skuName}' is not Basic, Standard or Premium`;
  const family = typeof settings.skuFamily?.literal === 'string' ? settings.skuFamily.literal : tier === 'Premium' ? 'P' : 'C';
  const capacity = literalNumber(settings.skuCapacity);
  const shardMemory = capacity === undefined ? undefined : acrShardMemoryGB(family, capacity);
  if (shardMemory === undefined) return capacity === undefined ? 'its capacity is not a literal' : `${family}${capacity} is not an Azure Cache for Redis size`;
  const shardCount = literalNumber(settings.shardCount);
  if (settings.shardCount && shardCount === undefined) return 'its shard count is not a literal';
  const shards = tier === 'Premium' && shardCount !== undefined && shardCount > 0 ? shardCount : 1;
  const replicas = tier === 'Basic' ? 0 : tier === 'Standard' ? 1 : (literalNumber(settings.replicas) ?? 1);
  return { ...base, kind: 'AzureCacheForRedis', tier, sku: `${family.toUpperCase()}${capacity}`, capacity, memoryGB: shardMemory * shards, shards, replicas, highAvailability: tier !== 'Basic', clusteringPolicy: shards > 1 ? 'OSSCluster' : 'NoCluster' };
}

/**
 * Clustering is the planner's (one source of truth with the plan panel and create-target): Azure Cache for Redis moves
 * to AMR's default and recommended OSS cluster, an Enterprise database keeps its policy. A non-clustered source's
 * clients must become cluster-aware (the scan's non-cluster-client findings); the note names the policies that spare
 * clients that cannot change.
 */
function clusteringOf(cache: CacheInfo, skuMemoryGB: number): { policy: ClusteringPolicy; note?: string } {
  const planned = targetClusteringPolicy(cache);
  if (planned === 'unknown') return { policy: 'OSSCluster', note: 'OSSCluster: the source database\'s clustering policy is unknown; keep its policy if its clients are not cluster-aware' };
  if (planned !== 'OSSCluster' || sourceClusteringPolicy(cache) === 'OSSCluster') return { policy: planned };
  const alternatives = skuMemoryGB <= AMR_NON_CLUSTERED_MAX_GB ? 'EnterpriseCluster or NoCluster' : 'EnterpriseCluster';
  return { policy: 'OSSCluster', note: `OSSCluster: clients must be cluster-aware; ${alternatives} keeps clients that cannot change working` };
}

/** The planner's size for a source cache and its clustering: where both the conversion and the export start. */
function sizedTarget(cache: CacheInfo, metrics?: CacheMetrics): Pick<AmrTarget, 'sku' | 'highAvailability' | 'clusteringPolicy' | 'notCarried' | 'notes'> | string {
  const recommended = recommendSkus(cache, metrics).find((recommendation) => recommendation.recommended);
  if (!recommended) return `no Azure Managed Redis size holds ${cache.memoryGB} GB`;
  const notCarried: string[] = [];
  const notes: string[] = [];
  const clustering = clusteringOf(cache, amrSku(recommended.sku)?.memoryGB ?? recommended.memoryGB);
  if (clustering.note) notes.push(clustering.note);
  if (cache.shards > 1) notCarried.push(`shard count ${cache.shards}: AMR shards internally; ${recommended.sku} holds the same memory`);
  if (cache.replicas > 1) notCarried.push(`${cache.replicas} replicas per primary: AMR has high availability on or off`);
  return { sku: recommended.sku, highAvailability: recommended.highAvailability, clusteringPolicy: clustering.policy, notCarried, notes };
}

/** An RDB frequency as Azure reports it: minutes on Azure Cache for Redis (`60`), AMR's own names on Enterprise (`6h`). */
function rdbFrequencyOf(frequency: string | undefined): '1h' | '6h' | '12h' {
  if (frequency === '1h' || frequency === '6h' || frequency === '12h') return frequency;
  return rdbFrequency(frequency !== undefined && /^\d+$/.test(frequency) ? Number(frequency) : 60);
}

/**
 * What a cache read from Azure becomes (the plan panel's and `plan --export`'s template), by the same rules as the
 * conversion of a declared one, on the plan's recommendation (refined by the cache's metrics when known). Access keys
 * are off: the plan moves clients to Microsoft Entra ID.
 */
export function amrTargetForCache(cache: CacheInfo, metrics?: CacheMetrics): AmrTarget | string {
  const sized = sizedTarget(cache, metrics);
  if (typeof sized === 'string') return sized;
  const { notCarried, notes } = sized;
  const database = cache.databases[0];
  const evictionPolicy = database?.evictionPolicy === undefined ? undefined
    : (EVICTION_POLICIES[database.evictionPolicy.toLowerCase()] ?? Object.values(EVICTION_POLICIES).find((p) => p.toLowerCase() === database.evictionPolicy!.toLowerCase()));
  const persistence: AmrTarget['persistence'] = cache.persistence.aof ? { kind: 'aof' } : cache.persistence.rdb ? { kind: 'rdb', frequency: rdbFrequencyOf(cache.persistence.rdbFrequency) } : undefined;
  if (cache.persistence.aof && cache.persistence.rdb) notCarried.push('RDB persistence (AMR keeps one of AOF and RDB: AOF kept)');
  const keysUsed = cache.accessKeysAuthentication || cache.databases.some((db) => db.accessKeysAuthentication);
  if (keysUsed) notes.push('access keys are off: clients sign in with Microsoft Entra ID; set them Enabled only while clients still use keys');
  if (cache.subnetId) notCarried.push('VNet injection (subnetId): reach the cache through a private endpoint');
  if (cache.zones.length > 0) notCarried.push(ZONES_NOT_CARRIED);
  if (cache.firewallRules > 0) notCarried.push(`${cache.firewallRules} firewall rule(s): AMR has no IP firewall; use a private endpoint and network security groups`);
  if (cache.geoReplication.some((link) => link.mode === 'passive')) notCarried.push('passive geo-replication: AMR has active geo-replication, set up on new databases');
  if (cache.keyspaceNotifications) notCarried.push('notify-keyspace-events: in preview on AMR');
  if (cache.nonSslPort !== undefined) notCarried.push('plaintext port: the database serves TLS only (clientProtocol Encrypted)');
  if (cache.modules.length > 0 || (database?.modules.length ?? 0) > 0) notCarried.push('modules: add them to the database by hand (they are chosen when it is created)');
  return {
    ...sized,
    evictionPolicy,
    persistence,
    accessKeysAuthentication: 'Disabled',
    publicNetworkAccess: { literal: cache.privateEndpoints.length > 0 || cache.subnetId || cache.publicNetworkAccess === 'Disabled' ? 'Disabled' : 'Enabled' },
    notCarried,
    notes,
  };
}

/** What the resource becomes, or why it cannot be converted automatically. */
export function amrTargetOf(resource: CacheResourceEvidence): AmrTarget | string {
  const cache = sourceCacheOf(resource);
  if (typeof cache === 'string') return cache;
  const sized = sizedTarget(cache);
  if (typeof sized === 'string') return sized;
  const settings = resource.settings;
  const { notCarried, notes } = sized;

  const policy = typeof settings.evictionPolicy?.literal === 'string' ? settings.evictionPolicy.literal.toLowerCase() : undefined;
  const evictionPolicy = policy === undefined ? undefined : EVICTION_POLICIES[policy];
  if (settings.evictionPolicy && !evictionPolicy) notCarried.push(`maxmemory-policy ${settings.evictionPolicy.text} (set evictionPolicy by hand)`);

  let persistence: AmrTarget['persistence'];
  const rdbMinutes = literalNumber(settings.rdbFrequency);
  if (truthy(settings.aofEnabled)) persistence = { kind: 'aof' };
  else if (truthy(settings.rdbEnabled)) persistence = { kind: 'rdb', frequency: rdbFrequency(rdbMinutes ?? 60) };
  if (truthy(settings.aofEnabled) && truthy(settings.rdbEnabled)) notCarried.push('RDB persistence (AMR keeps one of AOF and RDB: AOF kept)');
  if (persistence && resource.otherSettings.some((name) => /storage-connection-string|snapshot-count/.test(name))) {
    notCarried.push('persistence storage account settings (AMR stores persistence itself)');
  }

  const keysRead = resource.references.some((reference) => reference.property === 'keys' || reference.property === 'connectionString');
  const keysDisabled = settings.accessKeys?.literal === false;
  const accessKeysAuthentication = keysDisabled || !keysRead ? 'Disabled' : 'Enabled';
  if (accessKeysAuthentication === 'Enabled') notes.push('access keys stay enabled because this file reads them; move clients to Microsoft Entra ID, then set them Disabled');

  const access = settings.publicNetworkAccess;
  const publicNetworkAccess: AmrTarget['publicNetworkAccess'] =
    access && (access.literal === 'Enabled' || access.literal === 'Disabled') && writtenAsLiteral(access)
      ? { literal: access.literal }
      : access
        ? { source: access }
        : { literal: settings.subnetId ? 'Disabled' : 'Enabled' };

  if (settings.subnetId) notCarried.push('VNet injection (subnetId): reach the cache through a private endpoint');
  if (settings.staticIp) notCarried.push('static IP address (VNet injection)');
  if (settings.zones) notCarried.push(ZONES_NOT_CARRIED);
  if (settings.patchSchedule) notCarried.push('patch schedule: AMR maintenance windows are in preview');
  if (settings.memoryReserved) notCarried.push('maxmemory-reserved: AMR reserves memory itself');
  for (const name of resource.otherSettings.filter((n) => /reserved|maxmemory-delta/.test(n) && n !== 'maxmemory-reserved')) notCarried.push(`${name}: AMR reserves memory itself`);
  if (settings.redisVersion) notCarried.push('redisVersion: AMR runs Redis 7.4');
  if (settings.keyspaceEvents) notCarried.push('notify-keyspace-events: in preview on AMR');
  if (settings.databaseCount) notCarried.push('databases: AMR has database 0 only');
  if (settings.tenantSettings) notCarried.push('tenant settings');
  if (settings.nonTlsPort?.literal === true) notCarried.push(`plaintext port: the database serves TLS only (clientProtocol Encrypted)`);
  return {
    ...sized,
    evictionPolicy,
    persistence,
    accessKeysAuthentication,
    publicNetworkAccess,
    notCarried,
    notes,
  };
}


/**
 * What a Redis Enterprise cluster declared with its database (Terraform) becomes: the planner's SKU for its memory,
 * the database's own clustering policy (azurerm's default OSSCluster when it sets none) and eviction policy. Access
 * keys stay on: Redis Enterprise has no Microsoft Entra ID sign-in, so every client uses them; public network access
 * stays as it was (open).
 */
export function enterpriseTargetOf(cluster: CacheResourceEvidence, database: CacheResourceEvidence): AmrTarget | string {
  const cache = sourceCacheOf(cluster);
  if (typeof cache === 'string') return cache;
  const written = database.settings.clusteringPolicy;
  const clusteringPolicy = written === undefined ? 'OSSCluster' : CLUSTERING_POLICIES.find((policy) => policy === written.literal);
  if (!clusteringPolicy) return "its database's clustering policy is not a literal";
  const sized = sizedTarget({ ...cache, clusteringPolicy });
  if (typeof sized === 'string') return sized;
  const { notCarried, notes } = sized;
  const { zones, minimumTlsVersion } = cluster.settings;
  const { port, linkedDatabases, evictionPolicy } = database.settings;
  if (zones) notCarried.push(ZONES_NOT_CARRIED);
  if (minimumTlsVersion && minimumTlsVersion.literal !== '1.2') notCarried.push(`minimum_tls_version ${minimumTlsVersion.text}: AMR accepts TLS 1.2 and later`);
  if (port && port.literal !== AMR_PORT) notCarried.push(`port ${port.text}: AMR databases listen on ${AMR_PORT}`);
  if (linkedDatabases) notCarried.push('linked_database_id: link the geo-replicated caches with azurerm_managed_redis_geo_replication');
  notes.push('access keys stay enabled: Redis Enterprise clients sign in with them; move clients to Microsoft Entra ID, then disable them');
  notes.push('public network access stays Enabled as on Redis Enterprise; set Disabled when clients connect through private endpoints only');
  const policy = typeof evictionPolicy?.literal === 'string' ? evictionPolicy.literal : undefined;
  return {
    ...sized,
    evictionPolicy: Object.values(EVICTION_POLICIES).find((known) => known === policy),
    accessKeysAuthentication: 'Enabled',
    publicNetworkAccess: { literal: 'Enabled' },
    notCarried,
    notes,
  };
}
