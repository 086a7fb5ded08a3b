import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactCredentials } from '../../../src/core/report/redaction';

test('redacts the credential forms a message, title or fix text may carry', () => {
  const cases: Array<[string, string]> = [
    ["url: 'rediss://:k3y+/=@h.redis.cache.windows.net:6380'", "url: 'rediss://:***@h.redis.cache.windows.net:6380'"],
    ['redis://default:s3cret@host:6379/0', 'redis://default:***@host:6379/0'],
    ['h.redis.cache.windows.net:6380,password=abc+/=,ssl=True', 'h.redis.cache.windows.net:6380,password=***,ssl=True'],
    ['Server=h;Password=abc;Database=0', 'Server=h;Password=***;Database=0'],
    ['REDIS_PASSWORD=abc123', 'REDIS_PASSWORD=***'],
    ["{ password: 'abc', tls: {} }", "{ password: '***', tls: {} }"],
    ['{ "password": "abc" }', '{ "password": "***" }'],
    ['{ auth_pass: "abc" }', '{ auth_pass: "***" }'],
    ['redisOptions: { password: `abc` }', 'redisOptions: { password: `***` }'],
    ['<add key="RedisAccessKey" value="x" /> accessKey="abc"', '<add key="RedisAccessKey" value="x" /> accessKey="***"'],
  ];
  for (const [text, expected] of cases) assert.equal(redactCredentials(text), expected, text);
});

test('leaves code and names alone: variables, env lookups, templates, hosts and ports are not credentials', () => {
  const untouched = [
    '{ password: process.env.REDIS_KEY, tls: true }',
    '{ password: key }',
    'password: `${key}`',
    'password = settings.redisKey',
    "createCluster({ rootNodes: [{ url: 'rediss://orders.redis.cache.windows.net:6380' }] })",
    "An access key (value hidden) authenticates this 'REDIS_PASSWORD' setting",
    '# REDIS_PASSWORD: access key removed for Microsoft Entra ID (amr-migrate).',
    'Use port 10000',
  ];
  for (const text of untouched) assert.equal(redactCredentials(text), text);
});
