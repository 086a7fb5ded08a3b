import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMetricsFile } from '../../../src/core/plan/metricsFile';
import { loadMetricsFixture, METRICS_FIXTURE_RESOURCE_ID } from '../../helpers/metricsFixture';
import { acrCache } from './sampleCaches';

test('simple form: keyed by resource id or by cache name, case-insensitively', () => {
  const lookup = parseMetricsFile({
    [METRICS_FIXTURE_RESOURCE_ID.toUpperCase()]: { usedMemoryPercentMax: 80, serverLoadPercentMax: 20 },
    billing: { serverLoadPercentMax: 70 },
  }, 'm.json');
  assert.deepEqual(lookup(acrCache({ name: 'orders' })), { usedMemoryPercentMax: 80, serverLoadPercentMax: 20 });
  assert.deepEqual(lookup(acrCache({ name: 'billing' })), { serverLoadPercentMax: 70 });
  assert.equal(lookup(acrCache({ name: 'other' })), undefined);
});

test('a raw Azure Monitor response is matched by the resource id inside it', () => {
  const lookup = parseMetricsFile(loadMetricsFixture(), 'm.json');
  assert.deepEqual(lookup(acrCache({ name: 'orders' })), { usedMemoryPercentMax: 82.4, serverLoadPercentMax: 47.25 });
});

test('a raw response may also be the value of a key', () => {
  const lookup = parseMetricsFile({ orders: loadMetricsFixture() }, 'm.json');
  assert.equal(lookup(acrCache({ name: 'orders' }))?.serverLoadPercentMax, 47.25);
});

test('malformed content is an error that names the file and key', () => {
  assert.throws(() => parseMetricsFile([], 'm.json'), /^MetricsError: m\.json: must be a JSON object/);
  assert.throws(() => parseMetricsFile({ orders: { usedMemoryPercentMax: 120 } }, 'm.json'), /m\.json: "orders": usedMemoryPercentMax must be a percentage between 0 and 100/);
  assert.throws(() => parseMetricsFile({ orders: { usedMemory: 50 } }, 'm.json'), /unknown field\(s\) usedMemory/);
  assert.throws(() => parseMetricsFile({ orders: 50 }, 'm.json'), /"orders": must be an object/);
});
