import type { RedisArg, RedisNode } from './connect';

/** The data types the type-aware path can copy and compare. */
export const COPYABLE_TYPES = ['string', 'hash', 'list', 'set', 'zset', 'stream'] as const;
export type CopyableType = (typeof COPYABLE_TYPES)[number];

export function isCopyableType(type: string): type is CopyableType {
  return (COPYABLE_TYPES as readonly string[]).includes(type);
}

/**
 * One slice of a value, as the arguments that recreate it after `COMMAND key`:
 * string → [bytes] (APPEND), hash → [field, value, …] (HSET), list → [element, …] (RPUSH), set → [member, …] (SADD),
 * zset → [score, member, …] (ZADD), stream → [id, field, value, …] per entry (XADD).
 */
export type ValueChunk = Buffer[];

export const WRITE_COMMAND: Record<CopyableType, string> = {
  string: 'APPEND',
  hash: 'HSET',
  list: 'RPUSH',
  set: 'SADD',
  zset: 'ZADD',
  stream: 'XADD',
};

/** Reads a value in bounded slices (GETRANGE, HSCAN, LRANGE, SSCAN, ZSCAN, XRANGE) so a big key never sits in memory whole. */
export async function* readValueChunks(node: RedisNode, key: Buffer, type: CopyableType, chunkSize: number): AsyncGenerator<ValueChunk> {
  switch (type) {
    case 'string': {
      const bytes = chunkSize * 1024;
      for (let start = 0; ; start += bytes) {
        const part = (await node.send(['GETRANGE', key, String(start), String(start + bytes - 1)])) as Buffer;
        if (part.length > 0) yield [part];
        if (part.length < bytes) return;
      }
    }
    case 'list':
      for (let start = 0; ; start += chunkSize) {
        const items = (await node.send(['LRANGE', key, String(start), String(start + chunkSize - 1)])) as Buffer[];
        if (items.length > 0) yield items;
        if (items.length < chunkSize) return;
      }
    case 'hash':
    case 'set':
    case 'zset': {
      const command = type === 'hash' ? 'HSCAN' : type === 'set' ? 'SSCAN' : 'ZSCAN';
      let cursor = '0';
      do {
        const [next, items] = (await node.send([command, key, cursor, 'COUNT', String(chunkSize)])) as [Buffer, Buffer[]];
        cursor = next.toString();
        // ZSCAN gives member, score; ZADD wants score, member.
        if (items.length > 0) yield type === 'zset' ? swapPairs(items) : items;
      } while (cursor !== '0');
      return;
    }
    case 'stream': {
      let start: RedisArg = '-';
      for (;;) {
        const entries = (await node.send(['XRANGE', key, start, '+', 'COUNT', String(chunkSize)])) as Array<[Buffer, Buffer[]]>;
        if (entries.length > 0) yield entries.flatMap(([id, fields]) => [id, Buffer.from(String(fields.length)), ...fields]);
        if (entries.length < chunkSize) return;
        start = `(${entries[entries.length - 1]![0].toString()}`;
      }
    }
  }
}

function swapPairs(items: Buffer[]): Buffer[] {
  const swapped: Buffer[] = [];
  for (let i = 0; i + 1 < items.length; i += 2) swapped.push(items[i + 1]!, items[i]!);
  return swapped;
}

/** Turns a chunk into the write commands that recreate it on `key`. */
export function writeCommands(type: CopyableType, key: Buffer, chunk: ValueChunk): RedisArg[][] {
  if (type !== 'stream') return [[WRITE_COMMAND[type], key, ...chunk]];
  const commands: RedisArg[][] = [];
  for (let i = 0; i < chunk.length; ) {
    const id = chunk[i]!;
    const fieldCount = Number(chunk[i + 1]!.toString());
    commands.push(['XADD', key, id, ...chunk.slice(i + 2, i + 2 + fieldCount)]);
    i += 2 + fieldCount;
  }
  return commands;
}

/**
 * An order-independent fingerprint of a value where order does not matter (hash, set, zset) and an ordered one
 * where it does (string, list, stream), built from the slices. Used to compare values whose DUMP bytes differ only
 * by encoding (e.g. a hash written field by field in another order).
 */
export async function valueFingerprint(node: RedisNode, key: Buffer, type: CopyableType, chunkSize: number): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of readValueChunks(node, key, type, chunkSize)) {
    if (type === 'hash' || type === 'zset') {
      for (let i = 0; i + 1 < chunk.length; i += 2) parts.push(`${chunk[i]!.toString('base64')}=${chunk[i + 1]!.toString('base64')}`);
    } else if (type === 'string') {
      parts.push(chunk[0]!.toString('latin1'));
    } else {
      for (const item of chunk) parts.push(item.toString('base64'));
    }
  }
  if (type === 'hash' || type === 'set' || type === 'zset') parts.sort();
  // SCAN-based reads may return an element twice; a set of parts is what the value is.
  const unique = type === 'hash' || type === 'set' || type === 'zset' ? [...new Set(parts)] : parts;
  return `${type}:${unique.length}:${unique.join(type === 'string' ? '' : '\n')}`;
}
