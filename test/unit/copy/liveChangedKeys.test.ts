import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChangedKeys } from '../../../src/core/copy/changedKeys';
import { seededRandom } from '../../helpers/seededRandom';

const ROOM = 1_000_000;

function add(changed: ChangedKeys, key: Buffer | string, at = 0, room = ROOM): boolean {
  // Inside a bigger buffer, as a key arrives inside a socket chunk.
  const bytes = Buffer.concat([Buffer.from('__keyspace@0__:'), Buffer.from(key), Buffer.from('\r\n')]);
  return changed.add(bytes, 15, bytes.length - 2, at, room);
}

const texts = (keys: Buffer[] | undefined) => (keys ?? []).map((key) => key.toString('latin1'));

test('a burst on one key is one copy; keys come out oldest first with when the oldest was notified', () => {
  const changed = new ChangedKeys();
  add(changed, 'a', 10);
  add(changed, 'b', 11);
  add(changed, 'a', 12);
  add(changed, 'c', 13);
  assert.equal(changed.waiting, 3);
  assert.equal(changed.oldestAt(), 10);
  const batch = changed.take(2)!;
  assert.deepEqual(texts(batch.keys), ['a', 'b']);
  assert.equal(batch.oldestAt, 10);
  assert.equal(changed.oldestAt(), 13);
  assert.deepEqual([changed.waiting, changed.inFlight], [1, 2]);
});

test('a key notified while it is copied is not taken again until that copy is done, then waits once more', () => {
  const changed = new ChangedKeys();
  add(changed, 'hot', 1);
  const first = changed.take(10)!;
  add(changed, 'hot', 5);
  add(changed, 'hot', 6);
  assert.equal(changed.take(10), undefined, 'not copied twice at once');
  assert.deepEqual([changed.waiting, changed.inFlight], [1, 1]);
  changed.finish(first.keys);
  const again = changed.take(10)!;
  assert.deepEqual(texts(again.keys), ['hot']);
  assert.equal(again.oldestAt, 5, 'notified at 5, while the first copy ran');
  changed.finish(again.keys);
  assert.deepEqual([changed.waiting, changed.inFlight, changed.take(10)], [0, 0, undefined]);
});

test('binary key names are held as their bytes: non-UTF-8 keys stay distinct and come out unchanged', () => {
  const changed = new ChangedKeys();
  const keys = [Buffer.from([0xff, 0xfe, 0x00, 0x41]), Buffer.from([0xff, 0xfd, 0x00, 0x41]), Buffer.from('é', 'utf8'), Buffer.from([0xe9])];
  for (const key of keys) add(changed, key);
  for (const key of keys) add(changed, key);
  assert.equal(changed.waiting, 4, 'U+FFFD would have merged the first two; latin1 é and UTF-8 é differ');
  assert.deepEqual(changed.take(10)!.keys.map((key) => key.toString('hex')), keys.map((key) => key.toString('hex')));
});

test('no room: a new key is refused and not held; one already waiting is still coalesced', () => {
  const changed = new ChangedKeys();
  assert.equal(add(changed, 'a', 0, 1), true);
  assert.equal(add(changed, 'b', 0, 0), false);
  assert.equal(add(changed, 'a', 0, 0), true);
  assert.equal(changed.waiting, 1);
});

test('re-scan claims: a waiting key is copied by the re-scan instead, one in flight is copied once more after it', () => {
  const changed = new ChangedKeys();
  add(changed, 'waiting');
  add(changed, 'flying');
  const flying = changed.take(1)!; // 'waiting' was first
  assert.deepEqual(texts(flying.keys), ['waiting']);
  assert.equal(changed.claim(Buffer.from('waiting'), 3), false, 'in flight: copied once more after');
  assert.equal(changed.claim(Buffer.from('flying'), 3), true, 'waiting: the re-scan copies it');
  assert.equal(changed.claim(Buffer.from('unseen'), 3), true);
  assert.equal(changed.take(10), undefined);
  changed.finish([Buffer.from('flying'), Buffer.from('unseen')]);
  changed.finish(flying.keys);
  assert.deepEqual(texts(changed.take(10)!.keys), ['waiting']);
});

test('clear lets every waiting key go; keys in flight finish as usual and are not copied again', () => {
  const changed = new ChangedKeys();
  for (const key of ['a', 'b', 'c']) add(changed, key);
  const flying = changed.take(1)!;
  add(changed, 'a');
  changed.clear();
  assert.deepEqual([changed.waiting, changed.inFlight, changed.take(10)], [0, 1, undefined]);
  changed.finish(flying.keys);
  assert.deepEqual([changed.waiting, changed.inFlight, changed.take(10)], [0, 0, undefined]);
});

test('against a Map, with growth, compaction and hash-table deletions: the same keys, in the same order, each once', () => {
  const random = seededRandom(18);
  const changed = new ChangedKeys();
  /** The model: waiting keys in first-notified order; keys in flight, with when first notified again meanwhile. */
  const waiting = new Map<string, number>();
  const flying = new Map<string, number | undefined>();
  const batches: Buffer[][] = [];
  let time = 0;
  for (let step = 0; step < 60_000; step++) {
    const roll = random();
    if (roll < 0.7) {
      // Few distinct short keys (many repeats) and many long ones (growth of the bytes and the table).
      const key = random() < 0.5 ? `k${Math.floor(random() * 300)}` : `long:${'x'.repeat(Math.floor(random() * 90))}:${Math.floor(random() * 20_000)}`;
      add(changed, key, ++time);
      if (flying.has(key)) flying.set(key, flying.get(key) ?? time);
      else if (!waiting.has(key)) waiting.set(key, time);
    } else if (roll < 0.85) {
      const max = 1 + Math.floor(random() * 50);
      const taken = changed.take(max);
      const expected = [...waiting.keys()].slice(0, max);
      assert.deepEqual(texts(taken?.keys), expected, `step ${step}`);
      if (taken) assert.equal(taken.oldestAt, waiting.get(expected[0]!));
      for (const key of expected) {
        waiting.delete(key);
        flying.set(key, undefined);
      }
      if (taken) batches.push(taken.keys);
    } else if (batches.length > 0) {
      const keys = batches.splice(Math.floor(random() * batches.length), 1)[0]!;
      const names = texts(keys);
      changed.finish(keys);
      for (const key of names) {
        const again = flying.get(key);
        if (again !== undefined) waiting.set(key, again);
        flying.delete(key);
      }
    }
    const changedAgain = [...flying.values()].filter((again) => again !== undefined).length;
    assert.equal(changed.waiting, waiting.size + changedAgain, `waiting at step ${step}`);
    assert.equal(changed.inFlight, flying.size, `in flight at step ${step}`);
  }
});
