import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eta, formatDuration, ProgressMeter } from '../../../src/core/copy/progress';

test('ETA is what is left at the current rate, unknown without a rate or a total', () => {
  assert.equal(eta(250, 1000, 50), 15);
  assert.equal(eta(1000, 1000, 50), 0);
  assert.equal(eta(1100, 1000, 50), 0, 'keys added during the copy never give a negative ETA');
  assert.equal(eta(10, undefined, 50), undefined);
  assert.equal(eta(10, 1000, 0), undefined);
});

test('the meter measures the rate of this run only, so a resumed copy does not look fast', () => {
  let now = 1_000;
  const meter = new ProgressMeter(() => now, 600);
  now += 2_000;
  const p = meter.snapshot('copy', 800, 1000, 123);
  assert.equal(p.keysPerSecond, 100);
  assert.equal(p.etaSeconds, 2);
  assert.equal(p.elapsedMs, 2000);
  assert.equal(p.bytes, 123);
  assert.equal(new ProgressMeter(() => now).snapshot('verify', 0, 10, 0).etaSeconds, undefined);
});

test('durations read naturally', () => {
  assert.equal(formatDuration(42.4), '42s');
  assert.equal(formatDuration(185), '3m05s');
  assert.equal(formatDuration(3720), '1h02m');
});
