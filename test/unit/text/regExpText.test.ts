import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapedText } from '../../../src/core/regExpText';

test('escapedText: a pattern made from it matches the text literally and nothing else', () => {
  for (const text of ['github.com/redis/go-redis/v9', 'a+b*c?', '^(x|y)$', '[1]{2}\\d', 'Microsoft.Azure.StackExchangeRedis']) {
    const pattern = new RegExp(`^${escapedText(text)}$`);
    assert.ok(pattern.test(text), text);
    assert.ok(!pattern.test(`${text}x`), text);
  }
  assert.ok(!new RegExp(`^${escapedText('a.c')}$`).test('abc'), 'a dot is not any character');
});
