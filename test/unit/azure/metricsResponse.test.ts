import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metricsFromResponse, MetricsError, resourceIdOfMetricsResponse } from '../../../src/core/azure/metricsResponse';
import { loadMetricsFixture, METRICS_FIXTURE_RESOURCE_ID } from '../../helpers/metricsFixture';

test('the peaks of used memory and server load, skipping hours without data', () => {
  assert.deepEqual(metricsFromResponse(loadMetricsFixture(), 'orders'), { usedMemoryPercentMax: 82.4, serverLoadPercentMax: 47.25 });
});

test('the resource id comes from the metric ids', () => {
  assert.equal(resourceIdOfMetricsResponse(loadMetricsFixture()), METRICS_FIXTURE_RESOURCE_ID);
});

test('a metric with no data point stays unknown; names match case-insensitively', () => {
  const response = {
    value: [
      { name: { value: 'UsedMemoryPercentage' }, timeseries: [{ data: [{ timeStamp: 't', maximum: 12 }] }] },
      { name: { value: 'serverLoad' }, timeseries: [{ data: [{ timeStamp: 't' }] }] },
    ],
  };
  assert.deepEqual(metricsFromResponse(response, 'x'), { usedMemoryPercentMax: 12 });
});

test('a body that is not a metrics response is an error naming its source', () => {
  assert.throws(() => metricsFromResponse({ error: { code: 'x' } }, 'metrics.json'), (error: unknown) =>
    error instanceof MetricsError && /^metrics\.json: is not an Azure Monitor metrics response/.test(error.message));
});
