import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cacheFromRedisResource } from '../../../src/core/azure/armMapping';
import type { SettingAnswers } from '../../../src/core/migration/targetSettings';
import { applySettingAnswers, settingInputProblem, settingSteps } from '../../../src/core/migration/targetSettings';
import type { TargetSpec } from '../../../src/core/migration/targetSpec';
import { clusterRequest, databaseRequest, targetSpecFor } from '../../../src/core/migration/targetSpec';
import { loadArmFixture } from '../../armServer/armFixtures';

const source = () => {
  const [cache] = (loadArmFixture('redis/2024-11-01/RedisCacheList.json').body as { value: unknown[] }).value;
  return cacheFromRedisResource(cache);
};
const planned = () => targetSpecFor(source(), { name: 'orders-amr' });

describe('Change Settings: the questions', () => {
  it('asks every setting in order, current values preselected and first, the source region and its reason in the region prompt', () => {
    const spec = planned();
    const steps = settingSteps(spec, source());
    assert.deepEqual(steps.map((s) => s.key), ['resourceGroup', 'location', 'highAvailability', 'clusteringPolicy', 'evictionPolicy', 'persistence', 'modules', 'publicNetworkAccess', 'accessKeys']);
    const location = steps[1]!;
    assert.equal(location.kind === 'input' && location.value, spec.location);
    assert.match(location.kind === 'input' ? location.prompt : '', /automated migration needs the new cache in the same region/);
    for (const step of steps) {
      if (step.kind !== 'pick' || step.many) continue;
      assert.equal(step.items.filter((i) => i.picked).length, 1, `${step.key}: exactly one current value`);
      assert.equal(step.items[0]!.picked, true, `${step.key}: the current value comes first`);
    }
    const keys = steps.find((s) => s.key === 'accessKeys');
    assert.deepEqual(keys?.kind === 'pick' && keys.items.map((i) => [i.value, i.picked, i.description]), [['off', true, 'recommended'], ['on', false, undefined]]);
    const clustering = steps.find((s) => s.key === 'clusteringPolicy');
    assert.ok(clustering?.kind === 'pick' && clustering.items.every((i) => i.detail), 'each clustering policy is explained');
  });
});

describe('Change Settings: answers to the spec and its requests', () => {
  const table: { name: string; base?: Partial<TargetSpec>; answers: SettingAnswers; expect: Partial<TargetSpec>; problems?: RegExp; note?: RegExp; sent?: (spec: TargetSpec) => void }[] = [
    { name: 'no answers keep the plan', answers: {}, expect: {} },
    { name: 'a typed region is normalised and noted as breaking the automated migration', answers: { location: 'East US 2' }, expect: { location: 'eastus2' }, note: /not the source's region/ },
    { name: 'resource group trimmed', answers: { resourceGroup: ' rg-new ' }, expect: { resourceGroup: 'rg-new' } },
    { name: 'a bad resource group is refused', answers: { resourceGroup: 'rg/bad' }, expect: {}, problems: /^resource group:/ },
    {
      name: 'high availability off, Enterprise cluster, no eviction, AOF, modules, private, keys on reach the requests',
      answers: { highAvailability: 'off', clusteringPolicy: 'EnterpriseCluster', evictionPolicy: 'NoEviction', persistence: 'aof', modules: ['RedisJSON', 'RediSearch'], publicNetworkAccess: 'Disabled', accessKeys: 'on' },
      expect: { highAvailability: false, clusteringPolicy: 'EnterpriseCluster', evictionPolicy: 'NoEviction', persistence: 'aof', modules: ['RedisJSON', 'RediSearch'], publicNetworkAccess: 'Disabled', accessKeysAuthentication: true },
      sent: (spec) => {
        assert.deepEqual((clusterRequest(spec).body as { properties: unknown }).properties, { minimumTlsVersion: '1.2', publicNetworkAccess: 'Disabled', highAvailability: 'Disabled' });
        const database = (databaseRequest(spec).body as { properties: Record<string, unknown> }).properties;
        assert.deepEqual([database.clusteringPolicy, database.evictionPolicy, database.persistence, database.modules, database.accessKeysAuthentication],
          ['EnterpriseCluster', 'NoEviction', { aofEnabled: true, aofFrequency: '1s' }, [{ name: 'RedisJSON' }, { name: 'RediSearch' }], 'Enabled']);
      },
    },
    { name: 'no modules picked clears them', answers: { modules: [] }, expect: { modules: [] } },
    { name: 'RediSearch with the OSS cluster policy is refused', answers: { clusteringPolicy: 'OSSCluster', modules: ['RediSearch'] }, expect: {}, problems: /^modules: RediSearch needs the EnterpriseCluster/ },
    { name: 'non-clustered on a balanced size is allowed', answers: { clusteringPolicy: 'NoCluster' }, expect: { clusteringPolicy: 'NoCluster' } },
    { name: 'non-clustered on a Flash size is refused', base: { sku: 'FlashOptimized_A250' }, answers: { clusteringPolicy: 'NoCluster' }, expect: {}, problems: /^clustering policy: Flash/ },
    { name: 'an unknown eviction policy is refused', answers: { evictionPolicy: 'allkeys-lru' }, expect: {}, problems: /^eviction policy:/ },
  ];
  for (const row of table) {
    it(row.name, () => {
      const spec = { ...planned(), ...row.base };
      const changed = applySettingAnswers(spec, row.answers, source(), []);
      if (row.problems) assert.match(changed.problems.join('\n'), row.problems);
      else {
        assert.deepEqual(changed.problems, []);
        assert.deepEqual(changed.spec, { ...spec, ...row.expect });
      }
      if (row.note) assert.match(changed.notes.join('\n'), row.note);
      else assert.deepEqual(changed.notes, []);
      row.sent?.(changed.spec);
    });
  }

  it('a region change checks the host name again: a listed cluster of that name in the new region stops it', () => {
    const taken = { ...source(), kind: 'RedisEnterprise' as const, name: 'orders-amr', resourceGroup: 'rg9', location: 'East US 2', id: '/subscriptions/s/resourceGroups/rg9/providers/Microsoft.Cache/redisEnterprise/orders-amr' };
    assert.deepEqual(applySettingAnswers(planned(), {}, source(), [taken]).problems, []);
    assert.match(applySettingAnswers(planned(), { location: 'eastus2' }, source(), [taken]).problems.join('\n'), /^name: orders-amr in rg9/);
  });

  it('the input boxes say what is wrong while typing', () => {
    assert.equal(settingInputProblem(planned(), 'location', 'westus2'), undefined);
    assert.match(settingInputProblem(planned(), 'location', 'west-us') ?? '', /^location:/);
    assert.match(settingInputProblem(planned(), 'resourceGroup', 'rg.') ?? '', /^resource group:/);
    assert.equal(settingInputProblem(planned(), 'resourceGroup', 'rg-ok'), undefined);
  });
});
