/**
 * Where the editor keeps a copy's checkpoint (one file per source/target pair in the extension's global storage) and
 * whether a stored one belongs to the pair the user chose. No VS Code import: unit-tested in node.
 */
import { createHash } from 'node:crypto';
import type { CopyCheckpoint } from '../../core/copy/checkpoint';
import type { RedisEndpoint } from '../../core/copy/endpoint';

/** `rediss://host:port[ db N]`: the start of describeEndpoint(), without the user or clustering that follow it. */
export function serverOf(endpoint: Pick<RedisEndpoint, 'host' | 'port' | 'tls' | 'db'>): string {
  return `${endpoint.tls ? 'rediss' : 'redis'}://${endpoint.host.toLowerCase()}:${endpoint.port}${endpoint.db ? ` db ${endpoint.db}` : ''}`;
}

/**
 * The checkpoint's file name for a pair: a hash of both servers, so the same pair finds it again whoever signs in and
 * however the copy is started, and the name reveals nothing about the caches.
 */
export function checkpointFileName(source: RedisEndpoint, target: RedisEndpoint): string {
  const hash = createHash('sha256').update(`${serverOf(source)}\n${serverOf(target)}`).digest('hex').slice(0, 24);
  return `copy-${hash}.checkpoint.json`;
}

/** A description from the engine (describeEndpoint, maybe with " (cluster)" or the user) names this server. */
function describes(description: string, endpoint: RedisEndpoint): boolean {
  const server = serverOf(endpoint);
  const lower = description.toLowerCase();
  return lower === server || lower.startsWith(`${server} `);
}

/** The stored checkpoint names the same source and target (guards against a hash file copied from elsewhere). */
export function checkpointMatches(checkpoint: CopyCheckpoint, source: RedisEndpoint, target: RedisEndpoint): boolean {
  return describes(checkpoint.source, source) && describes(checkpoint.target, target);
}

/** `12,000 keys done, stopped 2026-11-26 09:45 UTC` */
export function checkpointSummary(checkpoint: CopyCheckpoint): string {
  const c = checkpoint.counts;
  const done = c.copied + c.alreadyPresent + c.conflicts + c.vanished;
  const when = checkpoint.updatedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  return `${done.toLocaleString('en-US')} keys done, stopped ${when}`;
}
