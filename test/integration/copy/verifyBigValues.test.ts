// Full verification compares big values slice by slice: a 40 MB string and a 200,000-field hash are verified by a
// process whose JavaScript heap is capped far below their size (the slices are Buffers, one per side at a time).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { RedisTestEnv, type RedisServer } from '../../helpers/redisServers';
import { connectServer, type TestClient } from './dataset';

const STRING_BYTES = 40 * 1024 * 1024;
const HASH_FIELDS = 200_000;
const HEAP_MB = 48;

/** Runs in a child process: verifies source against target and prints the report. */
const VERIFY_SCRIPT = `
const { openConnection, readOnly } = require(process.env.COPY_DIR + '/connect.js');
const { parseRedisUrl } = require(process.env.COPY_DIR + '/endpoint.js');
const { verifyCopy } = require(process.env.COPY_DIR + '/verify.js');
(async () => {
  const retry = { attempts: 2, baseDelayMs: 50, maxDelayMs: 100 };
  const [source, target] = await Promise.all([openConnection(parseRedisUrl(process.env.FROM), retry), openConnection(parseRedisUrl(process.env.TO), retry)]);
  const report = await verifyCopy(source.primaries.map(readOnly), target, {
    mode: 'full', sampleSize: 10, keyPrefix: Buffer.alloc(0), ttlToleranceMs: 1000, scanCount: 1000, batchesInFlight: 4, chunkSize: 1000,
    bigKeyBytes: 4 * 1024 * 1024, maxListed: 10, retry, signal: undefined, onKeys: () => undefined,
  });
  await Promise.all([source.close(), target.close()]);
  console.log(JSON.stringify(report));
})().catch((error) => { console.error(error); process.exit(3); });
`;

describe('full verification of big values in bounded memory', () => {
  const env = new RedisTestEnv();
  let source: RedisServer;
  let target: RedisServer;

  const fill = async (client: TestClient, lastField: string) => {
    await client.send(['SET', 'big:string', Buffer.alloc(STRING_BYTES, 'q')]);
    for (let start = 0; start < HASH_FIELDS; start += 5000) {
      const fields = Array.from({ length: 5000 }, (_, j) => [`field:${start + j}`, `value:${start + j}`]).flat();
      await client.send(['HSET', 'big:hash', ...fields]);
    }
    await client.send(['HSET', 'big:hash', `field:${HASH_FIELDS - 1}`, lastField]);
  };
  const verify = () => {
    const child = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '-e', VERIFY_SCRIPT], {
      env: { ...process.env, COPY_DIR: join(__dirname, '../../../src/core/copy'), FROM: source.url(), TO: target.url() }, encoding: 'utf8', timeout: 240_000,
    });
    assert.equal(child.status, 0, `the verification ran out of its ${HEAP_MB} MB heap or failed:\n${child.stderr.slice(-1500)}`);
    return JSON.parse(child.stdout.trim().split('\n').pop()!);
  };

  before(async () => {
    [source, target] = await Promise.all([env.startServer(), env.startServer()]);
    const [from, to] = await Promise.all([connectServer(source), connectServer(target)]);
    await Promise.all([fill(from, 'last'), fill(to, 'last')]);
    await Promise.all([from.close(), to.close()]);
  });
  after(() => env.dispose());

  test(`equal values pass, a single changed field is found, all within a ${HEAP_MB} MB heap`, () => {
    const same = verify();
    assert.equal(same.keysChecked, 2);
    assert.equal(same.different, 0, JSON.stringify(same.differentKeys));
    target.cli('HSET', 'big:hash', `field:${HASH_FIELDS - 1}`, 'changed');
    const changed = verify();
    assert.deepEqual(changed.differentKeys.map((d: { key: string; reason: string }) => [d.key, d.reason]), [['big:hash', 'value']]);
  });
});
