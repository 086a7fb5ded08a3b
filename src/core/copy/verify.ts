import { wireKey, type RedisArg, type RedisConnection, type RedisNode } from './connect';
import { isConnectionError, withRetry, type RetryPolicy } from './retry';
import { printableKey } from './typeAwareCopy';
import { isCopyableType, sameValue } from './values';

export type VerifyMode = 'full' | 'sample' | 'none';

export interface KeyDifference {
  key: string;
  reason: 'type' | 'value' | 'ttl';
  detail: string;
}

/** What the verification found; key lists are bounded, counts are not. */
export interface VerificationReport {
  mode: Exclude<VerifyMode, 'none'>;
  keysChecked: number;
  missing: number;
  different: number;
  missingKeys: string[];
  differentKeys: KeyDifference[];
  /** Keys whose TTL ran out on the source while they were being compared: not differences (and not in keysChecked). */
  expired?: number;
  /** Keys per type on the source (all keys) and on the target (keys under the prefix). */
  sourceTypes: Record<string, number>;
  targetTypes: Record<string, number>;
}

export interface VerifyOptions {
  mode: Exclude<VerifyMode, 'none'>;
  sampleSize: number;
  keyPrefix: Buffer;
  /** Allowed TTL difference: the copy moves TTLs across with millisecond drift. */
  ttlToleranceMs: number;
  scanCount: number;
  /** Batches verified concurrently per node: enough to keep the pipes full, few enough to bound memory. */
  batchesInFlight: number;
  chunkSize: number;
  bigKeyBytes: number;
  maxListed: number;
  retry: RetryPolicy;
  signal: AbortSignal | undefined;
  onKeys: (checked: number) => void;
}

export interface KeyState {
  type: string;
  pttl: number;
  /** When PTTL was sent and answered: the key expires between sentAt + pttl and answeredAt + pttl. */
  sentAt: number;
  answeredAt: number;
  dump: Buffer | null;
}

/** Compares the source with the target key by key (all keys, or a random sample) and counts keys per type on both sides. */
export async function verifyCopy(source: RedisNode[], target: RedisConnection, options: VerifyOptions): Promise<VerificationReport> {
  const report: VerificationReport = {
    mode: options.mode, keysChecked: 0, missing: 0, different: 0, missingKeys: [], differentKeys: [], expired: 0, sourceTypes: {}, targetTypes: {},
  };
  const expired = () => void (report.expired = (report.expired ?? 0) + 1);
  const targetKeyOf = (key: Buffer) => (options.keyPrefix.length ? Buffer.concat([options.keyPrefix, key]) : key);
  const check = async (node: RedisNode, keys: Buffer[]) => {
    const [states, targetStates] = await Promise.all([
      readStates(keys.map((key) => ({ node, key: wireKey(key) })), options.bigKeyBytes),
      readStates(keys.map((key) => {
        const targetKey = wireKey(targetKeyOf(key));
        return { node: targetNodeFor(target, targetKey), key: targetKey };
      }), options.bigKeyBytes),
    ]);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const from = states[i]!;
      const to = targetStates[i]!;
      // Expired or deleted on the source since (PTTL -2: gone between the TYPE and PTTL reads): nothing to compare.
      if (from.type === 'none' || from.pttl === -2) continue;
      if (to.type === 'none' && await expiredMeanwhile(node, key, from, to.answeredAt, options.ttlToleranceMs)) {
        expired();
        continue;
      }
      report.keysChecked++;
      if (options.mode === 'full') report.sourceTypes[from.type] = (report.sourceTypes[from.type] ?? 0) + 1;
      if (to.type === 'none') {
        report.missing++;
        if (report.missingKeys.length < options.maxListed) report.missingKeys.push(printableKey(key));
        continue;
      }
      const difference = await compare(node, key, from, targetNodeFor(target, targetKeyOf(key)), targetKeyOf(key), to, options);
      // A target copy without a TTL outlives its source: that stays a difference even when the source key is gone.
      if (difference && to.pttl !== -1 && await expiredMeanwhile(node, key, from, undefined, options.ttlToleranceMs)) {
        report.keysChecked--;
        if (options.mode === 'full') report.sourceTypes[from.type]!--;
        expired();
        continue;
      }
      if (difference) {
        report.different++;
        if (report.differentKeys.length < options.maxListed) report.differentKeys.push({ key: printableKey(key), reason: difference.reason, detail: difference.detail });
      }
    }
    options.onKeys(report.keysChecked);
  };

  for (const node of source) {
    await scanAll(node, options, [], async (keys) => {
      if (options.mode === 'full') return check(node, keys);
      const types = await Promise.all(keys.map((key) => node.send(['TYPE', wireKey(key)])));
      for (const type of types) if (type !== 'none') report.sourceTypes[String(type)] = (report.sourceTypes[String(type)] ?? 0) + 1;
    });
  }
  if (options.mode === 'sample') {
    const perNode = Math.max(1, Math.ceil(options.sampleSize / source.length));
    for (const node of source) {
      const picked = new Map<string, Buffer>();
      for (let i = 0; i < perNode * 2 && picked.size < perNode; i++) {
        const key = (await withRetry(() => node.send(['RANDOMKEY']), options.retry, `sampling ${node.label}`, options.signal)) as Buffer | null;
        if (!key) break;
        picked.set(key.toString('base64'), key);
      }
      const keys = [...picked.values()];
      for (let i = 0; i < keys.length; i += options.scanCount) {
        const slice = keys.slice(i, i + options.scanCount);
        await withRetry(() => check(node, slice), options.retry, `verifying ${node.label}`, options.signal);
      }
    }
  }
  const match = options.keyPrefix.length ? ['MATCH', Buffer.concat([escapeGlob(options.keyPrefix), Buffer.from('*')])] : [];
  for (const node of target.primaries) {
    await scanAll(node, options, match, async (keys) => {
      const types = await Promise.all(keys.map((key) => node.send(['TYPE', wireKey(key)])));
      for (const type of types) if (type !== 'none') report.targetTypes[String(type)] = (report.targetTypes[String(type)] ?? 0) + 1;
    });
  }
  return report;
}

/** SCANs a node to the end, handing each batch to `onKeys` with a few batches in flight. */
async function scanAll(node: RedisNode, options: VerifyOptions, match: Array<string | Buffer>, onKeys: (keys: Buffer[]) => Promise<void>): Promise<void> {
  const inFlight: Array<Promise<void>> = [];
  let cursor = '0';
  try {
    do {
      if (options.signal?.aborted) throw options.signal.reason;
      const [next, keys] = (await withRetry(() => node.send(['SCAN', cursor, ...match, 'COUNT', String(options.scanCount)]), options.retry,
        `scanning ${node.label}`, options.signal)) as [Buffer, Buffer[]];
      cursor = next.toString();
      if (keys.length > 0) {
        const batch = withRetry(() => onKeys(keys), options.retry, `verifying keys on ${node.label}`, options.signal);
        batch.catch(() => undefined); // awaited below
        inFlight.push(batch);
      }
      while (inFlight.length >= options.batchesInFlight) await inFlight.shift();
    } while (cursor !== '0');
    while (inFlight.length > 0) await inFlight.shift();
  } finally {
    await Promise.allSettled(inFlight);
  }
}

/**
 * A key with a TTL that looks missing or different on the target may just have run out meanwhile: its copy expires
 * with it (within the tolerance), and the reads of a comparison are not simultaneous. It is not a difference when the
 * source key's expiry came within the tolerance of `targetReadAt` (when the target was found without it), or the
 * source key is gone by now.
 */
async function expiredMeanwhile(node: RedisNode, key: Buffer, from: KeyState, targetReadAt: number | undefined, toleranceMs: number): Promise<boolean> {
  if (from.pttl < 0) return false;
  if (targetReadAt !== undefined && from.sentAt + from.pttl - toleranceMs <= targetReadAt) return true;
  return Number(await node.send(['EXISTS', wireKey(key)])) === 0;
}

/** TYPE, PTTL and (for keys small enough) DUMP of each key, in two pipelined rounds. */
async function readStates(keys: Array<{ node: RedisNode; key: RedisArg }>, bigKeyBytes: number): Promise<KeyState[]> {
  const sentAt = Date.now();
  let answeredAt = sentAt;
  const answered = (pttl: unknown) => ((answeredAt = Math.max(answeredAt, Date.now())), pttl);
  const [types, pttls, sizes] = await Promise.all([
    Promise.all(keys.map(({ node, key }) => node.send(['TYPE', key]))),
    Promise.all(keys.map(({ node, key }) => node.send(['PTTL', key]).then(answered))),
    Promise.all(keys.map(({ node, key }) => node.send(['MEMORY', 'USAGE', key]).catch(sizeUnknown))),
  ]);
  const dumps = await Promise.all(keys.map(({ node, key }, i) => {
    const size = sizes[i];
    const small = typeof size !== 'number' || size <= bigKeyBytes;
    return small && types[i] !== 'none' ? (node.send(['DUMP', key]) as Promise<Buffer | null>) : null;
  }));
  return keys.map((_, i) => ({ type: String(types[i]), pttl: Number(pttls[i]), sentAt, answeredAt, dump: dumps[i]! }));
}

/** MEMORY USAGE refused (ACL, older server): the size is unknown and the key is DUMPed. */
function sizeUnknown(error: unknown): undefined {
  if (isConnectionError(error)) throw error;
  return undefined;
}

async function compare(sourceNode: RedisNode, sourceKey: Buffer, from: KeyState, targetNode: RedisNode, targetKey: Buffer, to: KeyState,
  options: VerifyOptions): Promise<Omit<KeyDifference, 'key'> | undefined> {
  if (from.type !== to.type) return { reason: 'type', detail: `${from.type} on the source, ${to.type} on the target` };
  const sameBytes = from.dump && to.dump && from.dump.equals(to.dump);
  if (!sameBytes) {
    if (!isCopyableType(from.type)) return { reason: 'value', detail: `${from.type} values differ` };
    if (!(await sameValue(sourceNode, sourceKey, targetNode, targetKey, from.type, options.chunkSize))) return { reason: 'value', detail: `${from.type} values differ` };
  }
  if (!ttlsAgree(from, to, options.ttlToleranceMs)) return { reason: 'ttl', detail: `TTL ${from.pttl} ms on the source, ${to.pttl} ms on the target` };
  return undefined;
}

/**
 * Whether two expiries match. Expiry windows are compared, not raw PTTLs: on a busy machine the two reads may run a
 * while apart. A key that ran out between TYPE and PTTL (PTTL -2) matches a copy that runs out within the tolerance.
 */
export function ttlsAgree(from: KeyState, to: KeyState, toleranceMs: number): boolean {
  const endsSoon = (pttl: number) => pttl === -2 || (pttl > 0 && pttl <= toleranceMs);
  if ((from.pttl === -2 && endsSoon(to.pttl)) || (to.pttl === -2 && endsSoon(from.pttl))) return true;
  return from.pttl < 0 ? to.pttl === from.pttl : to.pttl > 0
    && from.sentAt + from.pttl - toleranceMs <= to.answeredAt + to.pttl
    && to.sentAt + to.pttl - toleranceMs <= from.answeredAt + from.pttl;
}

/** A RedisNode view of the target that routes every command by `key`. */
export function targetNodeFor(target: RedisConnection, key: RedisArg): RedisNode {
  return { label: target.description, send: (args) => target.sendForKey(key, args) };
}

function escapeGlob(prefix: Buffer): Buffer {
  return Buffer.from(prefix.toString('latin1').replace(/[*?[\]\\]/g, '\\$&'), 'latin1');
}
