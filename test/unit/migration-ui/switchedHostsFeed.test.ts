import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CacheInfo } from '../../../src/core/azure/cacheModel';
import type { CachesState } from '../../../src/vscode/caches/cachesService';
import { MigrationStates } from '../../../src/vscode/migration/migrationStates';
import { switchedHostsInUse, useSwitchedHosts } from '../../../src/vscode/findings/switchedHostsInUse';
import { feedSwitchedHosts } from '../../../src/vscode/migration/switchedHostsFeed';
import { acrCache, enterpriseCache } from '../plan/sampleCaches';

const source = acrCache();
const target = enterpriseCache({ name: 'orders-amr', tier: 'Balanced', sku: 'Balanced_B5', hostName: 'orders-amr.eastus.redis.azure.net' });

/** The Caches view's loading event, fired by the test with the state a read ends in. */
function fakeCaches() {
  const listeners = new Set<(loading: Promise<CachesState>) => void>();
  return {
    onDidStartLoading: (listener: (loading: Promise<CachesState>) => void) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    async read(state: CachesState) {
      const loading = Promise.resolve(state);
      for (const listener of listeners) listener(loading);
      await loading;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

const listed = (caches: CacheInfo[]): CachesState => ({
  kind: 'listed', account: 'a', chosenSubscriptions: 1, allSubscriptions: 1,
  groups: [{ subscription: { subscriptionId: 'sub1' }, caches, errors: [] }],
});

describe('the scan learns switched hosts from the Caches view', () => {
  it('from a listing and from a migration followed in the window; it scans again only when the hosts change', async () => {
    const caches = fakeCaches();
    const states = new MigrationStates();
    const rescans: string[] = [];
    const feed = feedSwitchedHosts({ caches, states, rescan: (why) => rescans.push(why), use: useSwitchedHosts });
    await caches.read(listed([source, target]));
    assert.deepEqual(switchedHostsInUse(), {});
    assert.equal(rescans.length, 0, 'nothing switched: no scan');

    states.update(source.id, target.id, { provisioningState: 'InProgress', statusDetails: '', switchDns: true });
    assert.deepEqual(switchedHostsInUse(), {});
    states.update(source.id, target.id, { provisioningState: 'Succeeded', statusDetails: '', switchDns: true });
    assert.deepEqual(switchedHostsInUse(), { 'orders.redis.cache.windows.net': { target: 'orders-amr.eastus.redis.azure.net', accessKeys: true } });
    assert.equal(rescans.length, 1);

    // The refresh after the switch lists migratedEndpoint: the same hosts, no second scan; a failed read changes nothing.
    await caches.read(listed([source, { ...target, migratedEndpoint: source.hostName }]));
    await caches.read({ kind: 'failed', statusCode: 500, message: 'x' });
    assert.equal(rescans.length, 1);

    states.update(source.id, target.id, { provisioningState: 'Cancelled', statusDetails: '', switchDns: true });
    assert.deepEqual(switchedHostsInUse(), {});
    assert.equal(rescans.length, 2);

    feed.dispose();
    states.update(source.id, target.id, { provisioningState: 'Succeeded', statusDetails: '', switchDns: true });
    assert.deepEqual(switchedHostsInUse(), {}, 'disposed: no longer listening');
  });
});
