import * as vscode from 'vscode';
import type { CacheInfo, RedisDatabase } from '../../core/azure/cacheModel';
import type { CachesService, CachesState } from './cachesService';
import { CACHES_SETTINGS } from './cloudSetting';
import type { ErrorView, SubscriptionGroup } from './treeModel';
import {
  cacheContextValue, cacheDescription, cacheTooltip, databaseDescription, errorView, errorViews, subscriptionDescription,
  subscriptionLabel, tierIcon,
} from './treeModel';

export const CACHES_VIEW_ID = 'amrMigrate.caches';

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

const retryCommand = (title = 'Retry'): vscode.Command => ({ command: CACHE_COMMAND_IDS.refresh, title });
const signInCommand: vscode.Command = { command: CACHE_COMMAND_IDS.signIn, title: 'Sign in to Azure…' };

function errorNode(view: ErrorView): CacheTreeNode {
  return { kind: 'message', label: view.label, detail: view.detail, icon: 'error',
    command: view.action === 'signIn' ? signInCommand : retryCommand() };
}

/** The view's top level for what the service read: subscriptions, or one node saying what is wrong and what to do. */
function rootNodes(state: CachesState): CacheTreeNode[] {
  switch (state.kind) {
    case 'settingError':
      return [{ kind: 'message', label: state.message, icon: 'settings-gear',
        command: { command: 'workbench.action.openSettings', title: 'Open Settings', arguments: [CACHES_SETTINGS[1]] } }];
    case 'notConnected':
      return [{ kind: 'message', label: state.reason === 'signedOut' ? 'Sign in to Azure…' : `${state.message} — sign in…`,
        detail: state.message, icon: 'sign-in', command: signInCommand }];
    case 'noSubscriptions':
      return [{ kind: 'message', label: `No subscriptions visible to ${state.account}`, icon: 'info', command: retryCommand('Refresh') }];
    case 'cancelled':
      return [{ kind: 'message', label: 'Loading cancelled — refresh to read again', icon: 'circle-slash', command: retryCommand('Refresh') }];
    case 'failed':
      return [errorNode(errorView(state))];
    case 'listed':
      return state.groups.map((group): CacheTreeNode => ({ kind: 'subscription', group }));
  }
}

/** The view's description: who is signed in, and how many subscriptions the filter lets through. */
function viewDescription(state: CachesState): string | undefined {
  if (state.kind !== 'listed') return undefined;
  const filtered = state.chosenSubscriptions < state.allSubscriptions
    ? ` · ${state.chosenSubscriptions} of ${state.allSubscriptions} subscriptions` : '';
  return `${state.account}${filtered}`;
}

/**
 * The "Caches" view: subscriptions → caches → (Redis Enterprise / AMR) databases, as the caches service read them.
 * Errors and "not signed in" are nodes with an action, never pop-ups.
 */
export class CachesTreeProvider implements vscode.TreeDataProvider<CacheTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CacheTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** Set by the view after creation, for its description (account, filter). */
  view: vscode.TreeView<CacheTreeNode> | undefined;

  private readonly annotationSubscription: { dispose(): void } | undefined;

  constructor(
    private readonly caches: CachesService,
    /** Extra words for a cache's description (the state of a migration), and when they change. */
    private readonly annotations?: { describe(cacheId: string): string | undefined; onDidChange(listener: () => void): { dispose(): void } },
  ) {
    this.subscription = caches.onDidChange(() => this.changed.fire(undefined));
    this.annotationSubscription = annotations?.onDidChange(() => this.changed.fire(undefined));
  }

  dispose(): void {
    this.subscription.dispose();
    this.annotationSubscription?.dispose();
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
        const annotation = this.annotations?.describe(cache.id);
        // The migration state first: a narrow side bar cuts the end of a description off.
        item.description = annotation ? `${annotation} · ${cacheDescription(cache)}` : cacheDescription(cache);
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
    const state = await this.caches.state();
    if (this.view) this.view.description = viewDescription(state);
    return rootNodes(state);
  }
}
