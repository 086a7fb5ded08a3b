// Redis Cluster key → hash slot (CRC16-CCITT/XMODEM of the key or its `{hash tag}`, mod 16384).
const CRC16_TABLE = (() => {
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    table[i] = crc;
  }
  return table;
})();

export const SLOT_COUNT = 16384;

export function crc16(data: Uint8Array): number {
  let crc = 0;
  for (const byte of data) crc = ((crc << 8) & 0xffff) ^ CRC16_TABLE[((crc >> 8) ^ byte) & 0xff]!;
  return crc;
}

/** The part of a key that is hashed: the first non-empty `{…}` section, else the whole key. */
export function hashTag(key: Buffer): Buffer {
  const open = key.indexOf(0x7b);
  if (open === -1) return key;
  const close = key.indexOf(0x7d, open + 1);
  if (close === -1 || close === open + 1) return key;
  return key.subarray(open + 1, close);
}

export function keySlot(key: Buffer | string): number {
  return crc16(hashTag(typeof key === 'string' ? Buffer.from(key) : key)) % SLOT_COUNT;
}

/**
 * A scratch key in the same slot as `key` (so RENAME works on a cluster), or undefined when none of the candidate
 * names hash alike — the caller then writes in place. `runId` keeps it from colliding with real keys.
 */
export function sameSlotTempKey(key: Buffer, runId: string): Buffer | undefined {
  const slot = keySlot(key);
  const suffix = `:amr-migrate-partial:${runId}`;
  const candidates = [Buffer.concat([key, Buffer.from(suffix)]), Buffer.concat([Buffer.from('{'), key, Buffer.from(`}${suffix}`)])];
  return candidates.find((candidate) => keySlot(candidate) === slot);
}
