import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { RedisTestEnv } from '../../helpers/redisServers';

test('the server helper: TLS cluster with ACL users on run-time ports, all gone after dispose', async () => {
  const env = new RedisTestEnv();
  let dir: string;
  try {
    dir = env.dir;
    const cluster = await env.startCluster(3, { tls: true, aclUsers: [{ name: 'app', password: 'app-pw', rules: ['~*', '+@all'] }] });
    const ports = cluster.nodes.map((node) => node.port);
    assert.equal(new Set(ports).size, 3);
    assert.ok(!ports.includes(6379));
    assert.match(cluster.urls[0]!, /^rediss:\/\/127\.0\.0\.1:\d+$/);
    for (const node of cluster.nodes) {
      assert.match(node.cli('CLUSTER', 'INFO'), /cluster_state:ok[\s\S]*cluster_known_nodes:3/);
      assert.match(node.cli('--user', 'app', '--pass', 'app-pw', '--no-auth-warning', 'ACL', 'WHOAMI'), /app/);
    }
    await cluster.nodes[0]!.kill();
    await cluster.nodes[0]!.restart();
    assert.match(cluster.nodes[0]!.cli('PING'), /PONG/);
  } finally {
    await env.dispose();
  }
  assert.ok(!existsSync(dir));
});
