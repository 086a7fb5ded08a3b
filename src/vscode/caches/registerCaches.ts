import * as vscode from 'vscode';
import type { CachesService, CachesState } from './cachesService';
import type { CacheTreeNode } from './cachesTree';
import { CACHE_COMMAND_IDS, CACHES_VIEW_ID, CachesTreeProvider } from './cachesTree';
import { CACHES_SETTINGS, CloudSettingError } from './cloudSetting';
import { portalUrl } from './treeModel';

/** Set once activation is over: the "Plan Migration" menu shows only when some part of the extension handles it. */
const PLAN_AVAILABLE_CONTEXT_KEY = 'amrMigrate.planMigrationAvailable';
/** True while Azure is being read: the view's title shows Stop instead of Refresh. */
const LOADING_CONTEXT_KEY = 'amrMigrate.caches.loading';

export interface CachesDeps {
  caches: CachesService;
  /** Extra words on a cache's item (the state of a migration). */
  annotations?: ConstructorParameters<typeof CachesTreeProvider>[1];
}

function cacheOf(node: CacheTreeNode | undefined) {
  return node?.kind === 'cache' ? node.cache : undefined;
}

async function pickSubscriptions(caches: CachesService): Promise<void> {
  await caches.state();
  const all = caches.subscriptions();
  if (all.length === 0) {
    void vscode.window.showInformationMessage('No subscriptions to choose from: sign in to Azure first.');
    return;
  }
  const remembered = new Set((caches.rememberedSubscriptions() ?? all.map((s) => s.subscriptionId)).map((id) => id.toLowerCase()));
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
  await caches.rememberSubscriptions(ids);
}

/** Progress in the view and the loading context key while the service reads Azure, whoever asked for the read. */
function showLoading(caches: CachesService): vscode.Disposable {
  let latest: Promise<CachesState> | undefined;
  return caches.onDidStartLoading((loading) => {
    latest = loading;
    void vscode.commands.executeCommand('setContext', LOADING_CONTEXT_KEY, true);
    void vscode.window.withProgress({ location: { viewId: CACHES_VIEW_ID } }, () => loading);
    // A newer read owns the key; a refresh that started none leaves the view idle.
    void loading.then(() => {
      if (latest === loading) void vscode.commands.executeCommand('setContext', LOADING_CONTEXT_KEY, false);
    });
  });
}

/** Registers the Caches view (rendering the caches service) and its commands; returns its provider for the API. */
export function registerCaches(context: vscode.ExtensionContext, { caches, annotations }: CachesDeps): CachesTreeProvider {
  const tree = new CachesTreeProvider(caches, annotations);
  const view = vscode.window.createTreeView(CACHES_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  tree.view = view;

  const withCache = (action: (cache: NonNullable<ReturnType<typeof cacheOf>>) => Thenable<unknown>) =>
    (node?: CacheTreeNode) => {
      const cache = cacheOf(node ?? view.selection[0]);
      return cache ? action(cache) : undefined;
    };

  const commands: Record<Exclude<keyof typeof CACHE_COMMAND_IDS, 'planMigration'>, (...args: never[]) => unknown> = {
    refresh: () => caches.refresh(),
    cancel: () => caches.cancel(),
    signIn: async () => {
      if (caches.currentTarget() instanceof CloudSettingError) return void vscode.commands.executeCommand('workbench.action.openSettings', CACHES_SETTINGS[1]);
      await caches.signIn();
    },
    signOut: () => caches.signOut(),
    selectSubscriptions: () => pickSubscriptions(caches),
    copyHostName: withCache((cache) => vscode.env.clipboard.writeText(cache.hostName)),
    copyResourceId: withCache((cache) => vscode.env.clipboard.writeText(cache.id)),
    openInPortal: withCache((cache) => {
      const target = caches.currentTarget();
      const url = target instanceof CloudSettingError ? undefined : portalUrl(target.cloud, cache.id);
      return url ? vscode.env.openExternal(vscode.Uri.parse(url))
        : vscode.window.showInformationMessage('The Azure portal of a custom cloud is not known: copy the resource id instead.');
    }),
  };

  context.subscriptions.push(
    tree, view, showLoading(caches),
    ...Object.entries(commands).map(([name, handler]) =>
      vscode.commands.registerCommand(CACHE_COMMAND_IDS[name as keyof typeof commands], handler)),
  );
  // Another part of the extension (the planner) registers the command; only offer the menu entry when it did.
  setImmediate(() => {
    void vscode.commands.getCommands(true).then((all) =>
      vscode.commands.executeCommand('setContext', PLAN_AVAILABLE_CONTEXT_KEY, all.includes(CACHE_COMMAND_IDS.planMigration)));
  });
  return tree;
}
