/**
 * Enterprise and Enterprise Flash clusters become Azure Managed Redis in place, by a SKU update of the cluster after
 * a prerequisite tag; it cannot be paused, cancelled or rolled back, so it starts only after the user typed the
 * cache's name. Facts: docs/design/provisioning-and-migration.md.
 */

import { isJsonObject } from '../azure/armJson';
import type { ArmRequest, ArmRestClient } from '../azure/armRest';
import { ArmOperationError } from '../azure/armRest';
import type { CacheInfo } from '../azure/cacheModel';
import { AMR_API_VERSION } from './targetSpec';

export const DATA_PRESERVE_TAG = 'amr-migration-data-preserve';
/** The tags API merges into a resource's tags without touching the others. */
const TAGS_API_VERSION = '2021-04-01';

export function isEnterpriseSource(cache: CacheInfo): boolean {
  return cache.kind === 'RedisEnterprise' && (cache.tier === 'Enterprise' || cache.tier === 'EnterpriseFlash');
}

/** What the plan says about the in-place conversion, and why it may not be possible. */
export function explainEnterpriseConversion(cache: CacheInfo): { possible: boolean; lines: string[] } {
  const lines = [
    `${cache.name} converts in place: the cluster keeps its name, host name and data, and its SKU becomes an Azure Managed Redis one.`,
    `Azure needs the tag ${DATA_PRESERVE_TAG}=False on the cluster first; amr-migrate sets it, then updates the SKU.`,
    'While it runs the cluster shows Updating. Once it begins it cannot be paused, cancelled or rolled back.',
  ];
  const geo = cache.geoReplication.length > 0;
  if (geo) lines.push('Not possible now: the cluster is geo-replicated, which the conversion does not support.');
  return { possible: isEnterpriseSource(cache) && !geo, lines };
}

/** The typed confirmation must be the cache's name exactly (spaces around it aside). */
export function confirmationMatches(typed: string, cacheName: string): boolean {
  return typed.trim() === cacheName;
}

export function conversionRequests(cache: CacheInfo, targetSku: string): ArmRequest[] {
  return [
    { method: 'PATCH', url: `${cache.id}/providers/Microsoft.Resources/tags/default?api-version=${TAGS_API_VERSION}`, body: { operation: 'Merge', properties: { tags: { [DATA_PRESERVE_TAG]: 'False' } } } },
    { method: 'PATCH', url: `${cache.id}?api-version=${AMR_API_VERSION}`, body: { sku: { name: targetSku } } },
  ];
}

/** The AMR sizes Azure offers this cluster (`listSkusForScaling`). */
export async function scalingSkus(client: ArmRestClient, clusterId: string): Promise<{ name: string; sizeInGB?: number }[]> {
  const { json } = await client.send({ method: 'POST', url: `${clusterId}/listSkusForScaling?api-version=${AMR_API_VERSION}` });
  const skus = isJsonObject(json) && Array.isArray(json.skus) ? json.skus : [];
  return skus.filter(isJsonObject).flatMap((s) => (typeof s.name === 'string' ? [{ name: s.name, ...(typeof s.sizeInGB === 'number' ? { sizeInGB: s.sizeInGB } : {}) }] : []));
}

export async function startEnterpriseConversion(
  client: ArmRestClient,
  cache: CacheInfo,
  targetSku: string,
  typedConfirmation: string,
  onProgress: (message: string) => void = () => {},
): Promise<unknown> {
  const { possible, lines } = explainEnterpriseConversion(cache);
  if (!possible) throw new ArmOperationError(null, 'ConversionNotPossible', lines.at(-1) ?? `${cache.name} is not an Enterprise cluster`);
  if (!confirmationMatches(typedConfirmation, cache.name)) {
    throw new ArmOperationError(null, 'NotConfirmed', `the typed name does not match ${cache.name}; nothing was sent`);
  }
  const [tag, sku] = conversionRequests(cache, targetSku);
  onProgress(`tagging ${cache.name} ${DATA_PRESERVE_TAG}=False`);
  await client.send(tag);
  onProgress(`updating ${cache.name} to ${targetSku}`);
  return client.write(sku, { what: `converting ${cache.name} to ${targetSku}`, finalStateVia: 'original-uri', onProgress: ({ status }) => onProgress(`converting ${cache.name}: ${status}`) });
}
