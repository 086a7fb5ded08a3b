// Builds a varied, deterministic dataset on a source server and reads back what a target holds, for copy tests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createClient, createCluster, RESP_TYPES } from 'redis';
import type { VerificationReport } from '../../../src/core/copy/verify';
import type { RedisServer, RedisCluster } from '../../helpers/redisServers';

type Arg = string | Buffer;
const BUFFERS = { typeMapping: { [RESP_TYPES.BLOB_STRING]: Buffer } };

/** A minimal client handle for tests: one command at a time (auto-pipelined), and close. */
export interface TestClient {
  send(args: Arg[]): Promise<unknown>;
  /** Sends to the node owning `key` (same as send on a single server). */
  sendForKey(key: Arg, args: Arg[]): Promise<unknown>;
  nodes(): Array<(args: Arg[]) => Promise<unknown>>;
  close(): Promise<void>;
}

export async function connectServer(server: RedisServer, user?: { name: string; password: string }): Promise<TestClient> {
  const tls = server.tls ? { tls: true, ca: readFileSync(server.tls.caFile), servername: server.tls.servername } : {};
  const credentials = user ? { username: user.name, password: user.password } : server.password ? { password: server.password } : {};
  const client = createClient({ socket: { host: server.host, port: server.port, ...tls }, ...credentials } as never);
  client.on('error', () => undefined);
  await client.connect();
  const send = (args: Arg[]) => (client as unknown as { sendCommand(a: Arg[], o: unknown): Promise<unknown> }).sendCommand(args, BUFFERS);
  return { send, sendForKey: (_key, args) => send(args), nodes: () => [send], close: async () => void client.destroy() };
}

export async function connectCluster(cluster: RedisCluster): Promise<TestClient> {
  const client = createCluster({ rootNodes: [{ url: cluster.urls[0]! }] });
  client.on('error', () => undefined);
  await client.connect();
  const raw = client as unknown as { sendCommand(k: Arg, ro: boolean, a: Arg[], o: unknown): Promise<unknown> };
  const nodeSenders = await Promise.all(client.masters.map(async (master) => {
    const node = (await client.nodeClient(master)) as unknown as { sendCommand(a: Arg[], o: unknown): Promise<unknown> };
    return (args: Arg[]) => node.sendCommand(args, BUFFERS);
  }));
  return {
    send: () => Promise.reject(new Error('use sendForKey on a cluster')),
    sendForKey: (key, args) => raw.sendCommand(key, false, args, BUFFERS),
    nodes: () => nodeSenders,
    close: async () => void client.destroy(),
  };
}

export interface DatasetShape {
  /** Small keys, spread over the six types. */
  small: number;
  /** Elements in each big key (one big key per type); 0 for none. */
  bigElements: number;
  /** Every n-th small key gets a TTL. */
  ttlEvery: number;
}

/** Seeds `server` through a connection of its own, closed afterwards; returns the number of keys written. */
export async function seedServer(server: RedisServer, shape: DatasetShape): Promise<number> {
  const client = await connectServer(server);
  try {
    return await seed(client, shape);
  } finally {
    await client.close();
  }
}

/** Writes the dataset; returns the number of keys written. Keys use `{tag}` sometimes so clusters see hash tags too. */
export async function seed(client: TestClient, shape: DatasetShape): Promise<number> {
  const commands: Arg[][] = [];
  for (let i = 0; i < shape.small; i++) {
    const key = i % 50 === 7 ? Buffer.from([0xff, 0x00, 0xfe, ...Buffer.from(`bin:${i}`)]) : i % 10 === 3 ? `{user${i % 97}}:k:${i}` : `k:${i}`;
    const type = i % 6;
    if (type === 0) commands.push(['SET', key, `value-${i}-${'x'.repeat(i % 40)}`]);
    if (type === 1) commands.push(['HSET', key, 'name', `n${i}`, 'count', String(i), 'blob', Buffer.from([i % 256, 0, 255])]);
    if (type === 2) commands.push(['RPUSH', key, `a${i}`, `b${i}`, `a${i}`]);
    if (type === 3) commands.push(['SADD', key, `m${i}`, String(i), `z${i}`]);
    if (type === 4) commands.push(['ZADD', key, '1.5', `m${i}`, String(-i), `n${i}`, '3e10', `o${i}`]);
    if (type === 5) commands.push(['XADD', key, `${i + 1}-0`, 'f', `v${i}`], ['XADD', key, `${i + 1}-1`, 'g', `w${i}`]);
    if (shape.ttlEvery > 0 && i % shape.ttlEvery === 0) commands.push(['PEXPIRE', key, String(300_000 + (i % 1000) * 1000)]);
  }
  if (shape.bigElements > 0) {
    const n = shape.bigElements;
    for (let start = 0; start < n; start += 1000) {
      const range = Array.from({ length: Math.min(1000, n - start) }, (_, j) => start + j);
      commands.push(['HSET', 'big:hash', ...range.flatMap((j) => [`field${j}`, `value${j}`])]);
      commands.push(['RPUSH', 'big:list', ...range.map((j) => `item${j}`)]);
      commands.push(['SADD', 'big:set', ...range.map((j) => `member${j}`)]);
      commands.push(['ZADD', 'big:zset', ...range.flatMap((j) => [String(j / 7), `member${j}`])]);
      for (const j of range.filter((x) => x % 10 === 0)) commands.push(['XADD', 'big:stream', `${j + 1}-0`, 'n', String(j)]);
    }
    commands.push(['SET', 'big:string', Buffer.alloc(n * 40, 'q')]);
    commands.push(['PEXPIRE', 'big:hash', '600000']);
  }
  for (let i = 0; i < commands.length; i += 2000) {
    await Promise.all(commands.slice(i, i + 2000).map((command) => client.sendForKey(command[1]!, command)));
  }
  return shape.small + (shape.bigElements > 0 ? 6 : 0);
}

/** DBSIZE summed over every primary. */
/**
 * Keys that exist, counted with SCAN, which leaves out keys whose TTL has passed: DBSIZE still counts those until the
 * server reclaims them, so two servers holding the same keys could disagree by a key that just expired on one.
 */
export async function keyCount(client: TestClient): Promise<number> {
  const counts = await Promise.all(client.nodes().map(async (send) => {
    let count = 0;
    let cursor = '0';
    do {
      const [next, keys] = (await send(['SCAN', cursor, 'COUNT', '1000'])) as [Buffer, Buffer[]];
      cursor = String(next);
      count += keys.length;
    } while (cursor !== '0');
    return count;
  }));
  return counts.reduce((sum, count) => sum + count, 0);
}

/** Fails with the first missing/different keys named, so a failure says what went wrong. */
export function assertVerified(report: VerificationReport | undefined): void {
  assert.ok(report, 'verification ran');
  assert.equal(report.missing, 0, `missing: ${report.missingKeys.slice(0, 5).join(', ')}`);
  assert.equal(report.different, 0, `different: ${JSON.stringify(report.differentKeys.slice(0, 5))}`);
}
