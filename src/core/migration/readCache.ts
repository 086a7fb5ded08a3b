/** Reads one cache by resource id through the REST client, mapped like the inventory maps it. */

import { cacheFromRedisEnterprise, cacheFromRedisResource } from '../azure/armMapping';
import { isJsonObject } from '../azure/armJson';
import type { ArmRestClient } from '../azure/armRest';
import { ArmOperationError } from '../azure/armRest';
import { parseArmResourceId } from '../azure/armResourceId';
import type { CacheInfo } from '../azure/cacheModel';
import { API_VERSIONS } from '../azure/apiVersions';

/** The cache, or undefined when it does not exist; throws on an id that is not a cache's. */
export async function readCache(client: ArmRestClient, id: string): Promise<CacheInfo | undefined> {
  const parsed = parseArmResourceId(id);
  const type = parsed?.segments.length === 1 ? parsed.segments[0][0].toLowerCase() : undefined;
  if (type === 'redis') {
    const json = await client.get(`${id}?api-version=${API_VERSIONS.redis}`);
    return json === undefined ? undefined : cacheFromRedisResource(json);
  }
  if (type === 'redisenterprise') {
    const json = await client.get(`${id}?api-version=${API_VERSIONS.redisEnterprise}`);
    if (json === undefined) return undefined;
    const list = await client.get(`${id}/databases?api-version=${API_VERSIONS.redisEnterprise}`);
    const databases = isJsonObject(list) && Array.isArray(list.value) ? list.value : [];
    return cacheFromRedisEnterprise(json, databases);
  }
  throw new ArmOperationError(null, undefined, `'${id}' is not the resource id of a cache (…/providers/Microsoft.Cache/redis/NAME or …/redisEnterprise/NAME)`);
}
