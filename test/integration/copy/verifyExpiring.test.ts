// Keys whose TTL runs out while the verification compares them are not differences: the target's copy expires with
// the source key (within the TTL tolerance), and the two reads are not simultaneous.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openConnection, readOnly, type RedisConnection } from '../../../src/core/copy/connect';
import { parseRedisUrl } from '../../../src/core/copy/endpoint';
import { verifyCopy, type VerifyOptions } from '../../../src/core/copy/verify';
import { RedisTestEnv, type RedisServer } from '../../helpers/redisServers';
import { connectServer } from './dataset';

const RETRY = { attempts: 2, baseDelayMs: 50, maxDelayMs: 100 };
const KEYS = 300;

describe('verification of keys that expire meanwhile', () => {
  const env = new RedisTestEnv();
  let source: RedisServer;
  let target: RedisServer;
  const open: RedisConnection[] = [];
  const connect = async (server: RedisServer) => {
    const connection = await openConnection(parseRedisUrl(server.url()), RETRY);
    open.push(connection);
    return connection;
  };
  const options: VerifyOptions = {
    mode: 'full', sampleSize: 100, keyPrefix: Buffer.alloc(0), ttlToleranceMs: 5000, scanCount: 100, batchesInFlight: 2, chunkSize: 100,
    bigKeyBytes: 1024 * 1024, maxListed: 10, retry: RETRY, signal: undefined, onKeys: () => undefined,
  };

  before(async () => {
    [source, target] = await Promise.all([env.startServer(), env.startServer()]);
  });
  after(async () => {
    await Promise.allSettled(open.map((connection) => connection.close()));
    await env.dispose();
  });

  test('a copy that ran out a little before its source key is not missing; one that never expires stays a difference', async () => {
    const [from, to] = await Promise.all([connectServer(source), connectServer(target)]);
    // The copies' TTLs are 4.8 s shorter (within the 5 s tolerance): verified 1.3 s in, the target has none of them
    // while the source still holds every one for the next 4.7 s, long enough for a verification on a loaded machine
    // (with a 0.7 s margin, source keys ran out before the scan reached them and were neither checked nor expired).
    await Promise.all(Array.from({ length: KEYS }, (_, i) => [from.send(['SET', `k:${i}`, 'v', 'PX', '6000']), to.send(['SET', `k:${i}`, 'v', 'PX', '1200'])]).flat());
    await Promise.all([from.send(['SET', 'forever', 'v', 'PX', '20000']), to.send(['SET', 'forever', 'v'])]);
    await Promise.all([from.close(), to.close()]);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    const [sourceConnection, targetConnection] = await Promise.all([connect(source), connect(target)]);
    const report = await verifyCopy(sourceConnection.primaries.map(readOnly), targetConnection, options);
    assert.equal(report.missing, 0, `missing: ${report.missingKeys.slice(0, 3).join(', ')}`);
    assert.deepEqual(report.differentKeys.map((d) => [d.key, d.reason]), [['forever', 'ttl']], 'a target key without the TTL is a difference');
    assert.equal((report.expired ?? 0) + report.keysChecked, KEYS + 1);
  });
});
