/**
 * Tokens without which a JS/TS file cannot hold a finding of its own; other files are never parsed
 * (they may still be parsed on demand when a scanned file imports a constant from them).
 */
const INTERESTING = /redis|valkey|6379|6380|keyspace|keyevent|mget|mset|createCluster|createClient/i;

export function mayHoldFindings(text: string): boolean {
  return INTERESTING.test(text);
}
