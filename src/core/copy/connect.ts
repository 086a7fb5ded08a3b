import { isUtf8 } from 'node:buffer';
import { createClient, createCluster, RESP_TYPES } from 'redis';
import type { RedisClientOptions, RedisClusterOptions } from 'redis';
import { describeEndpoint, redact, type RedisEndpoint } from './endpoint';
import { entraCredentialsProvider, type StreamingCredentialsProvider } from './entraCredentials';
import { backoffDelay, type RetryPolicy } from './retry';

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

/** Commands (and subcommands) the copy may send to the source; anything else is refused before it leaves the process. */
const SOURCE_COMMANDS = new Set(['SCAN', 'DUMP', 'PTTL', 'TYPE', 'EXISTS', 'DBSIZE', 'INFO', 'RANDOMKEY', 'MEMORY USAGE',
  'GETRANGE', 'LRANGE', 'HSCAN', 'SSCAN', 'ZSCAN', 'XRANGE', 'XINFO STREAM', 'XINFO GROUPS']);

export class ReadOnlyViolation extends Error {
  override name = 'ReadOnlyViolation';
}

/** Wraps a source node so only read commands can reach it: the copy never writes to the source. */
export function readOnly(node: RedisNode): RedisNode {
  return {
    label: node.label,
    send: (args) => {
      const name = String(args[0]).toUpperCase();
      // The subcommand is looked at only when the name alone is not allowed: the second argument is usually a key.
      if (!SOURCE_COMMANDS.has(name) && !(args.length > 1 && SOURCE_COMMANDS.has(`${name} ${String(args[1]).toUpperCase()}`))) {
        return Promise.reject(new ReadOnlyViolation(`refusing to send ${name} to the source: only read commands are allowed`));
      }
      return node.send(args);
    },
  };
}

/** An open connection to one side: its primaries (one for a single endpoint) and slot-routed keyed commands. */
export interface RedisConnection {
  readonly description: string;
  readonly primaries: RedisNode[];
  /** Sends a command about `key` to whichever primary owns it. */
  sendForKey(key: RedisArg, args: RedisArg[]): Promise<unknown>;
  /** The first re-authentication failure (Entra token refresh), if any; the copy stops on it. */
  authFailure(): Error | undefined;
  close(): Promise<void>;
}

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
  const credentialsProvider = endpoint.credential
    ? entraCredentialsProvider(endpoint.credential, (error) => (reAuthFailure ??= error))
    : undefined;
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
    const client = createClient(options);
    client.on('error', () => undefined); // reported through the failing commands; the client reconnects by itself
    await client.connect().catch(fail);
    state.connected = true;
    const raw = client as unknown as RawClient;
    const info = String(await raw.sendCommand(['INFO', 'cluster'], COMMAND_OPTIONS).catch(fail));
    if (!/cluster_enabled:1/.test(info)) {
      const node: RedisNode = { label: `${endpoint.host}:${endpoint.port}`, send: (args) => raw.sendCommand(args, COMMAND_OPTIONS) };
      return {
        description,
        primaries: [node],
        sendForKey: (_key, args) => node.send(args),
        authFailure,
        close: () => client.destroy() as unknown as Promise<void>,
      };
    }
    client.destroy();
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
  const primaries: RedisNode[] = [];
  for (const master of cluster.masters) {
    const nodeClient = (await cluster.nodeClient(master).catch(fail)) as unknown as RawClient;
    primaries.push({ label: `${master.host}:${master.port}`, send: (args) => nodeClient.sendCommand(args, COMMAND_OPTIONS) });
  }
  return {
    description: `${description}${endpoint.cluster ? '' : ' (cluster)'}`,
    primaries,
    sendForKey: (key, args) => rawCluster.sendCommand(key, false, args, COMMAND_OPTIONS),
    authFailure,
    close: () => cluster.destroy() as unknown as Promise<void>,
  };
}

function clientOptions(endpoint: RedisEndpoint, retry: RetryPolicy, credentialsProvider: StreamingCredentialsProvider | undefined,
  state: { connected: boolean }): RedisClientOptions {
  const servername = endpoint.servername ?? (/^[\d.]+$|:/.test(endpoint.host) ? undefined : endpoint.host);
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
