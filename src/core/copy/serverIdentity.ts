import type { RedisNode } from './connect';

/**
 * The `run_id` of `INFO server`: a random id a Redis server draws at every start. Two connections that see the same
 * one reach the same server process (whatever host names led there), and a primary whose id changed was restarted or
 * replaced by a failover, so its hash table — and with it the meaning of any SCAN cursor — is not the one before.
 * Undefined when the server does not report it.
 */
export function runIdOf(info: unknown): string | undefined {
  return /^run_id:([0-9a-zA-Z]+)\r?$/m.exec(String(info))?.[1];
}

export async function readRunId(node: RedisNode): Promise<string | undefined> {
  return runIdOf(await node.send(['INFO', 'server']));
}
