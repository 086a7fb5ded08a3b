import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TokenCredential } from '@azure/core-auth';
import { copyData, CopyError } from '../../../src/core/copy/copyEngine';
import { parseRedisUrl } from '../../../src/core/copy/endpoint';
import { RedisTestEnv, type RedisServer } from '../../helpers/redisServers';
import { assertVerified, seedServer } from './dataset';
import { ENTRA_OID as OID, stubCredential } from './entraTokens';

describe('Microsoft Entra ID on the target', () => {
  const env = new RedisTestEnv();
  let source: RedisServer;
  let total = 0;

  before(async () => {
    source = await env.startServer();
    total = await seedServer(source, { small: 2_000, bigElements: 0, ttlEvery: 5 });
  });
  after(() => env.dispose());

  /**
   * Copies while the source pauses all clients for 1.5 s, so the 400 ms tokens must be refreshed mid-copy;
   * `clients` is the target's CLIENT LIST taken then.
   */
  async function copyWithEntra(target: RedisServer, credential: TokenCredential, seen: { clients?: string } = {}) {
    let paused = false;
    return copyData({
      source: parseRedisUrl(source.url()),
      target: { ...parseRedisUrl(target.url()), credential },
      scanCount: 100,
      progressIntervalMs: 0,
      verify: 'full',
      onProgress: () => {
        if (!paused) {
          paused = true;
          seen.clients = target.cli('CLIENT', 'LIST');
          source.cli('CLIENT', 'PAUSE', '1500', 'ALL');
        }
      },
    });
  }

  test('authenticates as the token oid and re-AUTHs with each new token before the old one expires', async () => {
    const target = await env.startServer();
    const credential = stubCredential(400, (token) => target.cli('ACL', 'SETUSER', OID, 'on', 'resetpass', `>${token}`, '~*', '+@all'));
    const seen: { clients?: string } = {};
    const result = await copyWithEntra(target, credential, seen);
    assert.equal(result.counts.copied, total);
    assertVerified(result.verification);
    assert.ok(credential.issued >= 3, `tokens issued: ${credential.issued}`);
    const auths = Number(/cmdstat_auth:calls=(\d+)/.exec(target.cli('INFO', 'commandstats'))?.[1] ?? 0);
    assert.ok(auths >= 3, `AUTH calls on the target: ${auths} (first AUTH + re-AUTHs)`);
    assert.match(seen.clients ?? '', new RegExp(`user=${OID}`), 'connected as the oid user');
  });

  test('a refreshed token the target does not accept fails the copy with an authentication error', async () => {
    const target = await env.startServer();
    // Only the first token is ever registered: the first re-AUTH gets WRONGPASS.
    const credential = stubCredential(400, (token, serial) => {
      if (serial === 1) target.cli('ACL', 'SETUSER', OID, 'on', `>${token}`, '~*', '+@all');
    });
    await assert.rejects(copyWithEntra(target, credential), (error: CopyError) => {
      assert.equal(error.kind, 'auth');
      assert.match(error.message, /re-authentication failed/);
      assert.doesNotMatch(error.message, /eyJ/, 'no token in the message');
      return true;
    });
  });
});
