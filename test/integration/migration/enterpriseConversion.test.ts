import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { confirmationMatches, explainEnterpriseConversion, scalingSkus, startEnterpriseConversion } from '../../../src/core/migration/enterpriseConversion';
import { readCache } from '../../../src/core/migration/readCache';
import type { SimulatedArm } from '../../armServer/simulatedArm';
import { startSimulatedArm } from '../../armServer/simulatedArm';

const CLUSTER = '/subscriptions/e7b5a9d2-6b6a-4d2f-9143-20d9a10f5b8f/resourceGroups/rg1/providers/Microsoft.Cache/redisEnterprise/cache1';

describe('Enterprise in-place conversion against the ARM simulator', () => {
  let arm: SimulatedArm;
  afterEach(() => arm?.server.stop());

  it('is explained, offers Azure\'s sizes, and sends nothing unless the typed name matches', async () => {
    arm = await startSimulatedArm();
    const cache = (await readCache(arm.client(), CLUSTER))!;
    const { possible, lines } = explainEnterpriseConversion(cache);
    assert.equal(possible, true);
    assert.match(lines.join('\n'), /cannot be paused, cancelled or rolled back/);
    assert.deepEqual((await scalingSkus(arm.client(), CLUSTER)).map((s) => s.name), ['MemoryOptimized_M100', 'ComputeOptimized_X700', 'Balanced_B5']);
    assert.equal(confirmationMatches(' cache1 ', 'cache1'), true);
    assert.equal(confirmationMatches('Cache1', 'cache1'), false);
    await assert.rejects(startEnterpriseConversion(arm.client(), cache, 'MemoryOptimized_M100', 'cache'), /does not match cache1; nothing was sent/);
    assert.deepEqual(arm.simulator.requests.filter((r) => r.method === 'PATCH'), []);
  });

  it('after the typed name: tags the cluster, then updates its SKU and follows it to Succeeded', async () => {
    arm = await startSimulatedArm();
    const cache = (await readCache(arm.client(), CLUSTER))!;
    const progress: string[] = [];
    await startEnterpriseConversion(arm.client(), cache, 'MemoryOptimized_M100', 'cache1', (m) => progress.push(m));
    const patches = arm.simulator.requests.filter((r) => r.method === 'PATCH');
    assert.deepEqual(patches.map((p) => p.path.replace(CLUSTER, '')), ['/providers/Microsoft.Resources/tags/default', '']);
    const cluster = arm.simulator.resource(CLUSTER)!;
    assert.equal(cluster.sku.name, 'MemoryOptimized_M100');
    assert.equal(cluster.tags['amr-migration-data-preserve'], 'False');
    assert.equal(cluster.properties.provisioningState, 'Succeeded');
    assert.ok(progress.some((m) => /InProgress/.test(m)));
  });
});
