/**
 * Maps raw ARM JSON (what `GET` returns, camelCase REST shape) into CacheInfo.
 * Raw JSON rather than SDK models because @azure/arm-redisenterprisecache 2.2.0 drops the AMR fields.
 * Names, subscription and resource group come from the resource id: Enterprise database `name`s are `cluster/db`.
 */

import { ACR_PLAINTEXT_PORT, ACR_TLS_PORT, AMR_PORT } from '../amr/facts';
import { ArmMappingError, ArmObject, isJsonObject } from './armJson';
import { parseArmResourceId } from './armResourceId';
import { CLUSTERING_POLICIES, type CacheInfo, type CacheTier, type GeoReplicationLink, type RedisDatabase } from './cacheModel';
import { acrShardMemoryGB, amrSku, enterpriseSku, enterpriseMemoryGB } from './skuCatalog';

export { ArmMappingError } from './armJson';

export type ArmResourceKind = 'redis' | 'redisEnterprise' | 'redisEnterpriseDatabase';

const RESOURCE_TYPES: Record<ArmResourceKind, string> = {
  redis: 'Microsoft.Cache/redis',
  redisEnterprise: 'Microsoft.Cache/redisEnterprise',
  redisEnterpriseDatabase: 'Microsoft.Cache/redisEnterprise/databases',
};

const KIND_BY_TYPE = new Map(Object.entries(RESOURCE_TYPES).map(([kind, type]) => [type.toLowerCase(), kind as ArmResourceKind]));

/** Which cache resource a JSON value is (from `type`, else from its id), or undefined when it is none. */
export function armResourceKind(json: unknown): ArmResourceKind | undefined {
  if (!isJsonObject(json)) return undefined;
  if (typeof json.type === 'string') return KIND_BY_TYPE.get(json.type.toLowerCase());
  const id = typeof json.id === 'string' ? parseArmResourceId(json.id) : undefined;
  if (!id) return undefined;
  return KIND_BY_TYPE.get([id.providerNamespace, ...id.segments.map(([type]) => type)].join('/').toLowerCase());
}

interface Identity {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
}

function identityOf(resource: ArmObject, expected: ArmResourceKind): Identity {
  const id = resource.string('id');
  const parsed = parseArmResourceId(id);
  if (!parsed) throw new ArmMappingError(id, 'id', 'is not an ARM resource id (/subscriptions/…/resourceGroups/…/providers/…)');
  if (armResourceKind({ id }) !== expected) {
    throw new ArmMappingError(id, 'id', `is not a ${RESOURCE_TYPES[expected]} resource id`);
  }
  const name = parsed.segments[parsed.segments.length - 1][1];
  return { id, name, subscriptionId: parsed.subscriptionId, resourceGroup: parsed.resourceGroup };
}

/** Reads the id first so that every later error names the resource. */
function resourceObject(json: unknown, label: string): ArmObject {
  const resource = ArmObject.of(json, label);
  const id = resource.optionalString('id');
  return id ? new ArmObject(resource.json, id) : resource;
}

/**
 * The `properties` of a resource. The Azure CLI (`az redis show`, `az redisenterprise show`) prints resources with
 * their properties hoisted to the top level, so a resource without `properties` is read as that shape.
 */
function propertiesOf(resource: ArmObject): ArmObject {
  return resource.optionalObject('properties') ?? resource;
}

function privateEndpointIds(properties: ArmObject): string[] {
  return properties
    .objects('privateEndpointConnections')
    .map((connection) => connection.optionalObject('properties')?.optionalObject('privateEndpoint')?.optionalString('id') ?? connection.string('id'));
}

const ACR_TIERS: readonly CacheTier[] = ['Basic', 'Standard', 'Premium'];

/** Maps one `Microsoft.Cache/redis` resource (Basic, Standard, Premium). */
export function cacheFromRedisResource(json: unknown): CacheInfo {
  const resource = resourceObject(json, `${RESOURCE_TYPES.redis} resource`);
  const identity = identityOf(resource, 'redis');
  const properties = propertiesOf(resource);
  const sku = properties.object('sku');
  const tierName = sku.string('name');
  const tier = ACR_TIERS.find((t) => t.toLowerCase() === tierName.toLowerCase());
  if (!tier) throw new ArmMappingError(identity.id, 'properties.sku.name', `is '${tierName}', expected Basic, Standard or Premium`);
  const family = sku.string('family').toUpperCase();
  const capacity = sku.number('capacity');
  const shardMemory = acrShardMemoryGB(family, capacity);
  if (shardMemory === undefined) throw new ArmMappingError(identity.id, 'properties.sku', `${family}${capacity} is not an Azure Cache for Redis size`);
  const shardCount = properties.optionalNumber('shardCount');
  const clustered = tier === 'Premium' && shardCount !== undefined && shardCount > 0;
  const shards = clustered ? shardCount : 1;
  const config = properties.stringMap('redisConfiguration');
  const enableNonSslPort = properties.optionalBoolean('enableNonSslPort') ?? false;
  const databases = config.databases === undefined ? 16 : Number.parseInt(config.databases, 10);
  if (!Number.isInteger(databases)) throw new ArmMappingError(identity.id, 'properties.redisConfiguration.databases', `is '${config.databases}', expected a number`);
  return {
    ...identity,
    location: resource.string('location'),
    kind: 'AzureCacheForRedis',
    tier,
    sku: `${family}${capacity}`,
    capacity,
    memoryGB: shardMemory * shards,
    shards,
    // Only Premium can have more than one replica; Standard is always primary + one replica.
    replicas: tier === 'Basic' ? 0 : tier === 'Standard' ? 1 : (properties.optionalNumber('replicasPerPrimary') ?? properties.optionalNumber('replicasPerMaster') ?? 1),
    zones: resource.strings('zones'),
    hostName: properties.string('hostName'),
    sslPort: properties.optionalNumber('sslPort') ?? ACR_TLS_PORT,
    nonSslPort: enableNonSslPort ? (properties.optionalNumber('port') ?? ACR_PLAINTEXT_PORT) : undefined,
    tlsOnly: !enableNonSslPort,
    minimumTlsVersion: properties.optionalString('minimumTlsVersion'),
    accessKeysAuthentication: properties.optionalBoolean('disableAccessKeyAuthentication') !== true,
    entraAuthentication: config['aad-enabled']?.toLowerCase() === 'true',
    highAvailability: tier !== 'Basic',
    clusteringPolicy: clustered ? 'OSSCluster' : 'NoCluster',
    persistence: {
      aof: config['aof-backup-enabled']?.toLowerCase() === 'true',
      rdb: config['rdb-backup-enabled']?.toLowerCase() === 'true',
      rdbFrequency: config['rdb-backup-frequency'],
    },
    geoReplication: properties.objects('linkedServers').map((link) => ({ id: link.string('id'), mode: 'passive' as const })),
    privateEndpoints: privateEndpointIds(properties),
    subnetId: properties.optionalString('subnetId'),
    publicNetworkAccess: properties.optionalString('publicNetworkAccess'),
    // Firewall rules are a child collection that the resource GET does not include; the inventory fills it in.
    firewallRules: 0,
    modules: [],
    keyspaceNotifications: config['notify-keyspace-events'] || undefined,
    databaseCount: databases,
    redisVersion: properties.optionalString('redisVersion'),
    provisioningState: properties.optionalString('provisioningState'),
    databases: [],
    tags: resource.stringMap('tags'),
  };
}


/** Maps one `Microsoft.Cache/redisEnterprise/databases` resource. */
export function databaseFromRedisEnterprise(json: unknown): RedisDatabase {
  const resource = resourceObject(json, `${RESOURCE_TYPES.redisEnterpriseDatabase} resource`);
  const identity = identityOf(resource, 'redisEnterpriseDatabase');
  const properties = propertiesOf(resource);
  const policyName = properties.optionalString('clusteringPolicy') ?? 'OSSCluster';
  const clusteringPolicy = CLUSTERING_POLICIES.find((p) => p.toLowerCase() === policyName.toLowerCase());
  if (!clusteringPolicy) throw new ArmMappingError(identity.id, 'properties.clusteringPolicy', `is '${policyName}', expected ${CLUSTERING_POLICIES.join(', ')}`);
  const persistence = properties.optionalObject('persistence');
  const geoReplication: GeoReplicationLink[] = (properties.optionalObject('geoReplication')?.objects('linkedDatabases') ?? [])
    .map((link) => link.string('id'))
    .filter((id) => id.toLowerCase() !== identity.id.toLowerCase())
    .map((id) => ({ id, mode: 'active' }));
  return {
    id: identity.id,
    name: identity.name,
    port: properties.optionalNumber('port') ?? AMR_PORT,
    tlsOnly: (properties.optionalString('clientProtocol') ?? 'Encrypted').toLowerCase() !== 'plaintext',
    clusteringPolicy,
    evictionPolicy: properties.optionalString('evictionPolicy'),
    // Before API 2024-09-01-preview the field did not exist and access keys were the only way in.
    accessKeysAuthentication: (properties.optionalString('accessKeysAuthentication') ?? 'Enabled').toLowerCase() === 'enabled',
    persistence: {
      aof: persistence?.optionalBoolean('aofEnabled') ?? false,
      rdb: persistence?.optionalBoolean('rdbEnabled') ?? false,
      aofFrequency: persistence?.optionalString('aofFrequency'),
      rdbFrequency: persistence?.optionalString('rdbFrequency'),
    },
    modules: properties.objects('modules').map((module) => ({
      name: module.string('name'),
      args: module.optionalString('args') || undefined,
      version: module.optionalString('version'),
    })),
    geoReplication,
    keyspaceNotifications: properties.optionalString('notifyKeyspaceEvents') || undefined,
    provisioningState: properties.optionalString('provisioningState'),
    resourceState: properties.optionalString('resourceState'),
  };
}

interface EnterpriseSkuInfo {
  tier: CacheTier;
  sku: string;
  capacity?: number;
  memoryGB: number;
  shards: number;
}

function enterpriseSkuInfo(id: string, sku: ArmObject): EnterpriseSkuInfo {
  const armName = sku.string('name');
  const amr = amrSku(armName);
  if (amr) return { tier: amr.tier, sku: amr.armName, memoryGB: amr.memoryGB, shards: amr.primaryShards };
  const enterprise = enterpriseSku(armName);
  if (!enterprise) throw new ArmMappingError(id, 'sku.name', `is '${armName}', not a known Redis Enterprise or Azure Managed Redis SKU`);
  const capacity = sku.optionalNumber('capacity') ?? enterprise.baseCapacity;
  return {
    tier: enterprise.tier,
    sku: enterprise.armName.split('_')[1],
    capacity,
    memoryGB: enterpriseMemoryGB(enterprise, capacity),
    // The service picks the Enterprise shard layout and ARM does not report it (see CacheInfo.shards).
    shards: 1,
  };
}

/** Maps a `Microsoft.Cache/redisEnterprise` cluster (Enterprise, Enterprise Flash or AMR) and its databases. */
export function cacheFromRedisEnterprise(clusterJson: unknown, databasesJson: readonly unknown[]): CacheInfo {
  const resource = resourceObject(clusterJson, `${RESOURCE_TYPES.redisEnterprise} resource`);
  const identity = identityOf(resource, 'redisEnterprise');
  const properties = propertiesOf(resource);
  const skuInfo = enterpriseSkuInfo(identity.id, resource.object('sku'));
  const databases = databasesJson.map(databaseFromRedisEnterprise);
  for (const database of databases) {
    if (!database.id.toLowerCase().startsWith(`${identity.id.toLowerCase()}/databases/`)) {
      throw new ArmMappingError(database.id, 'id', `does not belong to cluster ${identity.id}`);
    }
  }
  const isAmr = !['Enterprise', 'EnterpriseFlash'].includes(skuInfo.tier);
  const highAvailability = (properties.optionalString('highAvailability') ?? 'Enabled').toLowerCase() !== 'disabled';
  const tlsPorts = databases.filter((d) => d.tlsOnly).map((d) => d.port);
  const plainPorts = databases.filter((d) => !d.tlsOnly).map((d) => d.port);
  const main = databases.find((d) => d.name === 'default') ?? databases[0];
  return {
    ...identity,
    location: resource.string('location'),
    kind: 'RedisEnterprise',
    ...skuInfo,
    replicas: highAvailability ? 1 : 0,
    zones: resource.strings('zones'),
    hostName: properties.string('hostName'),
    ...(properties.optionalString('migratedEndpoint') ? { migratedEndpoint: properties.optionalString('migratedEndpoint') } : {}),
    sslPort: tlsPorts[0],
    nonSslPort: plainPorts[0],
    tlsOnly: plainPorts.length === 0,
    minimumTlsVersion: properties.optionalString('minimumTlsVersion'),
    accessKeysAuthentication: databases.some((d) => d.accessKeysAuthentication),
    // Entra ID data access exists on AMR only; the Enterprise tiers authenticate with access keys.
    entraAuthentication: isAmr,
    highAvailability,
    clusteringPolicy: main?.clusteringPolicy,
    persistence: main?.persistence ?? { aof: false, rdb: false },
    geoReplication: databases.flatMap((d) => d.geoReplication),
    privateEndpoints: privateEndpointIds(properties),
    publicNetworkAccess: properties.optionalString('publicNetworkAccess'),
    // Redis Enterprise and AMR have no IP firewall (Private Link only).
    firewallRules: 0,
    modules: [...new Set(databases.flatMap((d) => d.modules.map((m) => m.name)))],
    keyspaceNotifications: main?.keyspaceNotifications,
    redisVersion: properties.optionalString('redisVersion'),
    provisioningState: properties.optionalString('provisioningState'),
    databases,
    tags: resource.stringMap('tags'),
  };
}

/**
 * Maps a whole ARM document: one resource, or `{ value: [...] }` as list calls return.
 * Enterprise databases in the same document are attached to their cluster.
 */
export function cachesFromArmDocument(json: unknown): CacheInfo[] {
  const document = ArmObject.of(json, 'ARM document');
  const items = 'value' in document.json ? document.objects('value').map((item) => item.json) : [document.json];
  const label = (i: number) => ('value' in document.json ? `item ${i} of value` : 'ARM document');
  const kinds = items.map((item, i) => {
    const kind = armResourceKind(item);
    if (!kind) {
      const type = typeof item.type === 'string' ? `type '${item.type}'` : 'no type';
      throw new ArmMappingError(typeof item.id === 'string' ? item.id : label(i), 'type', `(${type}) is not a Microsoft.Cache/redis or Microsoft.Cache/redisEnterprise resource`);
    }
    return kind;
  });
  const databasesByCluster = new Map<string, unknown[]>();
  items.forEach((item, i) => {
    if (kinds[i] !== 'redisEnterpriseDatabase') return;
    const clusterId = String(item.id).replace(/\/databases\/[^/]+$/i, '').toLowerCase();
    databasesByCluster.set(clusterId, [...(databasesByCluster.get(clusterId) ?? []), item]);
  });
  const caches: CacheInfo[] = [];
  items.forEach((item, i) => {
    if (kinds[i] === 'redis') caches.push(cacheFromRedisResource(item));
    if (kinds[i] === 'redisEnterprise') {
      const clusterId = typeof item.id === 'string' ? item.id.toLowerCase() : '';
      caches.push(cacheFromRedisEnterprise(item, databasesByCluster.get(clusterId) ?? []));
      databasesByCluster.delete(clusterId);
    }
  });
  const orphan = [...databasesByCluster.values()][0]?.[0];
  if (isJsonObject(orphan)) {
    throw new ArmMappingError(String(orphan.id), 'id', 'is a Redis Enterprise database whose cluster is not in the document');
  }
  return caches;
}
