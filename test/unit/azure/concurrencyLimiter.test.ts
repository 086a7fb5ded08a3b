import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { ConcurrencyLimiter } from '../../../src/core/azure/concurrencyLimiter';

describe('ConcurrencyLimiter', () => {
  it('never runs more than the limit at once, even when tasks nest their callers', async () => {
    const limiter = new ConcurrencyLimiter(3);
    let running = 0;
    let peak = 0;
    const task = async (ms: number) => {
      running++;
      peak = Math.max(peak, running);
      await sleep(ms);
      running--;
      return ms;
    };
    const results = await Promise.all([5, 1, 4, 2, 3, 0, 2, 1].map((ms) => limiter.run(() => task(ms))));
    assert.deepEqual(results, [5, 1, 4, 2, 3, 0, 2, 1]);
    assert.equal(peak, 3);
  });

  it('frees the slot when a task fails', async () => {
    const limiter = new ConcurrencyLimiter(1);
    await assert.rejects(limiter.run(async () => Promise.reject(new Error('boom'))), /boom/);
    assert.equal(await limiter.run(async () => 'next'), 'next');
  });

  it('drops waiting tasks when their signal aborts, without starting them', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const controller = new AbortController();
    const started: string[] = [];
    const first = limiter.run(async () => {
      started.push('first');
      await sleep(20);
    }, controller.signal);
    const second = limiter.run(async () => {
      started.push('second');
    }, controller.signal);
    const secondRejected = assert.rejects(second, { name: 'AbortError' });
    controller.abort();
    await secondRejected;
    await first;
    assert.deepEqual(started, ['first']);
    assert.equal(await limiter.run(async () => 'free again'), 'free again');
  });

  it('rejects a limit that is not a positive integer', () => {
    assert.throws(() => new ConcurrencyLimiter(0), RangeError);
    assert.throws(() => new ConcurrencyLimiter(1.5), RangeError);
  });
});
