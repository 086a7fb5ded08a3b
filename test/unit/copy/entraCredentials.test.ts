import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccessToken } from '@azure/core-auth';
import { entraCredentialsProvider, refreshDelayMs, tokenObjectId } from '../../../src/core/copy/entraCredentials';

const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

test('the user name is the token oid claim', () => {
  assert.equal(tokenObjectId(jwt({ oid: 'abc-123', aud: 'x' })), 'abc-123');
  assert.throws(() => tokenObjectId('opaque-token'), /not a JWT/);
  assert.throws(() => tokenObjectId(jwt({ sub: 'x' })), /no oid claim/);
  assert.throws(() => tokenObjectId('a.!!!.c'), /not JSON/);
});

test('tokens are refreshed ahead of expiry: 2 minutes early for hour-long ones, at 3/4 of short ones, or when the credential says', () => {
  const now = 1_000_000;
  const token = (lifetimeMs: number, refreshAfterMs?: number): AccessToken => ({
    token: 't', expiresOnTimestamp: now + lifetimeMs, ...(refreshAfterMs !== undefined ? { refreshAfterTimestamp: now + refreshAfterMs } : {}),
  });
  assert.equal(refreshDelayMs(token(3_600_000), now), 3_480_000);
  assert.equal(refreshDelayMs(token(4_000), now), 3_000);
  assert.equal(refreshDelayMs(token(3_600_000, 1_800_000), now), 1_800_000);
  assert.equal(refreshDelayMs(token(-5_000), now), 100, 'an expired token is replaced at once');
});

test('the provider hands out oid + token and pushes each refreshed token to the connection', async () => {
  let issued = 0;
  const credential = { getToken: async () => ({ token: jwt({ oid: 'o1', n: ++issued }), expiresOnTimestamp: Date.now() + 200 }) };
  const errors: Error[] = [];
  const provider = entraCredentialsProvider(credential, (error) => errors.push(error));
  const updates: Array<{ username?: string; password?: string }> = [];
  const [first, subscription] = await provider.subscribe({ onNext: (c) => updates.push(c), onError: (e) => errors.push(e) });
  assert.equal(first.username, 'o1');
  assert.equal(tokenObjectId(first.password!), 'o1');
  await new Promise((resolve) => setTimeout(resolve, 450));
  subscription.dispose();
  const seen = updates.length;
  assert.ok(seen >= 2, `refreshed tokens pushed: ${seen}`);
  assert.notEqual(updates[0]!.password, first.password);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(updates.length, seen, 'no refresh after dispose');
  assert.deepEqual(errors, []);
});

test('a credential that fails to refresh reports through onError', async () => {
  let calls = 0;
  const credential = {
    getToken: async () => {
      if (++calls > 1) throw new Error('AADSTS70043: refresh token expired');
      return { token: jwt({ oid: 'o1' }), expiresOnTimestamp: Date.now() + 150 };
    },
  };
  const provider = entraCredentialsProvider(credential, () => undefined);
  const keepAlive = setTimeout(() => undefined, 5_000); // the provider's own timer does not hold the process open
  const failure = new Promise<Error>((resolve) => void provider.subscribe({ onNext: () => undefined, onError: resolve }));
  assert.match((await failure).message, /AADSTS70043/);
  clearTimeout(keepAlive);
});
