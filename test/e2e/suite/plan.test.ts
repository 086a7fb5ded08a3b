import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { CacheTreeNode } from '../../../src/vscode/caches/cachesTree';
import { EXPECTED_OSS } from './expected';
import { DEFAULT_SCAN_SETTINGS } from '../../../src/core/findings';
import { RULES } from '../../../src/core/rules';
import { scanWhenReady } from '../../../src/core/scan/scanner';
import { api, changeSetting, clickWebviewButton, openAndWait, ours, ruleOf, workspaceUri } from './helpers';

/** Set by scripts/e2e-run.mjs (see caches.test.ts). */
const ARM_ENDPOINT = process.env.AMR_E2E_ARM_ENDPOINT;
const ENDPOINT_SETTING = 'resourceManagerEndpoint';

const PLAN_TITLE = 'Plan: myrediscachexxx111';

/** Titles of the open editor tabs: the panel's tab shows up here once the workbench has told the extension host. */
function tabTitles(): string[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).map((tab) => tab.label);
}

function waitForTabs(done: (titles: string[]) => boolean): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!done(tabTitles())) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(tabTitles());
    };
    const subscription = vscode.window.tabGroups.onDidChangeTabs(check);
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out waiting for the plan tab; tabs: ${JSON.stringify(tabTitles())}`));
    }, 10_000);
    check();
  });
}

/** Workspace-wide diagnostics of one rule, as the Problems panel has them now. */
function diagnosticCount(rule: string): number {
  return vscode.languages.getDiagnostics().reduce((sum, [uri]) => sum + ours(uri).filter((d) => ruleOf(d) === rule).length, 0);
}

suite('Plan Migration panel', () => {
  let extension: ExtensionApi;
  let premium: CacheTreeNode;

  suiteSetup(async () => {
    assert.ok(ARM_ENDPOINT, 'AMR_E2E_ARM_ENDPOINT is not set: run the suite through scripts/e2e-run.mjs');
    extension = await api();
    await changeSetting(extension.cachesTree, ENDPOINT_SETTING, ARM_ENDPOINT);
    // Gives the store a known legacy-hostname finding for the panel to join with the plan.
    await openAndWait('src/cache.ts', EXPECTED_OSS['src/cache.ts']!);
    const roots = await extension.cachesTree.getChildren();
    const subscription = roots.find((node) => node.kind === 'subscription' && node.group.subscription.displayName === 'SDK recordings (redis)');
    assert.ok(subscription, 'the ARM server lists the SDK recordings subscription');
    [premium] = await extension.cachesTree.getChildren(subscription);
    assert.equal(premium.kind, 'cache');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('amrMigrate').update(ENDPOINT_SETTING, undefined, vscode.ConfigurationTarget.Global);
  });

  test('from the tree node, opens a panel with the recommended SKU, the blockers and this workspace\'s findings', async () => {
    assert.equal(premium.kind, 'cache');
    await vscode.commands.executeCommand('amrMigrate.planMigration', premium);
    const html = extension.planPanels.htmlOf(premium.cache.id);
    assert.ok(html, 'a plan panel is open for the cache');
    // Premium P1 with 12 GB over its shards → Memory Optimized M10 (the planner's unit tests cover why).
    assert.match(html, /<h1>myrediscachexxx111 → MemoryOptimized_M10<\/h1>/);
    assert.match(html, /<article class="target recommended">\s*<h3>MemoryOptimized_M10 /);
    const blockers = html.slice(html.indexOf('<h2 id="blockers">'), html.indexOf('<h2 id="features">'));
    assert.match(blockers, /<code>vnet-injection<\/code>/);
    const legacyRow = html.split('<tr>').find((row) => row.includes('<code>legacy-hostname</code>')) ?? '';
    assert.match(legacyRow, new RegExp(`<strong>${diagnosticCount('legacy-hostname')}</strong>`));
    assert.match(legacyRow, />src\/cache\.ts:5:20<\/button>/);
    await waitForTabs((titles) => titles.includes(PLAN_TITLE));
  });

  test('running it again for the same cache reveals the open panel instead of opening another', async () => {
    await waitForTabs((titles) => titles.includes(PLAN_TITLE));
    // Another editor in front of the panel, so revealing it is visible.
    await vscode.window.showTextDocument(workspaceUri('src/cache.ts'), { viewColumn: vscode.ViewColumn.Active });
    await waitForTabs(() => vscode.window.tabGroups.activeTabGroup.activeTab?.label !== PLAN_TITLE);
    await vscode.commands.executeCommand('amrMigrate.planMigration', premium);
    const titles = await waitForTabs(() => vscode.window.tabGroups.activeTabGroup.activeTab?.label === PLAN_TITLE);
    assert.equal(titles.filter((title) => title === PLAN_TITLE).length, 1, JSON.stringify(titles));
  });

  test('its Export Target as Bicep button opens an untitled editor with the template, in which the scanner finds no legacy-cache-resource', async function () {
    await waitForTabs(() => vscode.window.tabGroups.activeTabGroup.activeTab?.label === PLAN_TITLE);
    if (!clickWebviewButton('Export Target as Bicep')) this.skip();
    // The click travels through the harness's browser: the editor cannot open before this listener is in place.
    const document = await new Promise<vscode.TextDocument>((resolve, reject) => {
      const subscription = vscode.workspace.onDidOpenTextDocument((opened) => {
        if (opened.uri.scheme !== 'untitled') return;
        clearTimeout(timer);
        subscription.dispose();
        resolve(opened);
      });
      const timer = setTimeout(() => {
        subscription.dispose();
        reject(new Error('no untitled editor opened after the click'));
      }, 20_000);
    });
    try {
      const text = document.getText();
      // The plan's recommendation for this cache (the first test) is what the template declares.
      assert.match(text, /^resource \w+ 'Microsoft\.Cache\/redisEnterprise@2025-07-01' = \{$/m);
      assert.match(text, /^ {4}name: 'MemoryOptimized_M10'$/m);
      assert.match(text, /^resource \w+ 'Microsoft\.Cache\/redisEnterprise\/databases@2025-07-01' = \{$/m);
      const { findings, skipped } = await scanWhenReady([{ path: workspaceUri('infra/amr-target.bicep').fsPath, text }], DEFAULT_SCAN_SETTINGS, RULES);
      assert.deepEqual(skipped, []);
      assert.deepEqual(findings.filter((finding) => finding.ruleId === 'legacy-cache-resource').map((finding) => finding.message), []);
    } finally {
      // An untitled editor with text would ask to be saved when the suite closes the editors.
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
