import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crc16, hashTag, keySlot, sameSlotTempKey } from '../../../src/core/copy/keySlot';

test('CRC16 matches the Redis Cluster specification check value', () => {
  assert.equal(crc16(Buffer.from('123456789')), 0x31c3);
});

test('key slots match what Redis reports (CLUSTER KEYSLOT)', () => {
  // Values from `CLUSTER KEYSLOT` on redis 7.0.
  assert.equal(keySlot('foo'), 12182);
  assert.equal(keySlot('bar'), 5061);
  assert.equal(keySlot('k:0'), 14231);
  assert.equal(keySlot('a}b'), 7866);
  assert.equal(keySlot('{}'), 15257);
  assert.equal(keySlot(''), 0);
});

test('hash tags: the first non-empty {…} is hashed, as in the cluster spec', () => {
  assert.equal(keySlot('{user1000}.following'), keySlot('{user1000}.followers'));
  assert.equal(keySlot('{user1000}.following'), keySlot('user1000'));
  assert.equal(hashTag(Buffer.from('foo{}{bar}')).toString(), 'foo{}{bar}', 'empty first tag: whole key');
  assert.equal(hashTag(Buffer.from('foo{{bar}}zap')).toString(), '{bar');
  assert.equal(hashTag(Buffer.from('foo{bar}{zap}')).toString(), 'bar');
  assert.equal(hashTag(Buffer.from('no}tag{')).toString(), 'no}tag{');
});

test('a scratch key lands in the same slot as its key, for plain, tagged and binary keys', () => {
  for (const key of ['plain', 'user:{42}:cart', '\u00ff\u0000bin', '{x}']) {
    const buffer = Buffer.from(key, 'latin1');
    const scratch = sameSlotTempKey(buffer, 'r1');
    assert.ok(scratch, `a scratch key for ${JSON.stringify(key)}`);
    assert.equal(keySlot(scratch), keySlot(buffer), JSON.stringify(key));
    assert.ok(!scratch.equals(buffer));
    assert.ok(scratch.includes('amr-migrate-partial:r1'));
  }
});

test('no scratch key when no candidate name hashes alike (the copy then writes in place)', () => {
  // "{}" hashes whole; "{}:…" hashes whole too but differently, and "{{}}:…" hashes "{".
  assert.equal(sameSlotTempKey(Buffer.from('{}'), 'r1'), undefined);
  // A "}" without a tag: no tag can stand for the whole key.
  assert.equal(sameSlotTempKey(Buffer.from('a}b'), 'r1'), undefined);
  assert.equal(sameSlotTempKey(Buffer.alloc(0), 'r1'), undefined);
});
