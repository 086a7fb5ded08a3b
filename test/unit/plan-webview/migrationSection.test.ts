import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseValidation } from '../../../src/core/migration/migration';
import { buildPlan } from '../../../src/core/plan/buildPlan';
import type { KnownMigration, KnownValidation } from '../../../src/vscode/migration/migrationStates';
import { migrationSection } from '../../../src/vscode/plan/migrationSection';
import { planHtml } from '../../../src/vscode/plan/planHtml';
import { loadArmFixture } from '../../armServer/armFixtures';
import { acrCache } from '../plan/sampleCaches';

const HOSTILE = '<img src=x onerror=alert(1)>';
const SOURCE = acrCache();
const TARGET_ID = '/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Cache/redisEnterprise/orders-amr';
const NOW = new Date('2026-11-01T00:00:00Z');

function validation(body: unknown): KnownValidation {
  return {
    sourceId: SOURCE.id, targetId: TARGET_ID, targetName: 'orders-amr', at: '2026-11-01T00:00:00.000Z',
    checks: [{ id: 'same-region', ok: true, message: 'both caches are in eastus' }, { id: 'private-endpoint', ok: false, message: 'the source has 1 private endpoint(s)' }],
    result: parseValidation(body),
  };
}

const migration = (provisioningState: string, extra: Partial<KnownMigration['status']> = {}): KnownMigration =>
  ({ sourceId: SOURCE.id, targetId: TARGET_ID, status: { provisioningState, statusDetails: '', ...extra } });

const buttons = (html: string) => [...html.matchAll(/data-message="([^"]+)"/g)].map((m) => JSON.parse(m[1].replace(/&quot;/g, '"')).type);

describe('the plan panel\'s automated migration section', () => {
  test('shows Azure\'s errors and warnings by category, local checks, and offers no start while invalid', () => {
    const html = migrationSection(buildPlan(SOURCE), { validation: validation(loadArmFixture('redisenterprise/2026-02-01-preview/RedisEnterpriseMigrationValidate.json').body), now: NOW });
    assert.match(html, /<strong>Azure says not valid<\/strong> \(1 error\(s\), 2 warning\(s\)\)/);
    const errors = html.slice(html.indexOf('<h3>Errors'), html.indexOf('<h3>Warnings'));
    assert.match(errors, /<h4>TLS<\/h4><ul class="blockers"><li class="error">.*The source resource only accepts TLS connections/);
    const warnings = html.slice(html.indexOf('<h3>Warnings'));
    assert.deepEqual([...warnings.matchAll(/<h4>([^<]+)<\/h4>/g)].map((m) => m[1]), ['Managed Identity', 'Persistence']);
    assert.match(html, /<li class="ok">.*both caches are in eastus<\/li><li class="error">.*the source has 1 private endpoint\(s\)<\/li>/);
    assert.deepEqual(buttons(html), ['validateMigration']);
  });

  test('what Azure wrote is escaped, categories and messages alike, inside the page\'s CSP', () => {
    const body = { isValid: true, errors: [], warnings: [{ disparities: [{ category: HOSTILE, message: `warning ${HOSTILE}` }] }] };
    const cache = acrCache();
    const page = planHtml({
      plan: buildPlan(cache), findings: new Map(), nonce: 'bm9uY2Ux', cspSource: 'vscode-resource:', codiconCssUri: 'vscode-resource:/c.css', state: cache,
      migration: { validation: { ...validation(body), targetName: HOSTILE }, migration: migration(HOSTILE, { statusDetails: HOSTILE }), now: NOW },
    });
    assert.doesNotMatch(page, /<img/i);
    assert.ok(page.includes('<h4>&lt;img src=x onerror=alert(1)&gt;</h4>'));
    assert.match(page, /State: <strong>&lt;img[^<]*<\/strong>/);
    assert.match(page, /Azure reports the state &lt;img src=x onerror=alert\(1\)&gt;, which this version of amr-migrate does not know/);
  });

  test('a valid validation offers Start; a running migration shows its state and offers Roll Back instead', () => {
    const valid = validation({ isValid: true, errors: [], warnings: [] });
    assert.deepEqual(buttons(migrationSection(buildPlan(SOURCE), { validation: valid, now: NOW })), ['validateMigration', 'startMigration']);
    const running = migrationSection(buildPlan(SOURCE), { validation: valid, migration: migration('ReadyForDnsSwitch', { statusDetails: 'Switching DNS' }), now: NOW });
    assert.match(running, /State: <strong>ReadyForDnsSwitch<\/strong> \(Switching DNS\): the target is ready and the old host name is being switched/);
    assert.deepEqual(buttons(running), ['validateMigration', 'rollbackMigration']);
    assert.doesNotMatch(running, /still-needed/, 'nothing is switched yet');
    const cancelled = migrationSection(buildPlan(SOURCE), { validation: valid, migration: migration('Cancelled'), now: NOW });
    assert.deepEqual(buttons(cancelled), ['validateMigration', 'startMigration'], 'after a rollback it can start again');
  });

  test('after the switch: the rollback deadline, and the code changes still needed, the ones that break now first', () => {
    const cache = acrCache({ keyspaceNotifications: 'Ex' });
    const html = migrationSection(buildPlan(cache), { migration: migration('Succeeded', { rollbackEligibleUntil: '2026-11-29T11:14:35Z' }), now: NOW });
    assert.match(html, /rollback is possible until 2026-11-29T11:14:35Z/);
    const rules = [...html.slice(html.indexOf('id="still-needed"')).matchAll(/<code>([^<]+)<\/code> <strong>([^<]+)<\/strong>/g)].map((m) => `${m[1]}: ${m[2]}`);
    assert.deepEqual(rules, [
      'non-cluster-client: needed now',
      'multi-key-command: needed now',
      'keyspace-notifications: needed now',
      'access-key-auth: before access keys are turned off',
      'legacy-hostname: before the old host name is unlinked',
      'legacy-tls-port: before the old host name is unlinked',
    ]);
    const closed = migrationSection(buildPlan(cache), { migration: migration('Succeeded', { rollbackEligibleUntil: '2026-10-01T00:00:00Z' }), now: NOW });
    assert.deepEqual(buttons(closed), ['validateMigration'], 'no Roll Back once the window has closed');
  });
});
