// A source primary restarted (or failed over) during a copy comes back with a new hash seed, so an old SCAN cursor
// points somewhere else in its table and would skip keys. These tests restart a real redis-server mid-copy.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { copyData, CopyError, type CopyOptions } from '../../../src/core/copy/copyEngine';
import { parseRedisUrl } from '../../../src/core/copy/endpoint';
import { RedisTestEnv, type RedisServer } from '../../helpers/redisServers';
import { connectServer, seed } from './dataset';

const KEYS = 30_000;

describe('a source restarted mid-copy loses no key', () => {
  const env = new RedisTestEnv();
  /** Restarts in milliseconds (its RDB loads fast). */
  let source: RedisServer;
  /** Spends a few seconds answering LOADING after each restart (key-load-delay: microseconds per key loaded). */
  let slowLoading: RedisServer;
  let total = 0;
  let slowTotal = 0;
  // Small batches, and enough patience for a server that is down for a moment.
  const options = (from: RedisServer, target: RedisServer, extra: Partial<CopyOptions> = {}): CopyOptions => ({
    source: parseRedisUrl(from.url()), target: parseRedisUrl(target.url()), verify: 'none',
    scanCount: 200, batchesInFlight: 2, bigKeyBytes: 16 * 1024, progressIntervalMs: 0,
    retry: { attempts: 8, baseDelayMs: 100, maxDelayMs: 1000 }, ...extra,
  });
  const missingOn = (from: RedisServer, target: RedisServer) => Number(from.cli('DBSIZE')) - Number(target.cli('DBSIZE'));

  before(async () => {
    [source, slowLoading] = await Promise.all([env.startServer(), env.startServer({ config: ['--key-load-delay', '100', '--loading-process-events-interval-bytes', '1024'] })]);
    const [client, slowClient] = await Promise.all([connectServer(source), connectServer(slowLoading)]);
    [total, slowTotal] = await Promise.all([seed(client, { small: KEYS, bigElements: 0, ttlEvery: 0 }), seed(slowClient, { small: KEYS / 3, bigElements: 3000, ttlEvery: 0 })]);
    await Promise.all([client.close(), slowClient.close()]);
    // Saved to disk, so a restart brings every key back (and only the hash layout changes).
    source.cli('SAVE');
    slowLoading.cli('SAVE');
  });
  after(() => env.dispose());

  /** Calls `act` once, when a third of `keys` are copied. */
  const atOneThird = (keys: number, act: () => void) => {
    let done = false;
    return (progress: { phase: string; keysDone: number }) => {
      if (!done && progress.phase === 'copy' && progress.keysDone > keys / 3) {
        done = true;
        act();
      }
    };
  };

  /** A copy from `from` into a new server, `from` restarted a third of the way through. */
  const copyThroughRestart = async (from: RedisServer, keys: number) => {
    const target = await env.startServer();
    const notices: string[] = [];
    let restarting: Promise<void> | undefined;
    const result = await copyData(options(from, target, {
      onNotice: (message) => notices.push(message),
      onProgress: atOneThird(keys, () => (restarting = from.restart())),
    })).finally(() => restarting);
    assert.ok(restarting, 'the source was restarted');
    return { target, result, notices };
  };

  test('restarted during the copy: the node is scanned again from 0 and every key arrives', async () => {
    const { target, result, notices } = await copyThroughRestart(source, total);
    assert.equal(missingOn(source, target), 0, `keys missing on the target; notices: ${notices.join(' | ')}`);
    assert.ok(notices.some((n) => /restarted or failed over/.test(n)), notices.join(' | '));
    assert.equal(result.counts.conflicts, 0);
    assert.ok(result.counts.copied + result.counts.alreadyPresent >= total);
  });

  test('restarted while the copy was stopped: the resume notices and scans the node again from 0', async () => {
    const target = await env.startServer();
    const checkpointFile = `${env.dir}/restart-resume.checkpoint.json`;
    const controller = new AbortController();
    const stopped = await copyData(options(source, target, { checkpointFile, signal: controller.signal, onProgress: atOneThird(total, () => controller.abort()) }))
      .then(() => assert.fail('the copy should have stopped'), (error: unknown) => error);
    assert.ok(stopped instanceof CopyError && stopped.kind === 'aborted', String(stopped));
    await source.restart();
    const notices: string[] = [];
    await copyData(options(source, target, { checkpointFile, resume: true, onNotice: (message) => notices.push(message) }));
    assert.equal(missingOn(source, target), 0, 'keys missing on the target after the resume');
    assert.ok(notices.some((n) => /restarted or failed over/.test(n)), notices.join(' | '));
  });

  test('LOADING replies while the restarted source reads its data back are waited out, and big keys are still told apart', async () => {
    const { target, result, notices } = await copyThroughRestart(slowLoading, slowTotal);
    assert.equal(missingOn(slowLoading, target), 0);
    assert.ok(!notices.some((n) => /MEMORY USAGE is not available/.test(n)), `the size check stays on: ${notices.join(' | ')}`);
    assert.ok(result.counts.copiedByType >= 3, `big keys went element by element (${result.counts.copiedByType})`);
    assert.match(slowLoading.cli('INFO', 'errorstats'), /errorstat_LOADING:count=[1-9]/, 'the source did answer with errors (LOADING) during the copy');
  });
});
