import type { TokenCredential } from '@azure/core-auth';

/** Where and how to connect to one side of a copy. */
export interface RedisEndpoint {
  host: string;
  port: number;
  tls: boolean;
  /** TLS server name to verify; defaults to `host` when that is a name (not an IP). */
  servername?: string;
  /** Extra CA certificates (PEM) to trust, e.g. a private CA. */
  ca?: string | Buffer;
  username?: string;
  password?: string;
  /** Microsoft Entra ID: the username is the token's `oid` claim, the password the token; re-AUTH before expiry. */
  credential?: TokenCredential;
  /** Database number; always 0 on a cluster. */
  db: number;
  /** An OSS cluster endpoint: discover every primary and route by slot. */
  cluster: boolean;
}

export class EndpointError extends Error {
  override name = 'EndpointError';
}

const DEFAULT_PORT = 6379;

/** Parses `redis://[user:password@]host[:port][/db]` or `rediss://…` (TLS). */
export function parseRedisUrl(text: string, options: { cluster?: boolean } = {}): RedisEndpoint {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new EndpointError('not a URL: expected redis://[user:password@]host[:port][/db] or rediss://…');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new EndpointError(`unsupported scheme '${url.protocol}' in ${maskUrl(text)}: use redis:// or rediss://`);
  }
  if (!url.hostname) throw new EndpointError(`no host in ${maskUrl(text)}`);
  if (url.search || url.hash) throw new EndpointError(`query and fragment are not supported in ${maskUrl(text)}`);
  const dbText = url.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d+$/.test(dbText)) throw new EndpointError(`database must be a number in ${maskUrl(text)}`);
  const db = dbText === '' ? 0 : Number(dbText);
  const cluster = options.cluster ?? false;
  if (cluster && db !== 0) throw new EndpointError(`a cluster has database 0 only: ${maskUrl(text)}`);
  const endpoint: RedisEndpoint = {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : DEFAULT_PORT,
    tls: url.protocol === 'rediss:',
    db,
    cluster,
  };
  if (url.username) endpoint.username = decodeURIComponent(url.username);
  if (url.password) endpoint.password = decodeURIComponent(url.password);
  return endpoint;
}

/** The URL with its password replaced by `***`, safe to print; unparsable text is masked after the scheme. */
export function maskUrl(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/]*)@/i, (_all, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    if (colon === -1) return `${scheme}${userinfo}@`;
    return `${scheme}${userinfo.slice(0, colon)}:***@`;
  });
}

/** `host:port` (+ db, TLS, user) for messages; never includes a secret. */
export function describeEndpoint(endpoint: RedisEndpoint): string {
  const user = endpoint.credential ? ' (Entra ID)' : endpoint.username ? ` as ${endpoint.username}` : '';
  const db = endpoint.db ? ` db ${endpoint.db}` : '';
  return `${endpoint.tls ? 'rediss' : 'redis'}://${endpoint.host}:${endpoint.port}${db}${endpoint.cluster ? ' (cluster)' : ''}${user}`;
}

/** Removes every known secret from a message (error texts may echo arguments). */
export function redact(text: string, secrets: Array<string | undefined>): string {
  let result = text;
  for (const secret of secrets) if (secret && secret.length >= 4) result = result.split(secret).join('***');
  return result;
}
