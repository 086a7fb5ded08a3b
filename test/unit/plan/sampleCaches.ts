import type { CacheInfo } from '../../../src/core/azure/cacheModel';

/** A plain Azure Cache for Redis as the inventory maps it: TLS only, access keys on, 16 databases. */
export function acrCache(overrides: Partial<CacheInfo> = {}): CacheInfo {
  const name = overrides.name ?? 'orders';
  return {
    id: `/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Cache/Redis/${name}`,
    name,
    subscriptionId: 'sub1',
    resourceGroup: 'rg1',
    location: 'East US',
    kind: 'AzureCacheForRedis',
    tier: 'Standard',
    sku: 'C3',
    capacity: 3,
    memoryGB: 6,
    shards: 1,
    replicas: 1,
    zones: [],
    hostName: `${name}.redis.cache.windows.net`,
    sslPort: 6380,
    tlsOnly: true,
    minimumTlsVersion: '1.2',
    accessKeysAuthentication: true,
    entraAuthentication: false,
    highAvailability: true,
    persistence: { aof: false, rdb: false },
    geoReplication: [],
    privateEndpoints: [],
    publicNetworkAccess: 'Enabled',
    firewallRules: 0,
    modules: [],
    databaseCount: 16,
    redisVersion: '6.0',
    provisioningState: 'Succeeded',
    databases: [],
    tags: {},
    ...overrides,
  };
}

/** A Redis Enterprise cluster with one OSS-clustered database on 10000. */
export function enterpriseCache(overrides: Partial<CacheInfo> = {}): CacheInfo {
  const name = overrides.name ?? 'catalog';
  return acrCache({
    id: `/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Cache/redisEnterprise/${name}`,
    name,
    kind: 'RedisEnterprise',
    tier: 'Enterprise',
    sku: 'E5',
    capacity: 4,
    memoryGB: 8,
    hostName: `${name}.eastus.redisenterprise.cache.azure.net`,
    sslPort: 10000,
    entraAuthentication: false,
    clusteringPolicy: 'OSSCluster',
    databaseCount: undefined,
    redisVersion: '7.2',
    zones: ['1', '2', '3'],
    databases: [{
      id: `/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Cache/redisEnterprise/${name}/databases/default`,
      name: 'default',
      port: 10000,
      tlsOnly: true,
      clusteringPolicy: 'OSSCluster',
      accessKeysAuthentication: true,
      persistence: { aof: false, rdb: false },
      modules: [],
      geoReplication: [],
    }],
    ...overrides,
  });
}
