import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CachesService } from '../../../src/vscode/caches/cachesService';
import type { CachesTreeProvider, CacheTreeNode } from '../../../src/vscode/caches/cachesTree';
import { api, changeSetting } from './helpers';

/** Set by scripts/e2e-run.mjs, which serves Azure's example payloads plus a refused subscription there. */
const ARM_ENDPOINT = process.env.AMR_E2E_ARM_ENDPOINT;
const ENDPOINT_SETTING = 'resourceManagerEndpoint';

interface Shown {
  label: string;
  description?: string;
  icon?: string;
  command?: string;
  contextValue?: string;
  collapsible: boolean;
}

function show(tree: CachesTreeProvider, node: CacheTreeNode): Shown {
  const item = tree.getTreeItem(node);
  return {
    label: typeof item.label === 'string' ? item.label : String(item.label?.label),
    ...(typeof item.description === 'string' ? { description: item.description } : {}),
    ...(item.iconPath instanceof vscode.ThemeIcon ? { icon: item.iconPath.id } : {}),
    ...(item.command ? { command: item.command.command } : {}),
    ...(item.contextValue ? { contextValue: item.contextValue } : {}),
    collapsible: item.collapsibleState !== vscode.TreeItemCollapsibleState.None,
  };
}

suite('Caches view', () => {
  let tree: CachesTreeProvider;
  let caches: CachesService;

  suiteSetup(async () => {
    assert.ok(ARM_ENDPOINT, 'AMR_E2E_ARM_ENDPOINT is not set: run the suite through scripts/e2e-run.mjs');
    ({ cachesTree: tree, caches } = await api());
    await changeSetting(tree, ENDPOINT_SETTING, ARM_ENDPOINT);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('amrMigrate').update(ENDPOINT_SETTING, undefined, vscode.ConfigurationTarget.Global);
  });

  test('shows every subscription the server lists, its caches, and the refused one as an error node with Retry', async () => {
    const roots = await tree.getChildren();
    assert.deepEqual(roots.map((node) => show(tree, node)), [
      { label: 'Spec examples (redis)', description: '1 cache', icon: 'key', contextValue: 'amrMigrate.subscription', collapsible: true },
      { label: 'SDK recordings (redis)', description: '1 cache', icon: 'key', contextValue: 'amrMigrate.subscription', collapsible: true },
      { label: 'Spec examples (redisEnterprise)', description: '1 cache', icon: 'key', contextValue: 'amrMigrate.subscription', collapsible: true },
      { label: 'No access (e2e)', description: '0 caches · 1 error', icon: 'key', contextValue: 'amrMigrate.subscription', collapsible: true },
    ]);
    const children = await Promise.all(roots.map(async (root) => (await tree.getChildren(root)).map((node) => show(tree, node))));
    assert.deepEqual(children, [
      [{ label: 'cache1', description: 'C6 · East US · retires 2028-09-30', icon: 'layers', contextValue: 'amrMigrate.cache.retiring', collapsible: false }],
      [{ label: 'myrediscachexxx111', description: 'P1 · East US · retires 2028-09-30', icon: 'star-full', contextValue: 'amrMigrate.cache.retiring', collapsible: false }],
      [{ label: 'cache1', description: 'F300 · West US · retires 2027-03-31', icon: 'zap', contextValue: 'amrMigrate.cache.retiring.enterprise', collapsible: true }],
      [{ label: 'No access (403) — needs the Reader role on the subscription', icon: 'error', command: 'amrMigrate.caches.refresh', contextValue: 'amrMigrate.message', collapsible: false }],
    ]);
    const [enterprise] = await tree.getChildren(roots[2]);
    assert.deepEqual((await tree.getChildren(enterprise)).map((node) => show(tree, node)), [
      { label: 'default', description: 'port 10000 · OSSCluster · TLS only', icon: 'database', contextValue: 'amrMigrate.database', collapsible: false },
    ]);
    const tooltip = tree.getTreeItem(enterprise).tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.match(tooltip.value, /\| Host \| cache1\\\.westus\\\.something\\\.azure\\\.com \|/);
    assert.match(tooltip.value, /Enterprise Flash tier retires on \*\*2027-03-31\*\*/);
  });

  test('a remembered subscription filter narrows what is read, and the view says so', async () => {
    try {
      await caches.rememberSubscriptions(['SUBID']);
      const roots = await tree.getChildren();
      assert.deepEqual(roots.map((node) => show(tree, node).label), ['Spec examples (redis)']);
      assert.equal(tree.view?.description, 'AMR_MIGRATE_ACCESS_TOKEN · 1 of 4 subscriptions');
    } finally {
      await caches.rememberSubscriptions(undefined);
    }
    assert.equal((await tree.getChildren()).length, 4);
    assert.equal(tree.view?.description, 'AMR_MIGRATE_ACCESS_TOKEN');
  });

  test('an unusable endpoint setting becomes a node that opens the settings; fixing it refreshes the view', async () => {
    try {
      await changeSetting(tree, ENDPOINT_SETTING, ARM_ENDPOINT!.replace('https:', 'http:'));
      const roots = await tree.getChildren();
      assert.equal(roots.length, 1);
      const shown = show(tree, roots[0]);
      assert.match(shown.label, /^amrMigrate\.resourceManagerEndpoint: the Resource Manager endpoint must use https/);
      assert.equal(shown.command, 'workbench.action.openSettings');
    } finally {
      await changeSetting(tree, ENDPOINT_SETTING, ARM_ENDPOINT);
    }
    assert.equal((await tree.getChildren()).length, 4);
  });

  test('Copy Host Name and Copy Resource ID put the cache\'s values on the clipboard', async () => {
    const [premiumSubscription] = (await tree.getChildren()).slice(1, 2);
    const [cache] = await tree.getChildren(premiumSubscription);
    assert.equal(cache.kind, 'cache');
    await vscode.commands.executeCommand('amrMigrate.caches.copyHostName', cache);
    assert.equal(await vscode.env.clipboard.readText(), 'myrediscachexxx111.redis.cache.windows.net');
    await vscode.commands.executeCommand('amrMigrate.caches.copyResourceId', cache);
    assert.match(await vscode.env.clipboard.readText(), /^\/subscriptions\/azure_subscription_id\/resourceGroups\/.+\/myrediscachexxx111$/i);
  });
});
