/**
 * Lists the Azure Cache for Redis, Redis Enterprise and Azure Managed Redis caches a credential can read.
 * Access keys are never read here (see accessKeys.ts).
 */

import type { TokenCredential } from '@azure/core-auth';
import type { Pipeline, TlsSettings } from '@azure/core-rest-pipeline';
import { API_VERSIONS } from './apiVersions';
import { armOriginPolicy } from './armOrigin';
import { armPipeline } from './armPipeline';
import { attemptTimeoutPolicy } from './attemptTimeoutPolicy';
import { ArmMappingError, isJsonObject } from './armJson';
import { cacheFromRedisEnterprise, cacheFromRedisResource } from './armMapping';
import { ArmReader, ArmRequestError } from './armReader';
import type { RequestSender } from './armReader';
import type { CacheInfo } from './cacheModel';
import type { AzureCloud } from './clouds';
import { resourceManagerScope } from './clouds';
import { ConcurrencyLimiter } from './concurrencyLimiter';

export { API_VERSIONS };

export interface InventoryOptions {
  cloud: AzureCloud;
  /** Subscriptions to read; by default every subscription the credential can list. */
  subscriptionIds?: readonly string[];
  /** Requests in flight at once, across all subscriptions (default 8). */
  concurrency?: number;
  signal?: AbortSignal;
  /** Longest wait for one HTTP attempt (default 30 s). */
  attemptTimeoutMs?: number;
  /** Longest wait for one request with all its retries and Retry-After pauses (default 120 s). */
  requestBudgetMs?: number;
  /** Trust settings for a Resource Manager endpoint behind a private CA (replaces the default CA list). */
  tlsOptions?: TlsSettings;
}

export interface SubscriptionInfo {
  subscriptionId: string;
  displayName?: string;
}

export interface InventoryError {
  subscriptionId: string;
  /** HTTP status of the failed request; null when there was none (timeout, network, malformed answer). */
  statusCode: number | null;
  message: string;
}

export interface Inventory {
  subscriptions: SubscriptionInfo[];
  caches: CacheInfo[];
  errors: InventoryError[];
}

interface ArmClients {
  /** Tenant-level pipeline for the subscription list, built like the SDK clients' own. */
  tenant: RequestSender;
  redis(subscriptionId: string): RequestSender & FirewallRuleLister;
  redisEnterprise(subscriptionId: string): RequestSender;
}

interface FirewallRuleLister {
  firewallRules: { list(resourceGroup: string, cacheName: string, options?: { abortSignal?: AbortSignal }): AsyncIterable<unknown> };
}

/** SDK client options that point the Azure SDK at a cloud, scope the token to it and keep every request there. */
export function sdkClientOptions(cloud: AzureCloud, tlsOptions?: TlsSettings) {
  return {
    endpoint: cloud.resourceManagerEndpoint,
    $host: cloud.resourceManagerEndpoint,
    credentialScopes: [resourceManagerScope(cloud)],
    // perRetry policies run after signing: the check sees the final URL of every attempt, redirects included.
    additionalPolicies: [{ policy: armOriginPolicy(cloud.resourceManagerEndpoint), position: 'perRetry' as const }],
    ...(tlsOptions ? { tlsOptions } : {}),
  };
}

/** Every pipeline bounds each attempt; the SDK clients and the tenant pipeline alike. */
function withAttemptTimeout<T extends { pipeline: Pipeline }>(client: T, timeoutMs: number): T {
  client.pipeline.addPolicy(attemptTimeoutPolicy(timeoutMs), { afterPhase: 'Retry' });
  return client;
}

async function armClients(credential: TokenCredential, options: InventoryOptions): Promise<ArmClients> {
  // Loaded on first use: the SDKs are large and most CLI commands never need them.
  const [{ RedisManagementClient }, { RedisEnterpriseManagementClient }] = await Promise.all([
    import('@azure/arm-rediscache'),
    import('@azure/arm-redisenterprisecache'),
  ]);
  const clientOptions = sdkClientOptions(options.cloud, options.tlsOptions);
  const timeoutMs = options.attemptTimeoutMs ?? 30_000;
  return {
    tenant: withAttemptTimeout(armPipeline(credential, options.cloud, options.tlsOptions), timeoutMs),
    redis: (subscriptionId) => withAttemptTimeout(new RedisManagementClient(credential, subscriptionId, clientOptions), timeoutMs),
    // No apiVersion option: the SDK would rewrite the api-version of our raw 2025-07-01 reads back to 2022-01-01.
    redisEnterprise: (subscriptionId) =>
      withAttemptTimeout(new RedisEnterpriseManagementClient(credential, subscriptionId, clientOptions), timeoutMs),
  };
}

function toInventoryError(subscriptionId: string, error: unknown): InventoryError {
  if (error instanceof ArmRequestError) return { subscriptionId, statusCode: error.statusCode, message: error.message };
  if (error instanceof ArmMappingError) return { subscriptionId, statusCode: null, message: `malformed resource: ${error.message}` };
  throw error;
}

const byId = (a: CacheInfo, b: CacheInfo) => a.id.localeCompare(b.id);

function readerFactory(options: InventoryOptions): (client: RequestSender) => ArmReader {
  const limiter = new ConcurrencyLimiter(options.concurrency ?? 8);
  return (client) =>
    new ArmReader(client, {
      endpoint: options.cloud.resourceManagerEndpoint,
      signal: options.signal,
      requestBudgetMs: options.requestBudgetMs ?? 120_000,
      limiter,
    });
}

/** Every subscription the credential can list (for a subscription picker); throws ArmRequestError when that fails. */
export async function listSubscriptions(credential: TokenCredential, options: InventoryOptions): Promise<SubscriptionInfo[]> {
  const arm = await armClients(credential, options);
  return readSubscriptions(readerFactory(options)(arm.tenant));
}

/** Reads every cache of the chosen subscriptions; one subscription's failure becomes an error entry, not an exception. */
export async function listCaches(credential: TokenCredential, options: InventoryOptions): Promise<Inventory> {
  const arm = await armClients(credential, options);
  const readerFor = readerFactory(options);

  const subscriptions = options.subscriptionIds
    ? options.subscriptionIds.map((subscriptionId) => ({ subscriptionId }))
    : await readSubscriptions(readerFor(arm.tenant));

  const perSubscription = await Promise.all(
    subscriptions.map(async ({ subscriptionId }) => {
      const errors: InventoryError[] = [];
      const report = (error: unknown) => errors.push(toInventoryError(subscriptionId, error));
      const attempt = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
        try {
          return await work();
        } catch (error) {
          report(error);
          return undefined;
        }
      };
      const redisClient = arm.redis(subscriptionId);
      const redisReader = readerFor(redisClient);
      const enterpriseReader = readerFor(arm.redisEnterprise(subscriptionId));
      const base = `/subscriptions/${encodeURIComponent(subscriptionId)}/providers/Microsoft.Cache`;

      const readRedis = async (): Promise<CacheInfo[]> => {
        const items = (await attempt(() => redisReader.list(`${base}/redis?api-version=${API_VERSIONS.redis}`))) ?? [];
        const caches = items.flatMap((item) => attemptSync(() => cacheFromRedisResource(item), report) ?? []);
        await Promise.all(
          caches.map(async (cache) => {
            const count = await attempt(() => countFirewallRules(redisReader, redisClient, cache));
            if (count !== undefined) cache.firewallRules = count;
          }),
        );
        return caches;
      };
      const readEnterprise = async (): Promise<CacheInfo[]> => {
        const clusters = (await attempt(() => enterpriseReader.list(`${base}/redisEnterprise?api-version=${API_VERSIONS.redisEnterprise}`))) ?? [];
        const caches = await Promise.all(
          clusters.map((cluster) =>
            attempt(async () => {
              const clusterId = isJsonObject(cluster) && typeof cluster.id === 'string' ? cluster.id : undefined;
              // Mapping the cluster alone names what is wrong with it (its id included).
              if (!clusterId) return cacheFromRedisEnterprise(cluster, []);
              const databases = await enterpriseReader.list(`${clusterId}/databases?api-version=${API_VERSIONS.redisEnterprise}`);
              return cacheFromRedisEnterprise(cluster, databases);
            }),
          ),
        );
        return caches.filter((cache): cache is CacheInfo => cache !== undefined);
      };

      const [redisCaches, enterpriseCaches] = await Promise.all([readRedis(), readEnterprise()]);
      return { caches: [...redisCaches, ...enterpriseCaches], errors };
    }),
  );
  options.signal?.throwIfAborted();

  return {
    subscriptions,
    caches: perSubscription.flatMap((s) => s.caches).sort(byId),
    errors: perSubscription.flatMap((s) => s.errors),
  };
}

function attemptSync<T>(work: () => T, onError: (error: unknown) => void): T | undefined {
  try {
    return work();
  } catch (error) {
    onError(error);
    return undefined;
  }
}

async function readSubscriptions(reader: ArmReader): Promise<SubscriptionInfo[]> {
  const items = await reader.list(`/subscriptions?api-version=${API_VERSIONS.subscriptions}`);
  return items.map((item, i) => {
    if (!isJsonObject(item) || typeof item.subscriptionId !== 'string' || item.subscriptionId === '') {
      throw new ArmRequestError(null, `GET /subscriptions answered an item ${i} without a subscriptionId`);
    }
    return {
      subscriptionId: item.subscriptionId,
      displayName: typeof item.displayName === 'string' ? item.displayName : undefined,
    };
  });
}

async function countFirewallRules(reader: ArmReader, client: FirewallRuleLister, cache: CacheInfo): Promise<number> {
  return reader.run(`GET firewall rules of ${cache.id}`, async (abortSignal) => {
    let count = 0;
    for await (const _rule of client.firewallRules.list(cache.resourceGroup, cache.name, { abortSignal })) count++;
    return count;
  });
}
