import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainFailure, missingPermission } from '../../../src/core/azure/armRest';
import { normaliseState, oldHostReachesTarget, parseMigration, parseValidation, rollbackOpen } from '../../../src/core/migration/migration';
import { loadArmFixture } from '../../armServer/armFixtures';

describe('reading migration answers leniently', () => {
  it('reads Azure\'s examples: Completed is read as Succeeded, InProgress as it is', () => {
    const started = parseMigration(loadArmFixture('redisenterprise/2026-06-01-preview/RedisEnterpriseMigrationStart.json').body);
    assert.equal(started.provisioningState, 'Succeeded');
    assert.equal(started.switchDns, true);
    const running = parseMigration(loadArmFixture('redisenterprise/2026-02-01-preview/RedisEnterpriseMigrationGet.json').body);
    assert.equal(running.provisioningState, 'InProgress');
    assert.match(running.sourceResourceId!, /\/redis\/cache1$/);
  });

  it('normalises Canceled/Cancelled and keeps an unknown state as Azure wrote it', () => {
    assert.equal(normaliseState('Canceled'), 'Cancelled');
    assert.equal(normaliseState('cancelled'), 'Cancelled');
    assert.equal(normaliseState('readyfordnsswitch'), 'ReadyForDnsSwitch');
    assert.equal(normaliseState('Paused'), 'Paused');
  });

  it('reads the validate example, flat or wrapped in properties as Microsoft\'s scripts have it', () => {
    const body = loadArmFixture('redisenterprise/2026-02-01-preview/RedisEnterpriseMigrationValidate.json').body;
    for (const answer of [body, { properties: body }]) {
      const result = parseValidation(answer);
      assert.equal(result.isValid, false);
      assert.deepEqual(result.errors.map((e) => e.category), ['TLS']);
      assert.deepEqual(result.warnings.map((w) => w.category), ['Managed Identity', 'Persistence']);
    }
    assert.throws(() => parseValidation({ errors: [] }), /no isValid/);
  });

  it('a rollback is open before rollbackEligibleUntil and closed after it, or in a final state other than success', () => {
    const now = new Date('2026-11-01T00:00:00Z');
    assert.equal(rollbackOpen({ provisioningState: 'Succeeded', statusDetails: '', rollbackEligibleUntil: '2026-11-29T11:14:35Z' }, now).open, true);
    assert.equal(rollbackOpen({ provisioningState: 'Succeeded', statusDetails: '', rollbackEligibleUntil: '2026-10-29T11:14:35Z' }, now).open, false);
    assert.equal(rollbackOpen({ provisioningState: 'Failed', statusDetails: '' }, now).open, false);
  });
});

describe('refusals explained', () => {
  it('names the action and scope of an AuthorizationFailed message', () => {
    assert.deepEqual(missingPermission("The client 'x' does not have authorization to perform action 'Microsoft.Cache/redisEnterprise/migrations/write' over scope '/subscriptions/s/resourceGroups/rg' or the scope is invalid."), {
      action: 'Microsoft.Cache/redisEnterprise/migrations/write',
      scope: '/subscriptions/s/resourceGroups/rg',
    });
    const error = explainFailure('PUT /x', 403, { error: { code: 'AuthorizationFailed', message: 'no' } }, '');
    assert.match(error.message, /a permission is missing\. Ask for the Contributor role/);
  });

  it('a 409 says what to do, a non-JSON body is described, not dumped', () => {
    assert.match(explainFailure('PUT /x', 409, { error: { code: 'Conflict', message: 'busy' } }, '').message, /Wait until it ends, then run the same command again.*Conflict: busy/);
    assert.match(explainFailure('PUT /x', 502, undefined, '<html>bad gateway</html>').message, /answered 502: body starts with "<html>bad gateway<\/html>"/);
  });
});

describe('where the old host name leads', () => {
  it('reaches the new cache once switched, and still after a failed unlink; not after a rollback, an unlink, or without the DNS switch', () => {
    const started = parseMigration(loadArmFixture('redisenterprise/2026-06-01-preview/RedisEnterpriseMigrationStart.json').body);
    const table: [string, boolean | undefined, boolean][] = [
      ['Succeeded', true, true], ['Completed', true, true], ['UnlinkFailed', true, true], ['Succeeded', false, false],
      ['InProgress', true, false], ['Cancelled', true, false], ['Unlinked', true, false], ['Failed', true, false],
    ];
    for (const [provisioningState, switchDns, expected] of table) {
      assert.equal(oldHostReachesTarget({ ...started, provisioningState, switchDns }), expected, `${provisioningState}, switchDns ${switchDns}`);
    }
  });
});
