import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Path of the hand-written Azure Monitor response under test/fixtures/metrics (tests run from out/test/...). */
export const METRICS_FIXTURE = join(resolve(__dirname, '..', '..', '..'), 'test', 'fixtures', 'metrics', 'orders-30d-max.json');
export const METRICS_FIXTURE_RESOURCE_ID = '/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Cache/Redis/orders';

export function loadMetricsFixture(): unknown {
  return JSON.parse(readFileSync(METRICS_FIXTURE, 'utf8'));
}
