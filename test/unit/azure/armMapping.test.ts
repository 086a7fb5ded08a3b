import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ArmMappingError,
  armResourceKind,
  cacheFromRedisEnterprise,
  cacheFromRedisResource,
  cachesFromArmDocument,
  databaseFromRedisEnterprise,
} from '../../../src/core/azure/armMapping';
import type { CacheInfo } from '../../../src/core/azure/cacheModel';
import { listArmFixtureFiles, loadArmFixture } from '../../armServer/armFixtures';

const body = (file: string) => loadArmFixture(file).body;
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

type Expectation = { caches: (caches: CacheInfo[]) => void } | { error: RegExp };

/** What cachesFromArmDocument must make of each fixture; every fixture file must be listed here. */
const EXPECTED: Record<string, Expectation> = {
  'redis/2022-06-01/recording_redis_get_test.json': {
    caches: ([cache]) => {
      assert.equal(cache.name, 'myrediscachexxx111');
      assert.equal(cache.resourceGroup, 'myjstest');
      assert.equal(cache.subscriptionId, 'azure_subscription_id');
      assert.equal(cache.sku, 'P1');
      assert.equal(cache.shards, 2);
      assert.equal(cache.memoryGB, 12, 'P1 is 6 GB per shard, 2 shards');
      assert.equal(cache.clusteringPolicy, 'OSSCluster');
      assert.equal(cache.nonSslPort, 6379);
      assert.equal(cache.tlsOnly, false);
      assert.match(cache.subnetId ?? '', /subnets\/subnetworknamex$/);
      assert.deepEqual(cache.zones, ['1']);
      assert.equal(cache.minimumTlsVersion, '1.2');
    },
  },
  'redis/2022-06-01/recording_redis_listbyresourcegroup_test.json': {
    caches: (caches) => {
      assert.equal(caches.length, 1);
      assert.equal(caches[0].memoryGB, 12);
    },
  },
  'redis/2024-11-01/RedisCacheAsyncOperationStatus.json': { error: /is not a Microsoft\.Cache\/redis or Microsoft\.Cache\/redisEnterprise resource/ },
  'redis/2024-11-01/RedisCacheCreate.json': {
    caches: ([cache]) => {
      assert.equal(cache.tier, 'Premium');
      assert.equal(cache.memoryGB, 6);
      assert.equal(cache.replicas, 2);
      assert.equal(cache.tlsOnly, true);
      assert.equal(cache.nonSslPort, undefined);
      assert.equal(cache.clusteringPolicy, 'NoCluster');
    },
  },
  'redis/2024-11-01/RedisCacheExport.json': { error: /ARM document: document must be a JSON object/ },
  'redis/2024-11-01/RedisCacheGet.json': {
    caches: ([cache]) => {
      assert.equal(cache.id, '/subscriptions/subid/resourceGroups/rg1/providers/Microsoft.Cache/Redis/cache1');
      assert.equal(cache.kind, 'AzureCacheForRedis');
      assert.equal(cache.sku, 'P3');
      assert.equal(cache.capacity, 3);
      assert.equal(cache.memoryGB, 26);
      assert.equal(cache.shards, 1);
      assert.equal(cache.replicas, 2);
      assert.equal(cache.location, 'East US');
      assert.equal(cache.hostName, 'cache1.redis.cache.windows.net');
      assert.equal(cache.sslPort, 6380);
      assert.equal(cache.nonSslPort, 6379);
      assert.deepEqual(cache.geoReplication, [
        { id: '/subscriptions/subid/resourceGroups/rg1/providers/Microsoft.Cache/Redis/cache1/linkedServers/cache2', mode: 'passive' },
      ]);
      assert.deepEqual(cache.privateEndpoints, ['/subscriptions/subid/resourceGroups/rg1/providers/Microsoft.Network/privateEndpoints/cachePe']);
      assert.equal(cache.publicNetworkAccess, 'Enabled');
      assert.equal(cache.databaseCount, 16);
      assert.equal(cache.accessKeysAuthentication, true);
      assert.equal(cache.entraAuthentication, false);
      assert.equal(cache.redisVersion, '3.2');
      assert.equal(cache.provisioningState, 'Creating');
    },
  },
  'redis/2024-11-01/RedisCacheImport.json': { error: /must be a JSON object/ },
  'redis/2024-11-01/RedisCacheLinkedServer_List.json': { error: /linkedServers\/cache2: type \(type 'Microsoft\.Cache\/Redis\/linkedServers'\) is not/ },
  'redis/2024-11-01/RedisCacheList.json': {
    caches: ([cache]) => {
      assert.equal(cache.tier, 'Standard');
      assert.equal(cache.sku, 'C6');
      assert.equal(cache.memoryGB, 53);
      assert.equal(cache.replicas, 1, 'Standard is always one replica, whatever replicasPerMaster says');
      assert.equal(cache.highAvailability, true);
    },
  },
  'redis/2024-11-01/RedisCacheListKeys.json': { error: /ARM document: type \(no type\) is not/ },
  'redisenterprise/2025-07-01/OperationsStatusGet.json': { error: /is not a Microsoft\.Cache\/redis or/ },
  'redisenterprise/2025-07-01/RedisEnterpriseDatabasesExport.json': { error: /must be a JSON object/ },
  'redisenterprise/2025-07-01/RedisEnterpriseDatabasesGet.json': { error: /databases\/default: id is a Redis Enterprise database whose cluster is not in the document/ },
  'redisenterprise/2025-07-01/RedisEnterpriseDatabasesImport.json': { error: /must be a JSON object/ },
  'redisenterprise/2025-07-01/RedisEnterpriseDatabasesListByCluster.json': { error: /whose cluster is not in the document/ },
  'redisenterprise/2025-07-01/RedisEnterpriseDatabasesListKeys.json': { error: /type \(no type\) is not/ },
  'redisenterprise/2025-07-01/RedisEnterpriseGet.json': {
    caches: ([cache]) => {
      assert.equal(cache.kind, 'RedisEnterprise');
      assert.equal(cache.tier, 'EnterpriseFlash');
      assert.equal(cache.sku, 'F300');
      assert.equal(cache.capacity, 3);
      assert.equal(cache.memoryGB, 345);
      assert.equal(cache.name, 'cache1');
      assert.equal(cache.subscriptionId, 'e7b5a9d2-6b6a-4d2f-9143-20d9a10f5b8f');
      assert.deepEqual(cache.zones, ['1', '2', '3']);
      assert.equal(cache.publicNetworkAccess, 'Disabled');
      assert.equal(cache.privateEndpoints.length, 1);
      assert.deepEqual(cache.databases, []);
      assert.equal(cache.entraAuthentication, false);
    },
  },
  'redisenterprise/2025-07-01/RedisEnterpriseList.json': {
    caches: (caches) => {
      assert.equal(caches.length, 1);
      assert.equal(caches[0].hostName, 'cache1.westus.something.azure.com');
    },
  },
  'redisenterprise/2025-07-01/RedisEnterpriseListSkusForScaling.json': { error: /type \(no type\) is not/ },
  'redisenterprise/2026-02-01-preview/RedisEnterpriseAccessPolicyAssignmentCreateUpdate.json': { error: /accessPolicyAssignments\/default-TestEntraApp1: type .* is not/ },
  'redisenterprise/2026-02-01-preview/RedisEnterpriseMigrationGet.json': { error: /migrations\/default: type \(type 'Microsoft\.Cache\/redisEnterprise\/migrations'\)/ },
  'redisenterprise/2026-02-01-preview/RedisEnterpriseMigrationValidate.json': { error: /type \(no type\) is not/ },
  'redisenterprise/2026-06-01-preview/RedisEnterpriseMigrationStart.json': { error: /migrations\/default: type \(type 'Microsoft\.Cache\/redisEnterprise\/migrations'\)/ },
};

describe('cachesFromArmDocument over every ARM fixture', () => {
  it('has an expectation for every fixture file and none for a missing one', () => {
    assert.deepEqual(listArmFixtureFiles(), Object.keys(EXPECTED).sort());
  });
  for (const [file, expectation] of Object.entries(EXPECTED)) {
    it(file, () => {
      if ('error' in expectation) {
        assert.throws(() => cachesFromArmDocument(body(file)), (error: unknown) => {
          assert.ok(error instanceof ArmMappingError, `expected ArmMappingError, got ${String(error)}`);
          assert.match(error.message, expectation.error);
          assert.doesNotMatch(error.message, /primaryKey>|secondaryKey>/, 'errors never echo keys');
          return true;
        });
      } else {
        expectation.caches(cachesFromArmDocument(body(file)));
      }
    });
  }
});

describe('cacheFromRedisEnterprise', () => {
  const cluster = () => clone(body('redisenterprise/2025-07-01/RedisEnterpriseGet.json')) as Record<string, any>;
  const databases = () => (body('redisenterprise/2025-07-01/RedisEnterpriseDatabasesListByCluster.json') as { value: unknown[] }).value;

  it('takes ports, TLS, policy, modules and persistence from the databases', () => {
    const cache = cacheFromRedisEnterprise(cluster(), databases());
    assert.equal(cache.sslPort, 10000);
    assert.equal(cache.nonSslPort, undefined);
    assert.equal(cache.tlsOnly, true);
    assert.equal(cache.clusteringPolicy, 'OSSCluster');
    assert.deepEqual(cache.modules, ['RediSearch']);
    assert.deepEqual(cache.persistence, { aof: false, rdb: true, aofFrequency: undefined, rdbFrequency: '12h' });
    assert.equal(cache.accessKeysAuthentication, false, 'the database says Disabled');
    assert.equal(cache.databases.length, 1);
    assert.equal(cache.databases[0].name, 'default', 'from the id, not the name "cache1/default"');
    assert.equal(cache.databases[0].evictionPolicy, 'AllKeysLRU');
  });

  it('attaches databases listed in the same document to their cluster', () => {
    const [cache] = cachesFromArmDocument({ value: [...databases(), cluster()] });
    assert.equal(cache.databases.length, 1);
  });

  it('maps an Azure Managed Redis SKU with its memory and shards from the catalog', () => {
    const json = cluster();
    json.sku = { name: 'Balanced_B10' };
    json.properties.highAvailability = 'Disabled';
    const db = clone(databases()[0]) as Record<string, any>;
    db.properties.clientProtocol = 'Plaintext';
    db.properties.clusteringPolicy = 'EnterpriseCluster';
    db.properties.geoReplication = {
      groupNickname: 'g',
      linkedDatabases: [{ id: db.id }, { id: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Cache/redisEnterprise/other/databases/default' }],
    };
    const cache = cacheFromRedisEnterprise(json, [db]);
    assert.equal(cache.tier, 'Balanced');
    assert.equal(cache.sku, 'Balanced_B10');
    assert.equal(cache.capacity, undefined);
    assert.equal(cache.memoryGB, 12);
    assert.equal(cache.shards, 2);
    assert.equal(cache.replicas, 0);
    assert.equal(cache.highAvailability, false);
    assert.equal(cache.entraAuthentication, true);
    assert.equal(cache.tlsOnly, false);
    assert.equal(cache.nonSslPort, 10000);
    assert.equal(cache.sslPort, undefined);
    assert.equal(cache.clusteringPolicy, 'EnterpriseCluster');
    assert.deepEqual(cache.geoReplication.map((g) => g.id), ['/subscriptions/s/resourceGroups/r/providers/Microsoft.Cache/redisEnterprise/other/databases/default']);
  });

  it('grows Enterprise memory with capacity, and assumes the minimum capacity when ARM omits it', () => {
    const json = cluster();
    json.sku = { name: 'Enterprise_E5', capacity: 4 };
    assert.equal(cacheFromRedisEnterprise(json, []).memoryGB, 8);
    json.sku = { name: 'EnterpriseFlash_F300', capacity: 9 };
    assert.equal(cacheFromRedisEnterprise(json, []).memoryGB, 1035);
    json.sku = { name: 'Enterprise_E20' };
    const cache = cacheFromRedisEnterprise(json, []);
    assert.deepEqual([cache.sku, cache.capacity, cache.memoryGB], ['E20', 2, 25]);
  });

  it('rejects an unknown SKU, a database of another cluster and a bad clustering policy by name', () => {
    const json = cluster();
    json.sku = { name: 'Enterprise_E7', capacity: 2 };
    assert.throws(() => cacheFromRedisEnterprise(json, []), /redisEnterprise\/cache1: sku\.name is 'Enterprise_E7', not a known/);
    const foreign = clone(databases()[0]) as Record<string, any>;
    foreign.id = foreign.id.replace('/cache1/', '/cache2/');
    assert.throws(() => cacheFromRedisEnterprise(cluster(), [foreign]), /cache2\/databases\/default: id does not belong to cluster/);
    const bad = clone(databases()[0]) as Record<string, any>;
    bad.properties.clusteringPolicy = 'Sharded';
    assert.throws(() => databaseFromRedisEnterprise(bad), /properties\.clusteringPolicy is 'Sharded'/);
  });
});

describe('cacheFromRedisResource on malformed input', () => {
  const base = () => clone(body('redis/2024-11-01/RedisCacheGet.json')) as Record<string, any>;
  const id = '/subscriptions/subid/resourceGroups/rg1/providers/Microsoft.Cache/Redis/cache1';

  const cases: [string, (json: Record<string, any>) => void, RegExp][] = [
    ['missing capacity', (j) => delete j.properties.sku.capacity, /properties\.sku\.capacity is missing/],
    ['capacity as text', (j) => (j.properties.sku.capacity = '3'), /properties\.sku\.capacity must be a number, got the string "3"/],
    ['unknown size', (j) => (j.properties.sku.capacity = 9), /properties\.sku P9 is not an Azure Cache for Redis size/],
    ['unknown tier', (j) => (j.properties.sku.name = 'Gold'), /properties\.sku\.name is 'Gold'/],
    ['missing host name', (j) => delete j.properties.hostName, /properties\.hostName is missing/],
    ['missing properties and no hoisted ones either', (j) => delete j.properties, /cache1: sku is missing/],
    ['zones not an array', (j) => (j.zones = '1'), /zones must be an array/],
    ['tags not strings', (j) => (j.tags = { env: 3 }), /tags\.env must be a string/],
    ['databases not a number', (j) => (j.properties.redisConfiguration = { databases: 'many' }), /redisConfiguration\.databases is 'many'/],
  ];
  for (const [name, mutate, message] of cases) {
    it(name, () => {
      const json = base();
      mutate(json);
      assert.throws(() => cacheFromRedisResource(json), (error: unknown) => {
        assert.ok(error instanceof ArmMappingError);
        assert.equal(error.resource, id);
        assert.match(error.message, message);
        return true;
      });
    });
  }

  it('names the document when the id itself is missing or not a cache id', () => {
    const json = base();
    delete json.id;
    assert.throws(() => cacheFromRedisResource(json), { message: 'Microsoft.Cache/redis resource: id is missing' });
    json.id = '/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/a';
    assert.throws(() => cacheFromRedisResource(json), /storageAccounts\/a: id is not a Microsoft\.Cache\/redis resource id/);
  });

  it('reads Entra, access keys, persistence, keyspace events and database count from the configuration', () => {
    const json = base();
    json.properties.disableAccessKeyAuthentication = true;
    json.properties.redisConfiguration = {
      'aad-enabled': 'True',
      'rdb-backup-enabled': 'true',
      'rdb-backup-frequency': '60',
      'aof-backup-enabled': 'false',
      'notify-keyspace-events': 'KEA',
      databases: '32',
    };
    json.properties.sku = { name: 'Basic', family: 'C', capacity: 0 };
    const cache = cacheFromRedisResource(json);
    assert.equal(cache.accessKeysAuthentication, false);
    assert.equal(cache.entraAuthentication, true);
    assert.deepEqual(cache.persistence, { aof: false, rdb: true, rdbFrequency: '60' });
    assert.equal(cache.keyspaceNotifications, 'KEA');
    assert.equal(cache.databaseCount, 32);
    assert.equal(cache.memoryGB, 0.25);
    assert.equal(cache.replicas, 0);
    assert.equal(cache.highAvailability, false);
  });
});

describe('documents printed by the Azure CLI', () => {
  /** `az redis show` / `az redisenterprise show` print the properties at the top level, next to a `resourceGroup`. */
  const asAzureCliPrints = (resource: unknown) => {
    const { properties, ...rest } = clone(resource) as Record<string, any>;
    return { ...properties, ...rest, resourceGroup: 'rg1' };
  };

  it('maps them exactly like the ARM shape', () => {
    for (const file of ['redis/2024-11-01/RedisCacheGet.json', 'redis/2022-06-01/recording_redis_get_test.json', 'redisenterprise/2025-07-01/RedisEnterpriseGet.json']) {
      assert.deepEqual(cachesFromArmDocument(asAzureCliPrints(body(file))), cachesFromArmDocument(body(file)), file);
    }
    const databases = (body('redisenterprise/2025-07-01/RedisEnterpriseDatabasesListByCluster.json') as { value: unknown[] }).value;
    const cluster = body('redisenterprise/2025-07-01/RedisEnterpriseGet.json');
    assert.deepEqual(cacheFromRedisEnterprise(asAzureCliPrints(cluster), databases.map(asAzureCliPrints)), cacheFromRedisEnterprise(cluster, databases));
  });
});

describe('armResourceKind', () => {
  it('tells the kind from the type, case-insensitively, or from the id', () => {
    assert.equal(armResourceKind({ type: 'Microsoft.Cache/Redis' }), 'redis');
    assert.equal(armResourceKind({ type: 'Microsoft.Cache/redisEnterprise' }), 'redisEnterprise');
    assert.equal(armResourceKind({ type: 'Microsoft.Cache/redisEnterprise/databases' }), 'redisEnterpriseDatabase');
    assert.equal(armResourceKind({ id: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Cache/redis/c' }), 'redis');
    assert.equal(armResourceKind({ type: 'Microsoft.Cache/redisEnterprise/migrations' }), undefined);
    assert.equal(armResourceKind([]), undefined);
  });
});
