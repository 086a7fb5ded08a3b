import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readOnly, ReadOnlyViolation, type RedisArg } from '../../../src/core/copy/connect';
import { writeCommands } from '../../../src/core/copy/values';

test('the source wrapper lets read commands through and stops every write before it is sent', async () => {
  const sent: RedisArg[][] = [];
  const batches: RedisArg[][][] = [];
  const source = readOnly({
    label: 'src',
    send: async (args) => (sent.push(args), 'ok'),
    sendBatch: async (commands) => (batches.push(commands), commands.map(() => 'OK')),
  });
  for (const args of [['SCAN', '0', 'COUNT', '10'], ['DUMP', 'k'], ['pttl', 'k'], ['MEMORY', 'USAGE', 'k'], ['HSCAN', 'h', '0'], ['XINFO', 'GROUPS', 's']]) {
    assert.equal(await source.send(args), 'ok');
  }
  const writes = [['SET', 'k', 'v'], ['DEL', 'k'], ['FLUSHALL'], ['RESTORE', 'k', '0', 'x'], ['MEMORY', 'PURGE'], ['EVAL', 'return 1', '0'],
    ['CONFIG', 'SET', 'x', 'y'], ['XGROUP', 'CREATE', 's', 'g', '$']];
  for (const args of writes) await assert.rejects(source.send(args), ReadOnlyViolation, args.join(' '));
  assert.equal(sent.length, 6, 'no refused command reached the connection');

  assert.deepEqual(await source.sendBatch([['PTTL', 'k'], ['DUMP', 'k'], ['MEMORY', 'USAGE', 'k']]), ['OK', 'OK', 'OK']);
  for (const args of writes) {
    // One write anywhere in a batch stops the whole batch: nothing of it is sent.
    await assert.rejects(source.sendBatch([['PTTL', 'k'], args, ['DUMP', 'k']]), ReadOnlyViolation, args.join(' '));
  }
  assert.equal(batches.length, 1, 'no batch holding a write reached the pipeline');
});

test('a stream slice becomes one XADD per entry with its original id', () => {
  const b = (s: string) => Buffer.from(s);
  const commands = writeCommands('stream', b('s'), [b('1-0'), b('2'), b('f'), b('v'), b('2-5'), b('4'), b('a'), b('1'), b('b'), b('2')]);
  assert.deepEqual(commands.map((c) => c.map(String)), [['XADD', 's', '1-0', 'f', 'v'], ['XADD', 's', '2-5', 'a', '1', 'b', '2']]);
  assert.deepEqual(writeCommands('hash', b('h'), [b('f'), b('v')]).map((c) => c.map(String)), [['HSET', 'h', 'f', 'v']]);
});
