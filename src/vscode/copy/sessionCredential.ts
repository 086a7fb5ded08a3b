/**
 * A data-plane TokenCredential over a sign-in session (VS Code's Microsoft account): each call asks the session for
 * its current token, which VS Code keeps fresh; the expiry comes from the token itself, so the engine re-AUTHs in time.
 * No VS Code import: unit-tested in node.
 */
import type { AccessToken, TokenCredential } from '@azure/core-auth';

/** When the token's `exp` claim is missing or unreadable: short, so the next refresh comes soon. */
const FALLBACK_LIFETIME_MS = 5 * 60_000;

/** The `exp` claim of a JWT in ms since the epoch, or undefined. */
export function tokenExpiresOn(token: string): number | undefined {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export function sessionCredential(currentToken: () => Promise<string | undefined>, now: () => number = Date.now): TokenCredential {
  return {
    getToken: async (): Promise<AccessToken | null> => {
      const token = await currentToken();
      return token ? { token, expiresOnTimestamp: tokenExpiresOn(token) ?? now() + FALLBACK_LIFETIME_MS } : null;
    },
  };
}
