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
 * node-redis re-AUTHs live connections whenever a new token arrives.
 */
export function entraCredentialsProvider(
  credential: TokenCredential,
  onError: (error: Error) => void,
  now: () => number = Date.now,
): StreamingCredentialsProvider {
  const fetchToken = async () => {
    const token = await credential.getToken(REDIS_ENTRA_SCOPE);
    if (!token) throw new EntraTokenError(`no Entra ID token for ${REDIS_ENTRA_SCOPE}`);
    return token;
  };
  const toAuth = (token: AccessToken) => ({ username: tokenObjectId(token.token), password: token.token });
  return {
    type: 'streaming-credentials-provider',
    subscribe: async (listener) => {
      const first = await fetchToken();
      let timer: NodeJS.Timeout | undefined;
      let disposed = false;
      const schedule = (token: AccessToken) => {
        timer = setTimeout(async () => {
          try {
            const next = await fetchToken();
            if (disposed) return;
            listener.onNext(toAuth(next));
            schedule(next);
          } catch (error) {
            if (!disposed) listener.onError(error as Error);
          }
        }, refreshDelayMs(token, now()));
        timer.unref();
      };
      schedule(first);
      return [toAuth(first), { dispose: () => ((disposed = true), clearTimeout(timer)) }];
    },
    onReAuthenticationError: onError,
  };
}
