import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkNotifyFlags, notificationsHowTo } from '../../../src/core/copy/keyspaceEvents';

test('notify-keyspace-events settings: which channel families they publish and which needed classes they lack', () => {
  const cases: Array<[string, { keyspace: boolean; keyevent: boolean; missingClasses: string[] }]> = [
    ['KEA', { keyspace: true, keyevent: true, missingClasses: [] }],
    ['AK', { keyspace: true, keyevent: false, missingClasses: [] }],
    ['Eg$lshzxet', { keyspace: false, keyevent: true, missingClasses: [] }],
    ['', { keyspace: false, keyevent: false, missingClasses: ['K or E'] }],
    ['A', { keyspace: false, keyevent: false, missingClasses: ['K or E'] }],
    ['Kx', { keyspace: true, keyevent: false, missingClasses: ['g', '$', 'l', 's', 'h', 'z', 'e', 't'] }],
    ['KEg$lshz', { keyspace: true, keyevent: true, missingClasses: ['x', 'e', 't'] }],
    ['Exm', { keyspace: false, keyevent: true, missingClasses: ['g', '$', 'l', 's', 'h', 'z', 'e', 't'] }],
  ];
  for (const [flags, expected] of cases) assert.deepEqual(checkNotifyFlags(flags), expected, flags);
});

test('the how-to names the setting, the value to use, where Azure keeps it, and that the copy does not change it', () => {
  const text = notificationsHowTo('Kg', 'it lacks $');
  assert.match(text, /notify-keyspace-events 'Kg'/);
  assert.match(text, /it lacks \$/);
  assert.match(text, /KEA/);
  assert.match(text, /redisConfiguration/);
  assert.match(text, /never changes the source/);
});
