import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXPECTED_OSS } from './expected';
import { openAndWait, ours, quickFixes, restoreFixtures, summarize, waitForDiagnostics } from './helpers';

/** The conversion of a declared Azure Cache for Redis, offered as a quick fix on the declaration's type. */
async function convert(file: string, expectedTitle: string): Promise<vscode.TextDocument> {
  const document = await openAndWait(file, EXPECTED_OSS[file]!);
  const [diagnostic] = ours(document.uri);
  assert.ok(diagnostic, `no diagnostic in ${file}`);
  assert.match(diagnostic.message, /declares an Azure Cache for Redis, which retires/);
  const actions = (await quickFixes(document, diagnostic.range)).filter((action) => !action.title.startsWith('Fix all '));
  assert.deepEqual(actions.map((action) => [action.title, action.isPreferred ?? false]), [[expectedTitle, true]]);
  assert.equal(await vscode.workspace.applyEdit(actions[0]!.edit!), true);
  await waitForDiagnostics(document.uri, (d) => summarize(d).length === 0, 'no finding once the cache is converted');
  return document;
}

suite('infrastructure as code', () => {
  teardown(restoreFixtures);

  test('Bicep: the Microsoft.Cache/redis declaration is reported, and its quick fix declares Azure Managed Redis', async () => {
    const document = await convert('infra/cache.bicep', 'Convert to Azure Managed Redis Balanced_B1 (OSSCluster)');
    const text = document.getText();
    assert.match(text, /^resource cache 'Microsoft\.Cache\/redisEnterprise@2025-07-01' = \{$/m);
    assert.match(text, /^resource cacheDatabase 'Microsoft\.Cache\/redisEnterprise\/databases@2025-07-01' = \{$/m);
    assert.match(text, /^    port: 10000$/m);
    // The cluster keeps the symbolic name, so the output that read the old host name still reads the new one.
    assert.match(text, /^output redisHost string = cache\.properties\.hostName$/m);
  });

  test('Terraform: the azurerm_redis_cache resource is reported, and its quick fix writes azurerm_managed_redis', async () => {
    const document = await convert('infra/cache.tf', 'Convert to Azure Managed Redis Balanced_B1 (OSSCluster)');
    const text = document.getText();
    assert.match(text, /^resource "azurerm_managed_redis" "sessions" \{$/m);
    assert.match(text, /^ {2}sku_name\s+= "Balanced_B1"$/m);
    assert.match(text, /^ {4}clustering_policy\s+= "OSSCluster"$/m);
    assert.match(text, /^ {2}value = azurerm_managed_redis\.sessions\.hostname$/m);
  });
});
