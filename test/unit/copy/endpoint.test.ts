import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEndpoint, EndpointError, maskUrl, parseRedisUrl, redact, urlRedactor } from '../../../src/core/copy/endpoint';

test('parses rediss:// with user, password (URL-encoded), port and database', () => {
  assert.deepEqual(parseRedisUrl('rediss://copier:p%40ss%3Aword@orders.westus2.redis.azure.net:10000/0'), {
    host: 'orders.westus2.redis.azure.net', port: 10000, tls: true, db: 0, cluster: false, username: 'copier', password: 'p@ss:word',
  });
  assert.deepEqual(parseRedisUrl('redis://:key@10.0.0.4/3'), { host: '10.0.0.4', port: 6379, tls: false, db: 3, cluster: false, password: 'key' });
  assert.equal(parseRedisUrl('redis://[::1]:7000').host, '::1');
  assert.equal(parseRedisUrl('redis://h:1', { cluster: true }).cluster, true);
});

test('rejects what it cannot connect to, without echoing the password', () => {
  const cases: Array<[string, RegExp]> = [
    ['http://u:secret1@h', /unsupported scheme 'http:' in http:\/\/u:\*\*\*@h/],
    ['redis://u:secret1@h/abc', /database must be a number/],
    ['redis://u:secret1@h?db=1', /query and fragment are not supported/],
    ['not a url secret1', /not a URL/],
    ['redis://u:secret1@h:1/2', /a cluster has database 0 only/],
  ];
  for (const [url, message] of cases) {
    assert.throws(() => parseRedisUrl(url, { cluster: url.endsWith('/2') }), (error: Error) => {
      assert.ok(error instanceof EndpointError);
      assert.match(error.message, message);
      assert.ok(!error.message.includes('secret1'), error.message);
      return true;
    });
  }
});

test('maskUrl hides the password and nothing else', () => {
  assert.equal(maskUrl('rediss://copier:s3cr3t@h:10000/0'), 'rediss://copier:***@h:10000/0');
  assert.equal(maskUrl('redis://:s3cr3t@h'), 'redis://:***@h');
  assert.equal(maskUrl('redis://user@h'), 'redis://user@h');
  assert.equal(maskUrl('redis://h:6379'), 'redis://h:6379');
  assert.equal(maskUrl('copy from rediss://a:b@h to x'), 'copy from rediss://a:b@h to x', 'only a URL at the start is parsed');
});

test('maskUrl hides a password that holds @ up to the last @', () => {
  assert.equal(maskUrl('redis://:p@ssword@host:6380'), 'redis://:***@host:6380');
  assert.equal(maskUrl('rediss://copier:a@b/c:d@h:10000/0'), 'rediss://copier:***@h:10000/0');
});

test('urlRedactor masks each typed URL anywhere in a message and hides its password in every form', () => {
  const from = 'rediss://copier:p%40ss%3Aword-1@h:10000/0';
  const hide = urlRedactor(['--to=redis://:Plain-Secret@t:6379', from, '--format', 'json'], ['from-the-environment']);
  assert.equal(
    hide(`cannot use ${from}: auth p@ss:word-1 / p%40ss%3Aword-1 failed; to redis://:Plain-Secret@t:6379 with from-the-environment`),
    'cannot use rediss://copier:***@h:10000/0: auth *** / *** failed; to redis://:***@t:6379 with ***',
  );
  assert.equal(hide('--format json'), '--format json', 'values without a password are left alone');
});

test('describeEndpoint never includes a secret', () => {
  const endpoint = parseRedisUrl('rediss://copier:s3cr3t@h:10000/2');
  assert.equal(describeEndpoint(endpoint), 'rediss://h:10000 db 2 as copier');
  assert.equal(describeEndpoint({ ...endpoint, db: 0, cluster: true, credential: { getToken: async () => null } }), 'rediss://h:10000 (cluster) (Entra ID)');
});

test('redact removes every known secret, ignoring trivially short ones', () => {
  assert.equal(redact('AUTH failed for s3cr3t and again s3cr3t', ['s3cr3t', undefined]), 'AUTH failed for *** and again ***');
  assert.equal(redact('a b c', ['a']), 'a b c');
  assert.equal(redact('url p%40ss%3Aw0rd', ['p@ss:w0rd']), 'url ***', 'the URL-encoded form too');
});
