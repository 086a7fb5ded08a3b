import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wireKey } from '../../../src/core/copy/connect';

test('a key that is valid UTF-8 goes as text that encodes back to exactly its bytes', () => {
  for (const text of ['k:1', '', '{user1}:ключ', 'emoji:🚀', 'bom:\ufeffx', 'replacement-char:\ufffd', 'nul:\0:crlf:\r\n']) {
    const key = Buffer.from(text, 'utf8');
    const wire = wireKey(key);
    assert.equal(typeof wire, 'string', JSON.stringify(text));
    assert.ok(Buffer.from(wire as string, 'utf8').equals(key), JSON.stringify(text));
  }
});

test('a key that is not valid UTF-8 stays the same Buffer: text would change its bytes', () => {
  const invalid = [
    [0xff, 0x00, 0xfe], // never valid in UTF-8
    [0x6b, 0xc3], // truncated two-byte sequence
    [0xc0, 0xaf], // overlong '/'
    [0xed, 0xa0, 0x80], // an encoded lone surrogate (CESU-8)
  ];
  for (const bytes of invalid) {
    const key = Buffer.from(bytes);
    assert.equal(wireKey(key), key, key.toString('hex'));
  }
});
