import { randomBytes } from 'node:crypto';
import { ConcurrencyLimiter } from '../azure/concurrencyLimiter';
import { isRedirect, readOnly, openConnection, type PipelinedNode, type RedisArg, type RedisConnection, type RedisNode } from './connect';
import { CheckpointError, emptyCounts, readCheckpoint, writeCheckpoint, type CopyCheckpoint, type CopyCounts } from './checkpoint';
import type { RedisEndpoint } from './endpoint';
import { ProgressMeter, type CopyProgress } from './progress';
import { RespReplyError, type RespReply } from './respProtocol';
import { DEFAULT_RETRY, isConnectionError, isLoadingError, withRetry, type RetryPolicy } from './retry';
import { readRunId, runIdOf } from './serverIdentity';
import { LiveRefusal, LiveSync, type LiveOptions, type LiveReport } from './liveSync';
import { copyKeyByType, printableKey } from './typeAwareCopy';
import { isCopyableType, sameValue } from './values';
import { targetNodeFor, verifyCopy, type VerificationReport, type VerifyMode } from './verify';

export interface CopyOptions {
  source: RedisEndpoint;
  target: RedisEndpoint;
  /** Only count keys and bytes; connect to the target just to see whether it is empty. */
  dryRun?: boolean;
  /** Replace keys the target already has (RESTORE … REPLACE). Implies consent to a non-empty target. */
  overwrite?: boolean;
  /** Copy into a target that already holds keys, reporting (not replacing) any that clash. */
  allowNonEmptyTarget?: boolean;
  /** Prepended to every key on the target; required to map a source database other than the target's. */
  keyPrefix?: string;
  verify?: VerifyMode;
  sampleSize?: number;
  /** Where the checkpoint is written as the copy goes. */
  checkpointFile?: string;
  /** Continue from `checkpointFile` instead of starting over. */
  resume?: boolean;
  /** SCAN COUNT: keys per batch. */
  scanCount?: number;
  /** Batches in flight per source primary; bounds memory (scanCount × batchesInFlight keys at most). */
  batchesInFlight?: number;
  /** Keys whose MEMORY USAGE is above this are copied element by element instead of with one DUMP. */
  bigKeyBytes?: number;
  /** Elements per slice for element-by-element copies and comparisons. */
  chunkSize?: number;
  retry?: RetryPolicy;
  signal?: AbortSignal;
  onProgress?: (progress: CopyProgress) => void;
  progressIntervalMs?: number;
  /** Notes worth telling the user (e.g. RESTORE refused, falling back). */
  onNotice?: (message: string) => void;
  /**
   * This machine's clock, ms since the epoch (Date.now by default). Expiry times are read as TTLs on the source,
   * held on this clock, and written on the target's: the difference to the target's `TIME` is measured and corrected.
   */
  clock?: () => number;
  /**
   * Live mode: after the initial copy, keep copying what the source's keyspace notifications name until
   * `live.cutOver` is aborted; then drain, verify and report. `signal` still stops the initial copy.
   */
  live?: LiveOptions;
}

export interface CopyResult {
  dryRun: boolean;
  source: string;
  target: string;
  /** Source keys when the copy started. */
  sourceKeys: number;
  /** Target keys (in the target database) before this run wrote anything. */
  targetKeysBefore: number;
  counts: CopyCounts;
  /** Keys the target held with another value and that were left alone (bounded list). */
  conflictKeys: string[];
  /** Dry run: keys per type and estimated bytes. */
  estimate?: { byType: Record<string, number>; bytes: number | undefined };
  verification?: VerificationReport;
  /** Live mode: what followed the initial copy, up to the cut-over. */
  live?: LiveReport;
  durationMs: number;
}

/** Why a copy stopped: the first two need a decision from the user (a flag), `refused` a different invocation. */
export type CopyFailureKind = 'target-not-empty' | 'needs-key-prefix' | 'refused' | 'connection' | 'auth' | 'aborted' | 'failed';

/** A copy that stopped; `checkpointFile` (when set) resumes it. */
export class CopyError extends Error {
  override name = 'CopyError';
  constructor(message: string, readonly kind: CopyFailureKind, readonly checkpointFile?: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

const MAX_LISTED = 100;
const MAX_LOSS_NOTICES = 20;
/**
 * Each batch is one socket write per stage (MEMORY USAGE, PTTL+DUMP, RESTORE), so fewer, bigger batches spend less on
 * system calls; four in flight keep both servers busy while replies are read (measured on loopback, 100,000 keys:
 * 1000 × 4 used ~40% less CPU in this process than 200 × 16, for about as many keys held at once).
 */
const DEFAULT_SCAN_COUNT = 1000;
const DEFAULT_BATCHES_IN_FLIGHT = 4;
/** RESTORE errors meaning "this server will not take this payload": fall back to element-by-element copies. */
const RESTORE_REFUSED = /DUMP payload version|checksum are wrong|Bad data format|NOPERM|unknown command|ERR.*RESTORE/i;

/** Copies every key of the source into the target. Never writes to the source and never flushes anything. */
export async function copyData(options: CopyOptions): Promise<CopyResult> {
  const startedAt = Date.now();
  const retry = options.retry ?? DEFAULT_RETRY;
  const keyPrefix = options.keyPrefix ?? '';
  if (options.source.db !== options.target.db && !keyPrefix) {
    throw new CopyError(`the source is database ${options.source.db} and the target database ${options.target.db}: map it with a key prefix `
      + `(e.g. "db${options.source.db}:") so its keys cannot collide with another database's`, 'needs-key-prefix');
  }
  const source = await connect(options.source, retry);
  let target: RedisConnection | undefined;
  try {
    const sourceNodes = source.primaries.map(readOnly);
    const sourceKeys = await countKeys(sourceNodes, retry);
    target = await connect(options.target, retry);
    const sourceRunIds = await readRunIds(sourceNodes, retry);
    await refuseCopyIntoSource(options, source, sourceRunIds, target, retry);
    const targetKeysBefore = await countKeys(target.primaries, retry);
    const base = { source: source.description, target: target.description, sourceKeys, targetKeysBefore };
    if (options.dryRun) {
      if (options.live) throw new CopyError('a dry run copies nothing, so it cannot follow the source live', 'refused');
      const estimate = await estimateSource(sourceNodes, options, retry);
      return { dryRun: true, ...base, counts: emptyCounts(), conflictKeys: [], estimate, durationMs: Date.now() - startedAt };
    }
    const checkpoint = await startingCheckpoint(options, base, keyPrefix, sourceRunIds, targetKeysBefore);
    const clock = options.clock ?? Date.now;
    const targetClockOffset = await measureClockOffset(target.primaries, clock, retry);
    if (Math.abs(targetClockOffset) >= 1000) {
      options.onNotice?.(`this machine's clock is ${Math.round(Math.abs(targetClockOffset) / 1000)} s ${targetClockOffset > 0 ? 'behind' : 'ahead of'} `
        + "the target's: expiry times are corrected for the difference");
    }
    const run = new CopyRun(options, source, sourceNodes, target, checkpoint, sourceKeys, keyPrefix, retry, clock, targetClockOffset);
    // Subscribed before the first SCAN, so a change made while the initial copy runs is not missed.
    const live = options.live ? await startLive(options, options.live, source, sourceNodes, target, checkpoint, run.scanCount, retry) : undefined;
    let liveReport: LiveReport | undefined;
    try {
      await run.copyAll();
      if (live) {
        if (options.resume) live.markAllGaps();
        liveReport = await live.follow(run, options.signal === options.live!.cutOver ? undefined : options.signal).catch((error: unknown) => {
          throw failure(error, 'live copy', options.checkpointFile);
        });
      }
    } finally {
      live?.close();
    }
    let verification: VerificationReport | undefined;
    const mode = options.verify ?? 'full';
    if (mode !== 'none') {
      const meter = new ProgressMeter();
      // After a live phase, also the primaries added to the source meanwhile.
      verification = await verifyCopy(live ? [...live.primaries] : sourceNodes, target, {
        mode, sampleSize: options.sampleSize ?? 1000, keyPrefix: Buffer.from(keyPrefix), ttlToleranceMs: 1000,
        scanCount: run.scanCount, batchesInFlight: run.batchesInFlight, chunkSize: run.chunkSize, bigKeyBytes: run.bigKeyBytes, maxListed: MAX_LISTED, retry,
        // The cut-over may be the same signal as the stop (Ctrl+C): it must not stop the verification it leads to.
        signal: options.live?.cutOver === options.signal ? undefined : options.signal,
        onKeys: (checked) => options.onProgress?.(meter.snapshot('verify', checked, mode === 'full' ? sourceKeys : undefined, 0)),
      }).catch((error: unknown) => {
        throw failure(error, 'verification', undefined);
      });
    }
    return { dryRun: false, ...base, counts: checkpoint.counts, conflictKeys: checkpoint.conflictKeys.map((k) => printableKey(Buffer.from(k, 'base64'))),
      ...(verification ? { verification } : {}), ...(liveReport ? { live: liveReport } : {}), durationMs: Date.now() - startedAt };
  } finally {
    await Promise.allSettled([source.close(), target?.close()]);
  }
}

async function startLive(options: CopyOptions, live: LiveOptions, source: RedisConnection, sourceNodes: PipelinedNode[], target: RedisConnection,
  checkpoint: CopyCheckpoint, scanCount: number, retry: RetryPolicy): Promise<LiveSync> {
  if (checkpoint.conflictKeys.length > 0 || (!checkpoint.overwrite && checkpoint.targetWasEmpty === false)) {
    throw new CopyError('live mode replaces keys on the target as the source changes them: copy into an empty target, or choose overwrite', 'refused');
  }
  try {
    return await LiveSync.start(source, sourceNodes, target, options.source.db, live, {
      retry, scanCount, targetWasEmpty: checkpoint.targetWasEmpty ?? false, onNotice: (message) => options.onNotice?.(message),
      discover: async () => (await source.discoverPrimaries()).map(readOnly),
    });
  } catch (error) {
    if (error instanceof LiveRefusal) throw new CopyError(error.message, 'refused');
    throw failure(error, 'subscribing to keyspace notifications', undefined);
  }
}

async function connect(endpoint: RedisEndpoint, retry: RetryPolicy): Promise<RedisConnection> {
  try {
    return await openConnection(endpoint, retry);
  } catch (error) {
    const message = (error as Error).message;
    throw new CopyError(message, (error as Error).name === 'RedisAuthError' ? 'auth' : 'connection', undefined, { cause: error });
  }
}

async function countKeys(nodes: RedisNode[], retry: RetryPolicy): Promise<number> {
  const sizes = await Promise.all(nodes.map((node) => withRetry(() => node.send(['DBSIZE']), retry, `DBSIZE on ${node.label}`)));
  return sizes.reduce<number>((sum, size) => sum + Number(size), 0);
}

/** The run_id of each primary, by label (undefined where the server does not report one). */
async function readRunIds(nodes: RedisNode[], retry: RetryPolicy): Promise<Map<string, string | undefined>> {
  const ids = await Promise.all(nodes.map((node) => withRetry(() => readRunId(node), retry, `INFO server on ${node.label}`)));
  return new Map(nodes.map((node, i) => [node.label, ids[i]]));
}

/**
 * Host names cannot tell whether the target is the source (`localhost` and `127.0.0.1`, a DNS alias, a private
 * endpoint): the server processes can. A primary on both sides with the same database means the copy would write
 * into its own source, so it is refused before anything is written.
 */
async function refuseCopyIntoSource(options: CopyOptions, source: RedisConnection, sourceRunIds: Map<string, string | undefined>,
  target: RedisConnection, retry: RetryPolicy): Promise<void> {
  const targetRunIds = await readRunIds(target.primaries, retry);
  if ([...sourceRunIds.values(), ...targetRunIds.values()].includes(undefined)) {
    options.onNotice?.('a server did not report its run_id (INFO server): the copy cannot check that the target is not the source itself, '
      + 'nor notice a source restart or failover during the copy');
  }
  if (options.source.db !== options.target.db) return;
  const sourceLabels = new Map([...sourceRunIds].filter(([, id]) => id !== undefined).map(([label, id]) => [id, label]));
  for (const [label, id] of targetRunIds) {
    const sourceLabel = id === undefined ? undefined : sourceLabels.get(id);
    if (sourceLabel === undefined) continue;
    throw new CopyError(`the target is the source: ${target.description} and ${source.description} reach the same Redis server `
      + `(${label} and ${sourceLabel} report run_id ${id}) and the same database ${options.target.db}, so the copy would write into its own source`,
    'refused');
  }
}

/**
 * How far the servers' clocks are ahead of `clock` (ms; the mean over the primaries): `TIME` against the midpoint of
 * its round trip, the fastest of three tries per primary. RESTORE … ABSTTL and PEXPIREAT are read on the target's
 * clock, so a local clock minutes off would otherwise shorten (or stretch) every TTL by as much.
 */
async function measureClockOffset(nodes: RedisNode[], clock: () => number, retry: RetryPolicy): Promise<number> {
  const offsets = await Promise.all(nodes.map(async (node) => {
    let best = { roundTrip: Infinity, offset: 0 };
    for (let i = 0; i < 3; i++) {
      const sentAt = clock();
      const [seconds, micros] = (await withRetry(() => node.send(['TIME']), retry, `TIME on ${node.label}`)) as [Buffer, Buffer];
      const answeredAt = clock();
      const serverMs = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
      if (answeredAt - sentAt < best.roundTrip) best = { roundTrip: answeredAt - sentAt, offset: serverMs - (sentAt + answeredAt) / 2 };
    }
    return best.offset;
  }));
  return Math.round(offsets.reduce((sum, offset) => sum + offset, 0) / offsets.length);
}

async function estimateSource(nodes: RedisNode[], options: CopyOptions, retry: RetryPolicy): Promise<NonNullable<CopyResult['estimate']>> {
  const byType: Record<string, number> = {};
  let bytes: number | undefined = 0;
  for (const node of nodes) {
    let cursor = '0';
    do {
      if (options.signal?.aborted) throw new CopyError('dry run cancelled', 'aborted');
      const [next, keys] = (await withRetry(() => node.send(['SCAN', cursor, 'COUNT', String(options.scanCount ?? DEFAULT_SCAN_COUNT)]), retry, `SCAN on ${node.label}`)) as [Buffer, Buffer[]];
      cursor = next.toString();
      const [types, sizes] = await Promise.all([
        Promise.all(keys.map((key) => node.send(['TYPE', key]))),
        bytes === undefined ? [] : Promise.all(keys.map((key) => node.send(['MEMORY', 'USAGE', key]))).catch(() => undefined),
      ]);
      for (const type of types) if (type !== 'none') byType[String(type)] = (byType[String(type)] ?? 0) + 1;
      if (sizes === undefined) bytes = undefined;
      else if (bytes !== undefined) bytes += sizes.reduce<number>((sum, size) => sum + (Number(size) || 0), 0);
    } while (cursor !== '0');
  }
  return { byType, bytes };
}

async function startingCheckpoint(options: CopyOptions, base: { source: string; target: string }, keyPrefix: string,
  sourceRunIds: Map<string, string | undefined>, targetKeysBefore: number): Promise<CopyCheckpoint> {
  const overwrite = options.overwrite ?? false;
  if (options.resume) {
    if (!options.checkpointFile) throw new CopyError('resuming needs a checkpoint file', 'refused');
    let checkpoint: CopyCheckpoint;
    try {
      checkpoint = await readCheckpoint(options.checkpointFile);
    } catch (error) {
      throw new CopyError((error as CheckpointError).message, 'refused');
    }
    const mismatch = [
      checkpoint.source !== base.source && `source ${checkpoint.source} ≠ ${base.source}`,
      checkpoint.target !== base.target && `target ${checkpoint.target} ≠ ${base.target}`,
      checkpoint.keyPrefix !== keyPrefix && `key prefix '${checkpoint.keyPrefix}' ≠ '${keyPrefix}'`,
      checkpoint.overwrite !== overwrite && `overwrite ${checkpoint.overwrite} ≠ ${overwrite}`,
      [...sourceRunIds.keys()].sort().join(',') !== Object.keys(checkpoint.nodes).sort().join(',') && 'the source primaries changed',
    ].filter(Boolean);
    if (mismatch.length > 0) throw new CopyError(`checkpoint ${options.checkpointFile} belongs to another copy: ${mismatch.join('; ')}`, 'refused');
    const written = checkpoint.counts.copied + checkpoint.counts.alreadyPresent;
    if (written > 0 && targetKeysBefore === 0) {
      throw new CopyError(`the target is empty but checkpoint ${options.checkpointFile} says ${written} keys were copied: the target lost its data `
        + '(restarted without persistence?), so resuming would skip them. Start a new copy instead of resuming.', 'refused');
    }
    return checkpoint;
  }
  if (targetKeysBefore > 0 && !overwrite && !options.allowNonEmptyTarget) {
    throw new CopyError(`the target already holds ${targetKeysBefore} keys. Copy into it anyway only if that is intended: allow a non-empty target `
      + '(existing keys are kept and clashes reported) or choose overwrite (clashing keys are replaced).', 'target-not-empty');
  }
  return {
    version: 1, ...base, keyPrefix, overwrite,
    nodes: Object.fromEntries([...sourceRunIds].map(([label, runId]) => [label, { cursor: '0', done: false, ...(runId ? { runId } : {}) }])),
    counts: emptyCounts(), conflictKeys: [], targetWasEmpty: targetKeysBefore === 0, updatedAt: new Date().toISOString(),
  };
}

interface ElementCopy {
  key: Buffer;
  /** Absolute expiry (ms since the epoch), undefined for none. */
  expireAt: number | undefined;
}

/** What {@link readKeys} says about a key that has no TTL, or no longer exists. */
const NO_EXPIRY = -1;
const GONE = -2;

/** What one batch of keys read: arrays by key index (two arrays per batch rather than an object per key). */
interface KeyReads {
  /** Absolute expiry (ms since the epoch), or NO_EXPIRY / GONE. */
  expiries: number[];
  /** The DUMP payloads (when asked for); null when the key is gone. */
  payloads: Array<Buffer | null>;
}

/**
 * PTTL (and DUMP) of each key in one pipelined batch, the PTTL as the absolute expiry it means. The source ran each
 * command somewhere between sending the batch and reading its last reply, and either end can stall for a second on a
 * busy host (the source queued behind other batches, this process descheduled or collecting garbage): the midpoint is
 * off by at most half the round trip, whichever side stalled. Written with RESTORE ABSTTL / PEXPIREAT, so time the
 * write spends queued does not stretch the TTL on the target either.
 */
async function readKeys(node: PipelinedNode, keys: Buffer[], dump: boolean, clock: () => number): Promise<KeyReads> {
  const perKey = dump ? 2 : 1;
  const commands: RedisArg[][] = new Array(keys.length * perKey);
  for (let i = 0; i < keys.length; i++) {
    commands[i * perKey] = ['PTTL', keys[i]!];
    if (dump) commands[i * perKey + 1] = ['DUMP', keys[i]!];
  }
  const sentAt = clock();
  const replies = await node.sendBatch(commands);
  const midpoint = Math.round((sentAt + clock()) / 2);
  const expiries: number[] = new Array(keys.length);
  const payloads: Array<Buffer | null> = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const pttl = Number(replyValue(replies[i * perKey]));
    expiries[i] = pttl < 0 ? (pttl === NO_EXPIRY ? NO_EXPIRY : GONE) : midpoint + pttl;
    payloads[i] = dump ? (replyValue(replies[i * perKey + 1]) as Buffer | null) : null;
  }
  return { expiries, payloads };
}

/** A reply the copy cannot go on without: a refusal is thrown, as node-redis would. */
function replyValue(reply: RespReply | undefined): RespReply {
  if (reply instanceof RespReplyError) throw reply;
  return reply ?? null;
}

const SMALL_KEYS_BY_ELEMENT_IN_PARALLEL = 32;

interface BatchOutcome {
  counts: CopyCounts;
  conflicts: Buffer[];
  /** Keys found gone (deleted or expired) on the source; counted as vanished. */
  gone: Buffer[];
}

/** One copy run: SCAN each source primary, move batches across, commit cursors in order, keep the checkpoint current. */
class CopyRun {
  readonly scanCount: number;
  readonly chunkSize: number;
  readonly bigKeyBytes: number;
  readonly batchesInFlight: number;
  readonly #prefix: Buffer;
  readonly #prefixText: string;
  readonly #runId = randomBytes(6).toString('hex');
  readonly #meter: ProgressMeter;
  /**
   * Where keys are read: the primary owning each key's slot now, not the one that listed or notified it — on a
   * resharding cluster that one may have handed the key over (and a key it no longer has is not a key gone).
   */
  readonly #reader: PipelinedNode;
  #restoreRefused = false;
  #memoryUsageWorks = true;
  #losses = 0;
  #failure: unknown;
  #keysInFlightDone = 0;
  #lastProgress = 0;
  #lastSave = 0;
  #saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: CopyOptions,
    private readonly source: RedisConnection,
    private readonly sourceNodes: PipelinedNode[],
    private readonly target: RedisConnection,
    private readonly checkpoint: CopyCheckpoint,
    private readonly sourceKeys: number,
    keyPrefix: string,
    private readonly retry: RetryPolicy,
    private readonly clock: () => number,
    /** Added to an expiry on this machine's clock to get it on the target's. */
    private readonly targetClockOffset: number,
  ) {
    this.scanCount = options.scanCount ?? DEFAULT_SCAN_COUNT;
    this.chunkSize = options.chunkSize ?? 1000;
    this.bigKeyBytes = options.bigKeyBytes ?? 4 * 1024 * 1024;
    this.batchesInFlight = options.batchesInFlight ?? DEFAULT_BATCHES_IN_FLIGHT;
    this.#prefix = Buffer.from(keyPrefix);
    this.#prefixText = keyPrefix;
    this.#meter = new ProgressMeter(Date.now, this.#keysDone());
    this.#reader = readOnly(source.byKey);
  }

  async copyAll(): Promise<void> {
    await Promise.all(this.sourceNodes.map((node) => this.#copyNode(node).catch((error: unknown) => {
      this.#failure ??= error;
    })));
    if (this.#failure === undefined) {
      // A token refresh that failed after the last SCAN would otherwise go unnoticed.
      try {
        this.#checkAuth();
      } catch (error) {
        this.#failure = error;
      }
    }
    await this.#save(true);
    this.#emitProgress(true);
    if (this.#failure !== undefined) throw failure(this.#failure, 'copy', this.options.checkpointFile);
  }

  async #copyNode(node: PipelinedNode): Promise<void> {
    const state = this.checkpoint.nodes[node.label]!;
    if (state.done) return;
    const window: Array<{ after: string; outcome: Promise<BatchOutcome> }> = [];
    const commitOldest = async () => {
      const entry = window.shift()!;
      const outcome = await entry.outcome;
      this.#commit(outcome);
      state.cursor = entry.after;
      await this.#save(false);
    };
    let cursor = state.cursor;
    try {
      for (;;) {
        if (this.#failure !== undefined) return;
        if (this.options.signal?.aborted) throw new CopyError('copy cancelled', 'aborted');
        this.#checkAuth();
        // INFO rides in the SCAN's batch, so both replies come from one server process: the cursor is only followed
        // while the run_id is the one it was issued by (a reconnect, or a resume, may reach a restarted server).
        const [info, scanned] = await withRetry(async () => {
          const replies = await node.sendBatch([['INFO', 'server'], ['SCAN', cursor, 'COUNT', String(this.scanCount)]]);
          return [replyValue(replies[0]), replyValue(replies[1]) as [Buffer, Buffer[]]] as const;
        }, this.retry, `SCAN on ${node.label}`, this.options.signal);
        const runId = runIdOf(info);
        if (runId !== state.runId) {
          // Batches from the old cursor finish first, so the checkpoint never pairs the new run_id with an old cursor.
          while (window.length > 0) await commitOldest();
          this.options.onNotice?.(`the source primary ${node.label} was restarted or failed over (its run_id changed): scanning it again `
            + 'from the start so no key is skipped; keys already on the target are recognized, not copied twice');
          state.cursor = '0';
          if (runId) state.runId = runId;
          else delete state.runId;
          await this.#save(true);
          cursor = '0';
          continue;
        }
        cursor = scanned[0].toString();
        const outcome = withRetry(() => this.#copyBatch(scanned[1]), this.retry, `copying keys from ${node.label} to ${this.target.description}`, this.options.signal);
        outcome.catch(() => undefined); // awaited in order by commitOldest
        window.push({ after: cursor, outcome });
        while (window.length >= this.batchesInFlight) await commitOldest();
        if (cursor === '0') break;
      }
      while (window.length > 0) await commitOldest();
      state.done = true;
    } finally {
      // Batches already sent still finish; only those after a failed one stay uncommitted (the resume redoes them).
      await Promise.allSettled(window.map((entry) => entry.outcome));
    }
  }

  #commit(outcome: BatchOutcome): void {
    const counts = this.checkpoint.counts;
    for (const key of Object.keys(counts) as Array<keyof CopyCounts>) counts[key] += outcome.counts[key];
    for (const key of outcome.conflicts) {
      if (this.checkpoint.conflictKeys.length < MAX_LISTED) this.checkpoint.conflictKeys.push(key.toString('base64'));
    }
    this.#emitProgress(false);
  }

  /**
   * Live mode: copies `keys` again as they are on the source now, replacing them on the target, and deletes from the
   * target those gone from the source. Changes made after a key was read are notified again and copied again.
   */
  async resync(node: PipelinedNode, keys: Buffer[]): Promise<{ copied: number; deleted: number }> {
    // A renewed token the server refused: stop here, as the initial copy would, rather than retry into the same refusal.
    this.#checkAuth();
    return withRetry(async () => {
      const outcome = await this.#copyBatch(keys, true);
      if (outcome.conflicts.length > 0) throw new Error(`live copy: ${outcome.conflicts.length} keys could not be replaced on the target`);
      if (outcome.gone.length > 0) {
        const targetKeys = outcome.gone.map((key) => this.#targetKey(key));
        const replies = await this.target.sendBatchForKeys(targetKeys, targetKeys.map((key) => ['UNLINK', key]));
        for (const reply of replies) replyValue(reply);
      }
      return { copied: outcome.counts.copied, deleted: outcome.gone.length };
    }, this.retry, `copying changed keys from ${node.label} to ${this.target.description}`);
  }

  async #copyBatch(keys: Buffer[], live = false): Promise<BatchOutcome> {
    const node = this.#reader;
    const outcome: BatchOutcome = { counts: emptyCounts(), conflicts: [], gone: [] };
    const counts = outcome.counts;
    const replace = live || (this.options.overwrite ?? false);
    const sizes = await this.#memoryUsage(node, keys);
    const small: Buffer[] = [];
    const byElement: ElementCopy[] = [];
    const bigJobs: ElementCopy[] = [];
    for (let i = 0; i < keys.length; i++) {
      const size = sizes[i];
      if (size === null) {
        counts.vanished++;
        outcome.gone.push(keys[i]!);
      } else if (size !== undefined && size > this.bigKeyBytes) bigJobs.push({ key: keys[i]!, expireAt: undefined });
      else small.push(keys[i]!);
    }
    if (bigJobs.length > 0) {
      const { expiries } = await readKeys(node, bigJobs.map((job) => job.key), false, this.clock);
      bigJobs.forEach((job, i) => (job.expireAt = expiries[i]! > 0 ? expiries[i] : undefined));
    }

    const { expiries, payloads } = await readKeys(node, small, true, this.clock);
    const now = this.clock();
    // By RESTORE: the source key (its expiry and payload are found through `restoredFrom`), the target key, the command.
    const restoredFrom: number[] = [];
    const targetKeys: Buffer[] = [];
    const restores: RedisArg[][] = [];
    for (let i = 0; i < small.length; i++) {
      const expiry = expiries[i]!;
      const payload = payloads[i]!;
      if (payload === null || expiry === GONE || (expiry > 0 && expiry <= now)) {
        counts.vanished++;
        outcome.gone.push(small[i]!);
        continue;
      }
      const expireAt = expiry > 0 ? expiry : undefined;
      if (this.#restoreRefused) {
        byElement.push({ key: small[i]!, expireAt });
        continue;
      }
      const targetKey = this.#targetKey(small[i]!);
      restoredFrom.push(i);
      targetKeys.push(targetKey);
      // Each command built at its final length: an array that grows is copied.
      restores.push(expireAt === undefined
        ? (replace ? ['RESTORE', targetKey, '0', payload, 'REPLACE'] : ['RESTORE', targetKey, '0', payload])
        : replace ? ['RESTORE', targetKey, String(expireAt + this.targetClockOffset), payload, 'REPLACE', 'ABSTTL']
          : ['RESTORE', targetKey, String(expireAt + this.targetClockOffset), payload, 'ABSTTL']);
    }
    const replies = await this.target.sendBatchForKeys(targetKeys, restores);
    const settling: Array<Promise<void>> = [];
    let unexpected: RespReplyError | undefined;
    for (let j = 0; j < replies.length; j++) {
      const reply = replies[j];
      const i = restoredFrom[j]!;
      const key = small[i]!;
      const payload = payloads[i]!;
      const expireAt = expiries[i]! > 0 ? expiries[i] : undefined;
      if (!(reply instanceof RespReplyError)) {
        counts.copied++;
        counts.bytes += payload.length;
      } else if (/^BUSYKEY/.test(reply.message)) {
        settling.push(this.#settleExisting(node, key, payload, outcome));
      } else if (RESTORE_REFUSED.test(reply.message)) {
        if (!this.#restoreRefused) {
          this.#restoreRefused = true;
          this.options.onNotice?.(`the target refused RESTORE (${reply.message}); copying the remaining keys element by element`);
        }
        byElement.push({ key, expireAt });
      } else {
        unexpected ??= reply;
      }
    }
    await Promise.all(settling);
    if (unexpected) throw unexpected;

    // Big keys one at a time (each holds at most one slice in memory); small ones a few at a time.
    const copyByElement = async ({ key, expireAt }: ElementCopy) => {
      const result = await copyKeyByType({
        source: node, target: this.target, sourceKey: key, targetKey: this.#targetKey(key),
        expireAt: expireAt === undefined ? undefined : expireAt + this.targetClockOffset,
        overwrite: replace, chunkSize: this.chunkSize, runId: this.#runId, onLoss: (message) => this.#noteLoss(message),
      });
      if (result === 'copied') {
        counts.copied++;
        counts.copiedByType++;
      } else if (result === 'vanished') {
        counts.vanished++;
        outcome.gone.push(key);
      } else {
        await this.#settleExisting(node, key, null, outcome);
      }
    };
    for (const job of bigJobs) await copyByElement(job);
    const limiter = new ConcurrencyLimiter(SMALL_KEYS_BY_ELEMENT_IN_PARALLEL);
    await Promise.all(byElement.map((job) => limiter.run(() => copyByElement(job))));
    if (!live) {
      this.#keysInFlightDone += keys.length;
      this.#emitProgress(false);
    }
    return outcome;
  }

  /** MEMORY USAGE per key (null: key gone); undefined sizes when the server does not allow it (then everything is DUMPed). */
  async #memoryUsage(node: PipelinedNode, keys: Buffer[]): Promise<Array<number | null | undefined>> {
    if (!this.#memoryUsageWorks) return keys.map(() => undefined);
    const replies = await node.sendBatch(keys.map((key) => ['MEMORY', 'USAGE', key]));
    const refused = replies.find((reply): reply is RespReplyError => reply instanceof RespReplyError);
    if (!refused) return replies as Array<number | null>;
    // A restarted source: the batch is retried once it has loaded. A slot still moving after every redirect: not a refusal.
    if (isLoadingError(refused) || isRedirect(refused)) throw refused;
    this.#memoryUsageWorks = false;
    this.options.onNotice?.(`MEMORY USAGE is not available on the source (${refused.message}); big keys cannot be told apart and are DUMPed whole`);
    return keys.map(() => undefined);
  }

  /** The target already has the key: the same value means an earlier (interrupted) pass copied it; anything else is a conflict. */
  async #settleExisting(node: RedisNode, key: Buffer, payload: Buffer | null, outcome: BatchOutcome): Promise<void> {
    const targetKey = this.#targetKey(key);
    const targetNode = targetNodeFor(this.target, targetKey);
    let same = false;
    if (payload) same = Boolean(((await targetNode.send(['DUMP', targetKey])) as Buffer | null)?.equals(payload));
    if (!same) {
      const [sourceType, targetType] = (await Promise.all([node.send(['TYPE', key]), targetNode.send(['TYPE', targetKey])])).map(String);
      if (sourceType === targetType && isCopyableType(sourceType!)) {
        same = await sameValue(node, key, targetNode, targetKey, sourceType, this.chunkSize);
      }
    }
    if (same) {
      outcome.counts.alreadyPresent++;
    } else {
      outcome.counts.conflicts++;
      outcome.conflicts.push(key);
    }
  }

  targetKey(key: Buffer): Buffer {
    return this.#targetKey(key);
  }

  #targetKey(key: Buffer): Buffer;
  #targetKey(key: RedisArg): RedisArg;
  #targetKey(key: RedisArg): RedisArg {
    if (!this.#prefix.length) return key;
    return typeof key === 'string' ? this.#prefixText + key : Buffer.concat([this.#prefix, key]);
  }

  #keysDone(): number {
    const c = this.checkpoint.counts;
    return c.copied + c.alreadyPresent + c.conflicts + c.vanished;
  }

  /** Losses are told one by one up to a bound, then once more to say the rest go untold. */
  #noteLoss(message: string): void {
    this.#losses++;
    if (this.#losses <= MAX_LOSS_NOTICES) this.options.onNotice?.(message);
    else if (this.#losses === MAX_LOSS_NOTICES + 1) this.options.onNotice?.(`more keys lost parts as above; not listed past ${MAX_LOSS_NOTICES}`);
  }

  #checkAuth(): void {
    const error = this.target.authFailure() ?? this.source.authFailure();
    if (error) throw new CopyError(`re-authentication failed: ${error.message}`, 'auth');
  }

  #emitProgress(force: boolean): void {
    if (!this.options.onProgress) return;
    const now = Date.now();
    if (!force && now - this.#lastProgress < (this.options.progressIntervalMs ?? 250)) return;
    this.#lastProgress = now;
    // Keys of batches finished but not yet committed (an earlier batch is still running) count as done for display.
    const done = Math.max(this.#keysDone(), this.#meter.baseKeys + this.#keysInFlightDone);
    this.options.onProgress(this.#meter.snapshot('copy', done, this.sourceKeys, this.checkpoint.counts.bytes));
  }

  /** Checkpoint writes are serialized; during the copy at most one per second. */
  async #save(force: boolean): Promise<void> {
    const file = this.options.checkpointFile;
    if (!file) return;
    const now = Date.now();
    if (!force && now - this.#lastSave < 1000) return;
    this.#lastSave = now;
    this.checkpoint.updatedAt = new Date(now).toISOString();
    const snapshot: CopyCheckpoint = JSON.parse(JSON.stringify(this.checkpoint));
    this.#saving = this.#saving.then(() => writeCheckpoint(file, snapshot));
    await this.#saving;
  }
}

function failure(error: unknown, stage: string, checkpointFile: string | undefined): CopyError {
  if (error instanceof CopyError) return checkpointFile && !error.checkpointFile ? new CopyError(error.message, error.kind, checkpointFile, { cause: error }) : error;
  const message = error instanceof Error ? error.message : String(error);
  const kind: CopyFailureKind = isConnectionError(error) || (error as Error)?.name === 'ConnectionLostError' ? 'connection'
    : /WRONGPASS|NOAUTH|NOPERM/.test(message) ? 'auth' : (error as Error)?.name === 'AbortError' ? 'aborted' : 'failed';
  return new CopyError(`${stage} failed: ${message}`, kind, checkpointFile, { cause: error });
}

