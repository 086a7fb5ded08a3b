import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../../src/core/scan/applyEdits';

// The edit application `scan --fix` relies on (shared with the rule tests).
const edit = (start: number, end: number, newText: string) => ({ file: '/a', start, end, newText });

test('applies edits given in any order, each at its offset in the original text', () => {
  const text = 'redis://h.redis.cache.windows.net:6380';
  assert.equal(
    applyEdits(text, [edit(34, 38, '10000'), edit(0, 8, 'rediss://')]).text,
    'rediss://h.redis.cache.windows.net:10000',
  );
});

test('offsets are UTF-16 code units, so text after astral characters lands right', () => {
  assert.equal(applyEdits('😀 port=6380', [edit(8, 12, '10000')]).text, '😀 port=10000');
});

test('an overlapping edit is returned as skipped instead of corrupting the text', () => {
  const result = applyEdits('abcdef', [edit(0, 3, 'x'), edit(2, 4, 'y')]);
  assert.equal(result.text, 'xdef');
  assert.deepEqual(result.skipped, [edit(2, 4, 'y')]);
});
