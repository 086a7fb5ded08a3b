/**
 * Reads a cache's peaks of used memory and server load over the last 30 days from Azure Monitor
 * (Resource Manager metrics REST API), for the planner's SKU refinement.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { TlsSettings } from '@azure/core-rest-pipeline';
import type { CacheMetrics } from '../plan/planModel';
import { armPipeline } from './armPipeline';
import { ArmReader } from './armReader';
import type { AzureCloud } from './clouds';
import { AZURE_CLOUDS } from './clouds';
import { ConcurrencyLimiter } from './concurrencyLimiter';
import { metricsFromResponse, SERVER_LOAD_METRIC, USED_MEMORY_METRIC } from './metricsResponse';

export const METRICS_API_VERSION = '2023-10-01';
const LOOKBACK_DAYS = 30;

export interface ReadMetricsOptions {
  /** The public cloud by default. */
  cloud?: AzureCloud;
  /** Trust settings for a Resource Manager endpoint behind a private CA. */
  tlsOptions?: TlsSettings;
  /** End of the 30-day window; now by default. */
  now?: Date;
  signal?: AbortSignal;
  /** Longest wait including retries (default 60 s). */
  requestBudgetMs?: number;
}

/** Path and query of the metrics request for one resource over the 30 days before `now` (timespan is start/end, ISO 8601). */
export function metricsPath(resourceId: string, now: Date): string {
  const start = new Date(now.getTime() - LOOKBACK_DAYS * 24 * 3600 * 1000);
  const query = new URLSearchParams({
    'api-version': METRICS_API_VERSION,
    metricnames: `${USED_MEMORY_METRIC},${SERVER_LOAD_METRIC}`,
    timespan: `${start.toISOString()}/${now.toISOString()}`,
    interval: 'PT1H',
    aggregation: 'Maximum',
  });
  return `${resourceId}/providers/Microsoft.Insights/metrics?${query.toString()}`;
}

/**
 * The 30-day peaks for the cache `resourceId`. A failed request throws ArmRequestError (HTTP status and Azure's
 * error code and message); an answer that is not a metrics response throws MetricsError.
 */
export async function readCacheMetrics(resourceId: string, credential: TokenCredential, options: ReadMetricsOptions = {}): Promise<CacheMetrics> {
  const cloud = options.cloud ?? AZURE_CLOUDS.AzureCloud;
  const reader = new ArmReader(armPipeline(credential, cloud, options.tlsOptions), {
    endpoint: cloud.resourceManagerEndpoint,
    signal: options.signal,
    requestBudgetMs: options.requestBudgetMs ?? 60_000,
    limiter: new ConcurrencyLimiter(1),
  });
  const body = await reader.json(metricsPath(resourceId, options.now ?? new Date()));
  return metricsFromResponse(body, resourceId);
}
