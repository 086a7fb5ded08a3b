/**
 * What "Use as Migration Target…" offers for an Azure Managed Redis cache: the old hosts that could point at it, from
 * the retiring caches the Caches view lists and from the legacy host names findings report. No `vscode` at run time.
 */
import type * as vscode from 'vscode';
import type { CacheInfo } from '../../core/azure/cacheModel';
import { legacyCacheName } from '../../core/fix/hostTarget';

export type HostCandidate = vscode.QuickPickItem & { host: string };

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * One item per old host, pre-selected when it already points at `target` or has the target's name (`orders` →
 * `orders`); those come first. `findingHosts` counts the findings per old host (lower case).
 */
export function hostCandidates(target: CacheInfo, legacyCaches: readonly CacheInfo[], findingHosts: ReadonlyMap<string, number>,
  hostMap: Readonly<Record<string, string>>): HostCandidate[] {
  const targetHost = target.hostName.toLowerCase();
  const described = new Map<string, string[]>();
  for (const cache of legacyCaches) {
    const host = cache.hostName.toLowerCase();
    if (legacyCacheName(host)) described.set(host, [`${cache.sku} · ${cache.location}`]);
  }
  for (const [host, count] of findingHosts) described.set(host, [...(described.get(host) ?? []), plural(count, 'finding')]);
  const items = [...described].map(([host, parts]): HostCandidate => {
    const current = hostMap[host] ?? hostMap[legacyCacheName(host)!];
    return {
      label: host,
      description: [...parts, ...(current ? [`now → ${current}`] : [])].join(' · '),
      picked: current === targetHost || legacyCacheName(host) === target.name.toLowerCase(),
      host,
    };
  });
  return items.sort((a, b) => Number(b.picked) - Number(a.picked) || a.host.localeCompare(b.host));
}
