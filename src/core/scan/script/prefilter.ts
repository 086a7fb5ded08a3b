/**
 * Tokens without which a JS/TS file cannot hold a finding of its own, so it is never parsed (it may
 * still be parsed on demand when a scanned file imports a constant from it). Every client construction
 * imports from a module named like redis, every plausible client receiver is named or typed like one,
 * URLs and Azure host names contain "redis"; only ports, keyspace names and connection-string options
 * can appear without it.
 */
const INTERESTING = /redis(?!trib)|valkey|\b63(?:79|80)\b|keyspace|keyevent|abortConnect/i;

export function mayHoldFindings(text: string): boolean {
  return INTERESTING.test(text);
}
