/**
 * Reads a cache's peaks of used memory and server load over the last 30 days from Azure Monitor
 * (Resource Manager metrics REST API), for the planner's SKU refinement.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { TlsSettings } from '@azure/core-rest-pipeline';
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createPipelineFromOptions,
  createPipelineRequest,
} from '@azure/core-rest-pipeline';
import type { CacheMetrics } from '../plan/planModel';
import { isJsonObject } from './armJson';
import { metricsFromResponse, MetricsError, SERVER_LOAD_METRIC, USED_MEMORY_METRIC } from './metricsResponse';

export const METRICS_API_VERSION = '2023-10-01';
const LOOKBACK_DAYS = 30;
const PUBLIC_ARM_ENDPOINT = 'https://management.azure.com';

export interface ReadMetricsOptions {
  /** Resource Manager endpoint, e.g. `https://management.chinacloudapi.cn`; the public cloud by default. */
  armEndpoint?: string;
  /** Token scope; `<armEndpoint>/.default` by default. */
  scope?: string;
  /** Extra trusted CAs and client certificates, for endpoints behind a private CA. */
  tlsOptions?: TlsSettings;
  /** End of the 30-day window; now by default. */
  now?: Date;
  abortSignal?: AbortSignal;
}

/** The metrics request URL for one resource over the 30 days before `now`. */
export function metricsUrl(armEndpoint: string, resourceId: string, now: Date): string {
  const start = new Date(now.getTime() - LOOKBACK_DAYS * 24 * 3600 * 1000);
  const query = new URLSearchParams({
    'api-version': METRICS_API_VERSION,
    metricnames: `${USED_MEMORY_METRIC},${SERVER_LOAD_METRIC}`,
    timespan: `${start.toISOString()}/${now.toISOString()}`,
    interval: 'PT1H',
    aggregation: 'Maximum',
  });
  return `${armEndpoint.replace(/\/+$/, '')}${resourceId}/providers/Microsoft.Insights/metrics?${query.toString()}`;
}

/** Reads the 30-day peaks for the cache `resourceId` with `credential`. */
export async function readCacheMetrics(resourceId: string, credential: TokenCredential, options: ReadMetricsOptions = {}): Promise<CacheMetrics> {
  const armEndpoint = options.armEndpoint ?? PUBLIC_ARM_ENDPOINT;
  const pipeline = createPipelineFromOptions(options.tlsOptions ? { tlsOptions: options.tlsOptions } : {});
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes: options.scope ?? `${armEndpoint.replace(/\/+$/, '')}/.default` }));
  const request = createPipelineRequest({
    url: metricsUrl(armEndpoint, resourceId, options.now ?? new Date()),
    method: 'GET',
    ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
  });
  const response = await pipeline.sendRequest(createDefaultHttpClient(), request);
  let body: unknown;
  try {
    body = JSON.parse(response.bodyAsText ?? '');
  } catch {
    throw new MetricsError(resourceId, `Azure Monitor answered ${response.status} with a body that is not JSON`, response.status);
  }
  if (response.status !== 200) {
    const error = isJsonObject(body) && isJsonObject(body.error) ? body.error : undefined;
    const detail = error ? `${String(error.code ?? '')}: ${String(error.message ?? '')}` : 'no error details';
    throw new MetricsError(resourceId, `Azure Monitor answered ${response.status} (${detail})`, response.status);
  }
  return metricsFromResponse(body, resourceId);
}
