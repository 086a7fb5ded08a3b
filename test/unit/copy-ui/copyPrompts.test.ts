import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TokenCredential } from '@azure/core-auth';
import type { CacheInfo } from '../../../src/core/azure/cacheModel';
import type { CopyCheckpoint } from '../../../src/core/copy/checkpoint';
import { emptyCounts } from '../../../src/core/copy/checkpoint';
import { CopyArgumentError } from '../../../src/vscode/copy/copyPlan';
import { CopyPromptError, promptCopyPlan, type CopyServices } from '../../../src/vscode/copy/copyPrompts';
import { acrCache, enterpriseCache } from '../plan/sampleCaches';
import { scriptedUi, type Answer } from './scriptedUi';

const amr = (name: string, overrides: Partial<CacheInfo> = {}) => enterpriseCache({
  name, tier: 'Balanced', sku: 'Balanced_B5', hostName: `${name}.eastus.redis.azure.net`, entraAuthentication: true, ...overrides,
});
const legacy = acrCache({ name: 'orders' });
const target = amr('orders-amr', { accessKeysAuthentication: false });
const entraToken: TokenCredential = { getToken: async () => null };

function services(overrides: Partial<CopyServices> = {}): CopyServices & { keyReads: string[] } {
  const keyReads: string[] = [];
  return {
    keyReads,
    caches: async () => [legacy, target, enterpriseCache({ name: 'catalog' })],
    checkpoint: async () => undefined,
    entraCredential: async () => entraToken,
    accessKey: async (cache) => {
      keyReads.push(cache.name);
      return `key-of-${cache.name}`;
    },
    ...overrides,
  };
}

async function run(answers: Answer[], svc = services(), start: { source?: CacheInfo } = {}) {
  const ui = scriptedUi(answers);
  const plan = await promptCopyPlan(ui, svc, start);
  assert.equal(ui.asked.length, answers.length, 'every scripted answer was asked for');
  return { plan, ui };
}

describe('Copy Data prompts', () => {
  test('palette: legacy source and AMR target from the inventory, access key from Azure, Entra on the target', async () => {
    const svc = services();
    const { plan, ui } = await run([
      { pick: 'orders' }, { pick: 'Database 0' }, { pick: 'orders-amr' },
      { pick: 'Access key from Azure' }, { pick: 'every key' }, { confirm: true },
    ], svc);
    assert.deepEqual(ui.asked[0]!.labels, ['orders', 'catalog', '$(link) Enter a redis:// or rediss:// URL…'], 'only retiring caches as sources');
    assert.deepEqual(ui.asked[2]!.labels, ['orders-amr', '$(link) Enter a redis:// or rediss:// URL…'], 'only AMR caches as targets');
    assert.ok(plan);
    assert.deepEqual({ ...plan.source.endpoint }, { host: 'orders.redis.cache.windows.net', port: 6380, tls: true, db: 0, cluster: false, password: 'key-of-orders' });
    assert.equal(plan.target.endpoint.host, 'orders-amr.eastus.redis.azure.net');
    assert.equal(plan.target.endpoint.port, 10000);
    assert.equal(plan.target.endpoint.cluster, true, 'the OSS cluster policy of the model');
    assert.equal(plan.target.endpoint.credential, entraToken, 'AMR with only Entra enabled needs no question');
    assert.deepEqual(svc.keyReads, ['orders'], 'the key is read only for the side the user chose it for');
    assert.deepEqual({ dryRun: plan.dryRun, verify: plan.verify, resume: plan.resume, overwrite: plan.overwrite, keyPrefix: plan.keyPrefix },
      { dryRun: false, verify: 'full', resume: false, overwrite: false, keyPrefix: '' });
    const confirm = ui.asked.at(-1)!;
    assert.equal(confirm.message, 'Copy every key of orders into orders-amr?');
    assert.match(confirm.detail!, /From: rediss:\/\/orders\.redis\.cache\.windows\.net:6380 \(read only\)/);
    assert.match(confirm.detail!, /To: rediss:\/\/orders-amr\.eastus\.redis\.azure\.net:10000 \(cluster\) \(Entra ID\)/);
    assert.doesNotMatch(JSON.stringify(ui.asked), /key-of-orders/, 'the key is never shown');
  });

  test('a database other than 0 needs a key prefix, suggested as dbN:', async () => {
    const { plan, ui } = await run([
      { pick: 'Database 3' }, { pick: 'orders-amr' }, { input: 'tenant3:' }, { pick: 'Enter an access key' }, { input: 'typed-secret' },
      { pick: 'sample' }, { confirm: true },
    ], services(), { source: legacy });
    const prefix = ui.asked[2]!.input!;
    assert.equal(prefix.value, 'db3:');
    assert.equal(prefix.validate!(''), 'A prefix is needed to map one database into another');
    assert.equal(ui.asked[4]!.input!.password, true, 'the password box masks what is typed');
    assert.equal(plan?.source.endpoint.db, 3);
    assert.equal(plan?.source.endpoint.password, 'typed-secret');
    assert.equal(plan?.keyPrefix, 'tenant3:');
    assert.equal(plan?.verify, 'sample');
    assert.match(ui.asked.at(-1)!.detail!, /Keys are written as "tenant3:<key>"/);
  });

  test('URLs: validated as typed, credentials in the URL used as they are, dry run without a confirmation', async () => {
    const { plan, ui } = await run([
      { pick: 'Enter a redis' }, { input: 'redis://default:pw@10.0.0.5:6379' },
      { pick: 'Enter a redis' }, { input: 'rediss://target.example:10000' }, { pick: 'No authentication' }, { pick: 'Dry run' },
    ], services({ caches: async () => [] }));
    const urlBox = ui.asked[1]!.input!;
    assert.match(urlBox.validate!('http://x')!, /unsupported scheme/);
    assert.match(urlBox.validate!('redis://h:1/x')!, /database must be a number/);
    assert.equal(ui.asked[3]!.input!.value, undefined, 'no suggestion without a source cache');
    assert.deepEqual(ui.asked[4]!.labels, ['$(account) Microsoft Entra ID', '$(lock) Enter an access key or password…', 'No authentication']);
    assert.equal(plan?.source.endpoint.password, 'pw');
    assert.equal(plan?.source.name, 'redis://10.0.0.5:6379');
    assert.equal(plan?.target.endpoint.password, undefined);
    assert.equal(plan?.dryRun, true);
  });

  test('a target URL is suggested from the source cache\'s name and region', async () => {
    const { ui } = await run([{ pick: 'Database 0' }, { pick: 'Enter a redis' }, { escape: 'input' }], services(), { source: legacy });
    assert.equal(ui.asked[2]!.input!.value, 'rediss://orders.eastus.redis.azure.net:10000');
  });

  test('a stored checkpoint for the pair offers Resume, which keeps its prefix and overwrite choice', async () => {
    const checkpoint: CopyCheckpoint = {
      version: 1, source: 'rediss://orders.redis.cache.windows.net:6380 db 2', target: 'rediss://orders-amr.eastus.redis.azure.net:10000 (cluster)',
      keyPrefix: 'db2:', overwrite: true, nodes: {}, counts: { ...emptyCounts(), copied: 1200 }, conflictKeys: [], updatedAt: '2026-11-26T09:45:12.345Z',
    };
    const { plan, ui } = await run([
      { pick: 'Database 2' }, { pick: 'orders-amr' }, { pick: 'Resume' }, { pick: 'Access key from Azure' }, { pick: 'every key' }, { confirm: true },
    ], services({ checkpoint: async () => checkpoint }), { source: legacy });
    assert.deepEqual(ui.asked[2]!.labels, ['$(debug-continue) Resume the stopped copy', '$(debug-restart) Start over']);
    assert.equal(plan?.resume, true);
    assert.equal(plan?.keyPrefix, 'db2:', 'no prefix question: the checkpoint decides');
    assert.equal(plan?.overwrite, true);
    assert.equal(ui.asked.at(-1)!.message, 'Resume copying every key of orders into orders-amr?');
  });

  test('"keep in sync" plans a live copy with full verification and passes on what Azure says the source publishes', async () => {
    const notifying = acrCache({ name: 'orders', keyspaceNotifications: 'KEA' });
    const { plan } = await run([{ pick: 'Database 0' }, { pick: 'orders-amr' }, { pick: 'Access key' }, { pick: 'keep in sync' }, { confirm: true }],
      services(), { source: notifying });
    assert.deepEqual({ live: plan?.live, verify: plan?.verify, dryRun: plan?.dryRun, notify: plan?.notifyKeyspaceEvents },
      { live: true, verify: 'full', dryRun: false, notify: 'KEA' });
    const { plan: silent } = await run([{ pick: 'Database 0' }, { pick: 'orders-amr' }, { pick: 'Access key' }, { pick: 'keep in sync' }, { confirm: true }],
      services(), { source: legacy });
    assert.equal(silent?.notifyKeyspaceEvents, undefined, 'unknown stays unknown: the engine then asks the server or waits for a notification');
  });

  test('backing out anywhere, or declining the confirmation, copies nothing', async () => {
    assert.equal((await run([{ escape: 'pick' }])).plan, undefined);
    assert.equal((await run([{ pick: 'Database 0' }, { pick: 'orders-amr' }, { pick: 'Access key' }, { pick: 'every key' }, { confirm: false }],
      services(), { source: legacy })).plan, undefined);
  });

  test('same database on both sides, or a cache with every authentication disabled, is refused with a reason', async () => {
    await assert.rejects(run([{ pick: 'Enter a redis' }, { input: 'rediss://h:10000' }, { pick: 'Enter a redis' }, { input: 'rediss://H:10000/0' }],
      services({ caches: async () => [] })), CopyArgumentError);
    const locked = acrCache({ name: 'locked', accessKeysAuthentication: false, entraAuthentication: false });
    await assert.rejects(run([{ pick: 'Database 0' }, { pick: 'orders-amr' }], services(), { source: locked }),
      (error: Error) => error instanceof CopyPromptError && /locked has both Microsoft Entra ID and access keys disabled/.test(error.message));
  });
});
