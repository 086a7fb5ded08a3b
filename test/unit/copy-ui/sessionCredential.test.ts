import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sessionCredential, tokenExpiresOn } from '../../../src/vscode/copy/sessionCredential';

describe('the VS Code session as a Redis credential', () => {
  const jwt = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;

  test('each token is the session\'s current one, expiring when its exp claim says', async () => {
    const tokens = [jwt({ oid: 'o', exp: 2_000_000_000 }), 'opaque'];
    const credential = sessionCredential(async () => tokens.shift(), () => 1_000);
    assert.deepEqual(await credential.getToken('https://redis.azure.com/.default'), { token: jwt({ oid: 'o', exp: 2_000_000_000 }), expiresOnTimestamp: 2_000_000_000_000 });
    assert.deepEqual(await credential.getToken('https://redis.azure.com/.default'), { token: 'opaque', expiresOnTimestamp: 1_000 + 5 * 60_000 });
    assert.equal(await credential.getToken('https://redis.azure.com/.default'), null, 'signed out: no token');
    assert.equal(tokenExpiresOn('not.a-jwt'), undefined);
  });
});
