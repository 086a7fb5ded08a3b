import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cacheFromRedisResource } from '../../../src/core/azure/armMapping';
import { assignmentName, clusterNameProblem, hostNameTakenBy, provisionRequests, targetSpecFor, targetSpecProblems } from '../../../src/core/migration/targetSpec';
import { loadArmFixture } from '../../armServer/armFixtures';

const source = () => {
  const [cache] = (loadArmFixture('redis/2024-11-01/RedisCacheList.json').body as { value: unknown[] }).value;
  return cacheFromRedisResource(cache);
};

describe('AMR cluster names', () => {
  const table: [string, boolean][] = [
    ['orders-amr', true], ['a', true], ['A1-b2-C3', true], ['x'.repeat(60), true],
    ['', false], ['x'.repeat(61), false], ['-orders', false], ['orders-', false], ['orders--amr', false], ['orders_amr', false], ['orders.amr', false],
  ];
  for (const [name, ok] of table) {
    it(`${JSON.stringify(name.length > 12 ? `${name.slice(0, 6)}…(${name.length})` : name)} is ${ok ? 'valid' : 'refused'}`, () => {
      assert.equal(clusterNameProblem(name) === undefined, ok, clusterNameProblem(name));
    });
  }
});

describe('names taken by a listed cache', () => {
  it('a Redis Enterprise / AMR cluster of the same name in the same region takes the host name; elsewhere or an ACR cache does not', () => {
    const cluster = { ...source(), kind: 'RedisEnterprise' as const, name: 'Orders-AMR', location: 'West US 2', id: '/subscriptions/other/resourceGroups/rg9/providers/Microsoft.Cache/redisEnterprise/Orders-AMR' };
    const target = (name: string, location: string) => ({ name, location, subscriptionId: 'sub1', resourceGroup: 'rg1', sourceId: source().id });
    assert.equal(hostNameTakenBy(target('orders-amr', 'westus2'), [cluster])?.name, 'Orders-AMR');
    assert.equal(hostNameTakenBy(target('orders-amr', 'East US'), [cluster]), undefined);
    assert.equal(hostNameTakenBy(target('orders-amr', 'westus2'), [{ ...cluster, kind: 'AzureCacheForRedis' }]), undefined);
  });

  it('the cluster a re-run continues is not in the way; the same name in the same group made by someone else is', () => {
    const ownId = '/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Cache/redisEnterprise/orders-amr';
    const target = { name: 'orders-amr', location: 'westus2', subscriptionId: 'sub1', resourceGroup: 'rg1', sourceId: source().id };
    const own = { ...source(), kind: 'RedisEnterprise' as const, name: 'orders-amr', location: 'West US 2', id: ownId, tags: { 'created-by': 'amr-migrate', 'amr-migrate-source': source().id } };
    assert.equal(hostNameTakenBy(target, [own]), undefined);
    assert.equal(hostNameTakenBy(target, [{ ...own, tags: {} }])?.id, ownId);
    assert.equal(hostNameTakenBy({ ...target, sourceId: `${source().id}-other` }, [own])?.id, ownId, 'made for another source');
  });
});

describe('the target from the plan', () => {
  it('takes the recommended SKU, the source region and OSS clustering; keys off; requests in order', () => {
    const spec = targetSpecFor(source(), { name: 'cache1-amr', grants: ['6497C918-11AD-41E7-1B0F-7C518A87D0B0'] });
    assert.equal(spec.sku, 'MemoryOptimized_M50');
    assert.equal(spec.location, 'eastus');
    assert.equal(spec.clusteringPolicy, 'OSSCluster');
    assert.equal(spec.accessKeysAuthentication, false);
    assert.deepEqual(targetSpecProblems(spec), []);
    const requests = provisionRequests(spec);
    assert.deepEqual(requests.map((r) => r.url.replace(/^.*\/redisEnterprise\//, '')), [
      'cache1-amr?api-version=2025-07-01',
      'cache1-amr/databases/default?api-version=2025-07-01',
      `cache1-amr/databases/default/accessPolicyAssignments/${assignmentName('6497c918-11ad-41e7-1b0f-7c518a87d0b0')}?api-version=2025-07-01`,
    ]);
    assert.deepEqual((requests[0].body as { properties: unknown }).properties, { minimumTlsVersion: '1.2', publicNetworkAccess: 'Enabled', highAvailability: 'Enabled' });
  });

  it('choices override the plan; bad ones are each named', () => {
    const spec = { ...targetSpecFor(source(), { name: 'x', sku: 'Balanced_B5', location: 'westeurope' }), name: '-bad', grants: ['not-a-guid'], sku: 'Premium_P1' };
    assert.deepEqual(targetSpecProblems(spec).map((p) => p.split(':')[0]), ['name', 'sku', "grant 'not-a-guid'"]);
  });

  it('combinations Azure refuses only once the cluster exists are refused before anything is sent, whatever asked for them', () => {
    const spec = targetSpecFor(source(), { name: 'x', sku: 'Balanced_B5' });
    assert.deepEqual(targetSpecProblems({ ...spec, modules: ['RediSearch'], clusteringPolicy: 'OSSCluster' }), ['modules: RediSearch needs the EnterpriseCluster clustering policy']);
    assert.deepEqual(targetSpecProblems({ ...spec, modules: ['RediSearch'], clusteringPolicy: 'EnterpriseCluster' }), []);
    assert.deepEqual(targetSpecProblems({ ...spec, sku: 'FlashOptimized_A250', clusteringPolicy: 'NoCluster' }), ['clustering policy: Flash Optimized sizes cannot be non-clustered']);
    assert.deepEqual(targetSpecProblems({ ...spec, clusteringPolicy: 'NoCluster' }), []);
  });
});
