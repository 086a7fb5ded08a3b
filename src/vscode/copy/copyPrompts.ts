/**
 * The questions "Copy Data to Azure Managed Redis…" asks, in order: source (and its database), target, resume or start
 * over, key prefix, how each side authenticates, what to do, and a last confirmation. The UI and the Azure services are
 * injected, so the flow is unit-tested in node without VS Code.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { CacheInfo } from '../../core/azure/cacheModel';
import type { CopyCheckpoint } from '../../core/copy/checkpoint';
import { describeEndpoint, parseRedisUrl, type RedisEndpoint } from '../../core/copy/endpoint';
import type { VerifyMode } from '../../core/copy/verify';
import { AMR_PORT } from '../../core/amr/facts';
import { amrHostName, keyspaceNotificationsOf } from '../../core/plan/sourceCache';
import { checkpointSummary, serverOf } from './copyCheckpoints';
import { authMethods, cacheEndpoint, isCopySource, isCopyTarget, sourceDatabases, type AuthMethod } from './copyEndpoints';
import { checkDistinct, type CopyPlan } from './copyPlan';

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
}

export interface InputOptions {
  title: string;
  prompt: string;
  value?: string;
  password?: boolean;
  /** An error message for text that cannot be used, undefined when it can. */
  validate?: (text: string) => string | undefined;
}

/** The few UI primitives the flow needs; each resolves undefined (or false) when the user backs out. */
export interface CopyUi {
  pick<T>(title: string, placeHolder: string, items: PickItem<T>[]): Promise<T | undefined>;
  input(options: InputOptions): Promise<string | undefined>;
  /** A modal question; true when the user chose `action`. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
}

export interface CopyServices {
  /** Caches the Caches view lists (none when signed out). */
  caches(): Promise<CacheInfo[]>;
  /** The stored checkpoint of a stopped copy between these two, if any. */
  checkpoint(source: RedisEndpoint, target: RedisEndpoint): Promise<CopyCheckpoint | undefined>;
  /** A data-plane credential from the VS Code Microsoft sign-in (may ask the user to sign in). */
  entraCredential(): Promise<TokenCredential>;
  /** The cache's primary access key through Azure Resource Manager; only called after the user chose it. */
  accessKey(cache: CacheInfo): Promise<string>;
}

/** Something the user cannot fix by answering differently (e.g. a cache with every authentication disabled). */
export class CopyPromptError extends Error {
  override name = 'CopyPromptError';
}

export const COPY_TITLE = 'Copy Data to Azure Managed Redis';
const ENTER_URL = 'url' as const;

interface Chosen {
  cache?: CacheInfo;
  endpoint: RedisEndpoint;
}

const AUTH_ITEMS: Record<AuthMethod, Omit<PickItem<AuthMethod>, 'value'>> = {
  entra: { label: '$(account) Microsoft Entra ID', detail: 'A token of your VS Code Microsoft account, renewed before it expires' },
  accessKey: { label: '$(key) Access key from Azure', detail: 'Read once through Azure Resource Manager (listKeys) for this copy; never shown, logged or stored' },
  password: { label: '$(lock) Enter an access key or password…', detail: 'Typed here, kept in memory for this copy only' },
  url: { label: 'Credentials in the URL', detail: 'The user and password the URL carries' },
  none: { label: 'No authentication', detail: 'A server without a password (e.g. a local test server)' },
};

const MODE_ITEMS: PickItem<VerifyMode | 'dryRun' | 'live'>[] = [
  { label: 'Copy, then compare every key', description: 'recommended', detail: 'Names every missing or different key', value: 'full' },
  { label: 'Copy and keep in sync until you cut over', detail: 'Follows the source\'s keyspace notifications (needs notify-keyspace-events, '
    + 'e.g. KEA); "Cut Over Live Copy" drains, verifies and says when the target is in step', value: 'live' },
  { label: 'Copy, then compare a random sample', detail: '1,000 keys compared; key counts per type for all', value: 'sample' },
  { label: 'Copy without comparing', detail: 'Fastest; changes during the copy go unnoticed', value: 'none' },
  { label: 'Dry run', detail: 'Count the source\'s keys and bytes and check the target is empty; writes nothing', value: 'dryRun' },
];

function urlProblem(text: string): string | undefined {
  try {
    parseRedisUrl(text.trim());
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function cacheItem(cache: CacheInfo): PickItem<CacheInfo | typeof ENTER_URL> {
  return { label: cache.name, description: `${cache.sku} · ${cache.location}`, detail: cache.hostName, value: cache };
}

async function chooseSide(ui: CopyUi, role: 'source' | 'target', candidates: CacheInfo[], suggestedUrl?: string): Promise<Chosen | undefined> {
  const items = [...candidates.map(cacheItem), { label: '$(link) Enter a redis:// or rediss:// URL…', value: ENTER_URL }];
  const placeHolder = candidates.length
    ? `Choose the ${role} cache, or enter its URL`
    : `No ${role === 'source' ? 'Azure Cache for Redis or Enterprise' : 'Azure Managed Redis'} cache listed (sign in in the Caches view), or enter a URL`;
  const picked = await ui.pick(`${COPY_TITLE}: ${role}`, placeHolder, items);
  if (picked === undefined) return undefined;
  if (picked !== ENTER_URL) return { cache: picked, endpoint: cacheEndpoint(picked) };
  const text = await ui.input({
    title: `${COPY_TITLE}: ${role} URL`,
    prompt: 'rediss://[user[:password]@]host:port[/db] — leave the password out to choose how to authenticate next',
    ...(suggestedUrl ? { value: suggestedUrl } : {}),
    validate: urlProblem,
  });
  return text === undefined ? undefined : { endpoint: parseRedisUrl(text.trim()) };
}

async function chooseDatabase(ui: CopyUi, cache: CacheInfo): Promise<number | undefined> {
  const count = sourceDatabases(cache);
  if (count <= 1) return 0;
  const items = Array.from({ length: count }, (_, db) => ({ label: `Database ${db}`, ...(db === 0 ? { description: 'default' } : {}), value: db }));
  return ui.pick(`${COPY_TITLE}: source database`, 'Azure Managed Redis has database 0 only: another database is copied under a key prefix', items);
}

async function authenticate(ui: CopyUi, services: CopyServices, role: 'source' | 'target', side: Chosen, name: string): Promise<RedisEndpoint | undefined> {
  const methods = authMethods(side.cache, side.endpoint);
  if (methods.length === 0) throw new CopyPromptError(`${name} has both Microsoft Entra ID and access keys disabled: enable one to copy its data`);
  const method = methods.length === 1 ? methods[0]
    : await ui.pick(`${COPY_TITLE}: sign in to the ${role}`, `How to authenticate to ${name}`, methods.map((value) => ({ ...AUTH_ITEMS[value], value })));
  switch (method) {
    case undefined:
      return undefined;
    case 'entra':
      return { ...side.endpoint, credential: await services.entraCredential() };
    case 'accessKey':
      return { ...side.endpoint, password: await services.accessKey(side.cache!) };
    case 'password': {
      const password = await ui.input({ title: `${COPY_TITLE}: ${role} password`, prompt: `Access key or password of ${name}`, password: true,
        validate: (text) => (text === '' ? 'Enter the access key or password' : undefined) });
      return password === undefined ? undefined : { ...side.endpoint, password };
    }
    default:
      return side.endpoint;
  }
}

/** Asks everything a copy needs; undefined when the user backs out anywhere. */
export async function promptCopyPlan(ui: CopyUi, services: CopyServices, start: { source?: CacheInfo } = {}): Promise<CopyPlan | undefined> {
  const caches = await services.caches();
  const source: Chosen | undefined = start.source ? { cache: start.source, endpoint: cacheEndpoint(start.source) }
    : await chooseSide(ui, 'source', caches.filter(isCopySource));
  if (!source) return undefined;
  if (source.cache) {
    const db = await chooseDatabase(ui, source.cache);
    if (db === undefined) return undefined;
    source.endpoint.db = db;
  }
  const suggested = source.cache ? `rediss://${amrHostName(source.cache)}:${AMR_PORT}` : undefined;
  const target = await chooseSide(ui, 'target', caches.filter(isCopyTarget), suggested);
  if (!target) return undefined;
  checkDistinct(source.endpoint, target.endpoint);
  const sourceName = source.cache?.name ?? serverOf(source.endpoint);
  const targetName = target.cache?.name ?? serverOf(target.endpoint);

  const stored = await services.checkpoint(source.endpoint, target.endpoint);
  let resume = false;
  if (stored) {
    const choice = await ui.pick(`${COPY_TITLE}: resume?`, `A copy from ${sourceName} to ${targetName} stopped before it finished`, [
      { label: '$(debug-continue) Resume the stopped copy', description: checkpointSummary(stored), value: true },
      { label: '$(debug-restart) Start over', detail: 'Keys it already copied stay on the target and count as clashes', value: false },
    ]);
    if (choice === undefined) return undefined;
    resume = choice;
  }
  let keyPrefix = resume ? stored!.keyPrefix : '';
  if (!resume && source.endpoint.db !== target.endpoint.db) {
    const prefix = await ui.input({
      title: `${COPY_TITLE}: key prefix`,
      prompt: `Database ${source.endpoint.db} goes into database ${target.endpoint.db} under this prefix, so its keys cannot collide with another database's`,
      value: `db${source.endpoint.db}:`,
      validate: (text) => (text === '' ? 'A prefix is needed to map one database into another' : undefined),
    });
    if (prefix === undefined) return undefined;
    keyPrefix = prefix;
  }

  const sourceEndpoint = await authenticate(ui, services, 'source', source, sourceName);
  if (!sourceEndpoint) return undefined;
  const targetEndpoint = await authenticate(ui, services, 'target', target, targetName);
  if (!targetEndpoint) return undefined;
  const mode = await ui.pick(`${COPY_TITLE}: what to do`, 'Verification compares the source with the target after the copy', MODE_ITEMS);
  if (mode === undefined) return undefined;

  const plan: CopyPlan = {
    source: { endpoint: sourceEndpoint, name: sourceName },
    target: { endpoint: targetEndpoint, name: targetName },
    dryRun: mode === 'dryRun',
    verify: mode === 'dryRun' ? 'none' : mode === 'live' ? 'full' : mode,
    keyPrefix,
    overwrite: resume ? stored!.overwrite : false,
    allowNonEmptyTarget: false,
    resume,
    live: mode === 'live',
  };
  // What Azure says the source publishes: the engine needs it where the cache refuses CONFIG GET.
  const notifications = source.cache && keyspaceNotificationsOf(source.cache);
  if (plan.live && notifications) plan.notifyKeyspaceEvents = notifications;
  if (plan.dryRun) return plan;
  return (await ui.confirm(`${resume ? 'Resume copying' : 'Copy'} every key of ${sourceName} into ${targetName}?`, confirmationDetail(plan),
    resume ? 'Resume Copy' : 'Copy')) ? plan : undefined;
}

/** What the modal names before anything is written. */
export function confirmationDetail(plan: CopyPlan): string {
  return [
    `From: ${describeEndpoint(plan.source.endpoint)} (read only)`,
    `To: ${describeEndpoint(plan.target.endpoint)}`,
    ...(plan.keyPrefix ? [`Keys are written as "${plan.keyPrefix}<key>".`] : []),
    `Nothing is deleted on either side; keys the target already holds are ${plan.overwrite ? 'replaced' : 'kept'}.`,
  ].join('\n');
}
