// Moves one hash slot of a running test cluster to another primary the way a resharding does: the importing and
// migrating states first, the keys one MIGRATE at a time (so clients meet ASK and MOVED in between), then the new owner
// announced to every node.
import { keySlot } from '../../../src/core/copy/keySlot';
import type { RedisCluster } from '../../helpers/redisServers';
import { connectServer, type TestClient } from './dataset';

/** Pause between two keys moved: long enough for the copy to read and write keys of the slot while it is half moved. */
const PAUSE_MS = 30;

interface NodeHandle {
  id: string;
  port: number;
  client: TestClient;
}

/** Moves the slot of `key` from its owner to the next primary; resolves with how many keys moved. */
export async function migrateSlotOf(cluster: RedisCluster, key: string): Promise<number> {
  const slot = keySlot(key);
  const nodes: NodeHandle[] = await Promise.all(cluster.nodes.map(async (server) => {
    const client = await connectServer(server);
    return { id: String(await client.send(['CLUSTER', 'MYID'])), port: server.port, client };
  }));
  try {
    const from = nodes[await ownerIndex(nodes, slot)]!;
    const to = nodes[(nodes.indexOf(from) + 1) % nodes.length]!;
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
