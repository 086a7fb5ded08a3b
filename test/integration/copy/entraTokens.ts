// Entra ID tokens for copy tests: JWT-shaped (the copy reads the oid claim as the Redis user name), issued by a
// TokenCredential stand-in through the same seam the copy uses for a real credential.
import assert from 'node:assert/strict';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { RedisServer } from '../../helpers/redisServers';

export const ENTRA_OID = '6f1c2a5e-0000-4000-8000-entra-test';

/** A JWT-shaped token (header.payload.signature) carrying `oid`, as Entra ID issues them. */
export function jwt(serial: number, oid = ENTRA_OID): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ oid, aud: 'https://redis.azure.com', n: serial })}.c2lnbmF0dXJl`;
}

/**
 * Issues short-lived tokens; `register` decides whether the server learns each one (e.g. rotating the ACL user's only
 * password to it, as Entra ID + Redis would accept only a current token).
 */
export function stubCredential(lifetimeMs: number, register: (token: string, serial: number) => void, oidOf: (serial: number) => string = () => ENTRA_OID)
  : TokenCredential & { issued: number } {
  const stub = {
    issued: 0,
    getToken: async (scopes: string | string[]): Promise<AccessToken> => {
      assert.deepEqual([scopes].flat(), ['https://redis.azure.com/.default']);
      const serial = ++stub.issued;
      const token = jwt(serial, oidOf(serial));
      register(token, serial);
      return { token, expiresOnTimestamp: Date.now() + lifetimeMs };
    },
  };
  return stub;
}

/**
 * Tokens that really expire on `server`: a server accepting Entra ID closes the connections still authenticated with
 * a token once it expires. Redis keeps a connection authenticated when its user's password changes, so each token is
 * the password of an ACL user of its own (named by the token's oid), and that user is deleted when the token expires,
 * which closes every connection still authenticated as it.
 */
export function expiringTokens(server: RedisServer, lifetimeMs: number): { credential: TokenCredential & { issued: number }; expired(): number; dispose(): void } {
  const timers = new Set<NodeJS.Timeout>();
  let expired = 0;
  const user = (serial: number) => `entra-${serial}`;
  const credential = stubCredential(lifetimeMs, (token, serial) => {
    server.cli('ACL', 'SETUSER', user(serial), 'on', `>${token}`, '~*', '&*', '+@all');
    const timer = setTimeout(() => {
      timers.delete(timer);
      expired += Number(server.cli('ACL', 'DELUSER', user(serial)).trim());
    }, lifetimeMs);
    timers.add(timer);
  }, user);
  return {
    credential,
    expired: () => expired,
    dispose: () => {
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
