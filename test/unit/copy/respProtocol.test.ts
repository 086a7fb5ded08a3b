import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeCommands, RespParser, RespProtocolError, RespReplyError, type RespReply } from '../../../src/core/copy/respProtocol';
import { seededRandom } from '../../helpers/seededRandom';

const b = (text: string) => Buffer.from(text);

/** Feeds `chunks` to a fresh parser and returns every reply it produced. */
function parse(chunks: Buffer[]): RespReply[] {
  const replies: RespReply[] = [];
  const parser = new RespParser((reply) => replies.push(reply));
  for (const chunk of chunks) parser.feed(chunk);
  return replies;
}

/** Error replies compared by class and text (deepEqual on Error objects would only compare their stacks' absence). */
function plain(reply: RespReply): unknown {
  if (reply instanceof RespReplyError) return { error: reply.message };
  if (Array.isArray(reply)) return reply.map(plain);
  return reply;
}

test('commands are encoded as RESP arrays of bulk strings, byte for byte; UTF-8 and binary arguments keep their bytes', () => {
  const binary = Buffer.from([0xff, 0x00, 0x0d, 0x0a, 0xfe]);
  assert.equal(encodeCommands([['PING']]).toString('latin1'), '*1\r\n$4\r\nPING\r\n');
  assert.deepEqual(encodeCommands([['SET', 'clé', binary], ['GET', '']]), Buffer.concat([
    b('*3\r\n$3\r\nSET\r\n$4\r\n'), b('clé'), b('\r\n$5\r\n'), binary, b('\r\n*2\r\n$3\r\nGET\r\n$0\r\n\r\n'),
  ]));
  const long = 'x'.repeat(12_345);
  assert.equal(encodeCommands([['SET', 'k', long]]).toString(), `*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$12345\r\n${long}\r\n`);
});

/** A stream with every RESP2 reply shape, and what it must parse to. */
const STREAM = Buffer.concat([
  b('+OK\r\n+QUEUED\r\n-BUSYKEY Target key name already exists.\r\n:0\r\n:-2\r\n:1234567890123\r\n'),
  b('$5\r\nhello\r\n$0\r\n\r\n$-1\r\n*-1\r\n*0\r\n'),
  b('$4\r\na\r\nb\r\n'), // a bulk string holding CRLF: read by length, not by line
  b('*3\r\n$1\r\n0\r\n*2\r\n$3\r\nk:1\r\n$-1\r\n*2\r\n:7\r\n-ERR inner\r\n'),
  b('+café\r\n'), // UTF-8 text
]);
const EXPECTED = [
  'OK', 'QUEUED', { error: 'BUSYKEY Target key name already exists.' }, 0, -2, 1234567890123,
  b('hello'), b(''), null, null, [],
  b('a\r\nb'),
  [b('0'), [b('k:1'), null], [7, { error: 'ERR inner' }]],
  'café',
];

test('every RESP2 reply shape: simple, error, integer, bulk (empty, null, with CRLF inside), arrays (empty, null, nested)', () => {
  assert.deepEqual(parse([STREAM]).map(plain), EXPECTED);
  const [, , error] = parse([STREAM]);
  assert.ok(error instanceof RespReplyError && error instanceof Error, 'an error reply is a value of its own class');
});

test('the same replies however the stream is split: at every byte boundary, and one byte at a time', () => {
  for (let cut = 1; cut < STREAM.length; cut++) {
    assert.deepEqual(parse([STREAM.subarray(0, cut), STREAM.subarray(cut)]).map(plain), EXPECTED, `split at byte ${cut}`);
  }
  const bytes = Array.from({ length: STREAM.length }, (_, i) => STREAM.subarray(i, i + 1));
  assert.deepEqual(parse(bytes).map(plain), EXPECTED);
});

test('replies are delivered as soon as they are complete, not when the chunk ends', () => {
  const seen: RespReply[] = [];
  const parser = new RespParser((reply) => seen.push(reply));
  parser.feed(b('+OK\r\n:1\r\n$5\r\nhel'));
  assert.deepEqual(seen, ['OK', 1]);
  parser.feed(b('lo\r\n'));
  assert.deepEqual(seen, ['OK', 1, b('hello')]);
});

test('a big bulk string (a 3 MB DUMP payload) arrives intact from random chunk sizes, inside an array and alone', () => {
  const random = seededRandom(7);
  const payload = Buffer.from(Array.from({ length: 3 * 1024 * 1024 }, () => Math.floor(random() * 256)));
  const stream = Buffer.concat([b(`*2\r\n:1\r\n$${payload.length}\r\n`), payload, b(`\r\n$${payload.length}\r\n`), payload, b('\r\n+OK\r\n')]);
  const chunks: Buffer[] = [];
  for (let at = 0; at < stream.length;) {
    const size = 1 + Math.floor(random() * 70_000);
    chunks.push(stream.subarray(at, at + size));
    at += size;
  }
  const replies = parse(chunks);
  assert.equal(replies.length, 3);
  const [array, alone, ok] = replies as [[number, Buffer], Buffer, string];
  assert.equal(array[0], 1);
  assert.ok(array[1].equals(payload), 'payload inside an array');
  assert.ok(alone.equals(payload), 'payload alone');
  assert.equal(ok, 'OK');
});

test('a long array (an LRANGE slice of 2,000 × 1 KB values) read from 512-byte chunks: every element, in order', () => {
  const values = Array.from({ length: 2000 }, (_, i) => Buffer.alloc(1024, i % 251));
  const stream = Buffer.concat([b(`*${values.length}\r\n`), ...values.flatMap((value) => [b(`$${value.length}\r\n`), value, b('\r\n')]), b(':5\r\n')]);
  const chunks = [];
  for (let at = 0; at < stream.length; at += 512) chunks.push(stream.subarray(at, at + 512));
  const replies = parse(chunks);
  assert.equal(replies.length, 2);
  assert.deepEqual(replies[0], values);
  assert.equal(replies[1], 5);
});

test('what the encoder writes, the parser reads back (generated binary commands)', () => {
  const random = seededRandom(42);
  const commands = Array.from({ length: 300 }, () => Array.from({ length: 1 + Math.floor(random() * 5) }, () =>
    Buffer.from(Array.from({ length: Math.floor(random() * (random() < 0.1 ? 5000 : 20)) }, () => Math.floor(random() * 256)))));
  const encoded = encodeCommands(commands);
  const chunks = [];
  for (let at = 0; at < encoded.length; at += 977) chunks.push(encoded.subarray(at, at + 977));
  assert.deepEqual(parse(chunks), commands);
});

test('bytes that are not RESP2 are refused with a protocol error, not misread', () => {
  assert.throws(() => parse([b('%1\r\n+a\r\n+b\r\n')]), RespProtocolError, 'a RESP3 map');
  assert.throws(() => parse([b(':12x\r\n')]), /bad number '12x'/);
  assert.throws(() => parse([b('$\r\n')]), /empty number/);
});

test('a bulk string whose declared length is not followed by CRLF is refused, however the bytes are split', () => {
  const corrupt = b('$3\r\nabcXY\r\n');
  assert.throws(() => parse([corrupt]), /bulk string of 3 bytes is not followed by CRLF/);
  for (let cut = 1; cut < corrupt.length; cut++) {
    assert.throws(() => parse([corrupt.subarray(0, cut), corrupt.subarray(cut)]), RespProtocolError, `split at ${cut}`);
  }
  assert.throws(() => parse([b('*2\r\n$1\r\nab\r\n$1\r\nc\r\n')]), RespProtocolError, 'inside an array');
});
