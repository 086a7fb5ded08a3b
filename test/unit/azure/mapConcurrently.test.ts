import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { mapConcurrently } from '../../../src/core/azure/mapConcurrently';

describe('mapConcurrently', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const result = await mapConcurrently([5, 1, 4, 2, 3, 0], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await sleep(n);
      running--;
      return n * 10;
    });
    assert.deepEqual(result, [50, 10, 40, 20, 30, 0]);
    assert.equal(peak, 2);
  });

  it('starts nothing new once aborted', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    await assert.rejects(
      mapConcurrently([1, 2, 3, 4], 1, async (n) => {
        started.push(n);
        if (n === 2) controller.abort();
      }, controller.signal),
      { name: 'AbortError' },
    );
    assert.deepEqual(started, [1, 2]);
  });

  it('rejects a limit that is not a positive integer', async () => {
    await assert.rejects(mapConcurrently([1], 0, async () => 1), RangeError);
  });
});
