import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { ArmOperationError } from '../../../src/core/azure/armRest';
import { localMigrationChecks } from '../../../src/core/migration/localChecks';
import type { MigrationStatus } from '../../../src/core/migration/migration';
import { byCategory, cancelMigration, explainState, followMigration, migrationStatus, rollbackOpen, startMigration, unlinkMigration, validateMigration } from '../../../src/core/migration/migration';
import { provisionTarget } from '../../../src/core/migration/provision';
import { readCache } from '../../../src/core/migration/readCache';
import { targetSpecFor } from '../../../src/core/migration/targetSpec';
import type { SimulatorOptions } from '../../armServer/armSimulator';
import { exampleValidation } from '../../armServer/armSimulator';
import type { SimulatedArm } from '../../armServer/simulatedArm';
import { startSimulatedArm } from '../../armServer/simulatedArm';
import { MIGRATION, migrationSourceId, migrationTargetId } from '../../armServer/scenarios';

const ids = { sourceId: migrationSourceId(), targetId: migrationTargetId('orders-amr') };
const accepted = { skipDataMigration: true, forceMigrate: true };

describe('Azure\'s automated migration against the ARM simulator', () => {
  let arm: SimulatedArm;
  /** A simulator with the target already provisioned for orders-cache. */
  const start = async (options: SimulatorOptions = {}) => {
    arm = await startSimulatedArm(options);
    const source = await readCache(arm.client(), ids.sourceId);
    await provisionTarget(arm.client(), targetSpecFor(source!, { name: 'orders-amr' }));
  };
  afterEach(() => arm?.server.stop());
  const writes = () => arm.simulator.requests.filter((r) => r.method !== 'GET');

  it('local checks pass for a same-region Standard cache and name what blocks a private-endpoint cache elsewhere', async () => {
    await start();
    const client = arm.client();
    const target = (await readCache(client, ids.targetId))!;
    const ok = localMigrationChecks((await readCache(client, ids.sourceId))!, target);
    assert.deepEqual(ok.filter((c) => !c.ok), []);
    const blocked = localMigrationChecks((await readCache(client, migrationSourceId(MIGRATION.blockedSource)))!, target);
    assert.deepEqual(blocked.filter((c) => !c.ok).map((c) => c.id), ['same-region', 'private-endpoint']);
  });

  it('validate answers Azure\'s warnings by category; with the example\'s TLS error it is not valid', async () => {
    await start({ validation: (sourceId) => exampleValidation(sourceId.endsWith(MIGRATION.blockedSource)) });
    const valid = await validateMigration(arm.client(), ids, { skipDataMigration: true, forceMigrate: false });
    assert.equal(valid.isValid, true);
    assert.deepEqual([...byCategory(valid.warnings).keys()], ['Managed Identity', 'Persistence']);
    const invalid = await validateMigration(arm.client(), { ...ids, sourceId: migrationSourceId(MIGRATION.blockedSource) }, { skipDataMigration: true, forceMigrate: false });
    assert.equal(invalid.isValid, false);
    assert.deepEqual(invalid.errors.map((e) => e.category), ['TLS']);
    const sent = writes().filter((r) => /validate$/.test(r.path));
    assert.deepEqual(sent[0].body, { sourceResourceId: ids.sourceId, skipDataMigration: true, forceMigrate: false }, 'flat body, as the spec has it');
    assert.equal(sent[0].apiVersion, '2026-06-01-preview');
  });

  it('start with warnings not accepted: Azure refuses and the message says so', async () => {
    await start();
    await assert.rejects(startMigration(arm.client(), ids, { skipDataMigration: true, forceMigrate: false, wait: false }), /400: MigrationValidationWarnings/);
  });

  it('goes Accepted → InProgress → ReadyForDnsSwitch → Succeeded, the source Migrating meanwhile, then gives the rollback window', async () => {
    await start();
    const client = arm.client();
    const started = await startMigration(client, ids, { ...accepted, wait: false });
    assert.equal(started.provisioningState, 'Accepted');
    const put = writes().find((r) => r.method === 'PUT' && /migrations\/default$/.test(r.path))!;
    assert.deepEqual(put.body, { properties: { sourceType: 'AzureCacheForRedis', sourceResourceId: ids.sourceId, switchDns: true, skipDataMigration: true, forceMigrate: true } });
    const inProgress = (await migrationStatus(client, ids.targetId))!;
    assert.equal(inProgress.provisioningState, 'InProgress');
    assert.equal((await readCache(client, ids.sourceId))!.provisioningState, 'Migrating');
    const switching = (await migrationStatus(client, ids.targetId))!;
    assert.equal(switching.provisioningState, 'ReadyForDnsSwitch');
    assert.equal(rollbackOpen(switching).open, true, 'a migration waiting for its DNS switch can still be rolled back');
    const done = (await migrationStatus(client, ids.targetId))!;
    assert.equal(done.provisioningState, 'Succeeded');
    const window = Date.parse(done.rollbackEligibleUntil!) - Date.now();
    assert.ok(window > 29 * 24 * 3600_000 && window <= 30 * 24 * 3600_000, `rollback window ${window} ms`);
    assert.equal((await readCache(client, ids.sourceId))!.provisioningState, 'Succeeded');
  });

  it('--wait follows the operation by Azure-AsyncOperation to Succeeded; starting again sends no second PUT', async () => {
    await start();
    const seen: string[] = [];
    const done = await startMigration(arm.client(), ids, { ...accepted, wait: true, onProgress: (p) => seen.push('status' in p ? p.status : p.provisioningState) });
    assert.equal(done.provisioningState, 'Succeeded');
    assert.deepEqual(seen, ['InProgress', 'InProgress', 'Succeeded'], 'the operation\'s own status, poll by poll');
    const again = await startMigration(arm.client(), ids, { ...accepted, wait: true });
    assert.equal(again.provisioningState, 'Succeeded');
    assert.equal(writes().filter((r) => r.method === 'PUT' && /migrations/.test(r.path)).length, 1);
  });

  it('following the resource reports every state in order, including one this version does not know', async () => {
    await start({ migrationStates: ['InProgress', 'Synchronizing', 'ReadyForDnsSwitch'] });
    const client = arm.client();
    const started = await startMigration(client, ids, { ...accepted, wait: false });
    const seen: string[] = [started.provisioningState];
    const done = await followMigration(client, ids.targetId, { onProgress: (s) => seen.push(s.provisioningState) });
    assert.deepEqual(seen, ['Accepted', 'InProgress', 'Synchronizing', 'ReadyForDnsSwitch', 'Succeeded']);
    assert.equal(done.provisioningState, 'Succeeded');
    assert.match(explainState('Synchronizing'), /^Azure reports the state Synchronizing, which this version of amr-migrate does not know/);
    assert.match(explainState('Canceled'), /^rolled back/, 'Azure\'s one-l spelling is the same state');
  });

  it('rolls back from ReadyForDnsSwitch: the simulator accepts it and the old host name stays on the source', async () => {
    await start();
    const client = arm.client();
    await startMigration(client, ids, { ...accepted, wait: false });
    await migrationStatus(client, ids.targetId);
    assert.equal((await migrationStatus(client, ids.targetId))!.provisioningState, 'ReadyForDnsSwitch');
    const seen: string[] = [];
    const cancelled = await cancelMigration(client, ids.targetId, 'testing', { wait: false });
    assert.equal(cancelled.provisioningState, 'Cancelling');
    const done = await followMigration(client, ids.targetId, { onProgress: (s) => seen.push(s.provisioningState) });
    assert.equal(done.provisioningState, 'Cancelled');
    assert.equal(seen.at(-1), 'Cancelled');
    assert.equal(arm.simulator.resource(ids.targetId)!.properties.migratedEndpoint, undefined);
  });

  it('a failed migration shows Azure\'s error code and message', async () => {
    await start({ faults: [{ kind: 'fail-operation', method: 'PUT', match: /migrations\/default$/, code: 'DnsSwitchFailed', message: 'The DNS record of orders-cache could not be switched.' }] });
    await assert.rejects(startMigration(arm.client(), ids, { ...accepted, wait: true }), (error: ArmOperationError) => {
      assert.equal(error.code, 'DnsSwitchFailed');
      assert.match(error.message, /the migration ended Failed: DnsSwitchFailed: The DNS record of orders-cache could not be switched\./);
      return true;
    });
    assert.equal((await migrationStatus(arm.client(), ids.targetId))!.provisioningState, 'Failed');
  });

  it('rolls back: Cancelling → Cancelled, with the reason sent', async () => {
    await start();
    const client = arm.client();
    await startMigration(client, ids, { ...accepted, wait: true });
    const cancelling = await cancelMigration(client, ids.targetId, 'compatibility', { wait: false });
    assert.equal(cancelling.provisioningState, 'Cancelling');
    assert.deepEqual(writes().find((r) => /cancel$/.test(r.path))!.body, { rollbackReason: 'compatibility' });
    const states: MigrationStatus[] = [];
    for (let i = 0; i < 3; i++) states.push((await migrationStatus(client, ids.targetId))!);
    assert.equal(states.at(-1)!.provisioningState, 'Cancelled');
    assert.equal(states.at(-1)!.rollbackEligibleUntil, undefined);
  });

  it('refuses a rollback once rollbackEligibleUntil has passed, sending nothing', async () => {
    await start();
    const client = arm.client();
    await startMigration(client, ids, { ...accepted, wait: true });
    arm.simulator.patchProperties(`${ids.targetId}/migrations/default`, { rollbackEligibleUntil: new Date(Date.now() - 60_000).toISOString() });
    await assert.rejects(cancelMigration(client, ids.targetId, 'other', { wait: true }), /cannot roll back: the rollback window closed/);
    assert.ok(!writes().some((r) => /cancel$/.test(r.path)));
  });

  it('unlinks the old host name after success (Unlinking → Unlinked), not before', async () => {
    await start();
    const client = arm.client();
    await assert.rejects(unlinkMigration(client, ids.targetId, { wait: true }), /no migration was started/);
    await startMigration(client, ids, { ...accepted, wait: true });
    assert.equal(arm.simulator.resource(ids.targetId)!.properties.migratedEndpoint, 'orders-cache.redis.cache.windows.net');
    const done = await unlinkMigration(client, ids.targetId, { wait: true });
    assert.equal(done.provisioningState, 'Unlinked');
    assert.equal(arm.simulator.resource(ids.targetId)!.properties.migratedEndpoint, undefined);
  });

  it('a rollback that fails ends CancellationFailed with Azure\'s reason', async () => {
    await start({ faults: [{ kind: 'fail-operation', method: 'POST', match: /cancel$/, code: 'RollbackFailed', message: 'The source cache is no longer available.' }] });
    const client = arm.client();
    await startMigration(client, ids, { ...accepted, wait: true });
    await assert.rejects(cancelMigration(client, ids.targetId, 'testing', { wait: true }), /the rollback ended Failed: RollbackFailed: The source cache is no longer available\./);
    assert.equal((await migrationStatus(client, ids.targetId))!.provisioningState, 'CancellationFailed');
  });
});
