import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from '../../../src/cli/runCli';
import type { MigrationPlan } from '../../../src/core/plan/planModel';
import { loadArmFixture } from '../../armServer/armFixtures';
import { captureIo } from '../../helpers/captureIo';
import { loadMetricsFixture } from '../../helpers/metricsFixture';

const dir = mkdtempSync(join(tmpdir(), 'amr-migrate-plan-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return name;
}

const standardList = write('standard-list.json', loadArmFixture('redis/2024-11-01/RedisCacheList.json').body);
const premium = write('premium.json', loadArmFixture('redis/2024-11-01/RedisCacheGet.json').body);
const flash = write('flash.json', loadArmFixture('redisenterprise/2025-07-01/RedisEnterpriseGet.json').body);

async function plan(...args: string[]) {
  const io = captureIo({ cwd: dir });
  const code = await runCli(['plan', ...args], io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe('amr-migrate plan output', () => {
  test('--format json: { plans } with one plan per cache in the contract shape', async () => {
    const { code, stdout, stderr } = await plan(standardList, premium, flash, '--format', 'json');
    assert.equal(code, 0, stderr);
    const { plans } = JSON.parse(stdout) as { plans: MigrationPlan[] };
    assert.deepEqual(plans.map((p) => [p.source.tier, p.source.sku]), [['Standard', 'C6'], ['Premium', 'P3'], ['EnterpriseFlash', 'F300']]);
    const [first] = plans;
    assert.deepEqual(Object.keys(first!), ['source', 'recommendations', 'blockers', 'featureChanges', 'clientChanges', 'dataStrategies', 'targetClusteringPolicy', 'unknownFacts', 'checks', 'retirement', 'steps']);
    assert.deepEqual(Object.keys(first!.source).slice(0, 7), ['id', 'name', 'tier', 'sku', 'memoryGB', 'shards', 'replicas']);
    for (const key of ['sku', 'tier', 'memoryGB', 'highAvailability', 'choice', 'additionalMemoryPercent', 'reasons']) assert.ok(key in first!.recommendations[0]!, key);
    assert.deepEqual(first!.recommendations.map((r) => [r.sku, r.additionalMemoryPercent]), [['MemoryOptimized_M50', 12]]);
  });

  test('a file as `az redis show` prints it (properties hoisted) plans the same', async () => {
    const { properties, ...resource } = loadArmFixture('redis/2024-11-01/RedisCacheGet.json').body as { properties: object };
    const azCli = write('az-show.json', { ...resource, ...properties });
    const [fromArm, fromAzCli] = await Promise.all([plan(premium, '--format', 'json'), plan(azCli, '--format', 'json')]);
    assert.equal(fromAzCli.code, 0, fromAzCli.stderr);
    assert.deepEqual(JSON.parse(fromAzCli.stdout), JSON.parse(fromArm.stdout));
  });

  test('--format text (default): a readable summary per cache', async () => {
    const { code, stdout } = await plan(standardList);
    assert.equal(code, 0);
    assert.match(stdout, /^cache1: Standard C6, 53 GB, 1 replica\(s\), East US$/m);
    assert.match(stdout, /^Recommended: MemoryOptimized_M50 — Memory Optimized, 60 GB \(≈48 GB usable\)/m);
    assert.match(stdout, /^  \* programmatic-copy: Recommended because/m);
    assert.match(stdout, /^  1\. Check the warnings: usable-memory-below-source, non-tls-port\.$/m);
    assert.match(stdout, /^  2\. Confirm what the inputs do not show: multiple-databases\.$/m);
  });

  test('--format markdown: a document with tables and a checklist', async () => {
    const { code, stdout } = await plan(premium, '--format=markdown');
    assert.equal(code, 0);
    assert.match(stdout, /^# Azure Managed Redis migration plan\n\n## cache1 → ComputeOptimized_X50\n/);
    assert.match(stdout, /^\| Feature \| From \| To \| Impact \|$/m);
    assert.match(stdout, /^\| `legacy-tls-port` \| 6380 \| 10000 \|$/m);
    assert.match(stdout, /^- \*\*warning\*\* `passive-geo-replication` \(rules out automated-migration\): /m);
    assert.match(stdout, /^- \[ \] Check the warnings: passive-geo-replication, non-tls-port\.$/m);
    assert.doesNotMatch(stdout, /\| [^|\n]*\n[^|]/, 'no table cell spans lines');
  });

  test('--metrics (simple form, by cache name) refines the SKU', async () => {
    const metrics = write('metrics.json', { cache1: { usedMemoryPercentMax: 40, serverLoadPercentMax: 85 } });
    const { code, stdout } = await plan(standardList, '--metrics', metrics, '--format', 'json');
    assert.equal(code, 0);
    const [p] = (JSON.parse(stdout) as { plans: MigrationPlan[] }).plans;
    assert.deepEqual(p!.metrics, { usedMemoryPercentMax: 40, serverLoadPercentMax: 85 });
    assert.equal(p!.recommendations.find((r) => r.recommended)!.sku, 'ComputeOptimized_X50');
  });

  test('--metrics with a raw Azure Monitor response applies to the cache it names', async () => {
    const metrics = write('raw-metrics.json', { '/subscriptions/subid/resourceGroups/rg1/providers/Microsoft.Cache/Redis/cache1': loadMetricsFixture() });
    const { stdout } = await plan(standardList, '--metrics', metrics);
    assert.match(stdout, /Metrics: used memory peak 82\.4%, server load peak 47\.25%/);
    assert.match(stdout, /^Recommended: MemoryOptimized_M100/m);
  });

  test('an Azure Managed Redis cache is skipped with a note', async () => {
    const amr = loadArmFixture('redisenterprise/2025-07-01/RedisEnterpriseGet.json').body as { sku: { name: string } };
    const file = write('amr.json', { ...amr, sku: { name: 'Balanced_B5' } });
    const { code, stdout, stderr } = await plan(file, '--format', 'json');
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), { plans: [] });
    assert.match(stderr, /cache1 in amr\.json is already Azure Managed Redis \(Balanced\)/);
  });

  test('--export prints the recommended target as a template instead of the plan, with the SKU metrics refine', async () => {
    const terraform = await plan(premium, '--export', 'terraform');
    assert.equal(terraform.code, 0, terraform.stderr);
    assert.match(terraform.stdout, /^resource "azurerm_managed_redis" "cache" \{$/m);
    assert.match(terraform.stdout, /sku_name\s+= "ComputeOptimized_X50"/, 'the SKU of the markdown plan above');
    const metrics = write('export-metrics.json', { cache1: { usedMemoryPercentMax: 40, serverLoadPercentMax: 85 } });
    const [planned, exported] = await Promise.all([plan(standardList, '--metrics', metrics, '--format', 'json'), plan(standardList, '--metrics', metrics, '--export', 'bicep')]);
    const sku = (JSON.parse(planned.stdout) as { plans: MigrationPlan[] }).plans[0]!.recommendations.find((r) => r.recommended)!.sku;
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, new RegExp(`^    name: '${sku}'$`, 'm'));
    const arm = await plan(premium, '--export=arm');
    assert.deepEqual((JSON.parse(arm.stdout) as { resources: Array<{ type: string }> }).resources.map((r) => r.type), ['Microsoft.Cache/redisEnterprise', 'Microsoft.Cache/redisEnterprise/databases']);
  });

  test('--help prints the usage and exits 0', async () => {
    const { code, stdout } = await plan('--help');
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: amr-migrate plan FILE\.\.\./);
  });
});

describe('amr-migrate plan errors exit 2 with a message naming the problem', () => {
  const cases: [string, string[], RegExp][] = [
    ['no FILE', [], /give at least one FILE[\s\S]*Usage: amr-migrate plan/],
    ['an unknown option', [standardList, '--fromat', 'json'], /Unknown option '--fromat'\n/],
    ['a bad format', [standardList, '--format', 'yaml'], /--format must be one of text, json, markdown/],
    ['an unknown export format', [premium, '--export', 'pulumi'], /--export must be one of bicep, terraform, arm/],
    ['an export of several caches', [premium, flash, '--export', 'bicep'], /--export writes the template of one cache; the files hold 2 to plan/],
    ['a missing value', [standardList, '--metrics'], /Option '--metrics <value>' argument missing/],
    ['an unreadable file', ['missing.json'], /cannot read missing\.json: no such file or directory \[ENOENT\]/],
    ['invalid JSON, located by line and column', [write('broken.json', '{\n  "id": "x",\n  "key": "s3cr3t" x\n}')], /broken\.json is not valid JSON \(line 3, column 19\)\n$/],
    ['JSON that is no cache', [write('other.json', { id: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/a', type: 'Microsoft.Storage/storageAccounts' })], /other\.json: .*is not a Microsoft\.Cache\/redis or Microsoft\.Cache\/redisEnterprise resource/],
    ['a malformed metrics file', [standardList, '--metrics', write('bad-metrics.json', { cache1: { usedMemoryPercentMax: 'high' } })], /bad-metrics\.json: "cache1": usedMemoryPercentMax must be a percentage/],
  ];
  test('an access-key document is refused without echoing the keys', async () => {
    const keys = loadArmFixture('redis/2024-11-01/RedisCacheListKeys.json').body as { primaryKey: string; secondaryKey: string };
    const { code, stderr } = await plan(write('keys.json', keys));
    assert.equal(code, 2);
    assert.match(stderr, /keys\.json: .*is not a Microsoft\.Cache\/redis or Microsoft\.Cache\/redisEnterprise resource/);
    assert.ok(!stderr.includes(keys.primaryKey) && !stderr.includes(keys.secondaryKey));
  });

  for (const [name, args, message] of cases) {
    test(name, async () => {
      const { code, stdout, stderr } = await plan(...args);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.match(stderr, /^amr-migrate plan: /);
      assert.match(stderr, message);
    });
  }
});
