import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildPlan } from '../../../src/core/plan/buildPlan';
import { DEFAULT_SCAN_SETTINGS } from '../../../src/core/findings';
import { RULES } from '../../../src/core/rules';
import { exportTarget } from '../../../src/core/fix/iac/exportTarget';
import { TEMPLATE_FORMATS, type TemplateFormat } from '../../../src/core/fix/iac/templateFormats';
import { parseBicep } from '../../../src/core/scan/iac/bicep/bicepSyntax';
import { scanWhenReady } from '../../../src/core/scan/scanner';
import { loadGrammar } from '../../../src/core/scan/syntaxTree/grammars';
import { armProblems, terraformProblems } from '../../helpers/iacValidation';
import { acrCache, enterpriseCache } from '../plan/sampleCaches';

function templateOf(cache: Parameters<typeof exportTarget>[0], format: TemplateFormat): string {
  const exported = exportTarget(cache, format);
  assert.ok('text' in exported, JSON.stringify(exported));
  return exported.text;
}

const FILE_NAMES: Record<TemplateFormat, string> = { bicep: '/ws/target.bicep', terraform: '/ws/target.tf', arm: '/ws/target.json' };

describe('export target as a template', () => {
  const premium = acrCache({ name: 'orders', tier: 'Premium', sku: 'P2', capacity: 2, memoryGB: 39, shards: 3, replicas: 1, location: 'West US 2', tags: { env: 'prod', 'cost center': '42' } });
  const recommended = buildPlan(premium).recommendations.find((r) => r.recommended)!.sku;

  for (const format of TEMPLATE_FORMATS) {
    test(`${format}: the plan's recommended SKU, valid in its language, and nothing the scanner would still convert`, async () => {
      await loadGrammar('hcl');
      const text = templateOf(premium, format);
      assert.ok(text.includes(recommended), `${recommended} in\n${text}`);
      assert.match(text, /OSSCluster/, 'a clustered Premium cache keeps cluster-aware clients: OSS cluster');
      assert.match(text, /westus2/);
      if (format === 'bicep') assert.deepEqual(parseBicep(text).errors, []);
      if (format === 'terraform') assert.deepEqual(terraformProblems(text), []);
      if (format === 'arm') {
        assert.deepEqual(armProblems(text), []);
        const template = JSON.parse(text) as { resources: Array<{ type: string }>; parameters: Record<string, { defaultValue: unknown }> };
        assert.deepEqual(template.resources.map((r) => r.type), ['Microsoft.Cache/redisEnterprise', 'Microsoft.Cache/redisEnterprise/databases']);
        assert.deepEqual(template.parameters.tags?.defaultValue, { env: 'prod', 'cost center': '42' });
      }
      const { findings } = await scanWhenReady([{ path: FILE_NAMES[format], text }], DEFAULT_SCAN_SETTINGS, RULES);
      assert.deepEqual(findings.filter((f) => f.ruleId === 'legacy-cache-resource'), []);
    });
  }

  test('what the target does not carry over is written beside it', () => {
    const text = templateOf(premium, 'bicep');
    assert.match(text, /^\/\/ - shard count 3: AMR shards internally/m);
    assert.match(text, /^output hostName string = cache\.properties\.hostName$/m);
    assert.match(text, /^output port int = cacheDatabase\.properties\.port$/m);
  });

  test('a Standard cache behind a private endpoint: OSS cluster as the plan says, public access off, access keys off', () => {
    const standard = acrCache({ name: 'sessions', privateEndpoints: ['/subscriptions/s/pe'], persistence: { aof: false, rdb: true, rdbFrequency: '360' } });
    const text = templateOf(standard, 'terraform');
    assert.match(text, /public_network_access\s+= "Disabled"/);
    assert.match(text, /clustering_policy\s+= "OSSCluster"/);
    assert.match(text, /^# Note: OSSCluster: clients must be cluster-aware/m);
    assert.match(text, /access_keys_authentication_enabled\s+= false/);
    assert.match(text, /persistence_redis_database_backup_frequency\s+= "6h"/);
    assert.match(text, /^# Note: access keys are off/m);
  });

  test('an Enterprise cluster keeps its database\'s clustering and eviction policy', () => {
    const base = enterpriseCache();
    const enterprise = enterpriseCache({ clusteringPolicy: 'EnterpriseCluster', databases: [{ ...base.databases[0]!, clusteringPolicy: 'EnterpriseCluster', evictionPolicy: 'AllKeysLRU' }] });
    const template = JSON.parse(templateOf(enterprise, 'arm')) as { resources: Array<{ properties: Record<string, unknown> }> };
    assert.equal(template.resources[1]!.properties.clusteringPolicy, 'EnterpriseCluster');
    assert.equal(template.resources[1]!.properties.evictionPolicy, 'AllKeysLRU');
  });

  test('a cache no Azure Managed Redis size holds gets a reason, not a template', () => {
    const huge = acrCache({ tier: 'Premium', sku: 'P5', capacity: 5, memoryGB: 120_000, shards: 1000 });
    const exported = exportTarget(huge, 'bicep');
    assert.ok('problem' in exported);
    assert.match(exported.problem, /no Azure Managed Redis size holds/);
  });
});
