import type { AccessToken, TokenCredential } from '@azure/core-auth';

/**
 * A credential around a bearer token obtained elsewhere (e.g. `az account get-access-token`).
 * The token is held in a closure, not a property, so that logging or serialising the credential cannot reveal it.
 */
export function staticTokenCredential(token: string, expiresOnTimestamp = Date.now() + 60 * 60 * 1000): TokenCredential {
  if (token.trim() === '') throw new Error('the access token is empty');
  const accessToken: AccessToken = { token: token.trim(), expiresOnTimestamp };
  return {
    getToken: async () => accessToken,
  };
}
