import assert from 'node:assert/strict';
import dns from 'node:dns';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ts from 'typescript';
import type { AccessToken } from '@azure/core-auth';
import type { RuleId } from '../../../src/core/findings';
import { applyRuleFixes } from '../../helpers/clientFixes';
import { RedisTestEnv, TLS_SERVERNAME, type RedisCluster, type RedisServer } from '../../helpers/redisServers';
import { tempTree } from '../../helpers/tempTree';

/**
 * The fixes' output runs: client code is scanned, fixed, compiled (TypeScript → CommonJS, as a user's build would)
 * and loaded against real redis-server processes with TLS (test CA, certificate for TLS_SERVERNAME, which the
 * process resolves to 127.0.0.1). The fixed code imports `@azure/identity`; the project it runs in has a stand-in
 * package exporting a DefaultAzureCredential that hands out the test's tokens (Azure is unreachable), while
 * redis, ioredis and @redis/entraid are the real packages.
 */

const REPOSITORY = resolve(__dirname, '..', '..', '..', '..');
const OID = '0d3c9e52-7a61-4f0e-9b1d-entra-fix-test';
const ADMIN_PASSWORD = 'admin-only-password';
/** Tokens the test credential issued, newest last; the test decides which ones the server accepts. */
const issued: string[] = [];
let lifetimeMs = 0;
let onIssue: (token: string) => void = () => undefined;

function jwt(serial: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ oid: OID, aud: 'https://redis.azure.com', n: serial })}.c2lnbmF0dXJl`;
}

/** What the stand-in @azure/identity hands out: a TokenCredential the fixed code gets as DefaultAzureCredential. */
(globalThis as { amrTestCredential?: unknown }).amrTestCredential = {
  getToken: async (scopes: string | string[]): Promise<AccessToken> => {
    assert.deepEqual([scopes].flat(), ['https://redis.azure.com/.default']);
    const token = jwt(issued.length + 1);
    issued.push(token);
    onIssue(token);
    return { token, expiresOnTimestamp: Date.now() + lifetimeMs };
  },
};

const STAND_IN_IDENTITY = `class DefaultAzureCredential {
  getToken(scopes, options) { return globalThis.amrTestCredential.getToken(scopes, options); }
}
module.exports = { DefaultAzureCredential };
`;

/** The test's TLS host name resolves to loopback in this process, as a cache's DNS name would to its address. */
const realLookup = dns.lookup;
function resolveTestHost(): void {
  (dns as { lookup: unknown }).lookup = (hostname: string, options: unknown, callback?: unknown) => {
    if (hostname !== TLS_SERVERNAME) return (realLookup as (...args: unknown[]) => void)(hostname, options, callback);
    const done = (typeof options === 'function' ? options : callback) as (...args: unknown[]) => void;
    const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
    process.nextTick(() => (all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)));
  };
}

/** A project folder with the stand-in identity package and the real client packages. */
class FixedProject {
  private readonly tree = tempTree();

  constructor() {
    const modules = join(this.tree.root, 'node_modules');
    mkdirSync(join(modules, '@azure', 'identity'), { recursive: true });
    writeFileSync(join(modules, '@azure', 'identity', 'index.js'), STAND_IN_IDENTITY);
    for (const name of ['redis', 'ioredis', '@redis']) symlinkSync(join(REPOSITORY, 'node_modules', name), join(modules, name), 'dir');
  }

  /**
   * Scans `source` (a TypeScript file), applies the first fix of `rule`, compiles the result and loads it. With
   * `redis4`, the scanned project asks for redis@4 and the code loads the real node-redis 4.
   */
  load(name: string, source: string, rule: RuleId | readonly RuleId[], redis4 = false): { module: Record<string, unknown>; fixed: string } {
    const file = `/ws/${name}/app.ts`;
    const scanned = redis4 ? { [file]: source, [`/ws/${name}/package.json`]: '{ "dependencies": { "redis": "^4.7.1" } }' } : { [file]: source };
    if (redis4) {
      mkdirSync(join(this.tree.root, name, 'node_modules'), { recursive: true });
      symlinkSync(join(REPOSITORY, 'node_modules', 'redis4'), join(this.tree.root, name, 'node_modules', 'redis'), 'dir');
    }
    const { files } = applyRuleFixes(scanned, rule);
    assert.notEqual(files[file], source, `the ${rule} fix changed ${name}`);
    for (const [path, text] of Object.entries(files)) {
      const target = join(this.tree.root, path.slice('/ws/'.length).replace(/\.ts$/, '.js'));
      mkdirSync(dirname(target), { recursive: true });
      const compiled = path.endsWith('.ts') && ts.transpileModule(text, {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      });
      writeFileSync(target, compiled ? compiled.outputText : text);
    }
    return { module: require(join(this.tree.root, name, 'app.js')) as Record<string, unknown>, fixed: files[file]! };
  }

  dispose(): void {
    this.tree.cleanup();
  }
}

/** A node-redis client over TLS authenticated with an access key, as the scan finds it. */
const NODE_REDIS_WITH_KEY = [
  "import { createClient } from 'redis';",
  'export const client = createClient({',
  '  url: process.env.REDIS_URL,',
  '  password: process.env.REDIS_KEY,',
  '  socket: { tls: true, ca: process.env.REDIS_CA, reconnectStrategy: 100 },',
  '});',
  '',
].join('\n');

/** A single-node ioredis client over TLS to the port in `portVariable`, with an access key or none. */
function ioredisSource(portVariable: string, withKey: boolean): string {
  return [
    "import Redis from 'ioredis';",
    'export const redis = new Redis({',
    '  host: process.env.REDIS_HOST,',
    `  port: Number(process.env.${portVariable}),`,
    ...(withKey ? ['  password: process.env.REDIS_KEY,'] : []),
    '  tls: { ca: process.env.REDIS_CA },',
    '});',
    '',
  ].join('\n');
}

interface KeyValueClient {
  set(key: string, value: string): Promise<unknown>;
  get(key: string): Promise<unknown>;
}

async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** The connection `id`'s line of CLIENT LIST (user, last command). */
function clientLine(server: RedisServer, id: number): string {
  return server.cli('CLIENT', 'LIST', 'ID', String(id)).trim();
}

describe('fixed client code runs against redis-server', () => {
  const env = new RedisTestEnv();
  const project = new FixedProject();
  let server: RedisServer;
  let cluster: RedisCluster;
  let ca: string;

  before(async () => {
    resolveTestHost();
    [server, cluster] = await Promise.all([
      env.startServer({ tls: true, password: ADMIN_PASSWORD }),
      env.startCluster(3, { tls: true }),
    ]);
    ca = readFileSync(env.tlsFiles.caFile, 'utf8');
    Object.assign(process.env, {
      REDIS_URL: `rediss://${TLS_SERVERNAME}:${server.port}`,
      REDIS_HOST: TLS_SERVERNAME,
      REDIS_PORT: String(server.port),
      REDIS_CA: ca,
      REDIS_KEY: 'an-access-key-the-fixed-code-no-longer-uses',
      CLUSTER_URL: `rediss://${TLS_SERVERNAME}:${cluster.nodes[0]!.port}`,
      CLUSTER_PORT: String(cluster.nodes[0]!.port),
    });
  });
  after(async () => {
    (dns as { lookup: unknown }).lookup = realLookup;
    await env.dispose();
    project.dispose();
  });

  /** Every token issued is accepted as the password of the user named after its oid, until rotated. */
  function acceptIssuedTokens(servers: readonly RedisServer[] = [server]): void {
    onIssue = (token) => servers.forEach((each) => each.cli('ACL', 'SETUSER', OID, 'on', `>${token}`, '~*', '+@all'));
  }

  /**
   * The client authenticated as the oid, authenticates again on the same connection once a new token is out,
   * and — with only the newest token left valid and its connection killed — reconnects with a renewed token.
   */
  async function assertEntraLifecycle(run: (command: string[]) => Promise<unknown>): Promise<void> {
    assert.equal(await run(['ACL', 'WHOAMI']), OID);
    assert.equal(await run(['SET', 'fixed:key', 'works']), 'OK');
    const id = Number(await run(['CLIENT', 'ID']));
    const tokensBefore = issued.length;
    await waitUntil(() => issued.length > tokensBefore && / cmd=auth /.test(clientLine(server, id)), 're-authentication on the open connection');
    assert.match(clientLine(server, id), new RegExp(` user=${OID} `));

    server.cli('ACL', 'SETUSER', OID, 'resetpass', `>${issued.at(-1)!}`);
    server.cli('CLIENT', 'KILL', 'ID', String(id));
    // Asked only once the client has reconnected: a command racing the kill could fail with the old socket.
    await waitUntil(() => server.cli('CLIENT', 'LIST').split('\n').some((line) => line.includes(` user=${OID} `) && !line.startsWith(`id=${id} `)),
      'a new authenticated connection');
    assert.equal(await run(['GET', 'fixed:key']), 'works');
    assert.notEqual(Number(await run(['CLIENT', 'ID'])), id, 'a new connection');
    assert.equal(await run(['ACL', 'WHOAMI']), OID);
  }

  test('node-redis v5: the @redis/entraid credentials provider authenticates and renews the token', async () => {
    acceptIssuedTokens();
    lifetimeMs = 3_000; // refreshed at 80%: every 2.4 s
    const { module } = project.load('node-redis-entra', NODE_REDIS_WITH_KEY, 'access-key-auth');
    const client = module.client as {
      connect(): Promise<unknown>; sendCommand(args: string[]): Promise<unknown>; destroy(): void; on(event: string, listener: () => void): void;
      options: { credentialsProvider: { tokenManager: { stop(): void } } };
    };
    client.on('error', () => undefined);
    await client.connect();
    try {
      await assertEntraLifecycle((command) => client.sendCommand(command));
    } finally {
      client.destroy();
      // node-redis 5 subscribes to the provider again on every reconnect and disposes only the last subscription,
      // so after a reconnect destroy() leaves the token manager running; stop it, as a long-lived app never has to.
      client.options.credentialsProvider.tokenManager.stop();
    }
  });

  test('ioredis: the generated helper authenticates with the token, re-authenticates before expiry, reconnects with a fresh one', async () => {
    acceptIssuedTokens();
    lifetimeMs = 3 * 60_000 + 1_500; // 3 minutes early means 1.5 s after issue (the helper waits at least 1 s)
    const { module, fixed } = project.load('ioredis-entra', ioredisSource('REDIS_PORT', true), 'access-key-auth');
    assert.match(fixed, /withEntraId\(new Redis\(/);
    const redis = module.redis as { call(...args: string[]): Promise<unknown>; on(event: string, listener: () => void): void; disconnect(): void };
    redis.on('error', () => undefined);
    try {
      await assertEntraLifecycle(([command, ...args]) => redis.call(command!, ...args));
    } finally {
      redis.disconnect();
    }
  });

  test('node-redis v4: the generated helper authenticates with the token, re-authenticates before expiry, reconnects with a fresh one', async () => {
    acceptIssuedTokens();
    lifetimeMs = 3 * 60_000 + 1_500;
    const { module, fixed } = project.load('node-redis-4-entra', NODE_REDIS_WITH_KEY, 'access-key-auth', true);
    assert.match(fixed, /withEntraId\(createClient\(/);
    const client = module.client as {
      connect(): Promise<unknown>; sendCommand(args: string[]): Promise<unknown>; disconnect(): Promise<void>; on(event: string, listener: () => void): void;
    };
    client.on('error', () => undefined);
    await client.connect();
    try {
      await assertEntraLifecycle((command) => client.sendCommand(command));
    } finally {
      await client.disconnect();
    }
  });

  /** Keys whose hash slots spread over the three primaries. */
  const KEYS = ['a', 'b', 'c', 'node-1', 'node-2', 'node-3', 'user:1', 'user:2'];

  /** Writes and reads every key through the cluster client; each primary then holds some of them. */
  async function assertEveryPrimaryServes(client: KeyValueClient, label: string): Promise<void> {
    for (const key of KEYS) assert.equal(await client.set(key, `${label}: ${key}`), 'OK');
    for (const key of KEYS) assert.equal(await client.get(key), `${label}: ${key}`);
    assert.equal(cluster.nodes.filter((node) => Number(node.cli('DBSIZE').trim()) > 0).length, 3, 'keys on every primary');
  }

  test('node-redis: createCluster with the node address map reaches every primary over TLS by host name', async () => {
    const { module } = project.load('node-redis-cluster', [
      "import { createClient } from 'redis';",
      'export const client = createClient({',
      '  url: process.env.CLUSTER_URL,',
      '  socket: { tls: true, ca: process.env.REDIS_CA },',
      '});',
      '',
    ].join('\n'), 'non-cluster-client');
    const client = module.client as KeyValueClient & { connect(): Promise<unknown>; destroy(): void; on(event: string, listener: () => void): void };
    client.on('error', () => undefined);
    await client.connect();
    try {
      await assertEveryPrimaryServes(client, 'node-redis');
    } finally {
      client.destroy();
    }
  });

  /** The fixed client's connections to `node` (redis-cli's own excluded), as CLIENT LIST lines. */
  function clientConnections(node: RedisServer): string[] {
    return node.cli('CLIENT', 'LIST').split('\n').filter((line) => line.startsWith('id=') && !/ cmd=client\|list /.test(line));
  }

  test('ioredis cluster: one run fixes Entra ID and the cluster client; every node authenticates with the token, re-authenticates, reconnects', async () => {
    acceptIssuedTokens(cluster.nodes);
    lifetimeMs = 3 * 60_000 + 1_500;
    const { module, fixed } = project.load('ioredis-cluster-entra', ioredisSource('CLUSTER_PORT', true), ['access-key-auth', 'non-cluster-client']);
    assert.match(fixed, /withEntraId\(new Redis\.Cluster\(/);
    const redis = module.redis as KeyValueClient & { disconnect(): void; on(event: string, listener: () => void): void };
    redis.on('error', () => undefined);
    try {
      await assertEveryPrimaryServes(redis, 'ioredis-entra');
      for (const node of cluster.nodes) {
        const lines = clientConnections(node);
        assert.ok(lines.length > 0 && lines.every((line) => line.includes(` user=${OID} `)), `port ${node.port}: ${lines.join('; ')}`);
      }
      // The connections open now (one per primary at least) each authenticate again once a new token is out.
      const open = cluster.nodes.map((node) => clientConnections(node).map((line) => /^id=(\d+) /.exec(line)![1]!));
      const tokensBefore = issued.length;
      await waitUntil(() => issued.length > tokensBefore && cluster.nodes.every((node, i) =>
        open[i]!.some((id) => / cmd=auth /.test(clientLine(node, Number(id))))), 're-authentication on every node');

      for (const node of cluster.nodes) {
        node.cli('ACL', 'SETUSER', OID, 'resetpass', `>${issued.at(-1)!}`);
        node.cli('CLIENT', 'KILL', 'USER', OID);
      }
      await waitUntil(async () => {
        try {
          return (await redis.get(KEYS[0]!)) === `ioredis-entra: ${KEYS[0]}`;
        } catch {
          return false;
        }
      }, 'the cluster connected again');
      await assertEveryPrimaryServes(redis, 'ioredis-entra-again');
      for (const node of cluster.nodes) assert.ok(clientConnections(node).every((line) => line.includes(` user=${OID} `)));
    } finally {
      redis.disconnect();
    }
  });

  test('ioredis: Redis.Cluster with dnsLookup and tls.servername reaches every primary over TLS', async () => {
    const { module } = project.load('ioredis-cluster', ioredisSource('CLUSTER_PORT', false), 'non-cluster-client');
    const redis = module.redis as KeyValueClient & { nodes(role: string): unknown[]; disconnect(): void; on(event: string, listener: () => void): void };
    redis.on('error', () => undefined);
    try {
      await assertEveryPrimaryServes(redis, 'ioredis');
      assert.equal(redis.nodes('master').length, 3);
    } finally {
      redis.disconnect();
    }
  });
});
