// A target that is the source under another name (localhost vs 127.0.0.1) must be refused before anything is written.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../../src/cli/runCli';
import { copyData, CopyError } from '../../../src/core/copy/copyEngine';
import { parseRedisUrl } from '../../../src/core/copy/endpoint';
import { captureIo } from '../../helpers/captureIo';
import { RedisTestEnv, type RedisServer } from '../../helpers/redisServers';
import { seedServer } from './dataset';

describe('a copy never writes into its own source', () => {
  const env = new RedisTestEnv();
  let source: RedisServer;
  let total = 0;
  const viaLocalhost = (server: RedisServer, db = 0) => `redis://localhost:${server.port}/${db}`;
  const restores = (server: RedisServer) => Number(/cmdstat_restore:calls=(\d+)/.exec(server.cli('INFO', 'commandstats'))?.[1] ?? 0);

  before(async () => {
    source = await env.startServer();
    total = await seedServer(source, { small: 2_000, bigElements: 0, ttlEvery: 0 });
  });
  after(() => env.dispose());

  for (const keyPrefix of [undefined, 'copy:']) {
    test(`the same server under another host name and the same database is refused${keyPrefix ? ' (with a key prefix too)' : ''}`, async () => {
      await assert.rejects(copyData({ source: parseRedisUrl(source.url()), target: parseRedisUrl(viaLocalhost(source)), overwrite: true,
        ...(keyPrefix ? { keyPrefix } : {}) }), (error: CopyError) => {
        assert.ok(error instanceof CopyError, String(error));
        assert.equal(error.kind, 'refused');
        assert.match(error.message, /the target is the source: .*localhost.*127\.0\.0\.1.* same Redis server .*run_id [0-9a-f]+.* same database 0/);
        return true;
      });
      assert.equal(Number(source.cli('DBSIZE')), total, 'the source holds the same keys');
      assert.equal(restores(source), 0, 'no RESTORE reached the source');
    });
  }

  test('the CLI exits 1 with the reason, and writes nothing', async () => {
    const io = captureIo({ cwd: env.dir });
    const code = await runCli(['copy', '--from', source.url(), '--to', viaLocalhost(source), '--key-prefix', 'again:', '--verify', 'none'], io);
    assert.equal(code, 1, io.stderr());
    assert.match(io.stderr(), /the target is the source/);
    assert.equal(Number(source.cli('DBSIZE')), total);
    assert.equal(restores(source), 0);
  });

  test('another database of the same server is a different target: allowed (under a key prefix)', async () => {
    const result = await copyData({ source: parseRedisUrl(source.url()), target: parseRedisUrl(viaLocalhost(source, 1)), keyPrefix: 'db0:', verify: 'full' });
    assert.equal(result.counts.copied, total);
    assert.equal(result.verification?.missing, 0);
    assert.equal(Number(source.cli('-n', '1', 'DBSIZE')), total);
    assert.equal(Number(source.cli('DBSIZE')), total, 'database 0 unchanged');
  });
});
