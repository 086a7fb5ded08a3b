import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UNKNOWN_CHAR } from '../../../src/core/evidence/evidence';
import { hashedPart, slotOf } from '../../../src/core/evidence/hashSlot';

const unknown = (symbol: string) => `${UNKNOWN_CHAR}${symbol}${UNKNOWN_CHAR}`;

test('slots match Redis CLUSTER KEYSLOT (documented examples)', () => {
  assert.equal(slotOf('somekey'), 11058);
  assert.equal(slotOf('foo{hash_tag}'), 2515);
  assert.equal(slotOf('123456789'), 0x31c3 % 16384);
});

test('only the first non-empty {…} is hashed', () => {
  assert.equal(hashedPart('{user1000}.following'), 'user1000');
  assert.equal(hashedPart('foo{}{bar}'), 'foo{}{bar}');
  assert.equal(hashedPart('foo{{bar}}'), '{bar');
  assert.equal(hashedPart('foo{bar}{zap}'), 'bar');
  assert.equal(slotOf('{user1000}.following'), slotOf('{user1000}.followers'));
});

test('unknown parts stay symbolic; one before the first brace makes the slot unknowable', () => {
  assert.equal(slotOf(`{cart:${unknown('userId')}}:items`), `cart:${unknown('userId')}`);
  assert.equal(slotOf(`{cart:${unknown('userId')}}:items`), slotOf(`{cart:${unknown('userId')}}:total`));
  assert.equal(slotOf(`${unknown('prefix')}{tag}`), undefined);
  assert.equal(slotOf(`{tag}${unknown('id')}`), slotOf('{tag}'));
});
