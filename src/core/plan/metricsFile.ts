/**
 * The `amr-migrate plan --metrics FILE` format. Either
 * - a map from cache resource id or cache name to peaks:
 *   `{ "<resourceId or name>": { "usedMemoryPercentMax": 82, "serverLoadPercentMax": 40 } }`
 *   (a value may also be a raw Azure Monitor metrics response), or
 * - one raw Azure Monitor metrics response (`az monitor metrics list … --metrics usedmemorypercentage serverLoad
 *   --aggregation Maximum`), matched to its cache by the resource id inside it.
 */
import type { CacheInfo } from '../azure/cacheModel';
import { isJsonObject } from '../azure/armJson';
import { isMetricsResponse, metricsFromResponse, MetricsError, resourceIdOfMetricsResponse } from '../azure/metricsResponse';
import type { CacheMetrics } from './planModel';

export type MetricsLookup = (cache: CacheInfo) => CacheMetrics | undefined;

const FIELDS = ['usedMemoryPercentMax', 'serverLoadPercentMax'] as const;

function simpleMetrics(value: unknown, label: string): CacheMetrics {
  if (!isJsonObject(value)) throw new MetricsError(label, 'must be an object with usedMemoryPercentMax and/or serverLoadPercentMax');
  const unknown = Object.keys(value).filter((key) => !(FIELDS as readonly string[]).includes(key));
  if (unknown.length > 0) throw new MetricsError(label, `has unknown field(s) ${unknown.join(', ')}; expected ${FIELDS.join(', ')}`);
  const metrics: CacheMetrics = {};
  for (const field of FIELDS) {
    const n = value[field];
    if (n === undefined) continue;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > 100) throw new MetricsError(label, `${field} must be a percentage between 0 and 100`);
    metrics[field] = n;
  }
  return metrics;
}

/** Parses a metrics document; `file` names it in errors. Throws MetricsError when the content is malformed. */
export function parseMetricsFile(json: unknown, file: string): MetricsLookup {
  const byKey = new Map<string, CacheMetrics>();
  if (isMetricsResponse(json)) {
    const id = resourceIdOfMetricsResponse(json);
    if (!id) throw new MetricsError(file, 'is an Azure Monitor response without metric ids, so it cannot be matched to a cache; use { "<resourceId>": <response> }');
    byKey.set(id.toLowerCase(), metricsFromResponse(json, file));
  } else if (isJsonObject(json)) {
    for (const [key, value] of Object.entries(json)) {
      const label = `${file}: "${key}"`;
      byKey.set(key.toLowerCase(), isMetricsResponse(value) ? metricsFromResponse(value, label) : simpleMetrics(value, label));
    }
  } else {
    throw new MetricsError(file, 'must be a JSON object keyed by cache resource id or name, or an Azure Monitor metrics response');
  }
  return (cache) => byKey.get(cache.id.toLowerCase()) ?? byKey.get(cache.name.toLowerCase());
}
