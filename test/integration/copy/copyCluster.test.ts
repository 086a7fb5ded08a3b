import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { copyData, CopyError } from '../../../src/core/copy/copyEngine';
import { parseRedisUrl, type RedisEndpoint } from '../../../src/core/copy/endpoint';
import { RedisTestEnv, type RedisCluster, type RedisServer } from '../../helpers/redisServers';
import { assertVerified, connectCluster, connectServer, keyCount, seed } from './dataset';

describe('copy with OSS clusters (3 primaries)', () => {
  const env = new RedisTestEnv();
  let sourceCluster: RedisCluster;
  let clusterKeys = 0;
  let single: RedisServer;
  let singleKeys = 0;
  const clusterEndpoint = (cluster: RedisCluster): RedisEndpoint => ({ ...parseRedisUrl(cluster.urls[0]!), cluster: true });

  before(async () => {
    [sourceCluster, single] = await Promise.all([env.startCluster(3), env.startServer({ tls: true, password: 'single-pw' })]);
    const [clusterClient, singleClient] = await Promise.all([connectCluster(sourceCluster), connectServer(single)]);
    clusterKeys = await seed(clusterClient, { small: 6_000, bigElements: 5_000, ttlEvery: 3 });
    await singleClient.send(['SELECT', '1']);
    singleKeys = await seed(singleClient, { small: 3_000, bigElements: 0, ttlEvery: 3 });
    await Promise.all([clusterClient.close(), singleClient.close()]);
  });
  after(() => env.dispose());

  test('cluster → cluster: every primary scanned, writes routed by slot, nothing missing', async () => {
    const target = await env.startCluster(3);
    const result = await copyData({ source: clusterEndpoint(sourceCluster), target: clusterEndpoint(target), bigKeyBytes: 64 * 1024, verify: 'full' });
    assert.equal(result.sourceKeys, clusterKeys);
    assert.equal(result.counts.copied, clusterKeys);
    assert.ok(result.counts.copiedByType >= 3, 'big keys went element by element through the cluster');
    assertVerified(result.verification);
    assert.deepEqual(result.verification?.targetTypes, result.verification?.sourceTypes);
    const client = await connectCluster(target);
    try {
      assert.equal(await keyCount(client), clusterKeys);
      const perNode = await Promise.all(client.nodes().map((send) => send(['DBSIZE'])));
      assert.ok(perNode.every((n) => Number(n) > clusterKeys / 5), `keys spread over the primaries: ${perNode.join(', ')}`);
    } finally {
      await client.close();
    }
  });

  test('single database 1 (TLS) → cluster discovered without a flag, mapped under a key prefix', async () => {
    const target = await env.startCluster(3);
    const source: RedisEndpoint = { ...parseRedisUrl(`${single.url()}/1`), ca: readFileSync(single.tls!.caFile) };
    const targetEndpoint = parseRedisUrl(target.urls[1]!);
    await assert.rejects(copyData({ source, target: targetEndpoint }), (error: CopyError) => error.kind === 'needs-key-prefix');
    const result = await copyData({ source, target: targetEndpoint, keyPrefix: 'db1:', verify: 'full' });
    assert.match(result.target, /cluster/);
    assert.equal(result.counts.copied, singleKeys);
    assertVerified(result.verification);
    const client = await connectCluster(target);
    try {
      assert.equal(await client.sendForKey('db1:k:0', ['GET', 'db1:k:0']).then(String), 'value-0-');
      assert.equal(await client.sendForKey('k:0', ['EXISTS', 'k:0']), 0);
    } finally {
      await client.close();
    }
  });

  test('cluster → single server', async () => {
    const target = await env.startServer();
    const result = await copyData({ source: clusterEndpoint(sourceCluster), target: parseRedisUrl(target.url()), verify: 'sample', sampleSize: 300 });
    assert.equal(result.counts.copied, clusterKeys);
    assert.ok((result.verification?.keysChecked ?? 0) >= 250, `sampled ${result.verification?.keysChecked}`);
    assertVerified(result.verification);
    const client = await connectServer(target);
    try {
      assert.equal(await keyCount(client), clusterKeys);
    } finally {
      await client.close();
    }
  });
});
