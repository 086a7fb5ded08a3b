/**
 * What the Caches view shows, computed from the inventory without VS Code: labels, descriptions, tooltips,
 * retirement badges, icons, portal links and how errors read. cachesTree.ts only turns these into TreeItems.
 */

import type { CacheInfo, CacheTier, RedisDatabase } from '../../core/azure/cacheModel';
import type { AzureCloud } from '../../core/azure/clouds';
import type { Inventory, InventoryError, SubscriptionInfo } from '../../core/azure/inventory';
import { isAmrTier, retirementOfTier, TIER_LABEL } from '../../core/amr/facts';

/** The AMR tiers carry the product name: in a list of caches, "Balanced" alone says nothing. */
function tierLabel(tier: CacheTier): string {
  return isAmrTier(tier) ? `Azure Managed Redis ${TIER_LABEL[tier]}` : TIER_LABEL[tier];
}

/** Codicon per tier: the source tiers grow in weight, every AMR tier shares one mark. */
const TIER_ICON: Record<CacheTier, string> = {
  Basic: 'circle-large-outline',
  Standard: 'layers',
  Premium: 'star-full',
  Enterprise: 'server-environment',
  EnterpriseFlash: 'zap',
  Balanced: 'rocket',
  MemoryOptimized: 'rocket',
  ComputeOptimized: 'rocket',
  FlashOptimized: 'rocket',
};

const PORTAL_HOSTS: Record<AzureCloud['name'], string | undefined> = {
  AzureCloud: 'https://portal.azure.com',
  AzureChinaCloud: 'https://portal.azure.cn',
  AzureUSGovernment: 'https://portal.azure.us',
  Custom: undefined,
};

/** Last day of the source tier (the planner's table); AMR tiers do not retire. */
export function retirementDate(tier: CacheTier): string | undefined {
  return retirementOfTier(tier)?.retiresOn;
}

export function tierIcon(tier: CacheTier): string {
  return TIER_ICON[tier];
}

/** `SKU · region`, and the retirement date for tiers that retire. */
export function cacheDescription(cache: CacheInfo): string {
  const retires = retirementDate(cache.tier);
  return [cache.sku, cache.location, ...(retires ? [`retires ${retires}`] : [])].join(' · ');
}

/**
 * Menus key on this: every cache can be planned; retiring ones are marked so, and retiring Enterprise clusters (which
 * convert in place instead of using the automated migration) carry `.enterprise` too.
 */
export function cacheContextValue(cache: CacheInfo): string {
  if (!retirementDate(cache.tier)) return 'amrMigrate.cache.amr';
  return cache.kind === 'RedisEnterprise' ? 'amrMigrate.cache.retiring.enterprise' : 'amrMigrate.cache.retiring';
}

/** Escapes what Markdown would otherwise interpret in names that come from Azure. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (char) => `\\${char}`);
}

function authMode(cache: CacheInfo): string {
  const modes = [...(cache.entraAuthentication ? ['Microsoft Entra ID'] : []), ...(cache.accessKeysAuthentication ? ['access keys'] : [])];
  return modes.length ? modes.join(' + ') : 'none enabled';
}

function clustering(cache: CacheInfo): string {
  const policies = new Set([cache.clusteringPolicy, ...cache.databases.map((d) => d.clusteringPolicy)].filter(Boolean));
  return policies.size ? [...policies].join(', ') : 'not clustered';
}

/** The key facts of a cache as a Markdown table (the tooltip). Values from Azure are escaped. */
export function cacheTooltip(cache: CacheInfo): string {
  const retires = retirementDate(cache.tier);
  const rows: [string, string][] = [
    ['Tier', tierLabel(cache.tier)],
    ['SKU', cache.sku],
    ['Memory', `${cache.memoryGB} GB`],
    ['Shards', String(cache.shards)],
    ['Replicas per primary', String(cache.replicas)],
    ['Host', cache.hostName],
    ['TLS port', cache.sslPort === undefined ? '—' : String(cache.sslPort)],
    ['Non-TLS port', cache.nonSslPort === undefined ? 'disabled' : String(cache.nonSslPort)],
    ['Authentication', authMode(cache)],
    ['Clustering policy', clustering(cache)],
    ['Region', cache.location],
    ['Resource group', cache.resourceGroup],
  ];
  const table = rows.map(([name, value]) => `| ${name} | ${escapeMarkdown(value)} |`).join('\n');
  const warning = retires ? `\n\n$(warning) The ${tierLabel(cache.tier)} tier retires on **${retires}**.` : '';
  return `**${escapeMarkdown(cache.name)}**\n\n| | |\n|---|---|\n${table}${warning}`;
}

/** `port 10000 · OSSCluster · TLS only` for an Enterprise / AMR database. */
export function databaseDescription(database: RedisDatabase): string {
  return [`port ${database.port}`, database.clusteringPolicy, database.tlsOnly ? 'TLS only' : 'TLS and plain text'].join(' · ');
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** `3 caches`, or `0 caches · 1 error` when some of it could not be read. */
export function subscriptionDescription(group: Pick<SubscriptionGroup, 'caches' | 'errors'>): string {
  const errors = errorViews(group.errors).length;
  return [count(group.caches.length, 'cache'), ...(errors ? [count(errors, 'error')] : [])].join(' · ');
}

export function subscriptionLabel(subscription: SubscriptionInfo): string {
  return subscription.displayName ?? subscription.subscriptionId;
}

/** What the user can do about an error: sign in again, or retry. */
export type ErrorAction = 'signIn' | 'retry';

export interface ErrorView {
  label: string;
  detail: string;
  action: ErrorAction;
}

/** How an inventory error reads in the tree: a short label, the service's message as detail, and a remedy. */
export function errorView(error: Pick<InventoryError, 'statusCode' | 'message'>): ErrorView {
  switch (error.statusCode) {
    case 401:
      return { label: 'Not authorized (401) — sign in again', detail: error.message, action: 'signIn' };
    case 403:
      return { label: 'No access (403) — needs the Reader role on the subscription', detail: error.message, action: 'retry' };
    case 429:
      return { label: 'Throttled by Azure (429) — retry later', detail: error.message, action: 'retry' };
    case null:
      return { label: `Could not read: ${error.message}`, detail: error.message, action: 'retry' };
    default:
      return { label: `Request failed (${error.statusCode}) — retry`, detail: error.message, action: 'retry' };
  }
}

/**
 * One view per distinct error: a refused subscription fails every request alike (caches, clusters), and one node
 * says it; the detail keeps each message.
 */
export function errorViews(errors: readonly Pick<InventoryError, 'statusCode' | 'message'>[]): ErrorView[] {
  const byLabel = new Map<string, ErrorView>();
  for (const view of errors.map(errorView)) {
    const seen = byLabel.get(view.label);
    if (!seen) byLabel.set(view.label, view);
    else if (!seen.detail.split('\n').includes(view.detail)) seen.detail += `\n${view.detail}`;
  }
  return [...byLabel.values()];
}

export interface SubscriptionGroup {
  subscription: SubscriptionInfo;
  caches: CacheInfo[];
  errors: InventoryError[];
}

/**
 * One group per subscription in the order given, with its caches and errors. `known` supplies display names the
 * inventory does not repeat when it was given subscription ids.
 */
export function groupBySubscription(inventory: Inventory, known: readonly SubscriptionInfo[] = []): SubscriptionGroup[] {
  const names = new Map(known.map((s) => [s.subscriptionId.toLowerCase(), s.displayName]));
  return inventory.subscriptions.map((subscription) => {
    const id = subscription.subscriptionId.toLowerCase();
    return {
      subscription: { ...subscription, displayName: subscription.displayName ?? names.get(id) },
      caches: inventory.caches.filter((c) => c.subscriptionId.toLowerCase() === id),
      errors: inventory.errors.filter((e) => e.subscriptionId.toLowerCase() === id),
    };
  });
}

/** The Azure portal page of a resource, or undefined for a custom cloud whose portal is unknown. */
export function portalUrl(cloud: AzureCloud, resourceId: string): string | undefined {
  const host = PORTAL_HOSTS[cloud.name];
  return host ? `${host}/#resource${resourceId}/overview` : undefined;
}

/** Which subscriptions to read: the remembered choice narrowed to those still listed, or all when none remain. */
export function selectedSubscriptions(all: readonly SubscriptionInfo[], remembered: readonly string[] | undefined): SubscriptionInfo[] {
  if (!remembered || remembered.length === 0) return [...all];
  const wanted = new Set(remembered.map((id) => id.toLowerCase()));
  const chosen = all.filter((s) => wanted.has(s.subscriptionId.toLowerCase()));
  return chosen.length ? chosen : [...all];
}
