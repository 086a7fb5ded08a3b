// The planner says what it does not know, warns only on evidence, and classifies blockers by data strategy.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from '../../../src/cli/runCli';
import { cachesFromArmDocument } from '../../../src/core/azure/armMapping';
import type { CacheInfo } from '../../../src/core/azure/cacheModel';
import { buildPlan } from '../../../src/core/plan/buildPlan';
import type { MigrationPlan, SkuRecommendation } from '../../../src/core/plan/planModel';
import { formatPlansMarkdown, formatPlansText } from '../../../src/core/plan/renderPlan';
import { planHtml } from '../../../src/vscode/plan/planHtml';
import { loadArmFixture } from '../../armServer/armFixtures';
import { captureIo } from '../../helpers/captureIo';
import { acrCache } from './sampleCaches';

const recommended = (plan: MigrationPlan): SkuRecommendation => plan.recommendations.find((r) => r.recommended)!;
const blocker = (plan: MigrationPlan, id: string) => plan.blockers.find((b) => b.id === id);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const strategy = (plan: MigrationPlan, id: string) => plan.dataStrategies.find((s) => s.id === id)!;

/** The cluster alone, as `az redisenterprise show` prints it (no database), with another SKU when given. */
function clusterOnly(sku?: { name: string; capacity: number }): CacheInfo {
  const cluster = loadArmFixture('redisenterprise/2025-07-01/RedisEnterpriseGet.json').body as Record<string, unknown>;
  const [cache] = cachesFromArmDocument(sku ? { ...cluster, sku } : cluster);
  return cache!;
}

describe('an Enterprise cluster read without its database', () => {
  const plan = buildPlan(clusterOnly({ name: 'Enterprise_E10', capacity: 2 }));

  test('says which facts are unknown and picks no clustering policy', () => {
    assert.equal(plan.source.tier, 'Enterprise');
    assert.equal(plan.targetClusteringPolicy, 'unknown');
    assert.deepEqual(plan.unknownFacts, ['access-keys', 'clustering-policy', 'tls', 'modules', 'persistence', 'keyspace-notifications', 'geo-replication']);
    const check = plan.checks.find((c) => c.id === 'database-not-read');
    assert.match(check!.message, /access keys, the clustering policy, .* are unknown/);
    assert.match(check!.message, /az redisenterprise database show --cluster-name cache1/);
    assert.equal(plan.featureChanges.find((f) => f.feature === 'Clustering policy')?.to, 'the same policy as the source database (read it before creating the cache)');
  });

  test('keeps the credential step and the access-key change', () => {
    assert.match(plan.clientChanges.find((c) => c.id === 'access-key-auth')!.from, /unknown: the database was not read/);
    assert.ok(plan.steps.some((s) => s.startsWith('Give the application identities')), plan.steps.join('\n'));
  });

  test('neither the create step nor the scan step prescribes a policy', () => {
    const create = plan.steps.find((s) => s.startsWith('Create'))!;
    assert.doesNotMatch(create, /OSS/);
    assert.match(create, /the clustering policy of the source database \(read it first/);
    const scan = plan.steps.find((s) => s.startsWith('Scan'))!;
    assert.doesNotMatch(scan, /--cluster-policy (oss|enterprise|none)/);
    assert.match(scan, /add --cluster-policy once the database's policy is known/);
  });

  test('with its database in the same document nothing is unknown', () => {
    const cluster = loadArmFixture('redisenterprise/2025-07-01/RedisEnterpriseGet.json').body;
    const database = loadArmFixture('redisenterprise/2025-07-01/RedisEnterpriseDatabasesGet.json').body;
    const [known] = cachesFromArmDocument({ value: [cluster, database] }).map((cache) => buildPlan(cache));
    assert.deepEqual(known!.unknownFacts, []);
    assert.equal(known!.checks.find((c) => c.id === 'database-not-read'), undefined);
    assert.equal(known!.clientChanges.find((c) => c.id === 'access-key-auth')?.from, 'access key');
  });
});

describe('databases other than 0: a warning on evidence, otherwise one check', () => {
  /** Every place of a plan that speaks of databases other than 0. */
  const mentions = (plan: MigrationPlan) => [
    ...plan.blockers.filter((b) => b.id === 'multiple-databases').map(() => 'blocker'),
    ...plan.checks.filter((c) => c.id === 'multiple-databases').map(() => 'check'),
    ...plan.clientChanges.filter((c) => c.id === 'database-select').map(() => 'client change'),
    ...plan.featureChanges.filter((f) => f.feature === 'Databases').map(() => 'feature change'),
  ];

  test('the default of 16 databases alone is mentioned once, as a check', () => {
    const plan = buildPlan(acrCache());
    assert.deepEqual(mentions(plan), ['check']);
    assert.match(plan.checks[0]!.message, /allows 16 databases \(the setting, not a sign of use\).*Nothing given shows use of another database/);
    assert.ok(plan.steps.includes('Confirm what the inputs do not show: multiple-databases.'));
    assert.ok(!plan.steps.some((s) => s.startsWith('Check the warnings') && s.includes('multiple-databases')));
  });

  test('a scan without database-select findings says so in the check', () => {
    const plan = buildPlan(acrCache(), undefined, { databaseSelectFindings: 0 });
    assert.deepEqual(mentions(plan), ['check']);
    assert.match(plan.checks[0]!.message, /The scan found no use of another database/);
  });

  test('database-select findings make it a warning with the client and feature change', () => {
    const plan = buildPlan(acrCache(), undefined, { databaseSelectFindings: 3 });
    assert.deepEqual(mentions(plan), ['blocker', 'client change', 'feature change']);
    assert.equal(blocker(plan, 'multiple-databases')!.severity, 'warning');
    assert.match(blocker(plan, 'multiple-databases')!.message, /^The scan found 3 use\(s\) of a database other than 0/);
  });

  test('amr-migrate plan --findings reads a scan report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amr-migrate-plan-findings-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'cache.json'), JSON.stringify(loadArmFixture('redis/2024-11-01/RedisCacheList.json').body));
    const finding = { ruleId: 'database-select', severity: 'error', file: 'src/a.ts', line: 1, column: 1, endLine: 1, endColumn: 2, message: 'Uses database 2', fixes: [] };
    writeFileSync(join(dir, 'scan.json'), JSON.stringify({ tool: { name: 'amr-migrate', version: '0.1.0' }, findings: [finding] }));
    writeFileSync(join(dir, 'clean.json'), JSON.stringify({ tool: { name: 'amr-migrate', version: '0.1.0' }, findings: [] }));
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ plans: [] }));
    const run = async (...args: string[]) => {
      const io = captureIo({ cwd: dir });
      const code = await runCli(['plan', 'cache.json', '--format', 'json', ...args], io);
      return { code, stdout: io.stdout(), stderr: io.stderr() };
    };
    const withFinding = await run('--findings', 'scan.json');
    assert.equal(withFinding.code, 0, withFinding.stderr);
    const [warned] = (JSON.parse(withFinding.stdout) as { plans: MigrationPlan[] }).plans;
    assert.equal(blocker(warned!, 'multiple-databases')?.severity, 'warning');
    const clean = await run('--findings', 'clean.json');
    const [checked] = (JSON.parse(clean.stdout) as { plans: MigrationPlan[] }).plans;
    assert.equal(blocker(checked!, 'multiple-databases'), undefined);
    assert.match(checked!.checks.find((c) => c.id === 'multiple-databases')!.message, /The scan found no use/);
    const wrong = await run('--findings', 'other.json');
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /other\.json is not the output of 'amr-migrate scan --format json'/);
  });
});

describe('blockers are classified by the data strategy they rule out', () => {
  const plan = buildPlan(acrCache({
    tier: 'Premium', sku: 'P2', memoryGB: 13, databaseCount: 1,
    subnetId: '/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet/subnets/redis',
    firewallRules: 2,
    geoReplication: [{ id: '/subscriptions/sub1/resourceGroups/rg2/providers/Microsoft.Cache/Redis/orders-west', mode: 'passive' }],
  }));

  test('VNet injection and geo-replication rule out automated migration only; firewall rules rule out none', () => {
    assert.deepEqual(plan.blockers.map((b) => [b.id, b.severity, b.blocks]), [
      ['vnet-injection', 'warning', ['automated-migration']],
      ['firewall-rules', 'warning', []],
      ['passive-geo-replication', 'warning', ['automated-migration']],
    ]);
    assert.equal(strategy(plan, 'automated-migration').available, false);
    assert.equal(strategy(plan, 'rdb-export-import').recommended, true);
    assert.ok(!plan.steps.some((s) => s.startsWith('Resolve the blockers')), 'nothing blocks the recommended strategy');
    assert.ok(plan.steps.includes('Check the warnings: vnet-injection, firewall-rules, passive-geo-replication.'));
  });

  test('what rules out every strategy stays an error', () => {
    const notified = buildPlan(acrCache({ keyspaceNotifications: 'Ex', databaseCount: 1 }));
    assert.deepEqual([blocker(notified, 'keyspace-notifications')!.severity, blocker(notified, 'keyspace-notifications')!.blocks.length], ['error', 5]);
  });

  test('text and Markdown name what each blocker rules out', () => {
    assert.match(formatPlansText([plan]), /^  WARN  vnet-injection \(rules out automated-migration\): /m);
    assert.match(formatPlansMarkdown([plan]), /^- \*\*warning\*\* `firewall-rules` \(rules out no data strategy\): /m);
  });
});

describe('Enterprise Flash past the 20 % headroom of the largest Flash Optimized size', () => {
  test('F1500 at capacity 9 gets the nearest size, A4500, with a warning instead of too-large', () => {
    const cache = clusterOnly({ name: 'EnterpriseFlash_F1500', capacity: 9 });
    assert.equal(cache.memoryGB, 4365);
    const plan = buildPlan(cache);
    assert.equal(blocker(plan, 'too-large'), undefined);
    const rec = recommended(plan);
    assert.equal(rec.sku, 'FlashOptimized_A4500');
    assert.match(rec.reasons.join('\n'), /No Flash Optimized size has the 5456\.25 GB .* so the nearest: A4500, 4500 GB/);
    assert.deepEqual(rec.memoryRisk && [rec.memoryRisk.usableMemoryGB, rec.memoryRisk.neededGB, rec.memoryRisk.basis], [3600, 4365, 'source-memory']);
    assert.equal(blocker(plan, 'usable-memory-below-source')?.severity, 'warning');
    assert.ok(plan.steps.some((s) => s.startsWith('Create the Azure Managed Redis cache FlashOptimized_A4500')));
  });
});

describe('"0 % additional memory" rows show their memory risk beside the SKU', () => {
  const rows: [Partial<CacheInfo>, string, number][] = [
    [{ tier: 'Standard', sku: 'C1', memoryGB: 1 }, 'Balanced_B1', 0.8],
    [{ tier: 'Standard', sku: 'C3', memoryGB: 6 }, 'Balanced_B5', 4.8],
    [{ tier: 'Premium', sku: 'P1', memoryGB: 6 }, 'Balanced_B5', 4.8],
    [{ tier: 'Premium', sku: 'P5', memoryGB: 120 }, 'Balanced_B100', 96],
  ];
  for (const [source, sku, usable] of rows) {
    test(`${source.sku} → ${sku}`, () => {
      const plan = buildPlan(acrCache(source));
      const rec = recommended(plan);
      assert.deepEqual([rec.sku, rec.additionalMemoryPercent], [sku, 0]);
      assert.deepEqual(rec.memoryRisk && [rec.memoryRisk.usableMemoryGB, rec.memoryRisk.neededGB, rec.memoryRisk.basis], [usable, source.memoryGB, 'source-memory']);
      assert.equal(blocker(plan, 'usable-memory-below-source')?.message, rec.memoryRisk!.message);
      const risk = escapeRegExp(`RISK: less usable memory (≈${usable} GB) than the ${source.memoryGB} GB the source can hold`);
      assert.match(formatPlansText([plan]), new RegExp(`^Recommended: ${sku} — .*; ${risk}$`, 'm'));
      assert.match(formatPlansMarkdown([plan]), new RegExp(`^\\*\\*${sku} — .*; ${risk}\\*\\*$`, 'm'));
      const html = planHtml({ plan, findings: new Map(), nonce: 'n', cspSource: 'c', codiconCssUri: 'u', state: {} });
      const card = /<article class="target recommended">[\s\S]*?<\/article>/.exec(html)![0];
      assert.match(card, new RegExp(`<h3>${sku} .*</h3><p class="badge">.*</p><p class="risk warning">.*<strong>Memory risk:</strong> ${escapeRegExp(`less usable memory (≈${usable} GB)`)}`));
    });
  }

  test('a peak of used memory that fits the usable memory clears the risk', () => {
    const plan = buildPlan(acrCache({ databaseCount: 1 }), { usedMemoryPercentMax: 50 });
    assert.equal(recommended(plan).memoryRisk, undefined);
    assert.deepEqual(plan.blockers, []);
  });

  test('the risk follows usable memory, not the additional-memory column', () => {
    const plan = buildPlan(acrCache({ tier: 'Standard', sku: 'C2', memoryGB: 2.5 }));
    assert.equal(recommended(plan).sku, 'Balanced_B3');
    assert.ok(recommended(plan).memoryRisk, 'B3 holds 2.4 GB usable, below the 2.5 GB of C2');
    const roomy = buildPlan(acrCache({ tier: 'Premium', sku: 'P2', memoryGB: 13 }));
    assert.equal(recommended(roomy).sku, 'Balanced_B20');
    assert.equal(recommended(roomy).memoryRisk, undefined);
  });
});
