import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Redis, { Cluster } from 'ioredis';
import { createClient, createCluster } from 'redis';
import ts from 'typescript';
import { RedisTestEnv, type RedisCluster, type RedisServer } from '../../helpers/redisServers';
import { fixMultiKey, multiKeyFixtures, type Library, type MultiKeyFixture } from '../../helpers/multiKeyFixtures';

/**
 * The multi-key fixtures run for real: unfixed through a cluster client they fail with CROSSSLOT on a
 * 3-primary OSS cluster; fixed, they return what the unfixed code returns on a single node.
 */

type Scenario = (client: unknown, id: string) => Promise<unknown>;

interface Clients {
  cluster: unknown;
  single: unknown;
  /** Empties the single node and every cluster primary, through the clients (no redis-cli process per call). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

async function connect(library: Library, cluster: RedisCluster, single: RedisServer): Promise<Clients> {
  if (library === 'node-redis') {
    const clusterClient = createCluster({ rootNodes: cluster.urls.map((url) => ({ url })) });
    const singleClient = createClient({ url: single.url() });
    await Promise.all([clusterClient.connect(), singleClient.connect()]);
    return {
      cluster: clusterClient,
      single: singleClient,
      flush: async () => {
        const primaries = await Promise.all(clusterClient.masters.map((node) => clusterClient.nodeClient(node)));
        await Promise.all([singleClient.flushAll(), ...primaries.map((primary) => primary.flushAll())]);
      },
      close: async () => void (await Promise.all([clusterClient.close(), singleClient.close()])),
    };
  }
  const clusterClient = new Cluster(cluster.nodes.map((node) => ({ host: node.host, port: node.port })));
  const singleClient = new Redis(single.port, single.host);
  return {
    cluster: clusterClient,
    single: singleClient,
    flush: async () => void (await Promise.all([singleClient.flushall(), ...clusterClient.nodes('master').map((primary) => primary.flushall())])),
    close: async () => void (await Promise.all([clusterClient.quit(), singleClient.quit()])),
  };
}

describe('multi-key fixes on a 3-primary OSS cluster', () => {
  const env = new RedisTestEnv();
  let cluster: RedisCluster;
  let single: RedisServer;
  let moduleCount = 0;

  before(async () => {
    [cluster, single] = await Promise.all([env.startCluster(3), env.startServer()]);
  });
  after(() => env.dispose());

  /** Compiles fixture text to CommonJS (its imports are types only) and loads its exported functions. */
  function load(text: string): Array<[string, Scenario]> {
    const dir = join(env.dir, 'modules');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `fixture-${++moduleCount}.js`);
    writeFileSync(file, ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText);
    return Object.entries(require(file) as Record<string, Scenario>).sort(([a], [b]) => a.localeCompare(b));
  }

  for (const library of ['node-redis', 'ioredis'] as const) {
    test(`${library}: unfixed code fails with CROSSSLOT, fixed code returns what a single node returns`, async () => {
      const clients = await connect(library, cluster, single);
      try {
        const fixtures = multiKeyFixtures().filter((fixture: MultiKeyFixture) => fixture.library === library);
        assert.ok(fixtures.length >= 5);
        for (const fixture of fixtures) {
          const unfixed = load(fixture.text);
          const fixed = new Map(load(fixMultiKey(fixture, fixture.text).text));
          assert.ok(unfixed.length > 0);
          for (const [name, scenario] of unfixed) {
            const where = `${fixture.kind}.${name}`;
            await clients.flush();
            const expected = await scenario(clients.single, '7');
            await clients.flush();
            await assert.rejects(scenario(clients.cluster, '7'), /CROSSSLOT/, `${where} unfixed on the cluster`);
            await clients.flush();
            assert.deepEqual(await fixed.get(name)!(clients.cluster, '7'), expected, `${where} fixed on the cluster`);
          }
        }
      } finally {
        await clients.close();
      }
    });
  }
});
