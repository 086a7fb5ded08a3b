import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findEndpointsInText } from '../../../src/core/scan/connectionText';
import { classifyHostName } from '../../../src/core/evidence/hosts';
import { ComposedString } from '../../../src/core/scan/sourcedString';

const FILE = '/ws/x.txt';
const find = (text: string) => findEndpointsInText(ComposedString.verbatim(FILE, text, 0), { file: FILE, start: 0, end: 0 });
const at = (text: string, span: { start: number; end: number } | undefined) => (span ? text.slice(span.start, span.end) : undefined);

test('a URL yields scheme, user-info password, host, port and database at their exact places', () => {
  const text = 'url = rediss://default:s3cr3t@orders.redis.cache.windows.net:6380/4?x=1';
  const [endpoint] = find(text);
  assert.ok(endpoint);
  assert.equal(at(text, endpoint.scheme?.span), 'rediss');
  assert.equal(at(text, endpoint.password), 's3cr3t');
  assert.equal(endpoint.host.kind === 'known' && at(text, endpoint.host.span), 'orders.redis.cache.windows.net');
  assert.equal(endpoint.port?.value, 6380);
  assert.equal(at(text, endpoint.port?.span), '6380');
  assert.equal(endpoint.database?.value, 4);
});

test('a URL with only a user name has no password; IPv6 hosts keep their brackets', () => {
  const [user] = find('redis://alice@host.example:6379');
  assert.equal(user?.password, undefined);
  const [ipv6] = find('redis://[::1]:6379');
  assert.deepEqual(ipv6?.host.kind === 'known' && ipv6.host.value, '[::1]');
  assert.equal(ipv6?.port?.value, 6379);
});

test('a StackExchange.Redis connection string yields every host and the options once', () => {
  const text = '"a.redis.cache.windows.net:6380, b.redis.cache.windows.net:6380,password=k=,ssl=False,defaultDatabase=2"';
  const endpoints = find(text);
  assert.equal(endpoints.length, 2);
  assert.equal(at(text, endpoints[0]!.password), 'k=');
  assert.equal(endpoints[0]!.tls?.value, false);
  assert.equal(endpoints[0]!.tls?.enableText, 'True');
  assert.equal(endpoints[0]!.database?.value, 2);
  assert.equal(endpoints[1]!.password, undefined);
  assert.equal(endpoints[1]!.port?.value, 6380);
});

test('a bare legacy host with a port, and no host inside longer words', () => {
  const text = 'redis-cli -h orders.redis.cache.windows.net:6380 ; see my-orders.redis.cache.windows.network';
  const endpoints = find(text);
  assert.equal(endpoints.length, 1);
  assert.equal(endpoints[0]!.port?.value, 6380);
});

test('host classes', () => {
  assert.equal(classifyHostName('Orders.Redis.Cache.Windows.Net'), 'legacy');
  assert.equal(classifyHostName('x.westeurope.redisenterprise.cache.azure.net'), 'legacy');
  assert.equal(classifyHostName('x.westus2.redis.azure.net'), 'amr');
  assert.equal(classifyHostName('127.0.0.1'), 'local');
  assert.equal(classifyHostName('redis'), 'other');
  assert.equal(classifyHostName('redis.cache.windows.net'), 'other');
  assert.equal(classifyHostName('cache.internal.example.com'), 'other');
  assert.equal(classifyHostName('xylophone.example.com'), 'other');
  // Text a template leaves to fill in names no real host: it may be Azure.
  for (const placeholder of ['your redis hostname', '<YOUR-URL-HERE>', 'xxxxxxxx.net', 'your-redis-url', 'YOURCACHE']) {
    assert.equal(classifyHostName(placeholder), 'unknown', placeholder);
  }
});
