import * as vscode from 'vscode';
import type { CacheInfo, RedisDatabase } from '../../core/azure/cacheModel';
import type { SubscriptionInfo } from '../../core/azure/inventory';
import type { AzureSignIn } from '../auth/azureSignIn';
import type { CloudTarget } from './cloudSetting';
import { CloudSettingError, resolveCloudTarget } from './cloudSetting';
import type { InventoryModule } from './inventoryLoader';
import type { ErrorView, SubscriptionGroup } from './treeModel';
import {
  cacheContextValue, cacheDescription, cacheTooltip, databaseDescription, errorView, errorViews, groupBySubscription,
  selectedSubscriptions, subscriptionDescription, subscriptionLabel, tierIcon,
} from './treeModel';

export const CACHES_VIEW_ID = 'amrMigrate.caches';
export const CACHES_SETTINGS = ['amrMigrate.cloud', 'amrMigrate.resourceManagerEndpoint'] as const;
const SUBSCRIPTION_FILTER_KEY = 'amrMigrate.caches.subscriptions';
const LOADING_CONTEXT_KEY = 'amrMigrate.caches.loading';

/** Command ids of the view, declared once; package.json contributes the same ids. */
export const CACHE_COMMAND_IDS = {
  refresh: 'amrMigrate.caches.refresh',
  cancel: 'amrMigrate.caches.cancel',
  signIn: 'amrMigrate.caches.signIn',
  signOut: 'amrMigrate.caches.signOut',
  selectSubscriptions: 'amrMigrate.caches.selectSubscriptions',
  copyHostName: 'amrMigrate.caches.copyHostName',
  copyResourceId: 'amrMigrate.caches.copyResourceId',
  openInPortal: 'amrMigrate.caches.openInPortal',
  planMigration: 'amrMigrate.planMigration',
} as const;

export type CacheTreeNode =
  | { kind: 'message'; label: string; detail?: string; icon: string; command?: vscode.Command }
  | { kind: 'subscription'; group: SubscriptionGroup }
  | { kind: 'cache'; cache: CacheInfo }
  | { kind: 'database'; cache: CacheInfo; database: RedisDatabase };

export interface CachesTreeDeps {
  signIn: AzureSignIn;
  inventory: () => InventoryModule;
  /** Workspace memento: the subscription filter is remembered per workspace. */
  workspaceState: vscode.Memento;
  log: vscode.LogOutputChannel;
}

interface Load {
  controller: AbortController;
  roots: Promise<CacheTreeNode[]>;
}

const retryCommand = (title = 'Retry'): vscode.Command => ({ command: CACHE_COMMAND_IDS.refresh, title });
const signInCommand: vscode.Command = { command: CACHE_COMMAND_IDS.signIn, title: 'Sign in to Azure…' };

function errorNode(view: ErrorView): CacheTreeNode {
  return { kind: 'message', label: view.label, detail: view.detail, icon: 'error',
    command: view.action === 'signIn' ? signInCommand : retryCommand() };
}

/**
 * The "Caches" view: subscriptions → caches → (Redis Enterprise / AMR) databases. Azure is read when the view first
 * asks for its roots and again on refresh; errors and "not signed in" are nodes with an action, never pop-ups.
 */
export class CachesTreeProvider implements vscode.TreeDataProvider<CacheTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CacheTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private load: Load | undefined;
  /** Set by the view after creation, for its description (account, filter). */
  view: vscode.TreeView<CacheTreeNode> | undefined;
  private allSubscriptions: SubscriptionInfo[] = [];

  constructor(private readonly deps: CachesTreeDeps) {}

  /** The cloud the view reads, as the settings say now, or what is wrong with them. */
  currentTarget(): CloudTarget | CloudSettingError {
    const config = vscode.workspace.getConfiguration();
    try {
      return resolveCloudTarget(config.get(CACHES_SETTINGS[0]), config.get(CACHES_SETTINGS[1]));
    } catch (error) {
      if (error instanceof CloudSettingError) return error;
      throw error;
    }
  }

  /** Every subscription the last load could list (for the subscription picker). */
  subscriptions(): readonly SubscriptionInfo[] {
    return this.allSubscriptions;
  }

  rememberedSubscriptions(): string[] | undefined {
    return this.deps.workspaceState.get<string[]>(SUBSCRIPTION_FILTER_KEY);
  }

  async rememberSubscriptions(ids: string[] | undefined): Promise<void> {
    await this.deps.workspaceState.update(SUBSCRIPTION_FILTER_KEY, ids);
    this.refresh();
  }

  refresh(): void {
    this.load?.controller.abort();
    this.load = undefined;
    this.changed.fire(undefined);
  }

  cancel(): void {
    this.load?.controller.abort();
  }

  dispose(): void {
    this.load?.controller.abort();
    this.changed.dispose();
  }

  getChildren(node?: CacheTreeNode): CacheTreeNode[] | Promise<CacheTreeNode[]> {
    if (!node) return this.roots();
    switch (node.kind) {
      case 'subscription': {
        const { caches, errors } = node.group;
        const children: CacheTreeNode[] = [
          ...errorViews(errors).map(errorNode),
          ...caches.map((cache): CacheTreeNode => ({ kind: 'cache', cache })),
        ];
        return children.length ? children : [{ kind: 'message', label: 'No caches in this subscription', icon: 'info' }];
      }
      case 'cache':
        return node.cache.databases.map((database): CacheTreeNode => ({ kind: 'database', cache: node.cache, database }));
      default:
        return [];
    }
  }

  getTreeItem(node: CacheTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'message': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.tooltip = node.detail;
        item.command = node.command;
        item.contextValue = 'amrMigrate.message';
        return item;
      }
      case 'subscription': {
        const { subscription } = node.group;
        const item = new vscode.TreeItem(subscriptionLabel(subscription), vscode.TreeItemCollapsibleState.Expanded);
        item.id = `subscription:${subscription.subscriptionId}`;
        item.description = subscriptionDescription(node.group);
        item.tooltip = subscription.subscriptionId;
        item.iconPath = new vscode.ThemeIcon('key');
        item.contextValue = 'amrMigrate.subscription';
        return item;
      }
      case 'cache': {
        const { cache } = node;
        const item = new vscode.TreeItem(cache.name,
          cache.databases.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = cache.id;
        item.description = cacheDescription(cache);
        const tooltip = new vscode.MarkdownString(cacheTooltip(cache), true);
        item.tooltip = tooltip;
        item.iconPath = new vscode.ThemeIcon(tierIcon(cache.tier));
        item.contextValue = cacheContextValue(cache);
        return item;
      }
      case 'database': {
        const item = new vscode.TreeItem(node.database.name, vscode.TreeItemCollapsibleState.None);
        item.id = node.database.id;
        item.description = databaseDescription(node.database);
        item.iconPath = new vscode.ThemeIcon('database');
        item.contextValue = 'amrMigrate.database';
        return item;
      }
    }
  }

  private async roots(): Promise<CacheTreeNode[]> {
    const load = (this.load ??= this.startLoad());
    const roots = await load.roots;
    // A refresh during the load (a setting or sign-in changed) supersedes it: answer with what is current.
    return this.load === load ? roots : this.roots();
  }

  private startLoad(): Load {
    const controller = new AbortController();
    void vscode.commands.executeCommand('setContext', LOADING_CONTEXT_KEY, true);
    const roots = Promise.resolve(vscode.window.withProgress({ location: { viewId: CACHES_VIEW_ID } },
      () => this.readRoots(controller.signal)))
      .finally(() => {
        // A newer load owns the key; a refresh that started none leaves the view idle.
        if (!this.load || this.load.controller === controller) void vscode.commands.executeCommand('setContext', LOADING_CONTEXT_KEY, false);
      });
    return { controller, roots };
  }

  private describe(text: string | undefined): void {
    if (this.view) this.view.description = text;
  }

  private async readRoots(signal: AbortSignal): Promise<CacheTreeNode[]> {
    const started = performance.now();
    this.describe(undefined);
    const target = this.currentTarget();
    if (target instanceof CloudSettingError) {
      return [{ kind: 'message', label: target.message, icon: 'settings-gear',
        command: { command: 'workbench.action.openSettings', title: 'Open Settings', arguments: ['amrMigrate.resourceManagerEndpoint'] } }];
    }
    const connection = await this.deps.signIn.connection(target);
    if (!('credential' in connection)) {
      return [{ kind: 'message', label: connection.reason === 'signedOut' ? 'Sign in to Azure…' : `${connection.message} — sign in…`,
        detail: connection.message, icon: 'sign-in', command: signInCommand }];
    }
    const inventory = this.deps.inventory();
    const options = { cloud: target.cloud, signal };
    try {
      this.allSubscriptions = await inventory.listSubscriptions(connection.credential, options);
      if (this.allSubscriptions.length === 0) {
        return [{ kind: 'message', label: `No subscriptions visible to ${connection.account}`, icon: 'info', command: retryCommand('Refresh') }];
      }
      const chosen = selectedSubscriptions(this.allSubscriptions, this.rememberedSubscriptions());
      const result = await inventory.listCaches(connection.credential, { ...options, subscriptionIds: chosen.map((s) => s.subscriptionId) });
      const filtered = chosen.length < this.allSubscriptions.length ? ` · ${chosen.length} of ${this.allSubscriptions.length} subscriptions` : '';
      this.describe(`${connection.account}${filtered}`);
      this.deps.log.info(`Caches: ${result.caches.length} caches in ${chosen.length} subscriptions, ${result.errors.length} errors, `
        + `${(performance.now() - started).toFixed(0)} ms (${target.cloud.resourceManagerEndpoint})`);
      return groupBySubscription(result, this.allSubscriptions).map((group): CacheTreeNode => ({ kind: 'subscription', group }));
    } catch (error) {
      if (signal.aborted) return [{ kind: 'message', label: 'Loading cancelled — refresh to read again', icon: 'circle-slash', command: retryCommand('Refresh') }];
      const message = error instanceof Error ? error.message : String(error);
      this.deps.log.error(`Caches: reading ${target.cloud.resourceManagerEndpoint} failed: ${message}`);
      if (error instanceof inventory.ArmRequestError) return [errorNode(errorView({ statusCode: error.statusCode, message: `cannot list subscriptions: ${message}` }))];
      return [errorNode(errorView({ statusCode: null, message }))];
    }
  }
}
