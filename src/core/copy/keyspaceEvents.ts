// Keyspace notifications for the live copy: which `notify-keyspace-events` flags it needs, and one pub/sub
// subscription per source primary that turns each notification into the key it names.
import type { RedisConnection } from './connect';
import type { RespPipeline } from './respPipeline';

/**
 * Event classes a change can fire under: generic (del, expire, rename, persist…), strings, lists, sets, hashes,
 * sorted sets, expired, evicted, streams. `A` stands for all of them.
 */
const NEEDED_CLASSES = 'g$lshzxet';

export interface NotificationCheck {
  /** Which channel families the setting publishes (both unknown when the setting is unknown). */
  keyspace: boolean;
  keyevent: boolean;
  /** Event classes the setting leaves out that the live copy needs; empty when it is enough. */
  missingClasses: string[];
}

/** Reads a `notify-keyspace-events` value (e.g. `KEA`, `Kg$`, empty when off). */
export function checkNotifyFlags(flags: string): NotificationCheck {
  const classes = flags.replace(/A/g, NEEDED_CLASSES);
  const keyspace = flags.includes('K');
  const keyevent = flags.includes('E');
  const missingClasses = !keyspace && !keyevent ? ['K or E'] : [...NEEDED_CLASSES].filter((c) => !classes.includes(c));
  return { keyspace, keyevent, missingClasses };
}

/** What to tell a user whose source publishes too little; the copy never changes the source's configuration. */
export function notificationsHowTo(setting: string | undefined, why: string): string {
  const now = setting === undefined ? '' : ` (the source has notify-keyspace-events '${setting}')`;
  return `live mode needs keyspace notifications on the source${now}: ${why}. Set notify-keyspace-events to KEA on the source, `
    + 'then start the live copy again. On Azure Cache for Redis this is the cache\'s redisConfiguration property notify-keyspace-events '
    + '(portal: Advanced settings → Keyspace notifications); '
    + 'on Azure Managed Redis / Redis Enterprise the database\'s notifyKeyspaceEvents; elsewhere CONFIG SET notify-keyspace-events KEA. '
    + 'amr-migrate never changes the source\'s configuration itself.';
}

export interface SubscriptionHandlers {
  /**
   * A key changed, expired, was evicted, renamed or deleted (the notification's event does not matter: the key is read
   * again). The key is `buffer[start, end)`, a view into the socket's bytes valid only during the call: a key is bytes
   * (binary-safe) and is held, if at all, by copying them.
   */
  onKey(buffer: Buffer, start: number, end: number): void;
  /** The subscription dropped: notifications published until it is back are lost. */
  onGap(error: Error): void;
}

const PONG_TIMEOUT_MS = 10_000;

/**
 * One pub/sub subscription to the keyspace notifications of one database on one primary. Where the credentials are
 * renewed (Entra ID tokens expire after about an hour, and the server then drops every socket still authenticated
 * with the old one), a subscribed socket cannot AUTH again: a new socket subscribes with the new token, and the old
 * one is closed only once the new one is confirmed. The two overlap, so nothing is missed (a change made in the overlap
 * arrives twice and is copied once), and the renewal is no gap.
 */
export class KeyspaceSubscription {
  #pipeline: RespPipeline;
  readonly #keyspacePrefix: Buffer;
  readonly #keyeventPrefix: Buffer;
  readonly #patterns: string[];
  #subscribed = false;
  #renewing: Promise<void> | undefined;
  #renewAgain = false;
  readonly #stopRenewals: () => void;
  /** Notifications received. */
  events = 0;
  /** Sockets replaced with a new one after a credential renewal. */
  renewals = 0;

  constructor(private readonly connection: RedisConnection, readonly label: string, db: number, channels: { keyspace: boolean; keyevent: boolean },
    private readonly handlers: SubscriptionHandlers) {
    this.#keyspacePrefix = Buffer.from(`__keyspace@${db}__:`);
    this.#keyeventPrefix = Buffer.from(`__keyevent@${db}__:`);
    this.#patterns = [...(channels.keyspace ? [this.#keyspacePrefix] : []), ...(channels.keyevent ? [this.#keyeventPrefix] : [])]
      .map((prefix) => `${prefix.toString()}*`);
    this.#pipeline = this.#open();
    this.#stopRenewals = connection.onCredentialsRenewed(() => this.#renewSoon());
  }

  /** (Re)subscribes; resolves once the server has confirmed every pattern, i.e. from when on nothing is missed. */
  async subscribe(): Promise<void> {
    const pipeline = this.#pipeline;
    try {
      await this.#subscribeOn(pipeline);
    } catch (error) {
      // Closed under it by a renewal: the socket that replaced it was subscribed first.
      if (pipeline === this.#pipeline) throw error;
    }
    this.#subscribed = true;
  }

  /** Stops replacing the socket on renewals (the connection's close ends the subscription itself). */
  dispose(): void {
    this.#stopRenewals();
  }

  /**
   * Resolves when every notification the server published before now has been handled: a PING's answer comes back on
   * the same socket after them.
   */
  async barrier(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.label} did not answer PING on its subscription in ${PONG_TIMEOUT_MS / 1000} s`)), PONG_TIMEOUT_MS);
    });
    const ping = async (): Promise<void> => {
      const pipeline = this.#pipeline;
      // A PING caught by a renewal's close goes again on the new socket, behind whatever that one has received.
      await pipeline.send([['PING']]).catch((error: unknown) => (pipeline === this.#pipeline ? Promise.reject(error) : ping()));
    };
    try {
      await Promise.race([ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  #open(): RespPipeline {
    const pipeline: RespPipeline = this.connection.subscriber(this.label, {
      onMessage: (buffer, channelStart, channelEnd, payloadStart, payloadEnd) => this.#onMessage(buffer, channelStart, channelEnd, payloadStart, payloadEnd),
      // A socket already replaced is closed on purpose (and then says nothing); only the current one's drop is a gap.
      onDisconnect: (error) => {
        if (pipeline === this.#pipeline) this.handlers.onGap(error);
      },
    });
    return pipeline;
  }

  async #subscribeOn(pipeline: RespPipeline): Promise<void> {
    // One PSUBSCRIBE per pattern: each is confirmed by exactly one reply, which is what a batch counts.
    const replies = await pipeline.send(this.#patterns.map((pattern) => ['PSUBSCRIBE', pattern]));
    const refused = replies.find((reply) => reply instanceof Error);
    if (refused) throw refused;
  }

  /** Renewals that arrive while one runs are taken up afterwards, once: the newest token is what the next socket uses. */
  #renewSoon(): void {
    if (this.#renewing) {
      this.#renewAgain = true;
      return;
    }
    this.#renewing = this.#renew().finally(() => {
      this.#renewing = undefined;
      if (this.#renewAgain) {
        this.#renewAgain = false;
        this.#renewSoon();
      }
    });
  }

  async #renew(): Promise<void> {
    if (!this.#subscribed) return; // the first subscribe will use the new token anyway
    const next = this.#open();
    try {
      await this.#subscribeOn(next);
    } catch {
      // The old socket goes on until its token expires; if the server drops it then, that is a gap, closed as any other.
      await next.close();
      return;
    }
    const previous = this.#pipeline;
    this.#pipeline = next;
    this.renewals++;
    await previous.close();
  }

  #onMessage(buffer: Buffer, channelStart: number, channelEnd: number, payloadStart: number, payloadEnd: number): void {
    if (startsWithAt(buffer, channelStart, channelEnd, this.#keyspacePrefix)) {
      // A read of a missing key (`m`, when a source has it on) changes nothing, and the copy's own reads would cause them.
      if (isKeymiss(buffer, payloadStart, payloadEnd)) return;
      this.events++;
      this.handlers.onKey(buffer, channelStart + this.#keyspacePrefix.length, channelEnd);
    } else if (startsWithAt(buffer, channelStart, channelEnd, this.#keyeventPrefix)) {
      if (isKeymiss(buffer, channelStart + this.#keyeventPrefix.length, channelEnd)) return;
      this.events++;
      this.handlers.onKey(buffer, payloadStart, payloadEnd);
    }
  }
}

const KEYMISS = Buffer.from('keymiss');

function isKeymiss(buffer: Buffer, start: number, end: number): boolean {
  return end - start === KEYMISS.length && startsWithAt(buffer, start, end, KEYMISS);
}

/** A byte loop: for prefixes this short, cheaper than Buffer#compare's call into C++ (this runs for every notification). */
export function startsWith(buffer: Buffer, prefix: Buffer): boolean {
  return startsWithAt(buffer, 0, buffer.length, prefix);
}

/** Whether `buffer[start, end)` begins with `prefix`. */
function startsWithAt(buffer: Buffer, start: number, end: number, prefix: Buffer): boolean {
  if (end - start < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (buffer[start + i] !== prefix[i]) return false;
  return true;
}
