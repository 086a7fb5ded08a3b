import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { armResourceKind, cachesFromArmDocument } from '../../../src/core/azure/armMapping';
import { buildPlan } from '../../../src/core/plan/buildPlan';
import type { MigrationPlan } from '../../../src/core/plan/planModel';
import { listArmFixtureFiles, loadArmFixture } from '../../armServer/armFixtures';

const recommended = (plan: MigrationPlan) => plan.recommendations.find((r) => r.recommended)?.sku;
const blockerIds = (plan: MigrationPlan) => plan.blockers.map((b) => b.id);
const strategy = (plan: MigrationPlan, id: string) => plan.dataStrategies.find((s) => s.id === id)!;
const clientIds = (plan: MigrationPlan) => plan.clientChanges.map((c) => c.id);

/** A clustered Premium P1 (2 shards, 12 GB) injected into a VNet, non-TLS port on: the live recordings. */
function expectClusteredP1(plans: MigrationPlan[]): void {
  assert.equal(plans.length, 1);
  const [plan] = plans;
  assert.equal(recommended(plan!), 'MemoryOptimized_M10', 'clustered Premium → Memory Optimized with the same total memory');
  assert.deepEqual(blockerIds(plan!), ['usable-memory-below-source', 'vnet-injection', 'non-tls-port']);
  assert.deepEqual(plan!.checks.map((c) => c.id), ['multiple-databases'], 'the databases setting alone is a check');
  assert.equal(strategy(plan!, 'automated-migration').available, false);
  assert.match(strategy(plan!, 'automated-migration').why, /VNet injection/);
  assert.equal(strategy(plan!, 'rdb-export-import').recommended, true);
  assert.ok(!clientIds(plan!).includes('non-cluster-client'), 'already clustered: no cluster client change');
}

/** Premium with replicasPerPrimary 2 → Compute Optimized. */
function expectMultiReplicaPremium(sku: string, passiveGeo: boolean) {
  return (plans: MigrationPlan[]) => {
    assert.equal(plans.length, 1);
    const [plan] = plans;
    assert.equal(plan!.source.replicas, 2);
    assert.equal(recommended(plan!), sku);
    assert.equal(blockerIds(plan!).includes('passive-geo-replication'), passiveGeo);
    assert.ok(clientIds(plan!).includes('non-cluster-client'));
  };
}

/** What the plan of each cache-bearing fixture must say; fixtures without a cache are listed with undefined. */
const EXPECTED: Record<string, ((plans: MigrationPlan[]) => void) | undefined> = {
  'redis/2022-06-01/recording_redis_get_test.json': expectClusteredP1,
  'redis/2022-06-01/recording_redis_listbyresourcegroup_test.json': expectClusteredP1,
  'redis/2024-11-01/RedisCacheCreate.json': expectMultiReplicaPremium('ComputeOptimized_X5', false),
  'redis/2024-11-01/RedisCacheGet.json': (plans) => {
    expectMultiReplicaPremium('ComputeOptimized_X50', true)(plans);
    const automated = strategy(plans[0]!, 'automated-migration');
    assert.equal(automated.available, false);
    assert.match(automated.why, /private endpoints, geo-replication, state Creating/);
  },
  'redis/2024-11-01/RedisCacheList.json': (plans) => {
    assert.equal(plans.length, 1);
    const [plan] = plans;
    assert.equal(plan!.source.sku, 'C6');
    assert.equal(recommended(plan!), 'MemoryOptimized_M50', 'the guide row Standard C6 → M50');
    assert.equal(plan!.retirement.retiresOn, '2028-09-30');
    assert.equal(strategy(plan!, 'programmatic-copy').recommended, true, 'Standard cannot export RDB');
    assert.equal(strategy(plan!, 'rdb-export-import').available, false);
  },
  'redisenterprise/2025-07-01/RedisEnterpriseGet.json': (plans) => {
    assert.equal(plans.length, 1);
    assert.equal(recommended(plans[0]!), 'FlashOptimized_A500');
    assert.equal(plans[0]!.retirement.retiresOn, '2027-03-31');
    assert.ok(!clientIds(plans[0]!).includes('legacy-tls-port'), 'Enterprise already uses 10000');
  },
  'redisenterprise/2025-07-01/RedisEnterpriseList.json': (plans) => {
    assert.equal(plans.length, 1);
    assert.equal(recommended(plans[0]!), 'FlashOptimized_A500');
  },
  'redis/2024-11-01/RedisCacheAsyncOperationStatus.json': undefined,
  'redis/2024-11-01/RedisCacheExport.json': undefined,
  'redis/2024-11-01/RedisCacheImport.json': undefined,
  'redis/2024-11-01/RedisCacheLinkedServer_List.json': undefined,
  'redis/2024-11-01/RedisCacheListKeys.json': undefined,
  'redisenterprise/2025-07-01/OperationsStatusGet.json': undefined,
  'redisenterprise/2025-07-01/RedisEnterpriseDatabasesExport.json': undefined,
  'redisenterprise/2025-07-01/RedisEnterpriseDatabasesGet.json': undefined,
  'redisenterprise/2025-07-01/RedisEnterpriseDatabasesImport.json': undefined,
  'redisenterprise/2025-07-01/RedisEnterpriseDatabasesListByCluster.json': undefined,
  'redisenterprise/2025-07-01/RedisEnterpriseDatabasesListKeys.json': undefined,
  'redisenterprise/2025-07-01/RedisEnterpriseListSkusForScaling.json': undefined,
  'redisenterprise/2026-02-01-preview/RedisEnterpriseAccessPolicyAssignmentCreateUpdate.json': undefined,
  'redisenterprise/2026-02-01-preview/RedisEnterpriseMigrationGet.json': undefined,
  'redisenterprise/2026-02-01-preview/RedisEnterpriseMigrationValidate.json': undefined,
  'redisenterprise/2026-06-01-preview/RedisEnterpriseMigrationStart.json': undefined,
};

function holdsCache(body: unknown): boolean {
  const items = typeof body === 'object' && body !== null && 'value' in body ? (body as { value: unknown[] }).value : [body];
  return items.some((item) => ['redis', 'redisEnterprise'].includes(armResourceKind(item) ?? ''));
}

describe('plans for the ARM fixtures', () => {
  for (const file of listArmFixtureFiles()) {
    test(file, () => {
      assert.ok(file in EXPECTED, `add ${file} to EXPECTED`);
      const { body } = loadArmFixture(file);
      const expect = EXPECTED[file];
      assert.equal(holdsCache(body), expect !== undefined, expect ? 'expected a cache in this fixture' : 'this fixture holds a cache: give it an expectation');
      if (expect) expect(cachesFromArmDocument(body).map((cache) => buildPlan(cache)));
    });
  }

  test('the guide\'s example through the mapper: "Enterprise 8GB (2 x 4GB)" → a 12 GB SKU (M10, B10 or X10)', () => {
    const cluster = loadArmFixture('redisenterprise/2025-07-01/RedisEnterpriseGet.json').body as Record<string, unknown>;
    const [cache] = cachesFromArmDocument({ ...cluster, sku: { name: 'Enterprise_E5', capacity: 4 } });
    assert.equal(cache!.memoryGB, 8);
    const plan = buildPlan(cache!);
    assert.equal(recommended(plan), 'Balanced_B10');
    assert.match(plan.recommendations[0]!.reasons.join('\n'), /M10 \(Memory Optimized\), X10 \(Compute Optimized\)/);
  });

  test('an Enterprise Flash cluster with its database: modules, persistence and the known clustering policy', () => {
    const cluster = loadArmFixture('redisenterprise/2025-07-01/RedisEnterpriseGet.json').body;
    const database = loadArmFixture('redisenterprise/2025-07-01/RedisEnterpriseDatabasesGet.json').body;
    const [plan] = cachesFromArmDocument({ value: [cluster, database] }).map((cache) => buildPlan(cache));
    assert.equal(plan!.targetClusteringPolicy, 'OSSCluster');
    assert.ok(!plan!.featureChanges.some((f) => f.feature === 'Clustering policy'), 'OSS stays OSS');
    assert.deepEqual(plan!.featureChanges.find((f) => f.feature === 'Redis modules')?.from, 'RediSearch');
    assert.equal(plan!.featureChanges.find((f) => f.feature === 'Data persistence')?.from, 'RDB every 12h');
    assert.ok(clientIds(plan!).includes('access-key-auth'));
  });
});
