import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createClient } from 'redis';
import { runCli } from '../../../src/cli/runCli';
import { copyData, CopyError, type CopyOptions, type CopyResult } from '../../../src/core/copy/copyEngine';
import { parseRedisUrl, type RedisEndpoint } from '../../../src/core/copy/endpoint';
import type { LiveOptions, LiveStatus } from '../../../src/core/copy/liveSync';
import { captureIo } from '../../helpers/captureIo';
import { RedisTestEnv, type RedisCluster, type RedisServer } from '../../helpers/redisServers';
import { assertVerified, connectCluster, connectServer, keyCount, seed, type TestClient } from './dataset';
import { expiringTokens } from './entraTokens';
import { startWriter } from './liveWriter';
import { addPrimary, migrateSlotOf } from './slotMigration';

const SOURCE_PASSWORD = 'live-Source-pw';
const NOTIFY = ['--notify-keyspace-events', 'KEA'];
/** May read and subscribe, nothing else: not even CONFIG GET (as on Azure Cache for Redis), and no write. */
const READER = { name: 'reader', password: 'reader-pw', rules: ['~*', '&*', '-@all', '+@read', '+@connection', '+info', '+psubscribe'] };
const quick: Partial<CopyOptions> = { retry: { attempts: 4, baseDelayMs: 20, maxDelayMs: 200 } };
const SMALL = { small: 2_000, bigElements: 0, ttlEvery: 3 };
/** Entra ID token lifetime in the token test: refreshed at three quarters of it, as the copy does for short tokens. */
const TOKEN_MS = 3_000;

/**
 * Starts a live copy with a writer already changing the source, lets it follow for a while, calls `midway` (which
 * drops the subscriptions), keeps writing, stops the writer and cuts over.
 */
async function liveCopy(options: Omit<CopyOptions, 'live'>, writer: TestClient, midway: () => Promise<void>, live: Partial<LiveOptions> = {})
  : Promise<{ result: CopyResult; statuses: LiveStatus[] }> {
  const cutOver = new AbortController();
  const statuses: LiveStatus[] = [];
  let following!: () => void;
  const followed = new Promise<void>((resolve) => (following = resolve));
  const writing = startWriter(writer);
  const copy = copyData({ ...quick, ...options, live: { ...live, cutOver: cutOver.signal, statusIntervalMs: 50, onStatus: (status) => (statuses.push(status), following()) } });
  copy.catch(() => following());
  await followed;
  await roundsDone(writing, 25);
  await midway();
  await roundsDone(writing, 50);
  await writing.stop();
  cutOver.abort();
  return { result: await copy, statuses };
}

/** Collects the keys a server announces deleted (`__keyevent@0__:del`, which UNLINK publishes too). */
async function subscribeDeletes(server: RedisServer): Promise<{ keys: string[]; close(): Promise<void> }> {
  const subscriber = createClient({ socket: { host: server.host, port: server.port } });
  subscriber.on('error', () => undefined);
  await subscriber.connect();
  const keys: string[] = [];
  await subscriber.subscribe('__keyevent@0__:del', (key) => keys.push(key));
  return { keys, close: async () => void subscriber.destroy() };
}

async function roundsDone(writing: ReturnType<typeof startWriter>, rounds: number): Promise<void> {
  while (writing.rounds() < rounds) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('copy --live', () => {
  const env = new RedisTestEnv();
  let ca: Buffer;
  const tlsEndpoint = (server: RedisServer, user?: { name: string; password: string }): RedisEndpoint => ({
    ...parseRedisUrl(server.url(user)), servername: server.tls!.servername, ca,
  });
  const clusterEndpoint = (cluster: RedisCluster): RedisEndpoint => ({ ...parseRedisUrl(cluster.urls[0]!), cluster: true });

  before(() => {
    ca = readFileSync(env.tlsFiles.caFile);
  });
  after(() => env.dispose());

  test('TLS + ACL: a read-only source user; changes of every type follow; a dropped subscription is closed by a re-scan', async () => {
    const source = await env.startServer({ tls: true, password: SOURCE_PASSWORD, aclUsers: [READER], config: NOTIFY });
    const target = await env.startServer({ tls: true });
    const client = await connectServer(source);
    const to = await connectServer(target);
    try {
      await seed(client, SMALL);
      const { result, statuses } = await liveCopy({ source: tlsEndpoint(source, READER), target: tlsEndpoint(target) }, client, async () => {
        // Killed and then written in one pipeline on one connection: these changes happen while nobody listens.
        await Promise.all([
          client.send(['CLIENT', 'KILL', 'TYPE', 'pubsub']),
          client.send(['SET', '{gap}:new', 'written in the gap']),
          client.send(['DEL', 'k:612']),
          client.send(['HSET', 'k:619', 'gap', 'yes']),
        ]);
      });
      assertVerified(result.verification);
      const live = result.live!;
      assert.ok(live.gaps >= 1 && live.rescans >= 1, `gap noticed and re-scanned: ${JSON.stringify(live)}`);
      assert.ok(live.liveCopied > 50 && live.liveDeleted > 10, `copied and deleted live: ${JSON.stringify(live)}`);
      assert.ok(statuses.some((s) => s.waiting > 0 || s.liveCopied > 0), 'lag and progress were reported');
      assert.equal(String(await to.send(['GET', '{gap}:new'])), 'written in the gap');
      assert.equal(await to.send(['EXISTS', 'k:612']), 0, 'deleted in the gap, deleted on the target by the re-scan');
      assert.equal(String(await to.send(['HGET', 'k:619', 'gap'])), 'yes');
      assert.equal(await keyCount(to), await keyCount(client), 'no key the source lacks is left on the target');
    } finally {
      await Promise.all([client.close(), to.close()]);
    }
  });

  test('3-primary cluster → 3-primary cluster: one subscription per primary, every gap re-scanned', async () => {
    const [sourceCluster, targetCluster] = await Promise.all([env.startCluster(3, { config: NOTIFY }), env.startCluster(3)]);
    const client = await connectCluster(sourceCluster);
    const to = await connectCluster(targetCluster);
    try {
      await seed(client, SMALL);
      const deleted: Buffer[] = [];
      const { result } = await liveCopy({ source: clusterEndpoint(sourceCluster), target: clusterEndpoint(targetCluster) }, client, async () => {
        await Promise.all(client.nodes().map(async (send) => {
          // Two keys this primary owns that the writer leaves alone: one deleted, one given a new TTL, right after the kill.
          const [, keys] = (await send(['SCAN', '0', 'MATCH', 'k:1[0-9][0-9][0-9]', 'COUNT', '1000'])) as [Buffer, Buffer[]];
          const [gone, expiring] = keys;
          assert.ok(gone && expiring, 'seeded keys on every primary');
          deleted.push(gone);
          await Promise.all([send(['CLIENT', 'KILL', 'TYPE', 'pubsub']), send(['DEL', gone]), send(['PEXPIRE', expiring, '90000'])]);
        }));
      });
      assertVerified(result.verification);
      for (const key of deleted) assert.equal(await to.sendForKey(key, ['EXISTS', key]), 0, `${key} deleted in the gap`);
      assert.ok(result.live!.gaps >= 3 && result.live!.rescans >= 3, JSON.stringify(result.live));
      assert.ok(result.live!.liveCopied > 50, JSON.stringify(result.live));
      assert.equal(await keyCount(to), await keyCount(client));
    } finally {
      await Promise.all([client.close(), to.close()]);
    }
  });

  test('3-primary clusters resharding during the live phase: slots move on the source and on the target while the writer runs; nothing lost', async () => {
    // The target publishes its deletions, so a key deleted there in passing (and copied back later) is seen too.
    const [sourceCluster, targetCluster] = await Promise.all([env.startCluster(3, { config: NOTIFY }),
      env.startCluster(3, { config: ['--notify-keyspace-events', 'Eg'] })]);
    const client = await connectCluster(sourceCluster);
    const to = await connectCluster(targetCluster);
    const targetDeletes = await Promise.all(targetCluster.nodes.map((node) => subscribeDeletes(node)));
    try {
      await seed(client, SMALL);
      let moved = 0;
      const { result } = await liveCopy({ source: clusterEndpoint(sourceCluster), target: clusterEndpoint(targetCluster) }, client, async () => {
        // Slots the writer keeps changing (its round keys and seeded keys it edits), half of them moved on each side.
        const counts = await Promise.all([
          migrateSlotOf(sourceCluster, '{w3}').then(async (n) => n + await migrateSlotOf(sourceCluster, 'k:13')),
          migrateSlotOf(targetCluster, '{w5}').then(async (n) => n + await migrateSlotOf(targetCluster, 'k:20')),
        ]);
        moved = counts[0]! + counts[1]!;
      });
      assert.ok(moved >= 10, `keys were moved while the copy followed: ${moved}`);
      assertVerified(result.verification);
      assert.ok(result.live!.liveCopied > 50, JSON.stringify(result.live));
      assert.equal(await keyCount(to), await keyCount(client), 'no key lost or left behind by a move');
      // Keys the writer never deletes, in the slots moved on the source: a MIGRATE there announces them deleted on the
      // old owner, and reading them back from it finds nothing; they must not have been deleted from the target.
      const neverDeleted = /^(\{w3\}:(to|h):\d+|k:13)$/;
      const wronglyDeleted = targetDeletes.flatMap((subscription) => subscription.keys).filter((key) => neverDeleted.test(key));
      assert.deepEqual(wronglyDeleted, [], 'keys moved on the source were never deleted on the target');
    } finally {
      await Promise.all([client.close(), to.close(), ...targetDeletes.map((subscription) => subscription.close())]);
    }
  });

  test('scale-out during the live phase: a 4th primary joins the source and takes slots the writer uses; it is followed and re-scanned', async () => {
    const sourceCluster = await env.startCluster(3, { config: NOTIFY });
    const target = await env.startServer();
    const client = await connectCluster(sourceCluster);
    const to = await connectServer(target);
    const notices: string[] = [];
    let added: RedisServer | undefined;
    try {
      await seed(client, SMALL);
      const { result } = await liveCopy({ source: clusterEndpoint(sourceCluster), target: parseRedisUrl(target.url()),
        onNotice: (message) => notices.push(message) }, client, async () => {
        added = await addPrimary(env, sourceCluster, { config: NOTIFY });
        // Slots of round keys the writer goes on creating, changing and deleting; from now on they live on the new primary
        // only, and so do their notifications.
        for (const tag of ['{w3}', '{w7}', '{w11}']) await migrateSlotOf(sourceCluster, tag, added);
      }, { topologyCheckMs: 250 });
      assert.ok(added, 'a primary was added');
      assertVerified(result.verification);
      // Every key on the new primary is on the target with the same value (DUMP leaves the TTL out, which verification checked).
      const onAdded = await connectServer(added);
      try {
        const [, keys] = (await onAdded.send(['SCAN', '0', 'COUNT', '100000'])) as [Buffer, Buffer[]];
        assert.ok(keys.length > 20, `the new primary holds keys: ${keys.length}`);
        for (const key of keys) {
          const [sourceValue, targetValue] = await Promise.all([onAdded.send(['DUMP', key]), to.send(['DUMP', key])]);
          if (sourceValue === null) continue; // expired since the SCAN
          assert.deepEqual(targetValue, sourceValue, `${key} as on the new primary`);
        }
      } finally {
        await onAdded.close();
      }
      const everyPrimary = await connectCluster({ nodes: [...sourceCluster.nodes, added], urls: sourceCluster.urls });
      try {
        assert.equal(await keyCount(to), await keyCount(everyPrimary), 'nothing missing or left behind');
      } finally {
        await everyPrimary.close();
      }
      const live = result.live!;
      assert.equal(live.primariesAdded, 1, JSON.stringify(live));
      assert.ok(live.rescans >= 1, `the new primary was re-scanned: ${JSON.stringify(live)}`);
      assert.ok(notices.some((notice) => notice.includes(`:${added!.port} became a primary`)), notices.join('\n'));
    } finally {
      await Promise.all([client.close(), to.close()]);
    }
  });

  test('Entra ID on both sides: tokens expire during the live phase; copy sockets re-AUTH, the subscription moves to a new socket first, no gap', async () => {
    const source = await env.startServer({ config: NOTIFY });
    const target = await env.startServer();
    const sourceTokens = expiringTokens(source, TOKEN_MS);
    const targetTokens = expiringTokens(target, TOKEN_MS);
    const client = await connectServer(source);
    const to = await connectServer(target);
    try {
      await seed(client, SMALL);
      const { result } = await liveCopy({
        source: { ...parseRedisUrl(source.url()), credential: sourceTokens.credential },
        target: { ...parseRedisUrl(target.url()), credential: targetTokens.credential },
        // The product's patience with a dropped socket, not the other tests' quick one: on a loaded machine a token
        // refresh can come late, and the sockets it closes then are reconnected with the next token.
        retry: { attempts: 6, baseDelayMs: 100, maxDelayMs: 1_000 },
      }, client, () => new Promise((resolve) => setTimeout(resolve, 3 * TOKEN_MS)));
      assertVerified(result.verification);
      const live = result.live!;
      assert.ok(sourceTokens.expired() >= 3 && targetTokens.expired() >= 3,
        `tokens expired while the copy ran: source ${sourceTokens.expired()}, target ${targetTokens.expired()}`);
      // Without the renewal the subscription, authenticated with the first token, is closed when that token expires.
      assert.equal(live.gaps, 0, `no subscription was dropped by an expired token: ${JSON.stringify(live)}`);
      assert.ok(live.renewals >= 3, `the subscription moved to a socket with each new token: ${JSON.stringify(live)}`);
      assert.ok(live.liveCopied > 50, JSON.stringify(live));
      assert.equal(await keyCount(to), await keyCount(client));
    } finally {
      sourceTokens.dispose();
      targetTokens.dispose();
      await Promise.all([client.close(), to.close()]);
    }
  });

  test('bounded queue: past maxWaitingKeys the primary is re-scanned instead of holding more keys; nothing is lost', async () => {
    const source = await env.startServer({ config: NOTIFY });
    const target = await env.startServer();
    const client = await connectServer(source);
    const to = await connectServer(target);
    const maxWaitingKeys = 50;
    try {
      await seed(client, SMALL);
      const { result } = await liveCopy({ source: parseRedisUrl(source.url()), target: parseRedisUrl(target.url()) }, client, async () => {
        // A burst of 3,000 distinct keys in one pipeline: far more than may wait at once.
        await Promise.all(Array.from({ length: 3_000 }, (_, i) => client.send(['SET', `burst:${i}`, `b${i}`])));
      }, { maxWaitingKeys });
      assertVerified(result.verification);
      const live = result.live!;
      assert.ok(live.overflows >= 1 && live.rescans >= 1, `the burst overflowed and a re-scan copied it: ${JSON.stringify(live)}`);
      assert.ok(live.peakWaiting <= maxWaitingKeys, `never more than ${maxWaitingKeys} keys waited: ${JSON.stringify(live)}`);
      assert.equal(String(await to.send(['GET', 'burst:2999'])), 'b2999');
      assert.equal(await keyCount(to), await keyCount(client));
    } finally {
      await Promise.all([client.close(), to.close()]);
    }
  });

  test('binary key names: non-UTF-8 keys changed and deleted live arrive byte for byte, none merged with another', async () => {
    const source = await env.startServer({ config: NOTIFY });
    const target = await env.startServer();
    const client = await connectServer(source);
    const to = await connectServer(target);
    // The first two read as the same text if decoded as UTF-8 (each invalid byte becomes U+FFFD); é in Latin-1 and in UTF-8.
    const keys = [Buffer.from([0xff, 0xfe, 0x00, 0x41]), Buffer.from([0xff, 0xfd, 0x00, 0x41]), Buffer.from([0xe9]), Buffer.from('é')];
    const gone = Buffer.from([0x80, 0x0d, 0x0a, 0xc0]);
    try {
      await seed(client, SMALL);
      await client.send(['SET', gone, 'deleted live']);
      const { result } = await liveCopy({ source: parseRedisUrl(source.url()), target: parseRedisUrl(target.url()) }, client, async () => {
        for (const [i, key] of keys.entries()) await client.send(['SET', key, `value ${i}`]);
        await client.send(['DEL', gone]);
      });
      assertVerified(result.verification);
      for (const [i, key] of keys.entries()) assert.equal(String(await to.send(['GET', key])), `value ${i}`, key.toString('hex'));
      assert.equal(await to.send(['EXISTS', gone]), 0, 'deleted on the source, deleted on the target');
      assert.equal(await keyCount(to), await keyCount(client));
    } finally {
      await Promise.all([client.close(), to.close()]);
    }
  });

  test('notifications off: refused before anything is copied, with how to turn them on; the source is not changed', async () => {
    const source = await env.startServer();
    const target = await env.startServer();
    source.cli('SET', 'a', '1');
    const live = { cutOver: new AbortController().signal, probeMs: 300 };
    await assert.rejects(copyData({ ...quick, source: parseRedisUrl(source.url()), target: parseRedisUrl(target.url()), live }),
      (error: CopyError) => error.kind === 'refused' && /notify-keyspace-events to KEA/.test(error.message) && /lacks K or E/.test(error.message));
    assert.equal(target.cli('DBSIZE').trim(), '0');
    assert.equal(source.cli('CONFIG', 'GET', 'notify-keyspace-events').split('\n')[1], '', 'the source setting is untouched');

    // CONFIG GET refused and no notification within the probe time: refused too, naming both.
    const silent = await env.startServer({ aclUsers: [READER], config: NOTIFY });
    await assert.rejects(copyData({ ...quick, source: parseRedisUrl(silent.url(READER)), target: parseRedisUrl(target.url()), live }),
      (error: CopyError) => error.kind === 'refused' && /CONFIG GET/.test(error.message));
    // Stated by the user (e.g. from the inventory's redisConfiguration): accepted, and a stated setting that lacks classes is not.
    const stated = new AbortController();
    stated.abort();
    const result = await copyData({ ...quick, source: parseRedisUrl(silent.url(READER)), target: parseRedisUrl(target.url()),
      live: { cutOver: stated.signal, notifyKeyspaceEvents: 'KEA' } });
    assert.equal(result.live?.liveCopied, 0);
    assertVerified(result.verification);
    await assert.rejects(copyData({ ...quick, source: parseRedisUrl(silent.url(READER)), target: parseRedisUrl(target.url()),
      overwrite: true, live: { cutOver: stated.signal, notifyKeyspaceEvents: 'Kg' } }), /lacks \$, l, s, h, z, x, e, t/);
  });

  test('stopped (the editor\'s Cancel) while following: no cut-over is claimed', async () => {
    const source = await env.startServer({ config: NOTIFY });
    const target = await env.startServer();
    source.cli('SET', 'a', '1');
    const stop = new AbortController();
    await assert.rejects(copyData({ ...quick, source: parseRedisUrl(source.url()), target: parseRedisUrl(target.url()), signal: stop.signal,
      live: { cutOver: new AbortController().signal, onStatus: () => stop.abort() } }), (error: CopyError) => error.kind === 'aborted');
  });

  test('CLI: --live follows until the signal, then prints the JSON summary with liveCopied and lagMs and exits 0', async () => {
    const source = await env.startServer({ tls: true, password: SOURCE_PASSWORD, aclUsers: [READER], config: NOTIFY });
    const target = await env.startServer({ tls: true });
    const client = await connectServer(source);
    try {
      await seed(client, { small: 500, bigElements: 0, ttlEvery: 3 });
      const controller = new AbortController();
      const writing = startWriter(client);
      let stderr = '';
      const io = captureIo({
        cwd: env.dir, signal: controller.signal, env: { AMR_MIGRATE_FROM_PASSWORD: READER.password },
        err: (text) => {
          stderr += text;
          if (/live \(Ctrl\+C to cut over\)/.test(text)) setTimeout(() => void writing.stop().then(() => controller.abort()), 300);
        },
      });
      const from = source.url(READER).replace(`:${READER.password}@`, '@');
      const code = await runCli(['copy', '--live', '--notify-keyspace-events', 'KEA', '--from', from, '--to', target.url(), '--ca', env.tlsFiles.caFile,
        '--format', 'json'], io);
      assert.equal(code, 0, stderr);
      const report = JSON.parse(io.stdout());
      assert.deepEqual(Object.keys(report).slice(-7), ['liveCopied', 'lagMs', 'copied', 'skipped', 'missing', 'different', 'durationMs']);
      assert.ok(report.liveCopied > 0, JSON.stringify(report.live));
      assert.equal(report.missing + report.different, 0);
      assert.ok(!stderr.includes(READER.password) && !io.stdout().includes(READER.password));
    } finally {
      await client.close();
    }
  });
});
