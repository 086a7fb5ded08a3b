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
 * Unknown parts stay in it as symbols; `undefined` when an unknown part comes before the first `{`
 * (it might itself hold a brace).
 */
export function hashedPart(key: string): string | undefined {
  const open = key.indexOf('{');
  const unknownAt = key.indexOf(UNKNOWN_CHAR);
  if (open < 0) return key;
  if (unknownAt >= 0 && unknownAt < open) return undefined;
  const close = key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

/**
 * Which slot a key hashes to: a number when the hashed part is fully known; the hashed part itself
 * when it contains unknown parts (equal symbolic parts are the same slot); `undefined` when unknowable.
 */
export function slotOf(key: string): number | string | undefined {
  const hashed = hashedPart(key);
  if (hashed === undefined) return undefined;
  return hashed.includes(UNKNOWN_CHAR) ? hashed : crc16(new TextEncoder().encode(hashed)) % SLOT_COUNT;
}
