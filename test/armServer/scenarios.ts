/**
 * What the local ARM server answers: subscriptions with their caches (Azure's own example payloads, and
 * generated copies of them), plus faults injected on chosen paths.
 */

import { loadArmFixture } from './armFixtures';

type Json = Record<string, any>;

export interface ArmCluster {
  cluster: Json;
  databases: Json[];
}

export interface ArmSubscription {
  subscriptionId: string;
  displayName: string;
  redis: Json[];
  clusters: ArmCluster[];
  /** Firewall rules per ACR cache id (lower case); absent means none. */
  firewallRules: Map<string, number>;
  /** Every request under the subscription answers 403. */
  forbidden?: boolean;
}

export type ArmFault =
  /** Answers 429 with `Retry-After` the first `times` requests whose path and query match. */
  | { kind: 'throttle'; match: RegExp; times: number; retryAfterSeconds: number }
  /** Answers 200 with a body that is not JSON. */
  | { kind: 'malformed'; match: RegExp }
  /** Never answers. */
  | { kind: 'stall'; match: RegExp };

export interface ArmScenario {
  subscriptions: ArmSubscription[];
  /** Items per page of every list; more items get a `nextLink`. */
  pageSize: number;
  faults: ArmFault[];
}

export type ArmScenarioName = 'fixtures' | 'large';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const fixture = (file: string) => loadArmFixture(file).body as Json;

/** The subscriptions that Azure's example payloads and recordings belong to, served as they are. */
export function fixtureSubscriptions(): ArmSubscription[] {
  const enterprise = fixture('redisenterprise/2025-07-01/RedisEnterpriseList.json').value as Json[];
  const databases = fixture('redisenterprise/2025-07-01/RedisEnterpriseDatabasesListByCluster.json').value as Json[];
  return [
    {
      subscriptionId: 'subid',
      displayName: 'Spec examples (redis)',
      redis: fixture('redis/2024-11-01/RedisCacheList.json').value,
      clusters: [],
      firewallRules: new Map(),
    },
    {
      subscriptionId: 'azure_subscription_id',
      displayName: 'SDK recordings (redis)',
      redis: fixture('redis/2022-06-01/recording_redis_listbyresourcegroup_test.json').value,
      clusters: [],
      firewallRules: new Map(),
    },
    {
      subscriptionId: 'e7b5a9d2-6b6a-4d2f-9143-20d9a10f5b8f',
      displayName: 'Spec examples (redisEnterprise)',
      redis: [],
      clusters: enterprise.map((cluster) => ({ cluster, databases })),
      firewallRules: new Map(),
    },
  ];
}

const ACR_SKUS: [tier: string, family: string, capacity: number, shards?: number][] = [
  ['Basic', 'C', 0], ['Basic', 'C', 1], ['Standard', 'C', 2], ['Standard', 'C', 3], ['Standard', 'C', 6],
  ['Premium', 'P', 1], ['Premium', 'P', 2, 3], ['Premium', 'P', 4], ['Premium', 'P', 5, 2],
];
const ENTERPRISE_SKUS: Json[] = [
  { name: 'Enterprise_E10', capacity: 2 }, { name: 'Balanced_B5' }, { name: 'MemoryOptimized_M20' },
  { name: 'EnterpriseFlash_F300', capacity: 3 }, { name: 'ComputeOptimized_X10' },
];

/** `count` caches in one subscription, built from Azure's example payloads: three ACR caches for each cluster. */
export function generatedSubscription(subscriptionId: string, displayName: string, count: number): ArmSubscription {
  const redisTemplate = fixture('redis/2024-11-01/RedisCacheGet.json');
  const clusterTemplate = fixture('redisenterprise/2025-07-01/RedisEnterpriseGet.json');
  const databaseTemplate = fixture('redisenterprise/2025-07-01/RedisEnterpriseDatabasesGet.json');
  const subscription: ArmSubscription = { subscriptionId, displayName, redis: [], clusters: [], firewallRules: new Map() };
  for (let i = 0; i < count; i++) {
    const group = `rg-${i % 7}`;
    const name = `cache-${String(i).padStart(4, '0')}`;
    if (i % 4 === 3) {
      const id = `/subscriptions/${subscriptionId}/resourceGroups/${group}/providers/Microsoft.Cache/redisEnterprise/${name}`;
      const cluster = clone(clusterTemplate);
      Object.assign(cluster, { id, name, sku: ENTERPRISE_SKUS[i % ENTERPRISE_SKUS.length] });
      cluster.properties.hostName = `${name}.westus.redis.azure.net`;
      const database = clone(databaseTemplate);
      Object.assign(database, { id: `${id}/databases/default`, name: `${name}/default` });
      subscription.clusters.push({ cluster, databases: [database] });
    } else {
      const id = `/subscriptions/${subscriptionId}/resourceGroups/${group}/providers/Microsoft.Cache/Redis/${name}`;
      const [tier, family, capacity, shards] = ACR_SKUS[i % ACR_SKUS.length];
      const cache = clone(redisTemplate);
      Object.assign(cache, { id, name });
      cache.properties.sku = { name: tier, family, capacity };
      cache.properties.hostName = `${name}.redis.cache.windows.net`;
      if (shards) cache.properties.shardCount = shards;
      subscription.redis.push(cache);
      if (i % 3 !== 0) subscription.firewallRules.set(id.toLowerCase(), i % 3);
    }
  }
  return subscription;
}

/** The fixture subscriptions alone: small, every payload straight from Azure's examples. */
export function fixturesScenario(): ArmScenario {
  return { subscriptions: fixtureSubscriptions(), pageSize: 100, faults: [] };
}

export const LARGE = {
  generatedPerSubscription: 400,
  generatedSubscriptions: ['11111111-0000-4000-8000-000000000001', '11111111-0000-4000-8000-000000000002', '11111111-0000-4000-8000-000000000003'],
  forbiddenSubscription: '44444444-0000-4000-8000-000000000004',
  malformedSubscription: '55555555-0000-4000-8000-000000000005',
  /** The resource in the third generated subscription that lacks `properties.sku`. */
  brokenCacheName: 'broken-sku',
  pageSize: 50,
};

/**
 * 1,200 generated caches over three subscriptions plus the fixtures, one subscription answering 403, one
 * answering a body that is not JSON, one resource without a SKU, and 429s on a list page and a database list.
 */
export function largeScenario(): ArmScenario {
  const generated = LARGE.generatedSubscriptions.map((id, i) => generatedSubscription(id, `Generated ${i + 1}`, LARGE.generatedPerSubscription));
  const broken = clone(generated[2].redis[0]);
  broken.id = broken.id.replace(/[^/]+$/, LARGE.brokenCacheName);
  delete broken.properties.sku;
  generated[2].redis.push(broken);
  const empty = (subscriptionId: string, displayName: string, forbidden?: boolean): ArmSubscription => ({
    subscriptionId, displayName, redis: [], clusters: [], firewallRules: new Map(), forbidden,
  });
  return {
    subscriptions: [
      ...generated,
      ...fixtureSubscriptions(),
      empty(LARGE.forbiddenSubscription, 'No access', true),
      empty(LARGE.malformedSubscription, 'Malformed answers'),
    ],
    pageSize: LARGE.pageSize,
    faults: [
      { kind: 'throttle', match: new RegExp(`${LARGE.generatedSubscriptions[0]}/providers/Microsoft.Cache/redis\\?.*skiptoken=100`), times: 1, retryAfterSeconds: 1 },
      { kind: 'throttle', match: new RegExp(`${LARGE.generatedSubscriptions[1]}/.*/redisEnterprise/cache-0003/databases`), times: 1, retryAfterSeconds: 1 },
      { kind: 'malformed', match: new RegExp(`${LARGE.malformedSubscription}/providers/Microsoft.Cache/redis\\?`) },
    ],
  };
}

export function scenarioByName(name: ArmScenarioName): ArmScenario {
  return name === 'fixtures' ? fixturesScenario() : largeScenario();
}

/** The subscription the provisioning and migration tests work in: ACR caches to migrate, no AMR cache yet. */
export const MIGRATION = {
  subscriptionId: '22222222-0000-4000-8000-000000000002',
  resourceGroup: 'rg-orders',
  /** A Standard C3 in West US 2 that the automated migration accepts. */
  source: 'orders-cache',
  /** A Premium cache in North Europe behind a private endpoint: local checks refuse it. */
  blockedSource: 'ledger-cache',
  location: 'West US 2',
} as const;

export const migrationSourceId = (name: string = MIGRATION.source) =>
  `/subscriptions/${MIGRATION.subscriptionId}/resourceGroups/${MIGRATION.resourceGroup}/providers/Microsoft.Cache/Redis/${name}`;

export const migrationTargetId = (name: string) =>
  `/subscriptions/${MIGRATION.subscriptionId}/resourceGroups/${MIGRATION.resourceGroup}/providers/Microsoft.Cache/redisEnterprise/${name}`;

/** The fixtures plus a subscription holding two ACR caches built from Azure's example payload. */
export function migrationScenario(): ArmScenario {
  const template = (fixture('redis/2024-11-01/RedisCacheList.json').value as Json[])[0];
  const cache = (name: string, location: string, sku: Json, extra: Json = {}): Json => {
    const resource = clone(template);
    Object.assign(resource, { id: migrationSourceId(name), name, location });
    Object.assign(resource.properties, { provisioningState: 'Succeeded', sku, enableNonSslPort: false, hostName: `${name}.redis.cache.windows.net`, ...extra });
    return resource;
  };
  const subscription: ArmSubscription = {
    subscriptionId: MIGRATION.subscriptionId,
    displayName: 'Migration',
    redis: [
      cache(MIGRATION.source, MIGRATION.location, { name: 'Standard', family: 'C', capacity: 3 }),
      cache(MIGRATION.blockedSource, 'North Europe', { name: 'Premium', family: 'P', capacity: 1 }, {
        privateEndpointConnections: [{ id: `${migrationSourceId(MIGRATION.blockedSource)}/privateEndpointConnections/pe1`, properties: { privateEndpoint: { id: `/subscriptions/${MIGRATION.subscriptionId}/resourceGroups/${MIGRATION.resourceGroup}/providers/Microsoft.Network/privateEndpoints/pe1` } } }],
      }),
    ],
    clusters: [],
    firewallRules: new Map(),
  };
  return { subscriptions: [...fixtureSubscriptions(), subscription], pageSize: 100, faults: [] };
}

/** Every resource of a scenario, for the simulator to serve by id and to build on. */
export function simulatorSeed(scenario: ArmScenario): Json[] {
  return scenario.subscriptions.flatMap((s) => [...s.redis, ...s.clusters.flatMap((c) => [c.cluster, ...c.databases])]);
}
