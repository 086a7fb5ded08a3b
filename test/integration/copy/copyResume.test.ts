import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readCheckpoint } from '../../../src/core/copy/checkpoint';
import { copyData, CopyError, type CopyOptions } from '../../../src/core/copy/copyEngine';
import { parseRedisUrl } from '../../../src/core/copy/endpoint';
import { RedisTestEnv, type RedisServer } from '../../helpers/redisServers';
import { assertVerified, connectServer, keyCount, seedServer } from './dataset';

describe('a stopped copy resumes from its checkpoint', () => {
  const env = new RedisTestEnv();
  let source: RedisServer;
  let total = 0;
  // Small batches and little patience: many checkpoints, and a dead target fails the copy within a second or two.
  const base = (target: RedisServer, checkpointFile: string): CopyOptions => ({
    source: parseRedisUrl(source.url()), target: parseRedisUrl(target.url()), checkpointFile,
    scanCount: 200, batchesInFlight: 2, bigKeyBytes: 64 * 1024, progressIntervalMs: 0,
    retry: { attempts: 3, baseDelayMs: 50, maxDelayMs: 200 },
  });

  before(async () => {
    source = await env.startServer({ password: 'src-pw' });
    total = await seedServer(source, { small: 20_000, bigElements: 5_000, ttlEvery: 4 });
  });
  after(() => env.dispose());

  /** Runs a copy that is interrupted by `stop` once a third of the keys are done; returns the CopyError. */
  async function interruptedCopy(options: CopyOptions, stop: () => void | Promise<void>): Promise<CopyError> {
    let stopped = false;
    const error = await copyData({
      ...options,
      onProgress: (progress) => {
        if (!stopped && progress.keysDone > total / 3) {
          stopped = true;
          void stop();
        }
      },
    }).then(() => assert.fail('the copy should have stopped'), (e: unknown) => e);
    assert.ok(error instanceof CopyError, String(error));
    return error;
  }

  test('target killed mid-copy (data kept by its AOF): resume completes with nothing lost or duplicated', async () => {
    const target = await env.startServer({ appendOnly: true });
    const file = join(env.dir, 'killed.checkpoint.json');
    const error = await interruptedCopy(base(target, file), () => target.kill());
    assert.equal(error.kind, 'connection', error.message);
    assert.equal(error.checkpointFile, file);
    assert.match(error.message, /connection|closed|ECONNREFUSED/i);

    const checkpoint = await readCheckpoint(file);
    const node = Object.values(checkpoint.nodes)[0]!;
    assert.equal(node.done, false);
    assert.notEqual(node.cursor, '0', 'the checkpoint is partway through the SCAN');
    assert.ok(checkpoint.counts.copied > 0 && checkpoint.counts.copied < total, `copied before the kill: ${checkpoint.counts.copied}`);

    await target.restart();
    const result = await copyData({ ...base(target, file), resume: true, verify: 'full' });
    assertVerified(result.verification);
    assert.equal(result.counts.conflicts, 0);
    assert.equal(result.counts.copied + result.counts.alreadyPresent + result.counts.vanished, total);
    assert.ok(result.counts.copied > checkpoint.counts.copied, 'the resumed run copied the rest');
    const to = await connectServer(target);
    try {
      assert.equal(await keyCount(to), total, 'no extra (scratch or duplicate) keys on the target');
    } finally {
      await to.close();
    }
  });

  test('target restarted empty (no persistence): resuming is refused instead of skipping lost keys', async () => {
    const target = await env.startServer();
    const file = join(env.dir, 'empty.checkpoint.json');
    await interruptedCopy(base(target, file), () => target.kill());
    await target.restart();
    await assert.rejects(copyData({ ...base(target, file), resume: true }), (error: CopyError) => {
      assert.equal(error.kind, 'refused');
      assert.match(error.message, /target is empty but checkpoint .* says \d+ keys were copied/);
      return true;
    });
  });

  test('cancelled with an AbortSignal: checkpoint written, resume completes', async () => {
    const target = await env.startServer();
    const file = join(env.dir, 'aborted.checkpoint.json');
    const controller = new AbortController();
    const error = await interruptedCopy({ ...base(target, file), signal: controller.signal }, () => controller.abort());
    assert.equal(error.kind, 'aborted');
    assert.ok(existsSync(file));
    const result = await copyData({ ...base(target, file), resume: true, verify: 'full' });
    assertVerified(result.verification);
    assert.equal(result.counts.conflicts, 0);
  });

  test('a key changed on the source after it was copied is reported by the verification, not silently lost', async () => {
    const target = await env.startServer();
    let changed = false;
    const result = await copyData({
      ...base(target, join(env.dir, 'changed.checkpoint.json')),
      verify: 'full',
      onProgress: (progress) => {
        // The copy's last progress event comes after every key was written and before the verification starts.
        if (!changed && progress.phase === 'copy' && progress.keysDone >= total) {
          changed = true;
          source.cli('SET', 'k:6', 'written during the copy');
        }
      },
    });
    assert.ok(changed);
    assert.equal(result.verification?.different, 1);
    assert.deepEqual(result.verification?.differentKeys.map((d) => [d.key, d.reason]), [['k:6', 'value']]);
  });

  test('a checkpoint of another copy is refused', async () => {
    const target = await env.startServer();
    const other = await env.startServer();
    const file = join(env.dir, 'other.checkpoint.json');
    const controller = new AbortController();
    await interruptedCopy({ ...base(target, file), signal: controller.signal }, () => controller.abort());
    await assert.rejects(copyData({ ...base(other, file), resume: true }), /belongs to another copy: target/);
  });
});
