import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runCli } from '../../../src/cli/runCli';
import { captureIo } from '../../helpers/captureIo';

test('no command prints usage and exits 2', async () => {
  const io = captureIo();
  assert.equal(await runCli([], io), 2);
  assert.match(io.stdout(), /Usage: amr-migrate <command>/);
});

test('an unknown command is a usage error that names it', async () => {
  const io = captureIo();
  assert.equal(await runCli(['frobnicate'], io), 2);
  assert.match(io.stderr(), /unknown command 'frobnicate'/);
});

test('--version prints the package version', async () => {
  const io = captureIo();
  assert.equal(await runCli(['--version'], io), 0);
  assert.equal(io.stdout().trim(), JSON.parse(readFileSync('package.json', 'utf8')).version);
});
