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

const CARDINALITY: Record<'hash' | 'set' | 'zset', string> = { hash: 'HLEN', set: 'SCARD', zset: 'ZCARD' };

/**
 * Whether two keys of `type` hold the same value, read slice by slice so memory stays at one slice per side whatever
 * the value's size. Ordered values (string, list, stream) are read in lockstep and compared slice against slice.
 * Unordered ones (hash, set, zset) must have the same size, and every element of the source's slices must be on the
 * target with the same value (HMGET, SMISMEMBER, ZMSCORE): the same size and no element missing means the same
 * elements, and an element a SCAN returns twice is merely checked twice.
 */
export async function sameValue(source: RedisNode, sourceKey: Buffer, target: RedisNode, targetKey: Buffer, type: CopyableType, chunkSize: number): Promise<boolean> {
  if (type === 'string' || type === 'list' || type === 'stream') {
    const a = readValueChunks(source, sourceKey, type, chunkSize);
    const b = readValueChunks(target, targetKey, type, chunkSize);
    try {
      for (;;) {
        const [x, y] = await Promise.all([a.next(), b.next()]);
        if (x.done || y.done) return Boolean(x.done && y.done);
        if (x.value.length !== y.value.length || x.value.some((part, i) => !part.equals(y.value[i]!))) return false;
      }
    } finally {
      await Promise.all([a.return(undefined), b.return(undefined)]);
    }
  }
  const [sourceSize, targetSize] = await Promise.all([source.send([CARDINALITY[type], sourceKey]), target.send([CARDINALITY[type], targetKey])]);
  if (Number(sourceSize) !== Number(targetSize)) return false;
  for await (const chunk of readValueChunks(source, sourceKey, type, chunkSize)) {
    // hash: [field, value, …]; zset: [score, member, …]; set: [member, …]
    if (type === 'set') {
      const present = (await target.send(['SMISMEMBER', targetKey, ...chunk])) as number[];
      if (present.some((flag) => Number(flag) !== 1)) return false;
      continue;
    }
    const names = chunk.filter((_, i) => i % 2 === (type === 'hash' ? 0 : 1));
    const values = chunk.filter((_, i) => i % 2 === (type === 'hash' ? 1 : 0));
    const found = (await target.send([type === 'hash' ? 'HMGET' : 'ZMSCORE', targetKey, ...names])) as Array<Buffer | null>;
    if (found.some((value, i) => value === null || !Buffer.from(value).equals(values[i]!))) return false;
  }
  return true;
}
