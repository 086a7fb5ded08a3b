import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readStreamState, streamStateCommands } from '../../../src/core/copy/streamState';

const b = (s: string) => Buffer.from(s);
const text = (commands: Array<Array<string | Buffer>>) => commands.map((command) => command.map(String).join(' '));

test('XINFO replies (RESP2 pairs, bulk strings as Buffers) become the stream state; unknown entries-read stays unknown', async () => {
  const replies: Record<string, unknown> = {
    'XINFO STREAM': [b('length'), 3, b('last-generated-id'), b('4-0'), b('max-deleted-entry-id'), b('4-0'), b('entries-added'), 4, b('groups'), 2],
    'XINFO GROUPS': [
      [b('name'), b('g1'), b('consumers'), 1, b('pending'), 2, b('last-delivered-id'), b('2-0'), b('entries-read'), null, b('lag'), null],
      [b('name'), b('g2'), b('consumers'), 0, b('pending'), 0, b('last-delivered-id'), b('3-0'), b('entries-read'), 3, b('lag'), 0],
    ],
  };
  const state = await readStreamState({ label: 'src', send: async (args) => replies[`${String(args[0])} ${String(args[1])}`] }, 's');
  assert.deepEqual(state, {
    lastGeneratedId: b('4-0'), entriesAdded: 4, maxDeletedId: b('4-0'),
    groups: [
      { name: b('g1'), lastDeliveredId: b('2-0'), entriesRead: undefined, consumers: 1, pending: 2 },
      { name: b('g2'), lastDeliveredId: b('3-0'), entriesRead: 3, consumers: 0, pending: 0 },
    ],
  });
});

test('a stream that is gone reads as undefined; other errors pass through', async () => {
  const gone = await readStreamState({ label: 'src', send: async () => Promise.reject(new Error('ERR no such key')) }, 's');
  assert.equal(gone, undefined);
  await assert.rejects(readStreamState({ label: 'src', send: async () => Promise.reject(new Error('NOPERM xinfo')) }, 's'), /NOPERM/);
});

test('counters are set after the entries and each group is created at its last-delivered ID', () => {
  const commands = streamStateCommands('k', {
    lastGeneratedId: b('4-0'), entriesAdded: 4, maxDeletedId: b('4-0'),
    groups: [
      { name: b('g1'), lastDeliveredId: b('2-0'), entriesRead: undefined, consumers: 1, pending: 2 },
      { name: b('g2'), lastDeliveredId: b('3-0'), entriesRead: 3, consumers: 0, pending: 0 },
    ],
  }, false, 'tmp');
  assert.deepEqual(text(commands), [
    'XSETID k 4-0 ENTRIESADDED 4 MAXDELETEDID 4-0',
    'XGROUP CREATE k g1 2-0',
    'XGROUP CREATE k g2 3-0 ENTRIESREAD 3',
  ]);
});

test('an empty stream is created through a throwaway group; a Redis 6 source gives only the last ID', () => {
  const commands = streamStateCommands('k', { lastGeneratedId: b('9-1'), entriesAdded: undefined, maxDeletedId: undefined, groups: [] }, true, 'tmp');
  assert.deepEqual(text(commands), ['XGROUP CREATE k tmp $ MKSTREAM', 'XGROUP DESTROY k tmp', 'XSETID k 9-1']);
});
