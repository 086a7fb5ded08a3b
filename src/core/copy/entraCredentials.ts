import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { RedisClientOptions } from 'redis';

export type StreamingCredentialsProvider = Extract<NonNullable<RedisClientOptions['credentialsProvider']>, { type: 'streaming-credentials-provider' }>;

/** The scope Azure Cache for Redis and Azure Managed Redis accept for data-plane tokens. */
export const REDIS_ENTRA_SCOPE = 'https://redis.azure.com/.default';

export class EntraTokenError extends Error {
  override name = 'EntraTokenError';
}

/** The `oid` claim of a JWT access token: the user name Redis expects alongside the token. */
export function tokenObjectId(token: string): string {
  const payload = token.split('.')[1];
  if (!payload) throw new EntraTokenError('the Entra ID token is not a JWT');
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new EntraTokenError('the Entra ID token payload is not JSON');
  }
  const oid = (claims as { oid?: unknown }).oid;
  if (typeof oid !== 'string' || !oid) throw new EntraTokenError('the Entra ID token has no oid claim');
  return oid;
}

/**
 * When to fetch the next token: well before expiry (2 minutes ahead for normal hour-long tokens,
 * at three quarters of the lifetime for short ones), honouring the credential's own refresh hint.
 */
export function refreshDelayMs(token: AccessToken, now: number): number {
  const lifetime = token.expiresOnTimestamp - now;
  const byLifetime = lifetime > 5 * 60_000 ? lifetime - 2 * 60_000 : lifetime * 0.75;
  const byHint = token.refreshAfterTimestamp !== undefined ? token.refreshAfterTimestamp - now : Infinity;
  return Math.max(100, Math.min(byLifetime, byHint));
}

/**
 * A node-redis credentials provider backed by a TokenCredential: every connection AUTHs with the current token and
 * re-AUTHs whenever a new token arrives. All subscribers (node-redis clients, pipelines) share one token stream: a
 * server that accepts only the newest token must not see connections racing each other with tokens of their own.
 */
export function entraCredentialsProvider(
  credential: TokenCredential,
  onError: (error: Error) => void,
  now: () => number = Date.now,
): StreamingCredentialsProvider {
  type Listener = Parameters<StreamingCredentialsProvider['subscribe']>[0];
  const fetchToken = async () => {
    const token = await credential.getToken(REDIS_ENTRA_SCOPE);
    if (!token) throw new EntraTokenError(`no Entra ID token for ${REDIS_ENTRA_SCOPE}`);
    return token;
  };
  const toAuth = (token: AccessToken) => ({ username: tokenObjectId(token.token), password: token.token });
  const listeners = new Set<Listener>();
  let latest: Promise<AccessToken> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (token: AccessToken) => {
    timer = setTimeout(async () => {
      try {
        const next = await fetchToken();
        if (listeners.size === 0) return;
        latest = Promise.resolve(next);
        for (const listener of listeners) listener.onNext(toAuth(next));
        schedule(next);
      } catch (error) {
        for (const listener of listeners) listener.onError(error as Error);
      }
    }, refreshDelayMs(token, now()));
    timer.unref();
  };
  const stop = () => {
    clearTimeout(timer);
    latest = undefined;
  };
  return {
    type: 'streaming-credentials-provider',
    subscribe: async (listener) => {
      if (!latest) {
        latest = fetchToken();
        latest.then(schedule, stop);
      }
      const current = await latest;
      listeners.add(listener);
      const dispose = () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
      return [toAuth(current), { dispose }];
    },
    onReAuthenticationError: onError,
  };
}
