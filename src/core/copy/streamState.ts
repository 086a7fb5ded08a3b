import type { RedisArg, RedisNode } from './connect';

/** A consumer group as XINFO GROUPS describes it. */
export interface StreamGroup {
  name: Buffer;
  lastDeliveredId: Buffer;
  /** Entries the group has read (Redis 7+); undefined when the server does not know it (e.g. after deletions). */
  entriesRead: number | undefined;
  consumers: number;
  pending: number;
}

/** What a stream holds besides its entries: its ID counters (XINFO STREAM) and its consumer groups. */
export interface StreamState {
  lastGeneratedId: Buffer;
  /** Redis 7+ only. */
  entriesAdded: number | undefined;
  maxDeletedId: Buffer | undefined;
  groups: StreamGroup[];
}

/** Reads the state of a stream, or undefined when the key no longer exists. */
export async function readStreamState(node: RedisNode, key: RedisArg): Promise<StreamState | undefined> {
  let info: unknown;
  let groups: unknown;
  try {
    [info, groups] = await Promise.all([node.send(['XINFO', 'STREAM', key]), node.send(['XINFO', 'GROUPS', key])]);
  } catch (error) {
    if (/no such key/i.test((error as Error).message ?? '')) return undefined;
    throw error;
  }
  const stream = fields(info);
  return {
    lastGeneratedId: asBuffer(stream.get('last-generated-id'))!,
    entriesAdded: asNumber(stream.get('entries-added')),
    maxDeletedId: asBuffer(stream.get('max-deleted-entry-id')),
    groups: (groups as unknown[]).map((reply) => {
      const group = fields(reply);
      return {
        name: asBuffer(group.get('name'))!,
        lastDeliveredId: asBuffer(group.get('last-delivered-id'))!,
        entriesRead: asNumber(group.get('entries-read')),
        consumers: asNumber(group.get('consumers')) ?? 0,
        pending: asNumber(group.get('pending')) ?? 0,
      };
    }),
  };
}

/**
 * The commands that give `key` — its entries already written — the source's ID counters and consumer groups:
 * XSETID (so new entries get IDs after the source's last one, even one that was deleted) and one XGROUP CREATE per
 * group at its last-delivered ID. A stream without entries is first created empty through a throwaway group.
 * Pending entries and consumers are not recreated: only reading entries as a consumer makes them.
 */
export function streamStateCommands(key: RedisArg, state: StreamState, empty: boolean, scratchGroup: string): RedisArg[][] {
  const commands: RedisArg[][] = [];
  if (empty) commands.push(['XGROUP', 'CREATE', key, scratchGroup, '$', 'MKSTREAM'], ['XGROUP', 'DESTROY', key, scratchGroup]);
  const counters: RedisArg[] = state.entriesAdded === undefined ? [] : ['ENTRIESADDED', String(state.entriesAdded)];
  if (state.maxDeletedId) counters.push('MAXDELETEDID', state.maxDeletedId);
  commands.push(['XSETID', key, state.lastGeneratedId, ...counters]);
  for (const group of state.groups) {
    commands.push(['XGROUP', 'CREATE', key, group.name, group.lastDeliveredId,
      ...(group.entriesRead === undefined ? [] : ['ENTRIESREAD', String(group.entriesRead)])]);
  }
  return commands;
}

/** RESP2 field/value pairs (XINFO replies) as a map keyed by field name. */
function fields(reply: unknown): Map<string, unknown> {
  const items = reply as unknown[];
  const map = new Map<string, unknown>();
  for (let i = 0; i + 1 < items.length; i += 2) map.set(String(items[i]), items[i + 1]);
  return map;
}

function asBuffer(value: unknown): Buffer | undefined {
  if (value === null || value === undefined) return undefined;
  return Buffer.isBuffer(value) ? value : Buffer.from(String(value));
}

function asNumber(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  const number = Number(String(value));
  return Number.isFinite(number) ? number : undefined;
}
