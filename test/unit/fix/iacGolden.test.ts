import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { applyEdits } from '../../../src/core/scan/applyEdits';
import { scanWhenReady } from '../../../src/core/scan/scanner';
import { DEFAULT_SCAN_SETTINGS, type TextEdit } from '../../../src/core/findings';
import { RULES } from '../../../src/core/rules';
import { parseBicep } from '../../../src/core/scan/iac/bicep/bicepSyntax';
import { loadGrammar } from '../../../src/core/scan/syntaxTree/grammars';
import { armProblems, terraformProblems, validateAmrResource } from '../../helpers/iacValidation';

/**
 * Golden before/after files of the infrastructure conversion (test/fixtures/iac/<case>/before.* → after.*): every
 * preferred fix applied as `scan --fix` applies them (passes until nothing is left), then checked for what each
 * language requires: Bicep parses, Terraform parses and uses only azurerm_managed_redis arguments that exist, ARM
 * resources of Azure Managed Redis validate against a JSON schema written from the REST API.
 * `UPDATE_GOLDEN=1` rewrites the after files (review the diff before committing).
 */
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const ROOT = 'test/fixtures/iac';

interface Case {
  name: string;
  path: string;
  after: string;
  text: string;
}

function cases(): Case[] {
  return readdirSync(ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const before = readdirSync(join(ROOT, entry.name)).find((name) => name.startsWith('before.'))!;
      const path = join(ROOT, entry.name, before);
      return { name: entry.name, path: `/ws/${entry.name}/${before.replace('before', 'main')}`, after: join(ROOT, entry.name, before.replace('before', 'after')), text: readFileSync(path, 'utf8') };
    });
}

/** Applies the preferred fixes of a scan, in passes like `scan --fix`; the count of fixes applied. */
async function fixAll(path: string, text: string): Promise<{ text: string; fixes: number }> {
  let current = text;
  let fixes = 0;
  for (let pass = 0; pass < 3; pass++) {
    const { findings, skipped } = await scanWhenReady([{ path, text: current }], DEFAULT_SCAN_SETTINGS, RULES);
    assert.deepEqual(skipped, []);
    const edits: TextEdit[] = [];
    for (const finding of findings) {
      const fix = finding.fixes.find((candidate) => candidate.preferred);
      if (!fix || fix.edits.some((edit) => edits.some((other) => edit.start < other.end && other.start < edit.end))) continue;
      edits.push(...fix.edits);
      fixes++;
    }
    if (edits.length === 0) break;
    current = applyEdits(current, edits).text;
  }
  return { text: current, fixes };
}

for (const testCase of cases()) {
  test(`IaC ${testCase.name}: the conversion gives the golden file, is valid in its language, and a second run changes nothing`, async () => {
    await loadGrammar('hcl');
    const first = await fixAll(testCase.path, testCase.text);
    if (first.fixes === 0) {
      // A case without an after file is reported only (an AVM module: its replacement's version is the user's choice).
      assert.equal(existsSync(testCase.after), false, 'no fix was applied');
      const { findings } = await scanWhenReady([{ path: testCase.path, text: testCase.text }], DEFAULT_SCAN_SETTINGS, RULES);
      assert.ok(findings.some((f) => f.ruleId === 'legacy-cache-resource'));
      return;
    }
    if (UPDATE) writeFileSync(testCase.after, first.text);
    assert.equal(first.text, readFileSync(testCase.after, 'utf8'));
    assert.deepEqual(await fixAll(testCase.path, first.text), { text: first.text, fixes: 0 });
    const { findings } = await scanWhenReady([{ path: testCase.path, text: first.text }], DEFAULT_SCAN_SETTINGS, RULES);
    assert.deepEqual(findings.filter((f) => f.ruleId === 'legacy-cache-resource' && f.fixes.length > 0).map((f) => f.message), []);
    if (testCase.path.endsWith('.bicep')) assert.deepEqual(parseBicep(first.text).errors, []);
    if (testCase.path.endsWith('.tf')) assert.deepEqual(terraformProblems(first.text), []);
    if (testCase.path.endsWith('.json')) assert.deepEqual(armProblems(first.text), []);
  });
}

test('the schema rejects what the API does not accept: a property it lacks, a wrong enum, a missing publicNetworkAccess', () => {
  const cluster = { type: 'Microsoft.Cache/redisEnterprise', apiVersion: '2025-07-01', name: 'c', location: 'x', sku: { name: 'Balanced_B5' }, properties: { publicNetworkAccess: 'Enabled' } };
  assert.equal(validateAmrResource(cluster), true);
  assert.equal(validateAmrResource({ ...cluster, properties: {} }), false);
  assert.equal(validateAmrResource({ ...cluster, sku: { name: 'Premium' } }), false);
  assert.equal(validateAmrResource({ ...cluster, properties: { publicNetworkAccess: 'Enabled', enableNonSslPort: true } }), false);
  const database = { type: 'Microsoft.Cache/redisEnterprise/databases', apiVersion: '2025-07-01', name: 'c/default', properties: { clusteringPolicy: 'OSS' } };
  assert.equal(validateAmrResource(database), false);
});

test('the Terraform check finds arguments azurerm_managed_redis does not have', async () => {
  await loadGrammar('hcl');
  assert.deepEqual(terraformProblems('resource "azurerm_managed_redis" "r" {\n  shard_count = 2\n  default_database {\n    port = 1\n  }\n}\n'), [
    'azurerm_managed_redis has no argument shard_count',
    'azurerm_managed_redis.default_database has no argument port',
  ]);
});
