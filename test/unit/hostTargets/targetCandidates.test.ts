import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CacheInfo } from '../../../src/core/azure/cacheModel';
import { hostCandidates } from '../../../src/vscode/hostTargets/targetCandidates';

function cache(name: string, tier: CacheInfo['tier'], sku: string, location: string, hostName: string): CacheInfo {
  return { name, tier, sku, location, hostName } as CacheInfo;
}

const TARGET = cache('orders', 'Balanced', 'Balanced_B5', 'West US 2', 'orders.westus2.redis.azure.net');

test('old hosts come from the retiring caches and the findings, described by SKU, region, finding count and current target', () => {
  const items = hostCandidates(
    TARGET,
    [
      cache('carts', 'Premium', 'P1', 'East US', 'carts.redis.cache.windows.net'),
      cache('orders', 'Standard', 'C1', 'West US 2', 'Orders.redis.cache.windows.net'),
    ],
    new Map([['orders.redis.cache.windows.net', 3], ['sessions.westeurope.redisenterprise.cache.azure.net', 1]]),
    { sessions: 'sessions.westeurope.redis.azure.net' },
  );
  assert.deepEqual(items.map(({ label, description, picked }) => ({ label, description, picked })), [
    { label: 'orders.redis.cache.windows.net', description: 'C1 · West US 2 · 3 findings', picked: true },
    { label: 'carts.redis.cache.windows.net', description: 'P1 · East US', picked: false },
    {
      label: 'sessions.westeurope.redisenterprise.cache.azure.net',
      description: '1 finding · now → sessions.westeurope.redis.azure.net',
      picked: false,
    },
  ]);
});

test('a host already pointing at the target is pre-selected; nothing at all gives no items', () => {
  const items = hostCandidates(TARGET, [], new Map([['legacy-orders.redis.cache.windows.net', 2]]),
    { 'legacy-orders.redis.cache.windows.net': 'orders.westus2.redis.azure.net' });
  assert.deepEqual(items.map((item) => [item.host, item.picked]), [['legacy-orders.redis.cache.windows.net', true]]);
  assert.deepEqual(hostCandidates(TARGET, [], new Map(), {}), []);
});
