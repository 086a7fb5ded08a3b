import { isUtf8 } from 'node:buffer';
import { createCluster, RESP_TYPES } from 'redis';
import type { RedisClientOptions, RedisClusterOptions } from 'redis';
import { describeEndpoint, redact, type RedisEndpoint } from './endpoint';
import { entraCredentialsProvider, type StreamingCredentialsProvider } from './entraCredentials';
import { keySlot } from './keySlot';
import { RespReplyError, type RespReply } from './respProtocol';
import { RespPipeline, type RespCredentials, type RespPipelineOptions } from './respPipeline';
import { backoffDelay, ConnectionLostError, isConnectionError, withRetry, type RetryPolicy } from './retry';

export type RedisArg = string | Buffer;

/**
 * A key as node-redis sends it cheapest: its text when the bytes are valid UTF-8 (they encode back to the same bytes),
 * else the Buffer. node-redis writes a command with a Buffer argument as three socket chunks instead of one, which
 * costs more than the conversion on the copy's hot path.
 */
export function wireKey(key: Buffer): RedisArg {
  return isUtf8(key) ? key.toString('utf8') : key;
}

/** Bulk strings come back as Buffers: keys, values and DUMP payloads are binary. */
const TYPE_MAPPING = { [RESP_TYPES.BLOB_STRING]: Buffer } as const;
const COMMAND_OPTIONS = { typeMapping: TYPE_MAPPING };

/** The subset of a node-redis client this module uses, with replies as plain unknowns. */
interface RawClient {
  sendCommand(args: RedisArg[], options?: typeof COMMAND_OPTIONS): Promise<unknown>;
}

interface RawCluster {
  sendCommand(key: RedisArg | undefined, isReadonly: boolean | undefined, args: RedisArg[], options?: typeof COMMAND_OPTIONS): Promise<unknown>;
}

/** One server that can be sent any command (target primaries, or the source through ReadOnlyNode). */
export interface RedisNode {
  readonly label: string;
  send(args: RedisArg[]): Promise<unknown>;
}

/** A primary of an open connection: also reachable through its pipelined socket. */
export interface PipelinedNode extends RedisNode {
  /**
   * The hot path: a batch down this server's pipelined socket, one promise for all replies, in order; a refused command
   * is a RespReplyError in its place. Replies are raw RESP (bulk strings as Buffers, integers as numbers).
   */
  sendBatch(commands: RedisArg[][]): Promise<RespReply[]>;
}

/** Commands the copy may send to the source (with the subcommands allowed, where the command alone may write). */
const SOURCE_COMMANDS = new Map<string, ReadonlySet<string> | true>([
  ...['SCAN', 'DUMP', 'PTTL', 'TYPE', 'EXISTS', 'DBSIZE', 'INFO', 'RANDOMKEY', 'GETRANGE', 'LRANGE', 'HSCAN', 'SSCAN', 'ZSCAN', 'XRANGE',
    'HLEN', 'SCARD', 'ZCARD']
    .map((name) => [name, true] as const),
  ['MEMORY', new Set(['USAGE'])],
  ['XINFO', new Set(['STREAM', 'GROUPS'])],
  // Live mode reads whether keyspace notifications are on; it never sets them.
  ['CONFIG', new Set(['GET'])],
]);

export class ReadOnlyViolation extends Error {
  override name = 'ReadOnlyViolation';
}

/** Wraps a source node so only read commands can reach it: the copy never writes to the source. */
export function readOnly(node: PipelinedNode): PipelinedNode {
  return {
    label: node.label,
    send: (args) => {
      const refused = refusedOnSource(args);
      return refused ? Promise.reject(refused) : node.send(args);
    },
    sendBatch: (commands) => {
      for (const command of commands) {
        const refused = refusedOnSource(command);
        if (refused) return Promise.reject(refused);
      }
      return node.sendBatch(commands);
    },
  };
}

function refusedOnSource(args: RedisArg[]): ReadOnlyViolation | undefined {
  // The copy's own commands are spelled as listed: found without upper-casing (this runs for every key).
  const rule = (typeof args[0] === 'string' ? SOURCE_COMMANDS.get(args[0]) : undefined) ?? SOURCE_COMMANDS.get(String(args[0]).toUpperCase());
  if (rule === true) return undefined;
  const sub = args[1];
  if (rule && sub !== undefined && (rule.has(String(sub)) || rule.has(String(sub).toUpperCase()))) return undefined;
  return new ReadOnlyViolation(`refusing to send ${String(args[0]).toUpperCase()} to the source: only read commands are allowed`);
}

/** An open connection to one side: its primaries (one for a single endpoint) and slot-routed keyed commands. */
export interface RedisConnection {
  readonly description: string;
  readonly primaries: PipelinedNode[];
  /** Sends a command about `key` to whichever primary owns it. */
  sendForKey(key: RedisArg, args: RedisArg[]): Promise<unknown>;
  /**
   * `commands[i]` is about `keys[i]`: each goes down the pipeline of the primary owning its key; replies in order, as
   * sendBatch. A slot that moved (MOVED) or is moving (ASK) is followed there, and the slot map refreshed.
   */
  sendBatchForKeys(keys: RedisArg[], commands: RedisArg[][]): Promise<RespReply[]>;
  /**
   * Every command to the primary that owns its key (see commandKey), following slots that move: reads of a key that a
   * resharding took elsewhere reach it there, rather than a former owner that no longer has it. The primary itself on
   * a single server.
   */
  readonly byKey: PipelinedNode;
  /**
   * Asks the cluster which primaries own slots now; those not in `primaries` yet (a primary added while the copy runs:
   * a scale-out) are added to it and returned. Nothing on a single server.
   */
  discoverPrimaries(): Promise<PipelinedNode[]>;
  /** The first re-authentication failure (Entra token refresh), if any; the copy stops on it. */
  authFailure(): Error | undefined;
  /**
   * A socket of its own to one primary (`label` as in `primaries`), authenticated like the others, for a pub/sub
   * subscription: a subscribed socket can carry nothing else. Closed with the connection.
   */
  subscriber(label: string, handlers: SubscriberHandlers): RespPipeline;
  /**
   * Calls `listener` after every credential renewal (a new Entra token), once the shared sockets were sent the new AUTH;
   * a subscribed socket cannot AUTH, so its owner replaces it. Never called for a fixed password. Returns the unsubscribe.
   */
  onCredentialsRenewed(listener: () => void): () => void;
  close(): Promise<void>;
}

export type SubscriberHandlers = Required<Pick<RespPipelineOptions, 'onMessage' | 'onDisconnect'>>;

const AUTH_FAILURE = /WRONGPASS|NOAUTH|NOPERM|invalid username-password/i;

export class RedisAuthError extends Error {
  override name = 'RedisAuthError';
}

export class RedisConnectError extends Error {
  override name = 'RedisConnectError';
}

/** Opens a connection; a single endpoint that turns out to be a cluster node is opened as a cluster. */
export async function openConnection(endpoint: RedisEndpoint, retry: RetryPolicy): Promise<RedisConnection> {
  let reAuthFailure: Error | undefined;
  const noteAuthFailure = (error: Error) => void (reAuthFailure ??= error);
  const credentialsProvider = endpoint.credential ? entraCredentialsProvider(endpoint.credential, noteAuthFailure) : undefined;
  const state = { connected: false };
  const options = clientOptions(endpoint, retry, credentialsProvider, state);
  const description = describeEndpoint(endpoint);
  const secrets = [endpoint.password];
  const fail = (error: unknown): never => {
    const message = redact(error instanceof Error ? error.message : String(error), secrets);
    if (AUTH_FAILURE.test(message) || /Entra|oid claim|Credential|token/i.test(message)) {
      throw new RedisAuthError(`authentication to ${description} failed: ${message}`);
    }
    throw new RedisConnectError(`cannot connect to ${description}: ${message}`);
  };
  const authFailure = () => reAuthFailure;

  if (!endpoint.cluster) {
    // A single server needs no node-redis client: its pipeline carries every command. (Creating a node-redis client
    // costs ~50 ms of CPU plus garbage, a sixth of a 100,000-key copy on loopback.)
    const pipelines = await PipelineSet.open(endpoint, endpoint.db, credentialsProvider, noteAuthFailure, retry.replyTimeoutMs).catch(fail);
    const closeOnFailure = async (error: unknown): Promise<never> => {
      await pipelines.close();
      const cause = error instanceof ConnectionLostError ? error.cause : error;
      if (/SELECT is not allowed in cluster mode/.test(String(cause))) throw new RedisConnectError(`${description} is a cluster, which has database 0 only`);
      return fail(cause);
    };
    // Like a node-redis client, a first connection gets `attempts` tries (a server that is still starting).
    const pipeline = await withRetry(() => pipelines.get(endpoint.host, endpoint.port), retry, `connecting to ${description}`).catch(closeOnFailure);
    const node = pipelinedNode(`${endpoint.host}:${endpoint.port}`, pipeline);
    const info = String(await node.send(['INFO', 'cluster']).catch(closeOnFailure));
    if (!/cluster_enabled:1/.test(info)) {
      return {
        description,
        primaries: [node],
        sendForKey: (_key, args) => node.send(args),
        sendBatchForKeys: (_keys, commands) => node.sendBatch(commands),
        byKey: node,
        discoverPrimaries: async () => [],
        authFailure,
        subscriber: (label, handlers) => pipelines.dedicated(label, handlers),
        onCredentialsRenewed: (listener) => pipelines.onRenewed(listener),
        close: () => pipelines.close(),
      };
    }
    await pipelines.close();
    if (endpoint.db !== 0) throw new RedisConnectError(`${description} is a cluster, which has database 0 only`);
  }

  const { database: _database, ...nodeDefaults } = options;
  const clusterOptions: RedisClusterOptions = {
    rootNodes: [{ socket: options.socket! }],
    defaults: nodeDefaults,
    useReplicas: false,
    commandOptions: COMMAND_OPTIONS,
    // Enough redirect hops for a resharding cluster, then fail rather than loop.
    maxCommandRedirections: 16,
  } as RedisClusterOptions;
  const cluster = createCluster(clusterOptions);
  cluster.on('error', () => undefined);
  await cluster.connect().catch(fail);
  state.connected = true;
  const rawCluster = cluster as unknown as RawCluster;
  const pipelines = await PipelineSet.open(endpoint, 0, credentialsProvider, noteAuthFailure, retry.replyTimeoutMs);
  const close = async () => {
    await pipelines.close();
    cluster.destroy();
  };
  const primaries: PipelinedNode[] = [];
  try {
    for (const master of cluster.masters) {
      const nodeClient = (await cluster.nodeClient(master)) as unknown as RawClient;
      const pipeline = await pipelines.get(master.host, master.port);
      primaries.push({
        label: `${master.host}:${master.port}`,
        send: (args) => nodeClient.sendCommand(args, COMMAND_OPTIONS),
        sendBatch: (commands) => pipeline.send(commands),
      });
    }
  } catch (error) {
    await close();
    fail(error);
  }
  const sendForKey = (key: RedisArg, args: RedisArg[]) => rawCluster.sendCommand(key, false, args, COMMAND_OPTIONS);
  const sendBatchForKeys = async (keys: RedisArg[], commands: RedisArg[][]): Promise<RespReply[]> => {
    // Grouped by the primary node-redis says owns each slot (its map follows MOVED redirects).
    const groups = new Map<string, { host: string; port: number; indexes: number[] }>();
    keys.forEach((key, i) => {
      const { host, port } = cluster.slots[keySlot(key)]!.master;
      const label = `${host}:${port}`;
      const group = groups.get(label) ?? groups.set(label, { host, port, indexes: [] }).get(label)!;
      group.indexes.push(i);
    });
    const replies: RespReply[] = new Array(commands.length);
    await Promise.all([...groups.values()].map(async ({ host, port, indexes }) => {
      const got = await (await pipelines.get(host, port)).send(indexes.map((i) => commands[i]!));
      indexes.forEach((i, j) => (replies[i] = got[j]!));
    }));
    await Promise.all(replies.map(async (reply, i) => {
      if (reply instanceof RespReplyError && isRedirect(reply)) replies[i] = await followRedirect(reply, keys[i]!, commands[i]!);
    }));
    return replies;
  };
  // A slot moving (ASK): asked at the node named, ASKING first — directly, since node-redis cannot follow an ASK to a
  // node that owns no slot yet (a primary just added by a scale-out). A slot that moved (MOVED): the cluster client
  // follows it and refreshes its map for the next batch.
  const followRedirect = async (redirect: RespReplyError, key: RedisArg, command: RedisArg[]): Promise<RespReply> => {
    const ask = /^ASK \d+ (.+):(\d+)$/.exec(redirect.message);
    if (ask) return (await (await pipelines.get(ask[1]!, Number(ask[2]))).send([['ASKING'], command]))[1]!;
    return (await sendForKey(key, command).catch((error: Error) => {
      if (isConnectionError(error)) throw error;
      return new RespReplyError(error.message);
    })) as RespReply;
  };
  const discoverPrimaries = async (): Promise<PipelinedNode[]> => {
    const added: PipelinedNode[] = [];
    for (const { host, port } of await slotOwners(primaries)) {
      const label = `${host}:${port}`;
      if (primaries.some((primary) => primary.label === label)) continue;
      const node = pipelinedNode(label, await pipelines.get(host, port));
      primaries.push(node);
      added.push(node);
    }
    return added;
  };
  return {
    description: `${description}${endpoint.cluster ? '' : ' (cluster)'}`,
    primaries,
    sendForKey,
    sendBatchForKeys,
    byKey: {
      label: `${description} (by slot)`,
      send: (args) => sendForKey(commandKey(args), args),
      sendBatch: (commands) => sendBatchForKeys(commands.map(commandKey), commands),
    },
    discoverPrimaries,
    authFailure,
    subscriber: (label, handlers) => pipelines.dedicated(label, handlers),
    onCredentialsRenewed: (listener) => pipelines.onRenewed(listener),
    close,
  };
}

/**
 * The primaries owning at least one slot, from CLUSTER SLOTS as the first known primary that answers gives it (an
 * empty host there means that primary's own). A cluster being resharded can disagree with itself for a moment; the
 * caller asks again later.
 */
async function slotOwners(known: PipelinedNode[]): Promise<Array<{ host: string; port: number }>> {
  let lastError: unknown;
  for (const node of known) {
    let ranges: RespReply;
    try {
      [ranges] = await node.sendBatch([['CLUSTER', 'SLOTS']]);
    } catch (error) {
      lastError = error;
      continue;
    }
    if (ranges instanceof RespReplyError) throw ranges;
    const owners = new Map<string, { host: string; port: number }>();
    for (const range of ranges as RespReply[][]) {
      const [host, port] = range[2] as [Buffer, number];
      const owner = { host: host.length > 0 && host.toString() !== '?' ? host.toString() : node.label.slice(0, node.label.lastIndexOf(':')), port: Number(port) };
      owners.set(`${owner.host}:${owner.port}`, owner);
    }
    return [...owners.values()];
  }
  throw lastError;
}

/** A cluster's answer that the key's slot is served elsewhere, for good (MOVED) or while it moves (ASK). */
export function isRedirect(error: Error): boolean {
  return /^(MOVED|ASK) /.test(error.message);
}

/** Commands whose key follows a subcommand. */
const KEY_AFTER_SUBCOMMAND = new Set(['MEMORY', 'XINFO', 'OBJECT']);

/** The key a command is about, which decides the primary it goes to: the first argument, or the second after a subcommand. */
function commandKey(args: RedisArg[]): RedisArg {
  return (typeof args[0] === 'string' && KEY_AFTER_SUBCOMMAND.has(args[0]) ? args[2] : args[1]) ?? '';
}

/** A server reached only through its pipeline: single commands are batches of one, a refusal thrown as node-redis would. */
function pipelinedNode(label: string, pipeline: RespPipeline): PipelinedNode {
  return {
    label,
    send: async (args) => {
      const [reply] = await pipeline.send([args]);
      if (reply instanceof RespReplyError) throw reply;
      return reply;
    },
    sendBatch: (commands) => pipeline.send(commands),
  };
}

/**
 * The pipelined sockets of one side, one per server, opened on first use. They authenticate like the node-redis
 * clients: the endpoint's user/password, or the Entra token stream (re-AUTH on every new token).
 */
class PipelineSet {
  readonly #pipelines = new Map<string, Promise<RespPipeline>>();
  readonly #dedicated = new Set<RespPipeline>();
  readonly #renewalListeners = new Set<() => void>();

  private constructor(
    private readonly endpoint: RedisEndpoint,
    private readonly db: number,
    private credentials: RespCredentials | undefined,
    private readonly subscription: { dispose(): void } | undefined,
    private readonly onAuthError: (error: Error) => void,
    private readonly replyTimeoutMs: number | undefined,
  ) {}

  static async open(endpoint: RedisEndpoint, db: number, provider: StreamingCredentialsProvider | undefined,
    onAuthError: (error: Error) => void, replyTimeoutMs: number | undefined): Promise<PipelineSet> {
    if (!provider) {
      const credentials = endpoint.password ? { ...(endpoint.username ? { username: endpoint.username } : {}), password: endpoint.password } : undefined;
      return new PipelineSet(endpoint, db, credentials, undefined, onAuthError, replyTimeoutMs);
    }
    let set: PipelineSet | undefined;
    const [first, subscription] = await provider.subscribe({
      onNext: (credentials) => set?.reauthenticate(credentials),
      onError: onAuthError,
    });
    set = new PipelineSet(endpoint, db, first, subscription, onAuthError, replyTimeoutMs);
    return set;
  }

  get(host: string, port: number): Promise<RespPipeline> {
    const label = `${host}:${port}`;
    let pipeline = this.#pipelines.get(label);
    if (!pipeline) {
      const created = this.#create(host, port, {});
      pipeline = created.connect().then(() => created, (error: unknown) => {
        this.#pipelines.delete(label); // the next get tries again
        throw error;
      });
      this.#pipelines.set(label, pipeline);
    }
    return pipeline;
  }

  /**
   * A pipeline of its own to `host:port` (not shared through get), connected on its first batch. Not re-AUTHed on a
   * new token (a subscribed socket refuses AUTH): its owner hears of the token through onRenewed and replaces it.
   */
  dedicated(label: string, handlers: SubscriberHandlers): RespPipeline {
    const colon = label.lastIndexOf(':');
    const pipeline = this.#create(label.slice(0, colon), Number(label.slice(colon + 1)), handlers);
    this.#dedicated.add(pipeline);
    return pipeline;
  }

  #create(host: string, port: number, extra: Partial<RespPipelineOptions>): RespPipeline {
    const { tls, ca } = this.endpoint;
    const servername = tlsServername(this.endpoint);
    return new RespPipeline({
      host, port, db: this.db, credentials: () => this.credentials, onAuthError: this.onAuthError,
      ...(this.replyTimeoutMs === undefined ? {} : { replyTimeoutMs: this.replyTimeoutMs }),
      ...(tls ? { tls: { ...(servername ? { servername } : {}), ...(ca ? { ca } : {}) } } : {}),
      ...extra,
    });
  }

  async close(): Promise<void> {
    this.subscription?.dispose();
    const opened = await Promise.allSettled(this.#pipelines.values());
    await Promise.allSettled([...opened.map((result) => (result.status === 'fulfilled' ? result.value.close() : undefined)),
      ...[...this.#dedicated].map((pipeline) => pipeline.close())]);
  }

  onRenewed(listener: () => void): () => void {
    this.#renewalListeners.add(listener);
    return () => this.#renewalListeners.delete(listener);
  }

  reauthenticate(credentials: RespCredentials): void {
    this.credentials = credentials;
    for (const pipeline of this.#pipelines.values()) void pipeline.then((opened) => opened.reauthenticate(credentials), () => undefined);
    for (const listener of this.#renewalListeners) listener();
  }
}

function tlsServername(endpoint: RedisEndpoint): string | undefined {
  return endpoint.servername ?? (/^[\d.]+$|:/.test(endpoint.host) ? undefined : endpoint.host);
}

function clientOptions(endpoint: RedisEndpoint, retry: RetryPolicy, credentialsProvider: StreamingCredentialsProvider | undefined,
  state: { connected: boolean }): RedisClientOptions {
  const servername = tlsServername(endpoint);
  const socket = {
    host: endpoint.host,
    port: endpoint.port,
    connectTimeout: 10_000,
    // Bounded: a first connection gets `attempts` tries; a dropped one twice as many (a restarting server), then the
    // client gives up and the copy fails with a checkpoint.
    reconnectStrategy: (retries: number, cause: Error) => {
      if (AUTH_FAILURE.test(cause.message)) return cause; // retrying a wrong password only delays the message
      return retries + 1 >= (state.connected ? retry.attempts * 2 : retry.attempts)
        ? new Error(`${cause.message} (gave up after ${retries + 1} attempts)`)
        : backoffDelay(retries + 1, retry);
    },
    ...(endpoint.tls ? { tls: true as const, ...(servername ? { servername } : {}), ...(endpoint.ca ? { ca: endpoint.ca } : {}) } : {}),
  };
  return {
    socket,
    // A command sent while disconnected fails at once, so the copy's own retry/backoff decides what happens.
    disableOfflineQueue: true,
    commandOptions: COMMAND_OPTIONS,
    ...(credentialsProvider
      ? { credentialsProvider }
      : { ...(endpoint.username ? { username: endpoint.username } : {}), ...(endpoint.password ? { password: endpoint.password } : {}) }),
    ...(endpoint.db ? { database: endpoint.db } : {}),
  } as RedisClientOptions;
}
