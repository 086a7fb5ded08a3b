import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CheckpointError, emptyCounts, parseCheckpoint, readCheckpoint, writeCheckpoint, type CopyCheckpoint } from '../../../src/core/copy/checkpoint';

const dir = mkdtempSync(join(tmpdir(), 'amr-checkpoint-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const sample = (): CopyCheckpoint => ({
  version: 1, source: 'rediss://src:6380 as default', target: 'rediss://dst:10000 (cluster)', keyPrefix: '', overwrite: false,
  nodes: { '10.0.0.1:6379': { cursor: '1234', done: false }, '10.0.0.2:6379': { cursor: '0', done: true } },
  counts: { ...emptyCounts(), copied: 42, bytes: 4200 }, conflictKeys: [Buffer.from([0xff]).toString('base64')], updatedAt: '2026-01-01T00:00:00.000Z',
});

test('a written checkpoint reads back unchanged, owner-only, with no temp file left behind', async () => {
  const file = join(dir, 'a.json');
  await writeCheckpoint(file, sample());
  await writeCheckpoint(file, { ...sample(), counts: { ...sample().counts, copied: 43 } });
  assert.deepEqual(await readCheckpoint(file), { ...sample(), counts: { ...sample().counts, copied: 43 } });
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('a.json')), ['a.json']);
});

test('the checkpoint holds no secret: only the descriptions it is given', async () => {
  const file = join(dir, 'b.json');
  await writeCheckpoint(file, sample());
  assert.doesNotMatch(readFileSync(file, 'utf8'), /password|secret|token/i);
});

test('anything that is not a valid checkpoint is refused with a reason', async () => {
  const bad: Array<[unknown, RegExp]> = [
    [{ ...sample(), version: 2 }, /unknown version 2/],
    [{ ...sample(), nodes: { n: { cursor: 'abc', done: false } } }, /bad cursor for n/],
    [{ ...sample(), counts: { copied: 1 } }, /counts\.copiedByType missing/],
    [{ ...sample(), conflictKeys: undefined }, /conflictKeys missing/],
    [[], /source\/target missing|not an object|unknown version/],
  ];
  for (const [value, message] of bad) {
    assert.throws(() => parseCheckpoint(JSON.stringify(value), 'x.json'), (error: Error) => error instanceof CheckpointError && message.test(error.message));
  }
  assert.throws(() => parseCheckpoint('{', 'x.json'), /not JSON/);
  const file = join(dir, 'torn.json');
  writeFileSync(file, '{"version":1,');
  await assert.rejects(readCheckpoint(file), /not JSON/);
  await assert.rejects(readCheckpoint(join(dir, 'missing.json')), /cannot read checkpoint/);
});
