/**
 * The caches the signed-in account can see: which cloud, who is signed in, which subscriptions are chosen, and what
 * Azure listed. Built once per activation; the Caches view renders it, and Plan, Copy and host targets ask it for
 * caches and access keys. Only `vscode` types are imported (the sign-in, settings and memento come in as
 * dependencies), so it runs, and is tested, in plain node.
 */
import type * as vscode from 'vscode';
import type { AccessKeys } from '../../core/azure/accessKeys';
import type { CacheInfo } from '../../core/azure/cacheModel';
import type { SubscriptionInfo } from '../../core/azure/inventory';
import type { AzureConnection, NotConnected } from '../auth/azureSignIn';
import { CloudSettingError, type CloudTarget } from './cloudSetting';
import type { InventoryModule } from './inventoryLoader';
import { groupBySubscription, selectedSubscriptions, type SubscriptionGroup } from './treeModel';

const SUBSCRIPTION_FILTER_KEY = 'amrMigrate.caches.subscriptions';

/** What the service needs from the Azure sign-in (AzureSignIn in the editor). */
export interface CachesSignIn {
  connection(target: CloudTarget): Promise<AzureConnection | NotConnected>;
  signIn(target: CloudTarget): Promise<boolean>;
  signOut(): Promise<void>;
}

export interface CachesServiceDeps {
  /** The cloud the settings name now, or what is wrong with them. */
  cloudTarget: () => CloudTarget | CloudSettingError;
  signIn: CachesSignIn;
  /** The inventory bundle, loaded on first use so that activation loads no Azure SDK. */
  inventory: () => InventoryModule;
  /** Workspace memento: the subscription filter is remembered per workspace. */
  workspaceState: Pick<vscode.Memento, 'get' | 'update'>;
  log: Pick<vscode.LogOutputChannel, 'info' | 'error'>;
}

/** The outcome of one read of Azure. */
export type CachesState =
  | { kind: 'settingError'; message: string }
  | { kind: 'notConnected'; reason: NotConnected['reason']; message: string }
  | { kind: 'noSubscriptions'; account: string }
  | { kind: 'listed'; account: string; groups: SubscriptionGroup[]; chosenSubscriptions: number; allSubscriptions: number }
  | { kind: 'cancelled' }
  /** `statusCode` null: no HTTP answer (network, TLS, a malformed reply). */
  | { kind: 'failed'; statusCode: number | null; message: string };

/** Azure cannot be asked: the settings name no usable cloud, or nobody is signed in. */
export class CachesUnavailableError extends Error {
  override name = 'CachesUnavailableError';
}

interface Load {
  controller: AbortController;
  state: Promise<CachesState>;
}

type Listener<T> = (value: T) => void;

/** A minimal event with `vscode.Event`'s shape, so the service needs no `vscode` at run time. */
class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): vscode.Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  clear(): void {
    this.listeners.clear();
  }
}

/**
 * Azure is read on the first question after activation or a refresh, once however many ask; a refresh (settings,
 * sign-in, subscription filter changed) drops what was read and stops a read under way.
 */
export class CachesService implements vscode.Disposable {
  private load: Load | undefined;
  private allSubscriptions: SubscriptionInfo[] = [];
  private readonly changed = new Emitter<void>();
  private readonly loading = new Emitter<Promise<CachesState>>();
  /** What was read is out of date: ask `state()` again. */
  readonly onDidChange = this.changed.event;
  /** A read of Azure started; the promise settles when it ends (for progress and the loading context key). */
  readonly onDidStartLoading = this.loading.event;

  constructor(private readonly deps: CachesServiceDeps) {}

  currentTarget(): CloudTarget | CloudSettingError {
    return this.deps.cloudTarget();
  }

  /** What Azure holds, as read since the last refresh; reads it first when nothing was. */
  async state(): Promise<CachesState> {
    const load = (this.load ??= this.startLoad());
    const state = await load.state;
    // A refresh during the read (a setting or the sign-in changed) supersedes it: answer with what is current.
    return this.load === load ? state : this.state();
  }

  /** Every listed cache (none when signed out or on error). */
  async caches(): Promise<CacheInfo[]> {
    const state = await this.state();
    return state.kind === 'listed' ? state.groups.flatMap((group) => group.caches) : [];
  }

  /** Every subscription the last read could list (for the subscription picker). */
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
    this.changed.fire();
  }

  /** Stops a read under way; its state says it was cancelled until the next refresh. */
  cancel(): void {
    this.load?.controller.abort();
  }

  /** Interactive sign-in; false when the user backed out or the settings name no usable cloud. */
  async signIn(): Promise<boolean> {
    const target = this.currentTarget();
    if (target instanceof CloudSettingError || !(await this.deps.signIn.signIn(target))) return false;
    this.refresh();
    return true;
  }

  async signOut(): Promise<void> {
    await this.deps.signIn.signOut();
    this.refresh();
  }

  /** The credential and cloud of the current sign-in, for writes to Resource Manager (provisioning, migration). */
  async armAccess(): Promise<{ credential: AzureConnection['credential']; cloud: CloudTarget['cloud'] }> {
    const target = this.currentTarget();
    if (target instanceof CloudSettingError) throw new CachesUnavailableError(target.message);
    const connection = await this.deps.signIn.connection(target);
    if (!('credential' in connection)) throw new CachesUnavailableError(`needs an Azure sign-in: ${connection.message}`);
    return { credential: connection.credential, cloud: target.cloud };
  }

  /** The cache's access keys through Resource Manager, with the current sign-in. */
  async accessKeys(cache: CacheInfo): Promise<AccessKeys> {
    const { credential, cloud } = await this.armAccess();
    return this.deps.inventory().listKeys(credential, cache, { cloud });
  }

  dispose(): void {
    this.load?.controller.abort();
    this.changed.clear();
    this.loading.clear();
  }

  private startLoad(): Load {
    const controller = new AbortController();
    // Settles, never rejects: every consumer gets a state to show (the sign-in itself may throw).
    const state = this.read(controller.signal).catch((error: unknown): CachesState => {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.log.error(`Caches: ${message}`);
      return { kind: 'failed', statusCode: null, message };
    });
    this.loading.fire(state);
    return { controller, state };
  }

  private async read(signal: AbortSignal): Promise<CachesState> {
    const started = performance.now();
    const target = this.currentTarget();
    if (target instanceof CloudSettingError) return { kind: 'settingError', message: target.message };
    const connection = await this.deps.signIn.connection(target);
    if (!('credential' in connection)) return { kind: 'notConnected', reason: connection.reason, message: connection.message };
    const inventory = this.deps.inventory();
    const options = { cloud: target.cloud, signal };
    try {
      this.allSubscriptions = await inventory.listSubscriptions(connection.credential, options);
      if (this.allSubscriptions.length === 0) return { kind: 'noSubscriptions', account: connection.account };
      const chosen = selectedSubscriptions(this.allSubscriptions, this.rememberedSubscriptions());
      const result = await inventory.listCaches(connection.credential, { ...options, subscriptionIds: chosen.map((s) => s.subscriptionId) });
      this.deps.log.info(`Caches: ${result.caches.length} caches in ${chosen.length} subscriptions, ${result.errors.length} errors, `
        + `${(performance.now() - started).toFixed(0)} ms (${target.cloud.resourceManagerEndpoint})`);
      return {
        kind: 'listed',
        account: connection.account,
        groups: groupBySubscription(result, this.allSubscriptions),
        chosenSubscriptions: chosen.length,
        allSubscriptions: this.allSubscriptions.length,
      };
    } catch (error) {
      if (signal.aborted) return { kind: 'cancelled' };
      const message = error instanceof Error ? error.message : String(error);
      this.deps.log.error(`Caches: reading ${target.cloud.resourceManagerEndpoint} failed: ${message}`);
      return error instanceof inventory.ArmRequestError
        ? { kind: 'failed', statusCode: error.statusCode, message: `cannot list subscriptions: ${message}` }
        : { kind: 'failed', statusCode: null, message };
    }
  }
}
