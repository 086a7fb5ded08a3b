// This machine's clock minutes off the servers' must not shorten or stretch TTLs: RESTORE … ABSTTL and PEXPIREAT are
// read on the target's clock. The skew is played by the engine's clock option (a real clock cannot be set per test).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { copyData } from '../../../src/core/copy/copyEngine';
import { parseRedisUrl } from '../../../src/core/copy/endpoint';
import { RedisTestEnv, type RedisServer } from '../../helpers/redisServers';
import { connectServer } from './dataset';

const SKEW_MS = 120_000;
const SHORT_TTL_MS = 60_000;

describe('TTLs survive a clock skew between this machine and the servers', () => {
  const env = new RedisTestEnv();
  let source: RedisServer;
  const keys = 500;

  before(async () => {
    source = await env.startServer();
    const client = await connectServer(source);
    const commands: string[][] = [];
    for (let i = 0; i < keys; i++) commands.push(['SET', `k:${i}`, `v${i}`, 'PX', String(SHORT_TTL_MS)]);
    // Above the big-key size below: copied element by element, its expiry set with PEXPIREAT.
    commands.push(['HSET', 'big', ...Array.from({ length: 400 }, (_, i) => [`f${i}`, 'v'.repeat(40)]).flat()], ['PEXPIRE', 'big', String(SHORT_TTL_MS)]);
    await Promise.all(commands.map((command) => client.send(command)));
    await client.close();
  });
  after(() => env.dispose());

  for (const [label, skew] of [['behind', -SKEW_MS], ['ahead', SKEW_MS]] as const) {
    test(`this machine ${SKEW_MS / 1000} s ${label}: every key keeps its TTL, within a second`, async () => {
      const target = await env.startServer();
      const notices: string[] = [];
      const result = await copyData({
        source: parseRedisUrl(source.url()), target: parseRedisUrl(target.url()), bigKeyBytes: 8 * 1024, verify: 'full',
        clock: () => Date.now() + skew, onNotice: (message) => notices.push(message),
      });
      assert.equal(Number(target.cli('DBSIZE')), keys + 1, `no key expired on arrival; notices: ${notices.join(' | ')}`);
      assert.ok(result.counts.copiedByType >= 1, 'the big key went element by element');
      for (const key of ['k:0', `k:${keys - 1}`, 'big']) {
        const sourceTtl = Number(source.cli('PTTL', key));
        const targetTtl = Number(target.cli('PTTL', key));
        assert.ok(Math.abs(targetTtl - sourceTtl) < 1000, `${key}: PTTL ${targetTtl} on the target, ${sourceTtl} on the source`);
      }
      assert.equal(result.verification?.missing, 0);
      assert.equal(result.verification?.different, 0, JSON.stringify(result.verification?.differentKeys.slice(0, 3)));
      assert.ok(notices.some((n) => new RegExp(`clock is 120 s ${label === 'behind' ? 'behind' : 'ahead of'} the target's`).test(n)), notices.join(' | '));
    });
  }
});
