import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseValidation } from '../../../src/core/migration/migration';
import { MigrationStates } from '../../../src/vscode/migration/migrationStates';
import { validationMarkdown } from '../../../src/vscode/migration/validationReport';
import { loadArmFixture } from '../../armServer/armFixtures';
import { acrCache } from '../plan/sampleCaches';

const SOURCE = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/Redis/orders';
const TARGET = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/orders-amr';

describe('migration states for the Caches view', () => {
  it('shows the state on both caches, the rollback deadline while it is open, and tells the view', () => {
    const states = new MigrationStates();
    let changes = 0;
    const subscription = states.onDidChange(() => changes++);
    assert.equal(states.describe(SOURCE), undefined);
    states.update(SOURCE, TARGET, { provisioningState: 'InProgress', statusDetails: '' });
    assert.equal(states.describe(SOURCE.toUpperCase()), 'migrating out: InProgress');
    assert.equal(states.describe(TARGET), 'migrating in: InProgress');
    const now = new Date('2026-11-01T00:00:00Z');
    states.update(SOURCE, TARGET, { provisioningState: 'Succeeded', statusDetails: '', rollbackEligibleUntil: '2026-11-29T11:14:35Z' });
    assert.equal(states.describe(TARGET, now), 'migrating in: Succeeded, rollback until 2026-11-29');
    assert.equal(states.describe(TARGET, new Date('2026-12-01T00:00:00Z')), 'migrating in: Succeeded');
    states.update(SOURCE, TARGET, { provisioningState: 'ReadyForDnsSwitch', statusDetails: '' });
    assert.equal(states.describe(SOURCE), 'migrating out: ReadyForDnsSwitch');
    states.update(SOURCE, TARGET, { provisioningState: 'Synchronizing', statusDetails: '' });
    assert.equal(states.describe(TARGET), 'migrating in: Synchronizing', 'a state this version does not know is shown as Azure says it');
    assert.equal(changes, 4);
    subscription.dispose();
    states.update(SOURCE, TARGET, { provisioningState: 'Cancelled', statusDetails: '' });
    assert.equal(changes, 4);
  });
});

describe('the validation report', () => {
  it('groups Azure\'s errors and warnings by category and escapes what Azure wrote', () => {
    const result = parseValidation(loadArmFixture('redisenterprise/2026-02-01-preview/RedisEnterpriseMigrationValidate.json').body);
    const source = { ...acrCache(), name: 'orders_<b>' };
    const text = validationMarkdown(source, { ...acrCache(), name: 'orders-amr' }, [{ id: 'same-region', ok: false, message: 'the target is in northeurope' }], result);
    assert.match(text, /^# Automated migration: orders_&lt;b&gt; → orders-amr\n/);
    assert.match(text, /\*\*Azure: not valid\*\* \(1 error\(s\), 2 warning\(s\)\)/);
    assert.match(text, /## Errors \(the migration cannot start\)\n\n### TLS\n\n- The source resource only accepts TLS/);
    assert.match(text, /## Warnings[^\n]*\n\n### Managed Identity\n\n- [^\n]+\n\n### Persistence/);
    assert.match(text, /- ❌ the target is in northeurope/);
  });
});
