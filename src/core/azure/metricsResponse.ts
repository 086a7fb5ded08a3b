/**
 * Azure Monitor metrics responses (`GET {resourceId}/providers/Microsoft.Insights/metrics`) reduced to the
 * peaks the planner uses. Metric names (REST): `usedmemorypercentage` and `serverLoad`, both Percent with
 * Maximum aggregation, on Microsoft.Cache/redis and Microsoft.Cache/redisEnterprise.
 */
import type { CacheMetrics } from '../plan/planModel';
import { isJsonObject } from './armJson';

export const USED_MEMORY_METRIC = 'usedmemorypercentage';
export const SERVER_LOAD_METRIC = 'serverLoad';

/** A metrics response or metrics file that does not have the expected shape; `resource` names where it came from. */
export class MetricsError extends Error {
  constructor(readonly resource: string, message: string) {
    super(`${resource}: ${message}`);
    this.name = 'MetricsError';
  }
}

/** The resource a metrics response is about, from its metric ids (`<resourceId>/providers/Microsoft.Insights/metrics/<name>`). */
export function resourceIdOfMetricsResponse(json: unknown): string | undefined {
  if (!isJsonObject(json) || !Array.isArray(json.value)) return undefined;
  const id = json.value.map((metric) => (isJsonObject(metric) ? metric.id : undefined)).find((v) => typeof v === 'string');
  return typeof id === 'string' ? id.replace(/\/providers\/microsoft\.insights\/metrics\/[^/]+$/i, '') : undefined;
}

/** True when `json` looks like an Azure Monitor metrics response (`{ value: [ { name, timeseries } ] }`). */
export function isMetricsResponse(json: unknown): boolean {
  return isJsonObject(json) && Array.isArray(json.value) && json.value.every((m) => isJsonObject(m) && isJsonObject(m.name) && Array.isArray(m.timeseries));
}

/**
 * The maxima of `usedmemorypercentage` and `serverLoad` in an Azure Monitor metrics response.
 * A metric without any data point stays undefined. Throws with `label` on a malformed response.
 */
export function metricsFromResponse(json: unknown, label: string): CacheMetrics {
  if (!isMetricsResponse(json)) {
    throw new MetricsError(label, 'is not an Azure Monitor metrics response ({ "value": [ { "name": …, "timeseries": […] } ] })');
  }
  const peak = (metricName: string): number | undefined => {
    const metric = (json as { value: Record<string, unknown>[] }).value
      .find((m) => String((m.name as Record<string, unknown>).value).toLowerCase() === metricName.toLowerCase());
    if (!metric) return undefined;
    const values = (metric.timeseries as unknown[])
      .flatMap((series) => (isJsonObject(series) && Array.isArray(series.data) ? series.data : []))
      .map((point) => (isJsonObject(point) ? point.maximum : undefined))
      .filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
    return values.length > 0 ? Math.max(...values) : undefined;
  };
  const metrics: CacheMetrics = {};
  const usedMemory = peak(USED_MEMORY_METRIC);
  const serverLoad = peak(SERVER_LOAD_METRIC);
  if (usedMemory !== undefined) metrics.usedMemoryPercentMax = usedMemory;
  if (serverLoad !== undefined) metrics.serverLoadPercentMax = serverLoad;
  return metrics;
}
