import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Fix } from '../../../src/core/findings';
import { nonOverlappingFixes } from '../../../src/core/fix/nonOverlapping';

function fix(title: string, ...edits: [file: string, start: number, end: number][]): Fix {
  return { title, preferred: true, edits: edits.map(([file, start, end]) => ({ file, start, end, newText: title })) };
}

test('keeps fixes whose edits are disjoint, including ones that only touch', () => {
  const fixes = [fix('a', ['f', 0, 5]), fix('b', ['f', 5, 9]), fix('c', ['g', 0, 5])];
  assert.deepEqual(nonOverlappingFixes(fixes).map((f) => f.title), ['a', 'b', 'c']);
});

test('drops a whole fix when any of its edits overlaps a kept one', () => {
  const fixes = [fix('a', ['f', 10, 20]), fix('b', ['f', 0, 2], ['f', 15, 16]), fix('c', ['f', 0, 2])];
  assert.deepEqual(nonOverlappingFixes(fixes).map((f) => f.title), ['a', 'c']);
});

test('two insertions at the same offset conflict; an insertion at a replacement boundary does not', () => {
  const fixes = [fix('a', ['f', 4, 4]), fix('b', ['f', 4, 4]), fix('c', ['f', 0, 4]), fix('d', ['f', 2, 3])];
  assert.deepEqual(nonOverlappingFixes(fixes).map((f) => f.title), ['a', 'c']);
});
