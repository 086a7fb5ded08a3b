import * as vscode from 'vscode';
import { AzureSignIn } from '../auth/azureSignIn';
import type { CacheTreeNode } from './cachesTree';
import { CACHE_COMMAND_IDS, CACHES_SETTINGS, CACHES_VIEW_ID, CachesTreeProvider } from './cachesTree';
import { CloudSettingError } from './cloudSetting';
import { lazyInventory } from './inventoryLoader';
import { portalUrl } from './treeModel';

/** Set once activation is over: the "Plan Migration" menu shows only when some part of the extension handles it. */
const PLAN_AVAILABLE_CONTEXT_KEY = 'amrMigrate.planMigrationAvailable';

export interface CachesDeps {
  log: vscode.LogOutputChannel;
}

function cacheOf(node: CacheTreeNode | undefined) {
  return node?.kind === 'cache' ? node.cache : undefined;
}

async function pickSubscriptions(tree: CachesTreeProvider): Promise<void> {
  await tree.getChildren();
  const all = tree.subscriptions();
  if (all.length === 0) {
    void vscode.window.showInformationMessage('No subscriptions to choose from: sign in to Azure first.');
    return;
  }
  const remembered = new Set((tree.rememberedSubscriptions() ?? all.map((s) => s.subscriptionId)).map((id) => id.toLowerCase()));
  const items = all.map((s) => ({
    label: s.displayName ?? s.subscriptionId,
    description: s.subscriptionId,
    picked: remembered.has(s.subscriptionId.toLowerCase()),
    subscriptionId: s.subscriptionId,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: 'Subscriptions shown in the Caches view',
    placeHolder: 'Choose the subscriptions to read (none chosen shows all)',
  });
  if (!picked) return;
  // All or none chosen: forget the filter, so subscriptions added later show up.
  const ids = picked.length === 0 || picked.length === all.length ? undefined : picked.map((p) => p.subscriptionId);
  await tree.rememberSubscriptions(ids);
}

/** Registers the Caches view, its commands and the triggers that refresh it; returns its provider for the API. */
export function registerCaches(context: vscode.ExtensionContext, deps: CachesDeps): CachesTreeProvider {
  const signIn = new AzureSignIn(context.globalState);
  const tree = new CachesTreeProvider({
    signIn,
    inventory: lazyInventory(context.asAbsolutePath('dist/azureInventory.js')),
    workspaceState: context.workspaceState,
    log: deps.log,
  });
  const view = vscode.window.createTreeView(CACHES_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  tree.view = view;

  const withCache = (action: (cache: NonNullable<ReturnType<typeof cacheOf>>) => Thenable<unknown>) =>
    (node?: CacheTreeNode) => {
      const cache = cacheOf(node ?? view.selection[0]);
      return cache ? action(cache) : undefined;
    };

  const commands: Record<Exclude<keyof typeof CACHE_COMMAND_IDS, 'planMigration'>, (...args: never[]) => unknown> = {
    refresh: () => tree.refresh(),
    cancel: () => tree.cancel(),
    signIn: async () => {
      const target = tree.currentTarget();
      if (target instanceof CloudSettingError) return void vscode.commands.executeCommand('workbench.action.openSettings', CACHES_SETTINGS[1]);
      if (await signIn.signIn(target)) tree.refresh();
    },
    signOut: async () => {
      await signIn.signOut();
      tree.refresh();
    },
    selectSubscriptions: () => pickSubscriptions(tree),
    copyHostName: withCache((cache) => vscode.env.clipboard.writeText(cache.hostName)),
    copyResourceId: withCache((cache) => vscode.env.clipboard.writeText(cache.id)),
    openInPortal: withCache((cache) => {
      const target = tree.currentTarget();
      const url = target instanceof CloudSettingError ? undefined : portalUrl(target.cloud, cache.id);
      return url ? vscode.env.openExternal(vscode.Uri.parse(url))
        : vscode.window.showInformationMessage('The Azure portal of a custom cloud is not known: copy the resource id instead.');
    }),
  };

  context.subscriptions.push(
    tree, view,
    ...Object.entries(commands).map(([name, handler]) =>
      vscode.commands.registerCommand(CACHE_COMMAND_IDS[name as keyof typeof commands], handler)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (CACHES_SETTINGS.some((setting) => event.affectsConfiguration(setting))
        || event.affectsConfiguration('microsoft-sovereign-cloud')) tree.refresh();
    }),
    signIn.onDidChange(() => tree.refresh()),
  );
  // Another part of the extension (the planner) registers the command; only offer the menu entry when it did.
  setImmediate(() => {
    void vscode.commands.getCommands(true).then((all) =>
      vscode.commands.executeCommand('setContext', PLAN_AVAILABLE_CONTEXT_KEY, all.includes(CACHE_COMMAND_IDS.planMigration)));
  });
  return tree;
}
