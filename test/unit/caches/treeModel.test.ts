import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cacheFromRedisEnterprise, cachesFromArmDocument } from '../../../src/core/azure/armMapping';
import type { CacheInfo, CacheTier } from '../../../src/core/azure/cacheModel';
import { AZURE_CLOUDS, customCloud } from '../../../src/core/azure/clouds';
import {
  cacheContextValue, cacheDescription, cacheTooltip, databaseDescription, errorView, errorViews, groupBySubscription,
  portalUrl, retirementDate, selectedSubscriptions, subscriptionDescription, tierIcon,
} from '../../../src/vscode/caches/treeModel';
import { loadArmFixture } from '../../armServer/armFixtures';

const body = (file: string) => loadArmFixture(file).body as Record<string, unknown>;
/** Azure's recorded Premium P1 (2 shards, non-TLS port on, access keys only). */
const premium = (): CacheInfo => cachesFromArmDocument(body('redis/2022-06-01/recording_redis_get_test.json'))[0];
/** Azure's Enterprise Flash F300 example with its one database. */
const enterpriseFlash = (): CacheInfo => cacheFromRedisEnterprise(
  (body('redisenterprise/2025-07-01/RedisEnterpriseList.json').value as unknown[])[0],
  body('redisenterprise/2025-07-01/RedisEnterpriseDatabasesListByCluster.json').value as unknown[]);

/** The value of a `| name | value |` row of the tooltip table, Markdown escapes removed. */
function row(tooltip: string, name: string): string | undefined {
  const line = tooltip.split('\n').find((l) => l.startsWith(`| ${name} | `));
  return line?.slice(`| ${name} | `.length, -' |'.length).replace(/\\(.)/g, '$1');
}

describe('retirement', () => {
  it('dates each retiring tier as announced and leaves the AMR tiers undated', () => {
    const expected: Record<CacheTier, string | undefined> = {
      Basic: '2028-09-30', Standard: '2028-09-30', Premium: '2028-09-30', Enterprise: '2027-03-31', EnterpriseFlash: '2027-03-31',
      Balanced: undefined, MemoryOptimized: undefined, ComputeOptimized: undefined, FlashOptimized: undefined,
    };
    for (const [tier, date] of Object.entries(expected)) assert.equal(retirementDate(tier as CacheTier), date, tier);
  });

  it('puts the date in the description and marks the context value of retiring caches only', () => {
    assert.equal(cacheDescription(premium()), 'P1 · East US · retires 2028-09-30');
    assert.equal(cacheContextValue(premium()), 'amrMigrate.cache.retiring');
    assert.equal(cacheContextValue({ ...premium(), kind: 'RedisEnterprise', tier: 'Enterprise' }), 'amrMigrate.cache.retiring.enterprise');
    const amr = { ...premium(), tier: 'Balanced', sku: 'Balanced_B5' } satisfies CacheInfo;
    assert.equal(cacheDescription(amr), 'Balanced_B5 · East US');
    assert.equal(cacheContextValue(amr), 'amrMigrate.cache.amr');
  });
});

describe('cacheTooltip', () => {
  it('lists the key facts of an Azure Cache for Redis Premium cache', () => {
    const tooltip = cacheTooltip(premium());
    assert.equal(row(tooltip, 'Tier'), 'Premium');
    assert.equal(row(tooltip, 'SKU'), 'P1');
    assert.equal(row(tooltip, 'Memory'), '12 GB');
    assert.equal(row(tooltip, 'Shards'), '2');
    assert.equal(row(tooltip, 'Replicas per primary'), '1');
    assert.equal(row(tooltip, 'Host'), 'myrediscachexxx111.redis.cache.windows.net');
    assert.match(tooltip, /\| Host \| myrediscachexxx111\\\.redis/, 'values are escaped');
    assert.equal(row(tooltip, 'TLS port'), '6380');
    assert.equal(row(tooltip, 'Non-TLS port'), '6379');
    assert.equal(row(tooltip, 'Authentication'), 'access keys');
    assert.equal(row(tooltip, 'Clustering policy'), 'OSSCluster');
    assert.match(tooltip, /Premium tier retires on \*\*2028-09-30\*\*/);
  });

  it('reads Enterprise Flash ports and clustering from the database, and says the non-TLS port is off', () => {
    const tooltip = cacheTooltip(enterpriseFlash());
    assert.equal(row(tooltip, 'Tier'), 'Enterprise Flash');
    assert.equal(row(tooltip, 'TLS port'), '10000');
    assert.equal(row(tooltip, 'Non-TLS port'), 'disabled');
    assert.equal(row(tooltip, 'Clustering policy'), 'OSSCluster');
    assert.match(tooltip, /retires on \*\*2027-03-31\*\*/);
  });

  it('names both authentication modes, or none, and has no retirement line for AMR', () => {
    const both = { ...premium(), entraAuthentication: true, tier: 'MemoryOptimized' } satisfies CacheInfo;
    assert.equal(row(cacheTooltip(both), 'Authentication'), 'Microsoft Entra ID + access keys');
    assert.doesNotMatch(cacheTooltip(both), /retires/);
    const none = { ...premium(), accessKeysAuthentication: false } satisfies CacheInfo;
    assert.equal(row(cacheTooltip(none), 'Authentication'), 'none enabled');
  });

  it('escapes Markdown in names that come from Azure, so a name cannot inject links', () => {
    const hostile = { ...premium(), name: 'x](https://evil.example)*' } satisfies CacheInfo;
    assert.match(cacheTooltip(hostile), /^\*\*x\\]\\\(https:\/\/evil\\\.example\\\)\\\*\*\*/);
  });
});

describe('icons and database descriptions', () => {
  it('gives the source tiers distinct icons and every AMR tier the same one', () => {
    const sources = (['Basic', 'Standard', 'Premium', 'Enterprise', 'EnterpriseFlash'] as const).map(tierIcon);
    assert.equal(new Set(sources).size, sources.length);
    const amr = (['Balanced', 'MemoryOptimized', 'ComputeOptimized', 'FlashOptimized'] as const).map(tierIcon);
    assert.equal(new Set(amr).size, 1);
    assert.ok(!sources.includes(amr[0]));
  });

  it('describes a database by port, clustering and TLS', () => {
    const [database] = enterpriseFlash().databases;
    assert.equal(databaseDescription(database), 'port 10000 · OSSCluster · TLS only');
    assert.equal(databaseDescription({ ...database, tlsOnly: false, clusteringPolicy: 'EnterpriseCluster' }),
      'port 10000 · EnterpriseCluster · TLS and plain text');
  });
});

describe('errorView', () => {
  it('offers sign-in for 401 and retry for everything else, keeping the service message as detail', () => {
    assert.deepEqual(errorView({ statusCode: 401, message: 'token expired' }),
      { label: 'Not authorized (401) — sign in again', detail: 'token expired', action: 'signIn' });
    assert.equal(errorView({ statusCode: 403, message: 'm' }).label, 'No access (403) — needs the Reader role on the subscription');
    assert.equal(errorView({ statusCode: 429, message: 'm' }).action, 'retry');
    assert.equal(errorView({ statusCode: null, message: 'malformed resource: no id' }).label, 'Could not read: malformed resource: no id');
    assert.equal(errorView({ statusCode: 500, message: 'm' }).label, 'Request failed (500) — retry');
  });
});

describe('errorViews', () => {
  it('shows one node per distinct error and keeps every distinct message in its detail', () => {
    const views = errorViews([
      { statusCode: 403, message: 'GET redis: denied' },
      { statusCode: 403, message: 'GET redisEnterprise: denied' },
      { statusCode: 403, message: 'GET redis: denied' },
      { statusCode: 429, message: 'slow down' },
    ]);
    assert.deepEqual(views.map((v) => [v.label, v.detail]), [
      ['No access (403) — needs the Reader role on the subscription', 'GET redis: denied\nGET redisEnterprise: denied'],
      ['Throttled by Azure (429) — retry later', 'slow down'],
    ]);
  });
});

describe('groupBySubscription', () => {
  it('keeps the subscription order, files caches and errors under their subscription, and fills in display names', () => {
    const a = { ...premium(), id: '/subscriptions/A/x', subscriptionId: 'A' };
    const b = { ...enterpriseFlash(), id: '/subscriptions/b/y', subscriptionId: 'b' };
    const groups = groupBySubscription({
      subscriptions: [{ subscriptionId: 'B' }, { subscriptionId: 'a', displayName: 'Given' }, { subscriptionId: 'c' }],
      caches: [a, b],
      errors: [{ subscriptionId: 'c', statusCode: 403, message: 'denied' }],
    }, [{ subscriptionId: 'b', displayName: 'Bee' }, { subscriptionId: 'a', displayName: 'Known' }]);
    assert.deepEqual(groups.map((g) => [g.subscription.displayName, g.caches.map((c) => c.id), g.errors.length]),
      [['Bee', ['/subscriptions/b/y'], 0], ['Given', ['/subscriptions/A/x'], 0], [undefined, [], 1]]);
  });
});

describe('subscriptionDescription', () => {
  it('counts caches, and errors only when there are some', () => {
    const cache = premium();
    const error = { subscriptionId: 's', statusCode: 429, message: 'm' };
    assert.equal(subscriptionDescription({ caches: [cache], errors: [] }), '1 cache');
    assert.equal(subscriptionDescription({ caches: [cache, cache], errors: [error, { ...error, statusCode: 500 }] }), '2 caches · 2 errors');
    assert.equal(subscriptionDescription({ caches: [], errors: [error] }), '0 caches · 1 error');
    assert.equal(subscriptionDescription({ caches: [], errors: [{ ...error, statusCode: 403 }, { ...error, statusCode: 403 }] }),
      '0 caches · 1 error', 'the same error on every request of a subscription is one error');
  });
});

describe('selectedSubscriptions', () => {
  const all = [{ subscriptionId: 'one' }, { subscriptionId: 'Two' }, { subscriptionId: 'three' }];
  it('reads all when nothing is remembered', () => {
    assert.deepEqual(selectedSubscriptions(all, undefined), all);
    assert.deepEqual(selectedSubscriptions(all, []), all);
  });
  it('narrows to remembered ids still listed, ignoring case', () => {
    assert.deepEqual(selectedSubscriptions(all, ['two', 'gone']), [{ subscriptionId: 'Two' }]);
  });
  it('falls back to all when none of the remembered ids is listed any more', () => {
    assert.deepEqual(selectedSubscriptions(all, ['gone']), all);
  });
});

describe('portalUrl', () => {
  const id = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/Redis/c';
  it('opens the portal of each known cloud', () => {
    assert.equal(portalUrl(AZURE_CLOUDS.AzureCloud, id), `https://portal.azure.com/#resource${id}/overview`);
    assert.equal(portalUrl(AZURE_CLOUDS.AzureChinaCloud, id), `https://portal.azure.cn/#resource${id}/overview`);
    assert.equal(portalUrl(AZURE_CLOUDS.AzureUSGovernment, id), `https://portal.azure.us/#resource${id}/overview`);
  });
  it('knows no portal for a custom endpoint', () => {
    assert.equal(portalUrl(customCloud('https://management.example.net'), id), undefined);
  });
});
