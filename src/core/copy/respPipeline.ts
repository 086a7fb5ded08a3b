import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { isConnectionError } from './retry';
import { encodeCommands, RespParser, RespProtocolError, RespReplyError, type PmessageHandler, type RespArg, type RespReply } from './respProtocol';

export interface RespCredentials {
  username?: string;
  password?: string;
}

export interface RespPipelineOptions {
  host: string;
  port: number;
  tls?: { servername?: string; ca?: string | Buffer };
  db: number;
  /** Asked at every (re)connect, so a reconnect uses the newest token. */
  credentials: () => RespCredentials | undefined;
  connectTimeoutMs?: number;
  /** Silence (no reply byte) with batches in flight after which the socket is dropped as lost; 30 s by default. */
  replyTimeoutMs?: number;
  /** Bytes written and not yet answered; further batches wait (one batch alone may exceed it). */
  maxBytesInFlight?: number;
  /** A re-AUTH (new Entra token) the server refused. */
  onAuthError?: (error: Error) => void;
  /**
   * Each pub/sub message (`message` / `pmessage`) on a subscribed socket, as where its channel and payload lie in a
   * buffer: they answer no command, so they go here instead of into a batch's replies.
   */
  onMessage?: PmessageHandler;
  /** The socket closed (a subscription on it is gone with it). */
  onDisconnect?: (error: Error) => void;
}

/** The connection went away (or never came up): retryable, like node-redis's socket errors. */
export class RespConnectionError extends Error {
  override name = 'RespConnectionError';
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

export class RespAuthError extends Error {
  override name = 'RespAuthError';
}

interface Batch {
  payload: Buffer;
  /** When it went onto the socket. */
  writtenAt?: number;
  count: number;
  replies: RespReply[];
  resolve(replies: RespReply[]): void;
  reject(error: Error): void;
}

const DEFAULT_MAX_BYTES_IN_FLIGHT = 32 * 1024 * 1024;
const DEFAULT_REPLY_TIMEOUT_MS = 30_000;
/** Probes an idle connection, so a peer that vanished (NAT or load balancer state dropped) is noticed. */
const KEEPALIVE_DELAY_MS = 15_000;

/**
 * One socket to one Redis server, pipelined: a batch of commands is one write and one promise, its replies come back
 * in order (a refused command as a RespReplyError in its place). A dropped socket fails every batch in flight with a
 * RespConnectionError; the next batch reconnects (AUTH, SELECT) — retrying is the caller's decision.
 */
export class RespPipeline {
  readonly label: string;
  #socket: Socket | undefined;
  #connecting = false;
  #closed = false;
  readonly #waiting: Batch[] = [];
  readonly #inFlight: Batch[] = [];
  #bytesInFlight = 0;
  readonly #maxBytesInFlight: number;
  #lastReadAt = 0;
  #silenceTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: RespPipelineOptions) {
    this.label = `${options.host}:${options.port}`;
    this.#maxBytesInFlight = options.maxBytesInFlight ?? DEFAULT_MAX_BYTES_IN_FLIGHT;
  }

  /** Opens the socket now (instead of at the first batch), so a bad address or password fails up front. */
  async connect(): Promise<void> {
    await this.send([['PING']]);
  }

  send(commands: readonly (readonly RespArg[])[]): Promise<RespReply[]> {
    if (this.#closed) return Promise.reject(new Error(`the pipeline to ${this.label} was shut down`));
    if (commands.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.#waiting.push({ payload: encodeCommands(commands), count: commands.length, replies: [], resolve, reject });
      this.#flush();
    });
  }

  /** Sends AUTH with new credentials on the live socket (a reconnect picks them up by itself). */
  reauthenticate(credentials: RespCredentials): void {
    if (!this.#socket || !credentials.password) return;
    this.send([authCommand(credentials)]).then(([reply]) => {
      if (reply instanceof RespReplyError) this.options.onAuthError?.(new RespAuthError(`re-AUTH on ${this.label} refused: ${reply.message}`));
    }, () => undefined); // a dropped socket re-AUTHs when it reconnects
  }

  /** Lets the batches in flight finish, then closes the socket; later batches are refused. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const batch of this.#waiting.splice(0)) batch.reject(new Error(`the pipeline to ${this.label} was shut down`));
    const socket = this.#socket;
    if (!socket) return;
    // Listened for first: a server dropping the socket while batches are in flight closes it before they settle.
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await Promise.allSettled(this.#inFlight.map((batch) => new Promise<void>((resolve) => {
      const { resolve: done, reject: failed } = batch;
      batch.resolve = (replies) => (done(replies), resolve());
      batch.reject = (error) => (failed(error), resolve());
    })));
    socket.end();
    setTimeout(() => socket.destroy(), 1000).unref();
    await closed;
  }

  #flush(): void {
    const socket = this.#socket;
    if (!socket) {
      if (!this.#connecting) this.#reconnect();
      return;
    }
    socket.cork();
    while (this.#waiting.length > 0) {
      const next = this.#waiting[0]!;
      if (this.#inFlight.length > 0 && this.#bytesInFlight + next.payload.length > this.#maxBytesInFlight) break;
      this.#waiting.shift();
      this.#write(socket, next);
    }
    process.nextTick(() => socket.uncork());
  }

  #write(socket: Socket, batch: Batch): void {
    batch.writtenAt = Date.now();
    this.#inFlight.push(batch);
    this.#bytesInFlight += batch.payload.length;
    socket.write(batch.payload);
    this.#silenceTimer ??= setTimeout(() => this.#checkSilence(socket), this.#replyTimeoutMs()).unref();
  }

  #replyTimeoutMs(): number {
    return this.options.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS;
  }

  /**
   * A server that neither answers nor closes (stopped process, frozen VM) would leave the batches waiting forever: after
   * the reply timeout without a byte since the oldest waiting batch went out, the socket is dropped, which fails those
   * batches with a retryable connection error.
   */
  #checkSilence(socket: Socket): void {
    this.#silenceTimer = undefined;
    const oldest = this.#inFlight[0];
    if (!oldest || socket !== this.#socket && this.#socket !== undefined) return;
    const silentFor = Date.now() - Math.max(this.#lastReadAt, oldest.writtenAt ?? 0);
    const timeout = this.#replyTimeoutMs();
    if (silentFor >= timeout) {
      socket.destroy(new RespConnectionError(`${this.label} sent no reply for ${Math.round(silentFor / 1000)} s with commands waiting`, 'ETIMEDOUT'));
      return;
    }
    this.#silenceTimer = setTimeout(() => this.#checkSilence(socket), timeout - silentFor).unref();
  }

  #reconnect(): void {
    this.#connecting = true;
    this.#open().then((socket) => {
      this.#connecting = false;
      this.#socket = socket;
      this.#flush();
    }, (error: Error) => {
      this.#connecting = false;
      for (const batch of this.#waiting.splice(0)) batch.reject(error);
    });
  }

  async #open(): Promise<Socket> {
    const socket = await this.#dial();
    const parser = new RespParser((reply) => this.#onReply(socket, reply), this.options.onMessage);
    let cause: Error | undefined;
    socket.on('data', (chunk: Buffer) => {
      this.#lastReadAt = Date.now();
      try {
        parser.feed(chunk);
      } catch (error) {
        socket.destroy(error as Error);
      }
    });
    socket.on('error', (error) => (cause ??= error));
    socket.on('close', () => this.#onClose(socket, cause));

    const handshake: RespArg[][] = [];
    const credentials = this.options.credentials();
    if (credentials?.password) handshake.push(authCommand(credentials));
    if (this.options.db) handshake.push(['SELECT', String(this.options.db)]);
    if (handshake.length === 0) return socket;
    const replies = await new Promise<RespReply[]>((resolve, reject) => {
      this.#write(socket, { payload: encodeCommands(handshake), count: handshake.length, replies: [], resolve, reject });
    });
    const refused = replies.find((reply): reply is RespReplyError => reply instanceof RespReplyError);
    if (refused) {
      socket.destroy();
      throw credentials?.password && replies[0] === refused
        ? new RespAuthError(refused.message)
        : new Error(`SELECT ${this.options.db} on ${this.label} failed: ${refused.message}`);
    }
    return socket;
  }

  #dial(): Promise<Socket> {
    const { host, port, tls } = this.options;
    return new Promise((resolve, reject) => {
      const socket = tls
        ? tlsConnect({ host, port, ...(tls.servername ? { servername: tls.servername } : {}), ...(tls.ca ? { ca: tls.ca } : {}) })
        : netConnect({ host, port });
      const timer = setTimeout(() => socket.destroy(new RespConnectionError(`connecting to ${this.label} timed out`, 'ETIMEDOUT')),
        this.options.connectTimeoutMs ?? 10_000);
      const fail = (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(isConnectionError(error) ? new RespConnectionError(error.message, error.code) : error);
      };
      socket.once('error', fail);
      socket.once(tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.off('error', fail);
        socket.setNoDelay(true);
        socket.setKeepAlive(true, KEEPALIVE_DELAY_MS);
        resolve(socket);
      });
    });
  }

  #onReply(socket: Socket, reply: RespReply): void {
    if (this.options.onMessage && isPushMessage(reply)) {
      const [channel, payload] = reply.slice(-2);
      if (channel instanceof Buffer && payload instanceof Buffer) {
        const both = Buffer.concat([channel, payload]);
        this.options.onMessage(both, 0, channel.length, channel.length, both.length);
      }
      return;
    }
    const batch = this.#inFlight[0];
    if (!batch) {
      socket.destroy(new Error(`${this.label} sent a reply nobody asked for`));
      return;
    }
    batch.replies.push(reply);
    if (batch.replies.length < batch.count) return;
    this.#inFlight.shift();
    this.#bytesInFlight -= batch.payload.length;
    if (this.#inFlight.length === 0) {
      clearTimeout(this.#silenceTimer);
      this.#silenceTimer = undefined;
    }
    batch.resolve(batch.replies);
    if (this.#waiting.length > 0 && socket === this.#socket) this.#flush();
  }

  #onClose(socket: Socket, cause: Error | undefined): void {
    if (socket === this.#socket) this.#socket = undefined;
    clearTimeout(this.#silenceTimer);
    this.#silenceTimer = undefined;
    // A corrupt reply stream is not worth retrying like a dropped connection: it fails the batches as what it is.
    const error = cause instanceof RespProtocolError ? cause : new RespConnectionError(`connection to ${this.label} closed${cause ? `: ${cause.message}` : ''}`,
      (cause as NodeJS.ErrnoException | undefined)?.code ?? 'ECONNRESET');
    this.#bytesInFlight = 0;
    for (const batch of this.#inFlight.splice(0)) batch.reject(error);
    for (const batch of this.#waiting.splice(0)) batch.reject(error);
    if (!this.#closed) this.options.onDisconnect?.(error);
  }
}

/** `message` / `pmessage` as the first element of an array (one the parser did not take whole from a chunk). */
function isPushMessage(reply: RespReply): reply is RespReply[] {
  if (!Array.isArray(reply) || !(reply[0] instanceof Buffer)) return false;
  const kind = reply[0];
  const at = kind.length === 8 && kind[0] === 0x70 ? 1 : kind.length === 7 ? 0 : -1; // p
  if (at < 0) return false;
  for (let i = 0; i < 7; i++) if (kind[at + i] !== MESSAGE[i]) return false;
  return true;
}

const MESSAGE = [0x6d, 0x65, 0x73, 0x73, 0x61, 0x67, 0x65]; // message

function authCommand(credentials: RespCredentials): RespArg[] {
  return credentials.username ? ['AUTH', credentials.username, credentials.password!] : ['AUTH', credentials.password!];
}
