import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../../../src/cli/runCli';
import { captureIo } from '../../helpers/captureIo';

const SECRET = 'Hunter2-Very-Secret';

// A password typed in the wrong place (a stray argument, the value of another option) must not reach the terminal.
const cases: string[][] = [
  ['copy', '--from', 'redis://h:1', '--to', 'redis://h:2', `rediss://:${SECRET}@cache.example.net:6380`],
  ['copy', '--from', 'redis://h:1', '--to', 'redis://h:2', '--verify', `rediss://:${SECRET}@h`],
  ['copy', '--from', 'redis://h:1', '--to', 'redis://h:2', '--format', SECRET],
  ['copy', '--from', 'redis://h:1', '--to', `http://:p@${SECRET}@h`],
  ['copy', '--from', 'redis://h:1', '--to', `redis://:${SECRET}@h:notaport`],
  ['copy', `--from=redis://u:${SECRET}@h:1`, '--to', 'redis://h:2', '--entra=yes'],
  ['inventory', `rediss://:${SECRET}@h`],
  ['inventory', '--format', SECRET],
  ['inventory', '--arm-endpoint', `https://u:${SECRET}@management.example.net`],
  ['inventory', '--cloud', SECRET],
  ['scan', '--format', SECRET],
  ['plan', '--format', SECRET, 'cache.json'],
];

for (const args of cases) {
  test(`a usage error echoes no value: ${args.join(' ').replaceAll(SECRET, 'SECRET')}`, async () => {
    const io = captureIo();
    assert.equal(await runCli(args, io), 2, io.stderr());
    assert.match(io.stderr(), /Usage: amr-migrate/);
    assert.ok(!io.stderr().includes(SECRET) && !io.stdout().includes(SECRET), io.stderr());
    assert.ok(!io.stderr().includes('Hunter2'), io.stderr());
  });
}
