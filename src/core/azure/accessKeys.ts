/**
 * Reads a cache's access keys. Kept apart from the inventory so that keys are only ever fetched on an
 * explicit request; callers must not log or persist what this returns.
 */

import type { TokenCredential } from '@azure/core-auth';
import type { TlsSettings } from '@azure/core-rest-pipeline';
import type { CacheInfo } from './cacheModel';
import type { AzureCloud } from './clouds';
import { sdkClientOptions } from './inventory';

export interface AccessKeys {
  primaryKey: string;
  secondaryKey: string;
}

export interface ListKeysOptions {
  cloud: AzureCloud;
  /** Redis Enterprise / AMR database name (default: `default`, the only database AMR has). */
  databaseName?: string;
  signal?: AbortSignal;
  tlsOptions?: TlsSettings;
}

export async function listKeys(credential: TokenCredential, cache: CacheInfo, options: ListKeysOptions): Promise<AccessKeys> {
  const clientOptions = sdkClientOptions(options.cloud, options.tlsOptions);
  const request = { abortSignal: options.signal };
  const keys =
    cache.kind === 'AzureCacheForRedis'
      ? await new (await import('@azure/arm-rediscache')).RedisManagementClient(credential, cache.subscriptionId, clientOptions).redis.listKeys(
          cache.resourceGroup,
          cache.name,
          request,
        )
      : await new (await import('@azure/arm-redisenterprisecache')).RedisEnterpriseManagementClient(
          credential,
          cache.subscriptionId,
          clientOptions,
        ).databases.listKeys(cache.resourceGroup, cache.name, options.databaseName ?? 'default', request);
  if (!keys.primaryKey || !keys.secondaryKey) throw new Error(`listKeys of ${cache.id} answered without both keys`);
  return { primaryKey: keys.primaryKey, secondaryKey: keys.secondaryKey };
}
