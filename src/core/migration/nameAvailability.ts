/**
 * Whether the new cache's host name is free, checked before anything is sent. Azure has no name-availability action
 * for Azure Managed Redis (Microsoft.Cache/checkNameAvailability answers for Azure Cache for Redis names), so the
 * check reads the clusters of the target's subscription, as the editor checks those of the Caches view; a clash with
 * a cluster elsewhere still surfaces as Azure's error when the PUT is sent.
 */
import { cacheFromRedisEnterprise } from '../azure/armMapping';
import { isJsonObject } from '../azure/armJson';
import { armPages } from '../azure/armPaging';
import type { ArmRestClient } from '../azure/armRest';
import { ArmOperationError } from '../azure/armRest';
import type { CacheInfo } from '../azure/cacheModel';
import { buildAmrHostName } from '../amr/facts';
import { AMR_API_VERSION, clusterId, createdFor, hostNameTakenBy, type TargetSpec } from './targetSpec';

export interface NameCheck {
  /** False when a cluster already has the new cache's host name. */
  available: boolean;
  /** Resource id of that cluster. */
  takenBy?: string;
  /** What was checked and found, in a sentence. */
  message: string;
}

/** Every Redis Enterprise / AMR cluster of a subscription, following nextLink; unreadable items are left out. */
async function listClusters(client: ArmRestClient, subscriptionId: string): Promise<CacheInfo[]> {
  const clusters: CacheInfo[] = [];
  const path = `/subscriptions/${encodeURIComponent(subscriptionId)}/providers/Microsoft.Cache/redisEnterprise?api-version=${AMR_API_VERSION}`;
  const nextLinkOf = (page: unknown) => (isJsonObject(page) && typeof page.nextLink === 'string' && page.nextLink !== '' ? page.nextLink : undefined);
  const endless = () => new ArmOperationError(null, undefined, `paging of the clusters of subscription ${subscriptionId} does not end (nextLink repeats)`);
  for await (const { page } of armPages(path, (next) => client.get(next), nextLinkOf, endless)) {
    for (const item of isJsonObject(page) && Array.isArray(page.value) ? page.value : []) {
      try {
        clusters.push(cacheFromRedisEnterprise(item, []));
      } catch {
        // A cluster the mapping cannot read has no name to compare; the PUT still has the last word.
      }
    }
  }
  return clusters;
}

export async function checkTargetName(client: ArmRestClient, spec: TargetSpec): Promise<NameCheck> {
  const host = buildAmrHostName(spec.name, spec.location);
  let listed: CacheInfo[];
  let scope: string;
  try {
    listed = await listClusters(client, spec.subscriptionId);
    scope = `the ${listed.length} cluster${listed.length === 1 ? '' : 's'} of subscription ${spec.subscriptionId}`;
  } catch (error) {
    if (!(error instanceof ArmOperationError)) throw error;
    // Listing may be refused where reading the one resource group is not: check the name there at least.
    const own = await client.get(`${clusterId(spec)}?api-version=${AMR_API_VERSION}`);
    listed = own === undefined ? [] : [cacheFromRedisEnterprise(own, [])];
    scope = `resource group ${spec.resourceGroup} only (the clusters of subscription ${spec.subscriptionId} could not be listed: ${error.message})`;
  }
  const taken = hostNameTakenBy(spec, listed);
  if (taken) {
    const why = taken.id.toLowerCase() === clusterId(spec).toLowerCase() ? ', which amr-migrate did not create for this source' : '';
    return { available: false, takenBy: taken.id, message: `the host name ${host} is taken by ${taken.name} in resource group ${taken.resourceGroup} (subscription ${taken.subscriptionId})${why}; choose another name` };
  }
  const own = listed.find((cache) => cache.id.toLowerCase() === clusterId(spec).toLowerCase() && createdFor(cache.tags, spec));
  if (own) return { available: true, message: `${spec.name} in ${spec.resourceGroup} was created by amr-migrate for this source: this run continues it.` };
  return { available: true, message: `The host name ${host} is free among ${scope}; Azure offers no name check for Azure Managed Redis, so a clash elsewhere shows when the cluster is created.` };
}
