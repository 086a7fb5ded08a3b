// The live phase of `copy --live`: keyspace notifications from every source primary, subscribed before the initial
// scan, name the keys to copy again; a dropped subscription is a gap closed by re-scanning that primary, and so is a
// primary that joins a cluster source meanwhile; the cut-over drains what is waiting before the verification runs.
import { ChangedKeys } from './changedKeys';
import type { PipelinedNode, RedisConnection } from './connect';
import { checkNotifyFlags, KeyspaceSubscription, notificationsHowTo, startsWith, type NotificationCheck } from './keyspaceEvents';
import { RespReplyError } from './respProtocol';
import { isConnectionError, sleep, withRetry, type RetryPolicy } from './retry';

export interface LiveOptions {
  /** Aborted when the user asks for the cut-over (Ctrl+C, SIGTERM, the editor's "Cut over"). */
  cutOver: AbortSignal;
  /**
   * The source's `notify-keyspace-events` as the user (or the Azure inventory's redisConfiguration) says it is, for a
   * source that refuses CONFIG GET (Azure Cache for Redis does).
   */
  notifyKeyspaceEvents?: string;
  /** With neither CONFIG GET nor a stated setting: how long to wait for a notification as proof they are on (ms). */
  probeMs?: number;
  /** How often a cluster source is asked for primaries added since (ms); 5 s by default, and once more at the cut-over. */
  topologyCheckMs?: number;
  onStatus?: (status: LiveStatus) => void;
  statusIntervalMs?: number;
  /**
   * Distinct changed keys held waiting at most (500,000 by default, some tens of MB). Past it, the primary whose key
   * would not fit is re-scanned instead: its waiting keys are dropped, and its notifications are not kept until the
   * re-scan starts, since that reads every key of it afterwards anyway.
   */
  maxWaitingKeys?: number;
}

export interface LiveStatus {
  phase: 'following' | 'draining';
  /** Keys notified and not yet copied again. */
  waiting: number;
  /** Age of the oldest of them (ms); 0 when none waits. */
  oldestMs: number;
  liveCopied: number;
  liveDeleted: number;
  events: number;
  /** Primaries being re-scanned after a dropped subscription. */
  rescanning: number;
}

/** What the live phase did, as reported at the cut-over. */
export interface LiveReport {
  /** Keys copied again because the source changed them. */
  liveCopied: number;
  /** Keys deleted from the target because they were deleted, expired or evicted on the source. */
  liveDeleted: number;
  events: number;
  /** Source primaries that joined the cluster while the copy ran (scale-out), each subscribed to and re-scanned. */
  primariesAdded: number;
  /** Subscriptions that dropped (each closed by a re-scan). */
  gaps: number;
  /** Primaries re-scanned (after a gap or an overflow, or all of them after a resumed initial copy). */
  rescans: number;
  /** Times the waiting keys reached maxWaitingKeys (each closed by a re-scan of one primary). */
  overflows: number;
  /** The most keys that waited at once (not counting those being copied). */
  peakWaiting: number;
  /** Subscription sockets replaced, without a gap, because the credentials were renewed (Entra ID tokens). */
  renewals: number;
  /** Age of the oldest waiting key when the cut-over was asked for. */
  lagMs: number;
  /** Keys waiting then. */
  waitingAtCutOver: number;
  /** From the cut-over request until nothing waited. */
  drainMs: number;
}

export class LiveRefusal extends Error {
  override name = 'LiveRefusal';
}

/** What the live phase needs of the copy run. */
export interface LiveCopier {
  resync(node: PipelinedNode, keys: Buffer[]): Promise<{ copied: number; deleted: number }>;
  targetKey(key: Buffer): Buffer;
}

/** As the initial copy's batches: fewer, bigger batches spend less on system calls and per-batch work. */
const BATCH_KEYS = 1000;
const BATCHES_IN_FLIGHT = 4;
const DEFAULT_PROBE_MS = 10_000;
const DEFAULT_MAX_WAITING_KEYS = 500_000;
const DEFAULT_TOPOLOGY_CHECK_MS = 5_000;
/** A PING on each subscription this often: a peer that vanished without closing is found by the reply timeout. */
const HEARTBEAT_MS = 10_000;
/** Drain rounds at the cut-over when subscriptions keep dropping, before the verification runs anyway. */
const MAX_DRAIN_ROUNDS = 50;

export class LiveSync {
  readonly #subscriptions: KeyspaceSubscription[];
  /** Per primary, the keys waiting to be copied again and those being copied. */
  readonly #changed: ChangedKeys[];
  /** Keys waiting, all primaries together. */
  #waitingCount = 0;
  /** The primary the next batch is taken from first: every primary gets its turn. */
  #nextNode = 0;
  /** When the oldest key of each batch in flight was notified. */
  readonly #batchesSince: number[] = [];
  #copier!: LiveCopier;
  #active = 0;
  #pumpScheduled = false;
  #following = false;
  #closing = false;
  #failure: unknown;
  readonly #gapped = new Set<number>();
  /** Primaries whose waiting keys overflowed: their notifications are ignored until their re-scan starts. */
  readonly #overflowed = new Set<number>();
  readonly #maxWaiting: number;
  readonly #recovering = new Map<number, Promise<void>>();
  #initialCopyDone!: () => void;
  readonly #initialCopy = new Promise<void>((resolve) => (this.#initialCopyDone = resolve));
  #liveCopied = 0;
  #liveDeleted = 0;
  #gaps = 0;
  #rescans = 0;
  #overflows = 0;
  #peakWaiting = 0;
  #primariesAdded = 0;
  #topologyCheck: Promise<void> | undefined;
  readonly #topologyTimer: NodeJS.Timeout;

  private constructor(
    private readonly source: RedisConnection,
    private readonly nodes: PipelinedNode[],
    private readonly target: RedisConnection,
    private readonly options: LiveOptions,
    private readonly retry: RetryPolicy,
    private readonly scanCount: number,
    /** The target held nothing of its own: a key on it that the source lacks after a gap can be deleted. */
    private readonly targetWasEmpty: boolean,
    private readonly onNotice: (message: string) => void,
    /** Primaries added to the source since (read-only nodes), as RedisConnection.discoverPrimaries. */
    private readonly discover: () => Promise<PipelinedNode[]>,
    private readonly channels: Pick<NotificationCheck, 'keyspace' | 'keyevent'>,
    private readonly db: number,
  ) {
    this.#maxWaiting = options.maxWaitingKeys ?? DEFAULT_MAX_WAITING_KEYS;
    this.#changed = nodes.map(() => new ChangedKeys());
    this.#subscriptions = nodes.map((node, i) => this.#subscription(node, i));
    this.#topologyTimer = setInterval(() => void this.#checkTopology().catch(() => undefined), options.topologyCheckMs ?? DEFAULT_TOPOLOGY_CHECK_MS);
  }

  /** Every source primary followed: those of the start and those added since. */
  get primaries(): readonly PipelinedNode[] {
    return this.nodes;
  }

  #subscription(node: PipelinedNode, i: number): KeyspaceSubscription {
    return new KeyspaceSubscription(this.source, node.label, this.db, this.channels, {
      onKey: (buffer, start, end) => this.#notified(i, buffer, start, end),
      onGap: (error) => this.#gap(i, error),
    });
  }

  /**
   * Primaries added to a cluster source (scale-out) since the last look: each is subscribed to, then re-scanned, since
   * whatever was written there before the subscription was not notified to anyone. One look at a time.
   */
  #checkTopology(): Promise<void> {
    this.#topologyCheck ??= (async () => {
      try {
        for (const node of await this.discover()) {
          if (this.#closing) return;
          const i = this.nodes.length;
          this.nodes.push(node);
          this.#changed.push(new ChangedKeys());
          this.#subscriptions.push(this.#subscription(node, i));
          this.#primariesAdded++;
          this.onNotice(`${node.label} became a primary of the source while the copy ran: following its keyspace notifications and `
            + 're-scanning it for what was written there before');
          this.#gapped.add(i);
          this.#startRecovery(i);
        }
      } finally {
        this.#topologyCheck = undefined;
      }
    })();
    return this.#topologyCheck;
  }

  /**
   * Subscribes on every primary, then makes sure notifications are on — CONFIG GET where the source answers it, else
   * the stated setting, else a notification seen within the probe time — without writing anything to the source.
   */
  static async start(source: RedisConnection, nodes: PipelinedNode[], target: RedisConnection, db: number, options: LiveOptions,
    context: { retry: RetryPolicy; scanCount: number; targetWasEmpty: boolean; onNotice: (message: string) => void;
      discover: () => Promise<PipelinedNode[]> }): Promise<LiveSync> {
    const configured = await readSetting(nodes);
    const stated = configured ?? options.notifyKeyspaceEvents;
    const check = stated === undefined ? undefined : checkNotifyFlags(stated);
    if (check && check.missingClasses.length > 0) {
      throw new LiveRefusal(notificationsHowTo(stated, `it lacks ${check.missingClasses.join(', ')}`));
    }
    // One family where the setting is known (KEA publishes every change on both); unknown: both, a change then arrives
    // twice and is copied once.
    const channels = !check ? { keyspace: true, keyevent: true } : { keyspace: check.keyspace, keyevent: !check.keyspace };
    const live = new LiveSync(source, [...nodes], target, options, context.retry, context.scanCount, context.targetWasEmpty, context.onNotice,
      context.discover, channels, db);
    try {
      await Promise.all(live.#subscriptions.map((subscription) => withRetry(() => subscription.subscribe(), context.retry,
        `subscribing to keyspace notifications on ${subscription.label}`)));
      if (stated === undefined) await live.#probe(options.probeMs ?? DEFAULT_PROBE_MS);
    } catch (error) {
      live.close();
      throw error;
    }
    return live;
  }

  /** A resumed initial copy: nothing listened between the stop and the resume, so every primary is re-scanned. */
  markAllGaps(): void {
    for (let i = 0; i < this.nodes.length; i++) this.#gapped.add(i);
    for (let i = 0; i < this.nodes.length; i++) this.#startRecovery(i);
  }

  /**
   * After the initial copy: follows the notifications until the cut-over is asked for, then drains; resolves with the
   * report. `stop` (when it is not the cut-over itself) ends it without a cut-over.
   */
  async follow(copier: LiveCopier, stop?: AbortSignal): Promise<LiveReport> {
    this.#copier = copier;
    this.#following = true;
    this.#initialCopyDone();
    this.#pump();
    this.#emit('following');
    const status = this.options.onStatus ? setInterval(() => this.#emit('following'), this.options.statusIntervalMs ?? 1000) : undefined;
    const heartbeat = setInterval(() => {
      for (const subscription of this.#subscriptions) subscription.barrier().catch(() => undefined);
    }, HEARTBEAT_MS);
    try {
      await this.#until(() => this.options.cutOver.aborted || stop?.aborted === true);
      if (!this.options.cutOver.aborted) {
        // Stopped, not cut over (the editor's Cancel): the target is not in step, and nothing says it is.
        throw Object.assign(new Error('live copy stopped before the cut-over'), { name: 'AbortError' });
      }
      const requestedAt = Date.now();
      const lagMs = this.#oldestMs(requestedAt);
      const waitingAtCutOver = this.#waitingCount + this.#inFlightCount();
      if (status) {
        clearInterval(status);
        this.#emit('draining');
      }
      await this.#drain();
      const report: LiveReport = {
        liveCopied: this.#liveCopied, liveDeleted: this.#liveDeleted, events: this.#events(), primariesAdded: this.#primariesAdded,
        gaps: this.#gaps, rescans: this.#rescans,
        renewals: this.#subscriptions.reduce((sum, subscription) => sum + subscription.renewals, 0), overflows: this.#overflows,
        peakWaiting: this.#peakWaiting, lagMs, waitingAtCutOver, drainMs: Date.now() - requestedAt,
      };
      this.#emit('draining');
      return report;
    } finally {
      clearInterval(status);
      clearInterval(heartbeat);
      this.close();
    }
  }

  /** Stops reacting to notifications and drops (the connection's close ends the subscriptions). */
  close(): void {
    this.#closing = true;
    clearInterval(this.#topologyTimer);
    this.#initialCopyDone();
    for (const subscription of this.#subscriptions) subscription.dispose();
  }

  /**
   * Every gap re-scanned, every notification published before the barrier (a PING on each subscription) handled,
   * nothing waiting or in flight; again if a subscription dropped meanwhile. Changes after the barrier (an application
   * still writing, keys expiring on their own) are not waited for: the verification shows any that differ.
   */
  async #drain(): Promise<void> {
    for (let round = 0; round < MAX_DRAIN_ROUNDS; round++) {
      const gapsBefore = this.#gaps;
      const addedBefore = this.#primariesAdded;
      // A primary added since the last periodic look is followed and re-scanned before the target is called in step.
      await this.#checkTopology().catch((error: unknown) => {
        this.onNotice(`could not ask the source for primaries added since the start (${error instanceof Error ? error.message : String(error)}): `
          + 'the verification shows anything written on one');
      });
      await this.#until(() => this.#recovering.size === 0);
      await Promise.all(this.#subscriptions.map((subscription, i) => subscription.barrier().catch(() => this.#recovering.get(i))));
      await this.#until(() => this.#idle());
      if (this.#gaps === gapsBefore && this.#primariesAdded === addedBefore) return;
    }
    this.onNotice(`the keyspace notifications kept dropping during the cut-over (${MAX_DRAIN_ROUNDS} times): the verification shows what differs`);
  }

  #idle(): boolean {
    return this.#waitingCount === 0 && this.#active === 0 && this.#recovering.size === 0;
  }

  /** Polls `done` (and the failure) every few ms: the states it waits on change from many places. */
  async #until(done: () => boolean): Promise<void> {
    for (;;) {
      if (this.#failure !== undefined) throw this.#failure;
      if (done()) return;
      await sleep(20);
    }
  }

  #events(): number {
    return this.#subscriptions.reduce((sum, subscription) => sum + subscription.events, 0);
  }

  async #probe(probeMs: number): Promise<void> {
    const deadline = Date.now() + probeMs;
    while (this.#events() === 0) {
      if (Date.now() >= deadline) {
        throw new LiveRefusal(notificationsHowTo(undefined, `the source does not answer CONFIG GET notify-keyspace-events and sent no notification `
          + `in ${Math.round(probeMs / 1000)} s (if it is on but the application writes rarely, say so with the setting's value)`));
      }
      await sleep(20);
    }
  }

  #inFlightCount(): number {
    return this.#changed.reduce((sum, changed) => sum + changed.inFlight, 0);
  }

  /** The key `buffer[start, end)` changed on primary `node`. */
  #notified(node: number, buffer: Buffer, start: number, end: number): void {
    if (this.#closing || this.#overflowed.has(node)) return;
    const changed = this.#changed[node]!;
    const before = changed.waiting;
    if (!changed.add(buffer, start, end, Date.now(), this.#maxWaiting - this.#waitingCount)) {
      this.#overflow(node);
      return;
    }
    this.#waitingCount += changed.waiting - before;
    if (this.#waitingCount > this.#peakWaiting) this.#peakWaiting = this.#waitingCount;
    if (this.#following && !this.#pumpScheduled) {
      // Notifications that arrive together (one socket read) are taken as one batch: a burst on a hot key is one copy.
      this.#pumpScheduled = true;
      setImmediate(() => {
        this.#pumpScheduled = false;
        this.#pump();
      });
    }
  }

  #pump(): void {
    // A part batch goes only when nothing is in flight: while one is, notifications pile up into full batches (like
    // Nagle's algorithm), which costs at most one batch's round trip of lag and saves the per-batch work.
    while (this.#following && !this.#closing && this.#failure === undefined && this.#active < BATCHES_IN_FLIGHT
      && (this.#waitingCount >= BATCH_KEYS || (this.#active === 0 && this.#waitingCount > 0))) {
      let taken = 0;
      for (let turn = 0; turn < this.nodes.length && taken < BATCH_KEYS; turn++) {
        const node = (this.#nextNode + turn) % this.nodes.length;
        // A key being copied is not taken: two copies of one key in flight could land out of order.
        const batch = this.#changed[node]!.take(BATCH_KEYS - taken);
        if (!batch) continue;
        taken += batch.keys.length;
        void this.#copyAgain(node, batch.keys, batch.oldestAt);
      }
      this.#nextNode = (this.#nextNode + 1) % this.nodes.length;
      if (taken === 0) return;
      this.#waitingCount -= taken;
    }
  }

  /** `keys` were taken or claimed from the primary's changed keys; `since` when the oldest of them was notified. */
  async #copyAgain(node: number, keys: Buffer[], since: number): Promise<void> {
    this.#batchesSince.push(since);
    this.#active++;
    try {
      const { copied, deleted } = await this.#copier.resync(this.nodes[node]!, keys);
      this.#liveCopied += copied;
      this.#liveDeleted += deleted;
    } catch (error) {
      this.#failure ??= error;
    } finally {
      this.#changed[node]!.finish(keys);
      this.#batchesSince.splice(this.#batchesSince.indexOf(since), 1);
      this.#active--;
      this.#pump();
    }
  }

  #oldestMs(now: number): number {
    let oldest = now;
    for (const changed of this.#changed) oldest = Math.min(oldest, changed.oldestAt() ?? now);
    for (const since of this.#batchesSince) oldest = Math.min(oldest, since);
    return Math.max(0, now - oldest);
  }

  #emit(phase: LiveStatus['phase']): void {
    this.options.onStatus?.({
      phase, waiting: this.#waitingCount + this.#inFlightCount(), oldestMs: this.#oldestMs(Date.now()), liveCopied: this.#liveCopied,
      liveDeleted: this.#liveDeleted, events: this.#events(), rescanning: this.#recovering.size,
    });
  }

  #gap(node: number, error: Error): void {
    if (this.#closing) return;
    this.#gaps++;
    this.onNotice(`the keyspace notifications from ${this.nodes[node]!.label} stopped (${error.message}): subscribing again, then re-scanning `
      + 'that primary so the changes made meanwhile are copied too');
    this.#gapped.add(node);
    this.#startRecovery(node);
  }

  /** Too many keys wait: this primary is re-scanned instead, which frees its share of them. */
  #overflow(node: number): void {
    this.#overflows++;
    this.onNotice(`more than ${this.#maxWaiting} changed keys are waiting to be copied: re-scanning ${this.nodes[node]!.label} instead of `
      + 'holding its changed keys, so memory stays bounded');
    this.#overflowed.add(node);
    this.#waitingCount -= this.#changed[node]!.waiting;
    this.#changed[node]!.clear();
    this.#startRecovery(node);
  }

  #startRecovery(node: number): void {
    if (this.#recovering.has(node)) return; // the running recovery sees the new gap and goes round again
    const recovery = this.#recover(node).catch((error: unknown) => {
      this.#failure ??= error;
    }).finally(() => this.#recovering.delete(node));
    this.#recovering.set(node, recovery);
  }

  async #recover(node: number): Promise<void> {
    const subscription = this.#subscriptions[node]!;
    while ((this.#gapped.has(node) || this.#overflowed.has(node)) && !this.#closing) {
      if (this.#gapped.delete(node)) {
        // Subscribed first, so the re-scan and the notifications overlap: nothing falls between them.
        await withRetry(() => subscription.subscribe(), { ...this.retry, attempts: this.retry.attempts * 2 },
          `subscribing again to keyspace notifications on ${subscription.label}`);
      }
      // During the initial copy a re-scan would race its RESTOREs: the initial copy finishes first.
      await this.#initialCopy;
      if (this.#closing) return;
      // Every key of the primary is read from now on: a change after this point is either read by the re-scan or notified.
      this.#overflowed.delete(node);
      await this.#rescan(node);
      this.#rescans++;
    }
  }

  /** Every key of the primary copied again; with a target that held nothing else, its keys the source lacks queued to be deleted. */
  async #rescan(node: number): Promise<void> {
    const source = this.nodes[node]!;
    const changed = this.#changed[node]!;
    await scanAll(source, this.scanCount, this.retry, async (keys) => {
      const at = Date.now();
      const before = changed.waiting;
      // A key waiting is copied now instead; one being copied is copied once more when that copy is done.
      const now = keys.filter((key) => changed.claim(key, at));
      this.#waitingCount += changed.waiting - before;
      if (now.length > 0) await this.#copyAgain(node, now, at);
      if (this.#failure !== undefined) throw this.#failure;
    });
    if (!this.targetWasEmpty) {
      this.onNotice('keys deleted on the source while notifications were lost may remain on the target: it held keys of its own before the copy, '
        + 'so keys the source lacks are not deleted from it');
      return;
    }
    const prefix = this.#copier.targetKey(Buffer.alloc(0));
    for (const targetNode of this.target.primaries) {
      await scanAll(targetNode, this.scanCount, this.retry, async (targetKeys) => {
        const keys = targetKeys.filter((key) => startsWith(key, prefix)).map((key) => key.subarray(prefix.length));
        if (keys.length === 0) return;
        // EXISTS on this primary: 0 means gone from the source; a cluster primary answers MOVED for keys it does not own.
        const replies = await withRetry(() => source.sendBatch(keys.map((key) => ['EXISTS', key])), this.retry, `EXISTS on ${source.label}`);
        keys.forEach((key, i) => {
          if (replies[i] === 0) this.#notified(node, key, 0, key.length);
        });
      });
    }
  }

}

/** The setting where every primary answers CONFIG GET (the strictest of them); undefined where one refuses. */
async function readSetting(nodes: PipelinedNode[]): Promise<string | undefined> {
  const values: string[] = [];
  for (const node of nodes) {
    let reply: unknown;
    try {
      reply = await node.send(['CONFIG', 'GET', 'notify-keyspace-events']);
    } catch (error) {
      if (isConnectionError(error)) throw error;
      return undefined; // refused (unknown command, NOPERM, renamed away): the setting has to come from elsewhere
    }
    const value = Array.isArray(reply) ? reply[1] : undefined;
    if (value === undefined) return undefined;
    values.push(String(value));
  }
  return values.find((value) => checkNotifyFlags(value).missingClasses.length > 0) ?? values[0];
}

async function scanAll(node: PipelinedNode, count: number, retry: RetryPolicy, onKeys: (keys: Buffer[]) => Promise<void>): Promise<void> {
  let cursor = '0';
  do {
    const [reply] = await withRetry(() => node.sendBatch([['SCAN', cursor, 'COUNT', String(count)]]), retry, `SCAN on ${node.label}`);
    if (reply instanceof RespReplyError) throw reply;
    const [next, keys] = reply as [Buffer, Buffer[]];
    cursor = next.toString();
    await onKeys(keys);
  } while (cursor !== '0');
}
