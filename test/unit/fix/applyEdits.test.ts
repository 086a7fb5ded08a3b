import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../../src/core/fix/applyEdits';

const edit = (start: number, end: number, newText: string) => ({ file: '/a', start, end, newText });

test('applies edits in any given order from the end so offsets stay valid', () => {
  const text = 'redis://h.redis.cache.windows.net:6380';
  assert.equal(
    applyEdits(text, [edit(0, 8, 'rediss://'), edit(34, 38, '10000')]),
    'rediss://h.redis.cache.windows.net:10000',
  );
});

test('offsets are UTF-16 code units, so text after astral characters lands right', () => {
  assert.equal(applyEdits('😀 port=6380', [edit(8, 12, '10000')]), '😀 port=10000');
});

test('refuses overlapping or out-of-range edits rather than corrupting the text', () => {
  assert.throws(() => applyEdits('abcdef', [edit(0, 3, 'x'), edit(2, 4, 'y')]), RangeError);
  assert.throws(() => applyEdits('abc', [edit(2, 9, 'x')]), RangeError);
});
