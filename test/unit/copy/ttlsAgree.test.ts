import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ttlsAgree, type KeyState } from '../../../src/core/copy/verify';

const at = (pttl: number, sentAt = 1_000, answeredAt = sentAt): KeyState => ({ type: 'string', pttl, sentAt, answeredAt, dump: null });

test('a key that ran out between TYPE and PTTL matches a copy about to run out, not one with time left', () => {
  assert.equal(ttlsAgree(at(-2), at(3), 1000), true);
  assert.equal(ttlsAgree(at(3), at(-2), 1000), true);
  assert.equal(ttlsAgree(at(-2), at(-2), 1000), true);
  assert.equal(ttlsAgree(at(-2), at(5_000), 1000), false);
  assert.equal(ttlsAgree(at(-2), at(-1), 1000), false);
});

test('expiry windows within the tolerance agree; a lost TTL or a drift beyond it does not', () => {
  assert.equal(ttlsAgree(at(60_000), at(59_500, 1_200), 1000), true);
  assert.equal(ttlsAgree(at(60_000), at(57_000), 1000), false);
  assert.equal(ttlsAgree(at(60_000), at(-1), 1000), false);
  assert.equal(ttlsAgree(at(-1), at(-1), 1000), true);
  assert.equal(ttlsAgree(at(-1), at(60_000), 1000), false);
});
