import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { copyData, CopyError, type CopyOptions } from '../../../src/core/copy/copyEngine';
import { parseRedisUrl, type RedisEndpoint } from '../../../src/core/copy/endpoint';
import { RedisTestEnv, type RedisServer } from '../../helpers/redisServers';
import { assertVerified, connectServer, keyCount, seed, type TestClient } from './dataset';

const SOURCE_PASSWORD = 'src-Secret-pw';
/** A source user that may only read: proves the copy needs no write permission on the source. */
const READER = { name: 'reader', password: 'reader-pw', rules: ['~*', '-@all', '+@read', '+@connection', '+info'] };
const COPIER = { name: 'copier', password: 'copier-pw', rules: ['~*', '+@all'] };
/** A target user that may not RESTORE: forces the element-by-element path. */
const NO_RESTORE = { name: 'norestore', password: 'norestore-pw', rules: ['~*', '+@all', '-restore'] };

describe('copy between single TLS servers', () => {
  const env = new RedisTestEnv();
  /** 100,000 keys for the main path. */
  let source: RedisServer;
  let sourceKeys = 0;
  /** A few thousand keys for the other paths, where MONITOR and element-by-element copies make every key cost more. */
  let small: RedisServer;
  let smallKeys = 0;
  let ca: Buffer;

  const endpoint = (server: RedisServer, user?: { name: string; password: string }): RedisEndpoint => ({
    ...parseRedisUrl(server.url(user)), servername: server.tls!.servername, ca,
  });
  const newTarget = (users = [COPIER, NO_RESTORE]) => env.startServer({ tls: true, aclUsers: users });
  const quick: Partial<CopyOptions> = { bigKeyBytes: 256 * 1024, retry: { attempts: 3, baseDelayMs: 50, maxDelayMs: 200 } };

  before(async () => {
    source = await env.startServer({ tls: true, password: SOURCE_PASSWORD, aclUsers: [READER] });
    small = await env.startServer({ tls: true, password: SOURCE_PASSWORD, aclUsers: [READER] });
    ca = readFileSync(source.tls!.caFile);
    const [client, smallClient] = await Promise.all([connectServer(source), connectServer(small)]);
    sourceKeys = await seed(client, { small: 100_000, bigElements: 20_000, ttlEvery: 3 });
    smallKeys = await seed(smallClient, { small: 3_000, bigElements: 20_000, ttlEvery: 3 });
    smallKeys += await seedStreamsWithGroups(smallClient);
    await Promise.all([client.close(), smallClient.close()]);
  });
  after(() => env.dispose());

  test('100,000 keys of every type, big ones included, arrive complete with their TTLs', async () => {
    const target = await newTarget();
    const result = await copyData({ ...quick, source: endpoint(source, READER), target: endpoint(target, COPIER), verify: 'full' });

    assert.equal(result.sourceKeys, sourceKeys);
    assert.equal(result.counts.copied, sourceKeys);
    assert.ok(result.counts.copiedByType >= 4, `big keys go element by element (got ${result.counts.copiedByType})`);
    assert.equal(result.verification?.keysChecked, sourceKeys);
    assertVerified(result.verification);
    assert.deepEqual(result.verification?.targetTypes, result.verification?.sourceTypes);

    // Independent of the engine's own verification: key count, and value + TTL of a spread of keys.
    const from = await connectServer(source);
    const to = await connectServer(target, COPIER);
    try {
      assert.equal(await keyCount(to), sourceKeys);
      await assertSameKeys(from, to, ['k:0', 'k:6', 'k:9', 'k:300', 'k:99999', '{user3}:k:3', 'big:hash', 'big:list', 'big:set', 'big:zset',
        'big:string', 'big:stream', Buffer.from([0xff, 0x00, 0xfe, ...Buffer.from('bin:7')])]);
      const withTtl = Array.from({ length: 300 }, (_, i) => `k:${i * 330}`); // every 3rd key has a TTL: i*330 is a multiple of 3
      await assertSameKeys(from, to, withTtl);
    } finally {
      await Promise.all([from.close(), to.close()]);
    }
  });

  test('the source sees only read commands (MONITOR) and a read-only ACL user suffices', async () => {
    const target = await newTarget();
    const monitor = startMonitor(small);
    await monitor.ready;
    const result = await copyData({ ...quick, source: endpoint(small, READER), target: endpoint(target, COPIER), verify: 'sample', sampleSize: 200 });
    assert.equal(result.counts.copied, smallKeys);
    assertVerified(result.verification);
    const seen = await monitor.stop();
    assert.ok(seen.has('dump') && seen.has('scan'), `MONITOR captured the copy: ${[...seen].join(',')}`);
    const admin = await connectServer(small);
    try {
      for (const name of seen) {
        const info = (await admin.send(['COMMAND', 'INFO', name])) as Array<[Buffer, number, Array<Buffer | string>]>;
        const flags = info[0]![2].map(String);
        assert.ok(!flags.includes('write'), `${name} is a write command`);
      }
    } finally {
      await admin.close();
    }
  });

  test('RESTORE refused by the target: every key is copied element by element', async () => {
    const target = await newTarget();
    const notices: string[] = [];
    const result = await copyData({ ...quick, source: endpoint(small, READER), target: endpoint(target, NO_RESTORE), verify: 'full',
      onNotice: (message) => notices.push(message) });
    assert.match(notices.join('\n'), /refused RESTORE \(NOPERM/);
    assert.equal(result.counts.copied, smallKeys);
    assert.ok(result.counts.copiedByType > smallKeys - 1000, `nearly all keys by type: ${result.counts.copiedByType}`);
    assertVerified(result.verification);
    await assertStreamGroupsCarried(target, notices);
    // A second pass with RESTORE allowed finds every key already in place: nothing is written twice.
    const again = await copyData({ ...quick, source: endpoint(small, READER), target: endpoint(target, COPIER), allowNonEmptyTarget: true, verify: 'none' });
    assert.equal(again.counts.copied, 0);
    assert.equal(again.counts.alreadyPresent, smallKeys);
    assert.equal(again.counts.conflicts, 0);
  });
});

/** Streams whose consumer groups the element-by-element path must recreate; returns how many keys it wrote. */
async function seedStreamsWithGroups(client: TestClient): Promise<number> {
  for (const id of ['1-0', '2-0', '3-0', '4-0']) await client.send(['XADD', 'stream:groups', id, 'f', id]);
  await client.send(['XDEL', 'stream:groups', '4-0']); // the last ID is now one no entry has
  await client.send(['XGROUP', 'CREATE', 'stream:groups', 'g1', '0']);
  await client.send(['XREADGROUP', 'GROUP', 'g1', 'alice', 'COUNT', '2', 'STREAMS', 'stream:groups', '>']); // 2 pending, 1 consumer
  await client.send(['XGROUP', 'CREATE', 'stream:groups', 'g2', '3-0', 'ENTRIESREAD', '3']);
  await client.send(['XGROUP', 'CREATE', 'stream:empty', 'g', '$', 'MKSTREAM']);
  return 2;
}

async function assertStreamGroupsCarried(target: RedisServer, notices: string[]): Promise<void> {
  const to = await connectServer(target, COPIER);
  try {
    const pairs = (reply: unknown) => {
      const items = reply as unknown[];
      return Object.fromEntries(Array.from({ length: items.length / 2 }, (_, i) => [String(items[2 * i]), items[2 * i + 1] === null ? null : String(items[2 * i + 1])]));
    };
    const stream = pairs(await to.send(['XINFO', 'STREAM', 'stream:groups']));
    assert.equal(stream['length'], '3');
    assert.equal(stream['last-generated-id'], '4-0', 'new entries get IDs after the deleted last one, as on the source');
    assert.equal(stream['entries-added'], '4');
    assert.equal(stream['max-deleted-entry-id'], '4-0');
    const groups = ((await to.send(['XINFO', 'GROUPS', 'stream:groups'])) as unknown[]).map(pairs);
    assert.deepEqual(groups.map((g) => [g['name'], g['last-delivered-id'], g['pending'], g['consumers']]), [['g1', '2-0', '0', '0'], ['g2', '3-0', '0', '0']]);
    assert.equal(groups[1]!['entries-read'], '3');
    assert.match(notices.join('\n'), /stream stream:groups: its 2 consumer group\(s\) were created .* 2 pending entries and 1 consumers are not carried/);

    assert.equal(String(await to.send(['TYPE', 'stream:empty'])), 'stream', 'an empty stream is still a stream');
    assert.equal(await to.send(['XLEN', 'stream:empty']), 0);
    const empty = ((await to.send(['XINFO', 'GROUPS', 'stream:empty'])) as unknown[]).map(pairs);
    assert.deepEqual(empty.map((g) => [g['name'], g['last-delivered-id']]), [['g', '0-0']]);
  } finally {
    await to.close();
  }
}

async function assertSameKeys(from: TestClient, to: TestClient, keys: Array<string | Buffer>): Promise<void> {
  for (const key of keys) {
    const [type, toType, pttl, toPttl] = await Promise.all([from.send(['TYPE', key]), to.send(['TYPE', key]), from.send(['PTTL', key]), to.send(['PTTL', key])]);
    assert.notEqual(type, 'none', `test key ${String(key)} exists on the source`);
    assert.equal(toType, type, `type of ${String(key)}`);
    if (Number(pttl) < 0) assert.equal(toPttl, pttl, `no TTL on ${String(key)}`);
    else assert.ok(Math.abs(Number(toPttl) - Number(pttl)) <= 1000, `TTL of ${String(key)}: ${pttl} vs ${toPttl}`);
    const [a, b] = await Promise.all([valueOf(from, key, String(type)), valueOf(to, key, String(type))]);
    assert.deepEqual(b, a, `value of ${String(key)}`);
  }
}

async function valueOf(client: TestClient, key: string | Buffer, type: string): Promise<unknown> {
  const sortPairs = (items: Buffer[]) => {
    const pairs: string[] = [];
    for (let i = 0; i < items.length; i += 2) pairs.push(`${items[i]!.toString('hex')}:${items[i + 1]!.toString('hex')}`);
    return pairs.sort();
  };
  switch (type) {
    case 'string': return (await client.send(['GET', key])) as Buffer;
    case 'hash': return sortPairs((await client.send(['HGETALL', key])) as Buffer[]);
    case 'list': return client.send(['LRANGE', key, '0', '-1']);
    case 'set': return ((await client.send(['SMEMBERS', key])) as Buffer[]).map((m) => m.toString('hex')).sort();
    case 'zset': return client.send(['ZRANGE', key, '0', '-1', 'WITHSCORES']);
    case 'stream': return client.send(['XRANGE', key, '-', '+']);
    default: throw new Error(`unexpected type ${type}`);
  }
}

/** MONITOR through redis-cli; `stop()` returns the distinct command names it saw. */
function startMonitor(server: RedisServer): { ready: Promise<void>; stop(): Promise<Set<string>> } {
  const tls = server.tls ? ['--tls', '--cacert', server.tls.caFile, '--sni', server.tls.servername] : [];
  const child = spawn('redis-cli', [...tls, '-h', server.host, '-p', String(server.port), '--user', 'default', '--pass', SOURCE_PASSWORD, '--no-auth-warning', 'monitor'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  const names = new Set<string>();
  let buffered = '';
  let resolveReady: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('latin1');
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      if (line.trim() === 'OK') resolveReady();
      const match = /^\d+\.\d+ \[[^\]]*\] "([^"]+)"/.exec(line);
      if (match) names.add(match[1]!.toLowerCase());
    }
  });
  return {
    ready,
    stop: () => new Promise((resolve) => {
      child.once('exit', () => resolve(names));
      setTimeout(() => child.kill('SIGTERM'), 300); // let the last lines arrive
    }),
  };
}

export { CopyError };
