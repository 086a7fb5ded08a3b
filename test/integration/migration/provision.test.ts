import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { ArmOperationError, WaitCancelledError } from '../../../src/core/azure/armRest';
import { provisionTarget } from '../../../src/core/migration/provision';
import { readCache } from '../../../src/core/migration/readCache';
import type { TargetSpec } from '../../../src/core/migration/targetSpec';
import { assignmentName, provisionRequests, targetSpecFor } from '../../../src/core/migration/targetSpec';
import type { SimulatedArm } from '../../armServer/simulatedArm';
import { startSimulatedArm } from '../../armServer/simulatedArm';
import type { SimulatorOptions } from '../../armServer/armSimulator';
import { migrationSourceId, migrationTargetId } from '../../armServer/scenarios';

const USER = '6497c918-11ad-41e7-1b0f-7c518a87d0b0';
const APP = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';

describe('provisioning an AMR target against the ARM simulator', () => {
  let arm: SimulatedArm;
  const start = async (options: SimulatorOptions = {}) => {
    arm = await startSimulatedArm(options);
  };
  afterEach(() => arm?.server.stop());

  const specFor = async (name = 'orders-amr'): Promise<TargetSpec> => {
    const source = await readCache(arm.client(), migrationSourceId());
    assert.ok(source);
    return targetSpecFor(source, { name, grants: [USER, APP] });
  };

  it('creates the cluster, then databases/default, then one access policy per identity, each followed to Succeeded', async () => {
    await start();
    const spec = await specFor();
    assert.equal(spec.sku, 'Balanced_B5', 'the guide\'s row for a Standard C3');
    assert.equal(spec.location, 'westus2', 'the source\'s region: the automated migration needs it');
    const progress: string[] = [];
    const result = await provisionTarget(arm.client(), spec, (p) => progress.push(p.message));
    assert.equal(result.id, migrationTargetId('orders-amr'));
    assert.equal(result.hostName, 'orders-amr.westus2.redis.azure.net');
    assert.equal(result.provisioningState, 'Succeeded');
    assert.deepEqual(result.steps.map((s) => [s.kind, s.outcome]), [['cluster', 'sent'], ['database', 'sent'], ['access', 'sent'], ['access', 'sent']]);
    const writes = arm.simulator.requests.filter((r) => r.method !== 'GET');
    assert.deepEqual(writes.map((w) => [w.method, w.path, w.apiVersion]), provisionRequests(spec).map((r) => [r.method, r.url.replace(/\?.*$/, ''), '2025-07-01']));
    assert.deepEqual(writes.map((w) => w.body), provisionRequests(spec).map((r) => r.body), 'the requests sent are the ones shown before');
    const cluster = arm.simulator.resource(result.id)!;
    assert.equal(cluster.tags['created-by'], 'amr-migrate');
    assert.equal(cluster.tags['amr-migrate-source'], migrationSourceId());
    assert.equal(cluster.properties.publicNetworkAccess, 'Enabled');
    const database = arm.simulator.resource(`${result.id}/databases/default`)!;
    assert.equal(database.properties.accessKeysAuthentication, 'Disabled', 'keys off by default');
    assert.equal(database.properties.clusteringPolicy, 'OSSCluster');
    assert.equal(arm.simulator.resource(`${result.id}/databases/default/accessPolicyAssignments/${assignmentName(APP)}`)!.properties.user.objectId, APP);
    assert.ok(arm.simulator.requests.some((r) => /operationsStatus/.test(r.path)), 'polled Azure-AsyncOperation');
    assert.ok(progress.some((m) => /InProgress/.test(m)));
  });

  it('is idempotent: a second run sends nothing', async () => {
    await start();
    const spec = await specFor();
    await provisionTarget(arm.client(), spec);
    const before = arm.simulator.requests.length;
    const again = await provisionTarget(arm.client(), spec);
    assert.deepEqual(again.steps.map((s) => s.outcome), ['existing', 'existing', 'existing', 'existing']);
    assert.deepEqual(arm.simulator.requests.slice(before).filter((r) => r.method !== 'GET'), []);
  });

  it('cancel stops waiting without deleting; a re-run waits for the cluster and continues', async () => {
    await start({ pollsPerOperation: 4 });
    const spec = await specFor();
    const controller = new AbortController();
    await assert.rejects(
      provisionTarget(arm.client({ signal: controller.signal }), spec, (p) => {
        if (/InProgress/.test(p.message)) controller.abort();
      }),
      WaitCancelledError,
    );
    assert.equal(arm.simulator.resource(migrationTargetId('orders-amr'))!.properties.provisioningState, 'Creating', 'left to Azure, not deleted');
    assert.ok(!arm.simulator.requests.some((r) => r.method === 'DELETE'));
    const result = await provisionTarget(arm.client(), spec);
    assert.equal(result.steps[0].outcome, 'waited');
    assert.equal(result.steps[1].outcome, 'sent');
    assert.equal(arm.simulator.requests.filter((r) => r.method === 'PUT' && /redisEnterprise\/orders-amr$/.test(r.path)).length, 1, 'the cluster PUT is not sent twice');
  });

  it('refuses a name taken by a cache amr-migrate did not create, changing nothing', async () => {
    await start();
    const spec = await specFor();
    await provisionTarget(arm.client(), { ...spec, sourceId: migrationSourceId('ledger-cache'), grants: [] });
    const before = arm.simulator.requests.length;
    await assert.rejects(provisionTarget(arm.client(), spec), (error: ArmOperationError) => error.statusCode === 409 && /already exists .* not created by amr-migrate for this source/.test(error.message));
    assert.deepEqual(arm.simulator.requests.slice(before).filter((r) => r.method !== 'GET'), []);
  });

  it('names the missing permission on 403', async () => {
    await start({ faults: [{ kind: 'status', method: 'PUT', match: /redisEnterprise\/orders-amr$/, status: 403 }] });
    await assert.rejects(provisionTarget(arm.client(), await specFor()), (error: ArmOperationError) => {
      assert.equal(error.statusCode, 403);
      assert.match(error.message, /the permission 'Microsoft\.Cache\/redisEnterprise\/write' on \/subscriptions\/.*\/orders-amr is missing/);
      assert.match(error.message, /Contributor/);
      assert.doesNotMatch(error.message, new RegExp(arm.token));
      return true;
    });
  });

  it('explains a 409 conflict', async () => {
    await start({ faults: [{ kind: 'status', method: 'PUT', match: /databases\/default$/, status: 409 }] });
    await assert.rejects(provisionTarget(arm.client(), await specFor()), /conflicts with the resource's current state \(409\): another operation .* run the same command again/);
  });

  it('retries 429 as Azure asks and goes on', async () => {
    await start({ faults: [{ kind: 'status', method: 'PUT', match: /redisEnterprise\/orders-amr$/, status: 429, times: 1, retryAfterSeconds: 1 }] });
    const result = await provisionTarget(arm.client(), await specFor());
    assert.equal(result.provisioningState, 'Succeeded');
    assert.equal(arm.simulator.requests.filter((r) => r.method === 'PUT' && /orders-amr$/.test(r.path)).length, 2);
  });

  it('a failed operation shows Azure\'s error code and message', async () => {
    await start({ faults: [{ kind: 'fail-operation', method: 'PUT', match: /redisEnterprise\/orders-amr$/, code: 'SkuNotAvailable', message: 'Balanced_B10 is not available in westus2.' }] });
    await assert.rejects(provisionTarget(arm.client(), await specFor()), /creating cluster orders-amr ended Failed: SkuNotAvailable: Balanced_B10 is not available in westus2\./);
  });
});
