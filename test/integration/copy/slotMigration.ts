// Moves one hash slot of a running test cluster to another primary the way a resharding does: the importing and
// migrating states first, the keys one MIGRATE at a time (so clients meet ASK and MOVED in between), then the new owner
// announced to every node.
import { keySlot } from '../../../src/core/copy/keySlot';
import { freePort, type RedisCluster, type RedisServer, type RedisTestEnv, type ServerOptions } from '../../helpers/redisServers';
import { connectServer, type TestClient } from './dataset';

/** Pause between two keys moved: long enough for the copy to read and write keys of the slot while it is half moved. */
const PAUSE_MS = 30;

interface NodeHandle {
  id: string;
  port: number;
  client: TestClient;
}

/**
 * Moves the slot of `key` from its owner to `destination` (a node of the cluster), or else to the next primary; resolves
 * with how many keys moved.
 */
export async function migrateSlotOf(cluster: RedisCluster, key: string, destination?: RedisServer): Promise<number> {
  const slot = keySlot(key);
  const servers = destination && !cluster.nodes.includes(destination) ? [...cluster.nodes, destination] : cluster.nodes;
  const nodes: NodeHandle[] = await Promise.all(servers.map(async (server) => {
    const client = await connectServer(server);
    return { id: String(await client.send(['CLUSTER', 'MYID'])), port: server.port, client };
  }));
  try {
    const from = nodes[await ownerIndex(nodes, slot)]!;
    const to = destination ? nodes.find((node) => node.port === destination.port)! : nodes[(nodes.indexOf(from) + 1) % cluster.nodes.length]!;
    if (to === from) return 0;
    await to.client.send(['CLUSTER', 'SETSLOT', String(slot), 'IMPORTING', from.id]);
    await from.client.send(['CLUSTER', 'SETSLOT', String(slot), 'MIGRATING', to.id]);
    let moved = 0;
    for (;;) {
      const keys = (await from.client.send(['CLUSTER', 'GETKEYSINSLOT', String(slot), '1'])) as Buffer[];
      if (keys.length === 0) break;
      // REPLACE: a key the copy already wrote on the importing node (after an ASK) is not a clash.
      await from.client.send(['MIGRATE', '127.0.0.1', String(to.port), '', '0', '5000', 'REPLACE', 'KEYS', ...keys]);
      moved += keys.length;
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
    // The new owner first, then the old one, then the rest (as redis-cli --cluster reshard does).
    for (const node of [to, from, ...nodes.filter((n) => n !== to && n !== from)]) {
      await node.client.send(['CLUSTER', 'SETSLOT', String(slot), 'NODE', to.id]);
    }
    return moved;
  } finally {
    await Promise.all(nodes.map((node) => node.client.close()));
  }
}

async function ownerIndex(nodes: NodeHandle[], slot: number): Promise<number> {
  const ranges = (await nodes[0]!.client.send(['CLUSTER', 'SLOTS'])) as Array<[number, number, [Buffer, number, Buffer]]>;
  const range = ranges.find(([start, end]) => slot >= start && slot <= end);
  const index = nodes.findIndex((node) => node.port === Number(range?.[2][1]));
  if (index < 0) throw new Error(`no owner found for slot ${slot}`);
  return index;
}

/**
 * Scale-out: starts one more cluster node, introduces it to the cluster (CLUSTER MEET) and waits until every node knows
 * it; it owns no slot until some are migrated to it.
 */
export async function addPrimary(env: RedisTestEnv, cluster: RedisCluster, options: ServerOptions = {}): Promise<RedisServer> {
  const busPort = await freePort();
  const added = await env.startServer(options, ['--cluster-enabled', 'yes', '--cluster-port', String(busPort),
    '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '5000']);
  cluster.nodes[0]!.cli('CLUSTER', 'MEET', '127.0.0.1', String(added.port), String(busPort));
  const id = added.cli('CLUSTER', 'MYID').trim();
  const servers = [...cluster.nodes, added];
  for (let waited = 0; ; waited += 50) {
    const known = servers.every((server) => server.cli('CLUSTER', 'NODES').split('\n')
      .filter((line) => line.trim()).length === servers.length && !/handshake|noaddr/.test(server.cli('CLUSTER', 'NODES')))
      && cluster.nodes.every((server) => server.cli('CLUSTER', 'NODES').includes(id))
      // It learns the slot owners after the handshake; until then it answers CLUSTERDOWN (a MIGRATE to it fails).
      && /cluster_state:ok/.test(added.cli('CLUSTER', 'INFO'));
    if (known) return added;
    if (waited > 20_000) throw new Error('the added node did not join the cluster in 20 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
