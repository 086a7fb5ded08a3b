import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ACR_PLAINTEXT_PORT,
  ACR_TLS_PORT,
  AMR_PORT,
  buildAmrHostName,
  cloudOfLegacyHost,
  isAmrTier,
  LEGACY_DNS_SUFFIXES,
  parseAmrHostName,
  regionOfEnterpriseHost,
  retirementOfTier,
  TIER_LABEL,
} from '../../../src/core/amr/facts';
import type { CacheTier } from '../../../src/core/azure/cacheModel';

test('ports of the migration guide', () => {
  assert.deepEqual([ACR_TLS_PORT, ACR_PLAINTEXT_PORT, AMR_PORT], [6380, 6379, 10000]);
});

test('the cloud of a host that retires, by its DNS suffix', () => {
  const cases: Array<[string, ReturnType<typeof cloudOfLegacyHost>]> = [
    ['orders.redis.cache.windows.net', 'AzureCloud'],
    ['Orders.Redis.Cache.Windows.Net', 'AzureCloud'],
    ['orders.redis.cache.chinacloudapi.cn', 'AzureChinaCloud'],
    ['orders.redis.cache.usgovcloudapi.net', 'AzureUSGovernment'],
    ['orders.westeurope.redisenterprise.cache.azure.net', 'AzureCloud'],
    ['.redis.cache.windows.net', undefined],
    ['orders.westus2.redis.azure.net', undefined],
    ['redis.example.com', undefined],
  ];
  for (const [host, cloud] of cases) assert.equal(cloudOfLegacyHost(host), cloud, host);
  assert.equal(LEGACY_DNS_SUFFIXES.length, 4);
});

test('AMR host names are built and read back', () => {
  const cases: Array<[string, string, string]> = [
    ['orders', 'westus2', 'orders.westus2.redis.azure.net'],
    ['Orders-Prod', 'WestEurope', 'orders-prod.westeurope.redis.azure.net'],
  ];
  for (const [name, region, host] of cases) {
    assert.equal(buildAmrHostName(name, region), host);
    assert.deepEqual(parseAmrHostName(host), { name: name.toLowerCase(), region: region.toLowerCase() });
  }
  for (const host of ['orders.redis.azure.net', 'orders.redis.cache.windows.net', '-x.westus2.redis.azure.net', 'a.b.c.redis.azure.net']) {
    assert.equal(parseAmrHostName(host), undefined, host);
  }
});

test('the region an Enterprise host names; Azure Cache for Redis hosts name none', () => {
  assert.equal(regionOfEnterpriseHost('orders.westeurope.redisenterprise.cache.azure.net'), 'westeurope');
  assert.equal(regionOfEnterpriseHost('orders.redis.cache.windows.net'), undefined);
});

test('tier labels and retirement dates', () => {
  const cases: Array<[CacheTier, string, string | undefined, string | undefined]> = [
    ['Basic', 'Basic', '2028-09-30', '2028-10-01'],
    ['Standard', 'Standard', '2028-09-30', '2028-10-01'],
    ['Premium', 'Premium', '2028-09-30', '2028-10-01'],
    ['Enterprise', 'Enterprise', '2027-03-31', '2027-04-01'],
    ['EnterpriseFlash', 'Enterprise Flash', '2027-03-31', '2027-04-01'],
    ['Balanced', 'Balanced', undefined, undefined],
    ['MemoryOptimized', 'Memory Optimized', undefined, undefined],
    ['ComputeOptimized', 'Compute Optimized', undefined, undefined],
    ['FlashOptimized', 'Flash Optimized', undefined, undefined],
  ];
  for (const [tier, label, retiresOn, disabledFrom] of cases) {
    assert.equal(TIER_LABEL[tier], label);
    assert.equal(retirementOfTier(tier)?.retiresOn, retiresOn, tier);
    assert.equal(retirementOfTier(tier)?.disabledFrom, disabledFrom, tier);
    assert.equal(isAmrTier(tier), retiresOn === undefined, tier);
  }
});
