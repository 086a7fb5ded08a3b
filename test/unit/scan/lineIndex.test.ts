import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../../src/core/scan/lineIndex';

test('line and column of offsets with LF, CRLF, lone CR and mixed line ends', () => {
  const cases: Array<[string, number, [number, number]]> = [
    ['', 0, [1, 1]],
    ['ab\ncd', 1, [1, 2]],
    ['ab\ncd', 3, [2, 1]],
    ['ab\ncd\n', 6, [3, 1]],
    ['ab\r\ncd', 2, [1, 3]],
    ['ab\r\ncd', 3, [1, 4]],
    ['ab\r\ncd', 4, [2, 1]],
    ['ab\rcd', 3, [2, 1]],
    ['a\r\rb', 3, [3, 1]],
    ['a\n\r\nb\rc\nd', 5, [3, 2]],
    ['a\n\r\nb\rc\nd', 6, [4, 1]],
    ['a\n\r\nb\rc\nd', 9, [5, 2]],
  ];
  for (const [text, offset, [line, column]] of cases) {
    assert.deepEqual(new LineIndex(text).position(offset), { line, column }, `${JSON.stringify(text)} @${offset}`);
  }
});

test('every offset of a long text maps to the line and column counted character by character', () => {
  const text = Array.from({ length: 400 }, (_, i) => `line ${i}${['\n', '\r\n', '\r'][i % 3]}`).join('');
  const index = new LineIndex(text);
  let line = 1;
  let column = 1;
  for (let offset = 0; offset <= text.length; offset++) {
    assert.deepEqual(index.position(offset), { line, column }, `offset ${offset}`);
    const ch = text[offset];
    if (ch === '\n' || (ch === '\r' && text[offset + 1] !== '\n')) {
      line++;
      column = 1;
    } else column++;
  }
});
