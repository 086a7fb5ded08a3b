import { UNKNOWN_CHAR } from './evidence';

const SLOT_COUNT = 16384;

/** CRC16/XMODEM, the checksum Redis Cluster uses for key slots. */
function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

/**
 * The part of a key Redis hashes: the text inside the first `{…}` when non-empty, else the whole key.
 * `undefined` when that part contains text the scanner cannot know.
 */
export function hashedPart(key: string): string | undefined {
  const open = key.indexOf('{');
  const unknownAt = key.indexOf(UNKNOWN_CHAR);
  if (open >= 0 && (unknownAt < 0 || unknownAt > open)) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) {
      const tag = key.slice(open + 1, close);
      return tag.includes(UNKNOWN_CHAR) ? undefined : tag;
    }
    if (close < 0 && unknownAt > open) return undefined;
  }
  return unknownAt >= 0 ? undefined : key;
}

/** The cluster slot of a key, or `undefined` when it cannot be known statically. */
export function keySlot(key: string): number | undefined {
  const hashed = hashedPart(key);
  return hashed === undefined ? undefined : crc16(new TextEncoder().encode(hashed)) % SLOT_COUNT;
}
