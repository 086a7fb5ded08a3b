import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HostMapError, parseHostMap } from '../../../src/core/fix/hostMap';

test('reads host and cache names to AMR hosts, in lower case', () => {
  assert.deepEqual(
    parseHostMap('{"Orders.redis.cache.windows.net": "orders.westus2.redis.azure.net", "sessions": "Sessions.EastUS.redis.azure.net"}'),
    { 'orders.redis.cache.windows.net': 'orders.westus2.redis.azure.net', sessions: 'sessions.eastus.redis.azure.net' },
  );
});

test('rejects anything that is not an object of names to *.redis.azure.net hosts, saying what is wrong', () => {
  const cases: [string, RegExp][] = [
    ['{oops', /not valid JSON/],
    ['["a"]', /must be a JSON object/],
    ['{"orders": 5}', /target of "orders" must be a string/],
    ['{"orders": "orders.redis.cache.windows.net"}', /not an Azure Managed Redis host name/],
    ['{"orders": "evil.redis.azure.net.example.com"}', /not an Azure Managed Redis host name/],
    ['{"orders": "redis.azure.net"}', /not an Azure Managed Redis host name/],
    ['{"or ders": "o.westus.redis.azure.net"}', /"or ders" is not a host or cache name/],
    ['{"A": "a.x.redis.azure.net", "a": "b.x.redis.azure.net"}', /"a" is given two different targets/],
  ];
  for (const [json, message] of cases) assert.throws(() => parseHostMap(json), (e: unknown) => e instanceof HostMapError && message.test(e.message), json);
});
