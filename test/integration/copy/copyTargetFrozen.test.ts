// A target that stops answering without closing its connections (SIGSTOP: a frozen VM, a dropped route) must fail the
// copy within a bounded time, as a connection error with a checkpoint, instead of leaving it waiting forever.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copyData, CopyError, type CopyOptions } from '../../../src/core/copy/copyEngine';
import { parseRedisUrl } from '../../../src/core/copy/endpoint';
import { RedisTestEnv, type RedisServer } from '../../helpers/redisServers';
import { assertVerified, seedServer } from './dataset';

/** Far more than the reply timeout and retries below need; a copy still waiting then is hanging. */
const HANG_MS = 30_000;

describe('a target that stops answering', () => {
  const env = new RedisTestEnv();
  let source: RedisServer;
  let total = 0;
  const frozen = new Set<number>();

  before(async () => {
    source = await env.startServer();
    total = await seedServer(source, { small: 10_000, bigElements: 0, ttlEvery: 5 });
  });
  after(async () => {
    for (const pid of frozen) process.kill(pid, 'SIGCONT');
    await env.dispose();
  });

  test('fails the copy as a lost connection within the reply timeout and retries, and the resume completes after it wakes', async (t) => {
    const target = await env.startServer();
    const pid = Number(/process_id:(\d+)/.exec(target.cli('INFO', 'server'))?.[1]);
    const checkpointFile = join(env.dir, 'frozen.checkpoint.json');
    const options: CopyOptions = {
      source: parseRedisUrl(source.url()), target: parseRedisUrl(target.url()), checkpointFile,
      scanCount: 200, batchesInFlight: 2, progressIntervalMs: 0,
      retry: { attempts: 3, baseDelayMs: 50, maxDelayMs: 200, replyTimeoutMs: 1000 },
    };
    let frozenAt = 0;
    const copy = copyData({
      ...options,
      onProgress: (progress) => {
        if (!frozenAt && progress.keysDone > total / 3) {
          process.kill(pid, 'SIGSTOP');
          frozen.add(pid);
          frozenAt = Date.now();
        }
      },
    }).then(() => 'finished', (error: unknown) => error);
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([copy, new Promise((resolve) => (timer = setTimeout(() => resolve('still waiting'), HANG_MS)))]);
    clearTimeout(timer);
    const waited = Date.now() - frozenAt;
    process.kill(pid, 'SIGCONT');
    frozen.delete(pid);
    assert.ok(frozenAt > 0, 'the target was stopped mid-copy');
    assert.ok(outcome instanceof CopyError, `the copy ended with a CopyError, not: ${String(outcome)}`);
    assert.equal(outcome.kind, 'connection', outcome.message);
    assert.match(outcome.message, /sent no reply for 1 s/);
    assert.equal(outcome.checkpointFile, checkpointFile);
    assert.ok(waited < 15_000, `failed ${waited} ms after the target stopped`);
    t.diagnostic(`the copy failed ${waited} ms after the target stopped answering`);

    const result = await copyData({ ...options, resume: true, verify: 'full' });
    assertVerified(result.verification);
    assert.equal(Number(target.cli('DBSIZE')), total);
  });
});
