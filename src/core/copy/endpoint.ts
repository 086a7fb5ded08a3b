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

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The userinfo of a URL text as typed: everything between the scheme and the LAST `@` (a password may hold `@`,
 * `/` or `:` unencoded), split at its first `:`. Undefined when the text has no scheme or no `@`.
 */
function typedUserinfo(text: string): { scheme: string; user: string; password: string | undefined; rest: string } | undefined {
  const scheme = SCHEME.exec(text)?.[0];
  const at = text.lastIndexOf('@');
  if (!scheme || at < scheme.length) return undefined;
  const userinfo = text.slice(scheme.length, at);
  const colon = userinfo.indexOf(':');
  return {
    scheme,
    user: colon === -1 ? userinfo : userinfo.slice(0, colon),
    password: colon === -1 ? undefined : userinfo.slice(colon + 1),
    rest: text.slice(at),
  };
}

/** The URL with its password replaced by `***`, safe to print; unparsable text is masked after the scheme. */
export function maskUrl(text: string): string {
  const parts = typedUserinfo(text);
  if (!parts || parts.password === undefined) return text;
  return `${parts.scheme}${parts.user}:***${parts.rest}`;
}

/** `host:port` (+ db, TLS, user) for messages; never includes a secret. */
export function describeEndpoint(endpoint: RedisEndpoint): string {
  const user = endpoint.credential ? ' (Entra ID)' : endpoint.username ? ` as ${endpoint.username}` : '';
  const db = endpoint.db ? ` db ${endpoint.db}` : '';
  return `${endpoint.tls ? 'rediss' : 'redis'}://${endpoint.host}:${endpoint.port}${db}${endpoint.cluster ? ' (cluster)' : ''}${user}`;
}

/** Removes every known secret from a message (error texts may echo arguments), also in its URL-encoded form. */
export function redact(text: string, secrets: Array<string | undefined>): string {
  const forms = secrets.flatMap((secret) => (secret && secret.length >= 4 ? [secret, encodeURIComponent(secret)] : []));
  // Longest first, so that no part of a longer secret survives the replacement of a shorter one inside it.
  forms.sort((a, b) => b.length - a.length);
  let result = text;
  for (const form of forms) result = result.split(form).join('***');
  return result;
}

/**
 * A redactor for messages that may quote URL texts the user typed (`--from`, `--to`, stray arguments): each such
 * text is shown masked wherever it appears, and its password (as typed and decoded) and `extraSecrets` are hidden.
 */
export function urlRedactor(texts: readonly string[], extraSecrets: Array<string | undefined> = []): (message: string) => string {
  // `--option=URL` arguments carry the URL after the `=`.
  const urls = texts.flatMap((text) => [text, text.slice(text.indexOf('=') + 1)]).filter((text) => typedUserinfo(text)?.password);
  urls.sort((a, b) => b.length - a.length);
  const passwords = urls.flatMap((url) => {
    const typed = typedUserinfo(url)?.password ?? '';
    return [typed, safeDecode(typed)];
  });
  return (message) => {
    let result = message;
    for (const url of urls) result = result.split(url).join(maskUrl(url));
    return redact(result, [...passwords, ...extraSecrets]);
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
