import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CacheInfo } from '../../../src/core/azure/cacheModel';
import { buildPlan } from '../../../src/core/plan/buildPlan';
import type { MigrationPlan } from '../../../src/core/plan/planModel';
import { acrCache, enterpriseCache } from './sampleCaches';

const blocker = (plan: MigrationPlan, id: string) => plan.blockers.find((b) => b.id === id);
const feature = (plan: MigrationPlan, name: string) => plan.featureChanges.find((f) => f.feature === name);
const client = (plan: MigrationPlan, id: string) => plan.clientChanges.find((c) => c.id === id);
const strategy = (plan: MigrationPlan, id: string) => plan.dataStrategies.find((s) => s.id === id)!;

describe('blockers', () => {
  test('a plain TLS-only Standard cache with one database whose peak fits has none', () => {
    assert.deepEqual(buildPlan(acrCache({ databaseCount: 1 }), { usedMemoryPercentMax: 50 }).blockers, []);
  });

  test('each configuration problem is reported with the strategies it rules out', () => {
    const plan = buildPlan(acrCache({
      tier: 'Premium', sku: 'P1',
      keyspaceNotifications: 'Ex',
      subnetId: '/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet/subnets/redis',
      firewallRules: 2,
      geoReplication: [{ id: '/subscriptions/sub1/resourceGroups/rg2/providers/Microsoft.Cache/Redis/orders-west', mode: 'passive' }],
      nonSslPort: 6379, tlsOnly: false,
    }), undefined, { databaseSelectFindings: 1 });
    assert.deepEqual(plan.blockers.map((b) => [b.id, b.severity]), [
      ['usable-memory-below-source', 'warning'],
      ['keyspace-notifications', 'error'],
      ['vnet-injection', 'warning'],
      ['firewall-rules', 'warning'],
      ['passive-geo-replication', 'warning'],
      ['multiple-databases', 'warning'],
      ['non-tls-port', 'warning'],
    ]);
    assert.match(blocker(plan, 'keyspace-notifications')!.message, /"Ex"/);
    assert.match(blocker(plan, 'vnet-injection')!.message, /Private Link/);
    assert.match(blocker(plan, 'firewall-rules')!.message, /2 IP firewall rule/);
    assert.match(blocker(plan, 'multiple-databases')!.message, /database-select/);
    assert.match(blocker(plan, 'non-tls-port')!.message, /6379/);
  });

  test('the database count is a warning only above one, and only on evidence', () => {
    const evidence = { databaseSelectFindings: 1 };
    assert.equal(blocker(buildPlan(acrCache({ databaseCount: 1 }), undefined, evidence), 'multiple-databases'), undefined);
    assert.match(blocker(buildPlan(acrCache({ databaseCount: 64 }), undefined, evidence), 'multiple-databases')!.message, /allows 64/);
    assert.equal(blocker(buildPlan(acrCache({ databaseCount: 64 })), 'multiple-databases'), undefined);
  });

  test('a plaintext Enterprise database is a warning that names its port', () => {
    const base = enterpriseCache();
    const plan = buildPlan({ ...base, tlsOnly: false, databases: [{ ...base.databases[0]!, tlsOnly: false }] });
    assert.equal(blocker(plan, 'non-tls-port')?.severity, 'warning');
    assert.match(blocker(plan, 'non-tls-port')!.message, /^The database serves plaintext on port 10000\..*Entra ID needs TLS/);
  });

  test('keyspace notifications set on an Enterprise database count too', () => {
    const base = enterpriseCache();
    const plan = buildPlan({ ...base, databases: [{ ...base.databases[0]!, keyspaceNotifications: 'KEA' }] });
    assert.equal(blocker(plan, 'keyspace-notifications')?.severity, 'error');
  });

  test('a cache no AMR size holds is a blocker, and the plan has no create step', () => {
    const plan = buildPlan(enterpriseCache({ sku: 'E400', memoryGB: 2000 }));
    assert.equal(blocker(plan, 'too-large')?.severity, 'error');
    assert.ok(!plan.steps.some((s) => s.startsWith('Create')));
  });
});

describe('feature changes', () => {
  test('Basic/Standard lose Reboot, scheduled updates, scale-down and custom RBAC, and gain persistence and modules', () => {
    const plan = buildPlan(acrCache(), undefined, { databaseSelectFindings: 1 });
    for (const name of ['Reboot', 'Scheduled updates', 'Scaling down', 'Microsoft Entra ID RBAC', 'Databases']) assert.equal(feature(plan, name)?.impact, 'loss', name);
    for (const name of ['Data persistence', 'Import/Export', 'Redis modules', 'Zone redundancy', 'Microsoft Entra ID authentication']) assert.equal(feature(plan, name)?.impact, 'gain', name);
    assert.deepEqual(feature(plan, 'Redis version'), { feature: 'Redis version', from: '6.0', to: '7.4', impact: 'change' });
    assert.deepEqual(feature(plan, 'Clustering policy')?.from, 'non-clustered');
  });

  test('Premium with persistence keeps it as a change, geo-replication goes passive → active', () => {
    const plan = buildPlan(acrCache({
      tier: 'Premium', sku: 'P2', memoryGB: 26, shards: 2, clusteringPolicy: 'OSSCluster', zones: ['1', '2'],
      persistence: { aof: false, rdb: true, rdbFrequency: '60' },
      geoReplication: [{ id: 'x', mode: 'passive' }],
    }));
    assert.equal(feature(plan, 'Data persistence')?.impact, 'change');
    assert.equal(feature(plan, 'Data persistence')?.from, 'RDB every 60 min');
    assert.equal(feature(plan, 'Geo-replication')?.impact, 'change');
    assert.equal(feature(plan, 'Clustering policy'), undefined, 'OSS stays OSS');
    assert.equal(feature(plan, 'Zone redundancy'), undefined, 'already zone-redundant');
    assert.equal(feature(plan, 'Import/Export'), undefined, 'Premium already has it');
  });

  test('Enterprise gains Entra ID and keeps its modules and policy', () => {
    const base = enterpriseCache();
    const plan = buildPlan({ ...base, clusteringPolicy: 'EnterpriseCluster', modules: ['RediSearch'], databases: [{ ...base.databases[0]!, clusteringPolicy: 'EnterpriseCluster', modules: [{ name: 'RediSearch' }] }] });
    assert.equal(feature(plan, 'Microsoft Entra ID authentication')?.from, 'not available');
    assert.equal(feature(plan, 'Non-high-availability mode')?.impact, 'gain');
    assert.equal(feature(plan, 'Redis modules')?.impact, 'change');
    assert.equal(plan.targetClusteringPolicy, 'EnterpriseCluster');
    assert.equal(feature(plan, 'Reboot'), undefined, 'ACR-only differences are not listed for Enterprise');
    assert.equal(client(plan, 'non-cluster-client'), undefined);
  });
});

describe('client changes', () => {
  test('ACR: host name, port, access key, cluster client and multi-key commands, with scanner rule ids', () => {
    const plan = buildPlan(acrCache({ databaseCount: 1 }));
    assert.deepEqual(plan.clientChanges.map((c) => c.id), ['legacy-hostname', 'legacy-tls-port', 'access-key-auth', 'non-cluster-client', 'multi-key-command']);
    assert.deepEqual(client(plan, 'legacy-hostname'), { id: 'legacy-hostname', from: 'orders.redis.cache.windows.net', to: 'orders.eastus.redis.azure.net' });
    assert.deepEqual(client(plan, 'legacy-tls-port'), { id: 'legacy-tls-port', from: '6380', to: '10000' });
    assert.match(client(plan, 'non-cluster-client')!.to, /or the Enterprise or the non-clustered \(preview\) policy/);
    const large = buildPlan(acrCache({ sku: 'C6', memoryGB: 53 }));
    assert.match(client(large, 'non-cluster-client')!.to, /or the Enterprise clustering policy to keep one endpoint$/);
  });

  test('a sovereign-cloud cache gets no public-cloud host name', () => {
    const plan = buildPlan(acrCache({ location: 'China North 3', hostName: 'orders.redis.cache.chinacloudapi.cn' }));
    assert.equal(client(plan, 'legacy-hostname')?.to, 'orders.chinanorth3.<Azure Managed Redis DNS suffix of this cloud>');
  });

  test('Entra-only caches have no access-key change; plaintext, SELECT and notifications add theirs', () => {
    const plan = buildPlan(acrCache({ accessKeysAuthentication: false, nonSslPort: 6379, tlsOnly: false, databaseCount: 4, keyspaceNotifications: 'Kx' }), undefined, { databaseSelectFindings: 2 });
    const ids = plan.clientChanges.map((c) => c.id);
    assert.ok(!ids.includes('access-key-auth'));
    assert.equal(client(plan, 'non-tls-connection')?.from, 'plaintext on 6379');
    assert.equal(client(plan, 'database-select')?.from, 'SELECT of databases 1–3');
    assert.ok(ids.includes('keyspace-notifications'));
  });

  test('Enterprise keeps its port 10000', () => {
    const plan = buildPlan(enterpriseCache());
    assert.equal(client(plan, 'legacy-tls-port'), undefined);
    assert.equal(client(plan, 'legacy-hostname')?.to, 'catalog.eastus.redis.azure.net');
  });
});

describe('data strategies', () => {
  const recommendedIds = (plan: MigrationPlan) => plan.dataStrategies.filter((s) => s.recommended).map((s) => s.id);

  test('exactly one is recommended: RDB where the source can export, this tool\'s copy elsewhere', () => {
    assert.deepEqual(recommendedIds(buildPlan(acrCache())), ['programmatic-copy']);
    assert.deepEqual(recommendedIds(buildPlan(acrCache({ tier: 'Premium', sku: 'P1' }))), ['rdb-export-import']);
    assert.deepEqual(recommendedIds(buildPlan(enterpriseCache())), ['rdb-export-import']);
    assert.match(strategy(buildPlan(acrCache()), 'programmatic-copy').why, /^Recommended because .*amr-migrate copy/);
  });

  test('RDB export needs Premium', () => {
    const rdb = strategy(buildPlan(acrCache({ tier: 'Basic', sku: 'C1', memoryGB: 1, replicas: 0 })), 'rdb-export-import');
    assert.deepEqual([rdb.available, rdb.why], [false, 'Only Premium caches can export an RDB file.']);
  });

  test('automated migration: available for a plain cache, blocked by private endpoints, VNet, geo-replication or state', () => {
    assert.equal(strategy(buildPlan(acrCache()), 'automated-migration').available, true);
    const cases: [Partial<CacheInfo>, RegExp][] = [
      [{ privateEndpoints: ['pe1'] }, /private endpoints/],
      [{ subnetId: 'subnet' }, /VNet injection/],
      [{ geoReplication: [{ id: 'x', mode: 'passive' }] }, /geo-replication/],
      [{ provisioningState: 'Scaling' }, /state Scaling/],
    ];
    for (const [overrides, reason] of cases) {
      const automated = strategy(buildPlan(acrCache(overrides)), 'automated-migration');
      assert.equal(automated.available, false);
      assert.match(automated.why, reason);
    }
    assert.equal(strategy(buildPlan(enterpriseCache({ tier: 'EnterpriseFlash', sku: 'F300', memoryGB: 345 })), 'automated-migration').available, false);
  });
});

describe('steps and retirement', () => {
  test('an ordered checklist from blockers to deleting the old cache before it retires', () => {
    const plan = buildPlan(acrCache({ firewallRules: 1, keyspaceNotifications: 'Ex' }));
    assert.match(plan.steps[0]!, /^Resolve the blockers: keyspace-notifications\.$/);
    assert.match(plan.steps[1]!, /^Check the warnings: usable-memory-below-source, firewall-rules\.$/);
    assert.match(plan.steps[2]!, /^Confirm what the inputs do not show: multiple-databases\.$/);
    assert.match(plan.steps.find((s) => s.startsWith('Create'))!, /Balanced_B5 .*private endpoint/);
    assert.match(plan.steps.at(-1)!, /^Delete orders .*before 2028-09-30, when Standard retires/);
    const order = ['Scan', 'Create', 'Give', 'Move', 'Point', 'Verify', 'Delete'].map((word) => plan.steps.findIndex((s) => s.startsWith(word)));
    assert.deepEqual([...order].sort((a, b) => a - b), order, `steps out of order: ${order}`);
  });

  test('Enterprise retires in 2027, and an AMR cache has nothing to plan', () => {
    assert.deepEqual(buildPlan(enterpriseCache()).retirement, { retiresOn: '2027-03-31', disabledFrom: '2027-04-01' });
    assert.throws(() => buildPlan(enterpriseCache({ tier: 'Balanced', sku: 'Balanced_B5' })), /already an Azure Managed Redis cache/);
  });
});
