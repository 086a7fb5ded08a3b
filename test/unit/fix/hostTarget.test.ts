import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findRegion } from '../../../src/core/azure/regions';
import { HostMapError } from '../../../src/core/fix/hostMap';
import {
  amrNameProblem, amrTargetHost, legacyCacheName, regionOfLegacyHost, targetRegion, withTargets,
} from '../../../src/core/fix/hostTarget';

test('Azure Managed Redis names: 1–60 letters, digits and single inner hyphens', () => {
  for (const name of ['orders', 'Orders-Prod-2', 'a', '0rders', 'x'.repeat(60)]) assert.equal(amrNameProblem(name), undefined, name);
  const bad: [string, RegExp][] = [
    ['', /Enter the name/],
    ['x'.repeat(61), /1–60/],
    ['orders_prod', /letters, digits and hyphens/],
    ['orders.westus2', /letters, digits and hyphens/],
    ['-orders', /start or end with a hyphen/],
    ['orders-', /start or end with a hyphen/],
    ['orders--prod', /two hyphens in a row/],
  ];
  for (const [name, problem] of bad) assert.match(amrNameProblem(name) ?? '', problem, name);
});

test('a target region must be a public-cloud Azure region; sovereign ones are refused with the reason', () => {
  assert.deepEqual(targetRegion('West Europe'), { region: findRegion('westeurope') });
  assert.match((targetRegion('westeu') as { problem: string }).problem, /'westeu' is not an Azure region name/);
  assert.match((targetRegion('chinaeast2') as { problem: string }).problem, /AzureChinaCloud region.*by hand/);
});

test('the AMR host of a name and region is <name>.<region>.redis.azure.net in lower case', () => {
  assert.equal(amrTargetHost('Orders-Prod', findRegion('West US 2')!), 'orders-prod.westus2.redis.azure.net');
});

test('legacy cache names and regions come only from hosts written in full', () => {
  assert.equal(legacyCacheName('Orders.redis.cache.windows.net'), 'orders');
  assert.equal(legacyCacheName('orders.westeurope.redisenterprise.cache.azure.net'), 'orders');
  assert.equal(legacyCacheName('….redis.cache.windows.net'), undefined);
  assert.equal(legacyCacheName('orders.westus2.redis.azure.net'), undefined);
  assert.equal(regionOfLegacyHost('orders.westeurope.redisenterprise.cache.azure.net')?.name, 'westeurope');
  assert.equal(regionOfLegacyHost('orders.redis.cache.windows.net'), undefined);
});

test('withTargets adds or replaces entries and keeps the rest, validated like --host-map', () => {
  const current = { sessions: 'sessions.eastus.redis.azure.net', 'orders.redis.cache.windows.net': 'old.eastus.redis.azure.net' };
  assert.deepEqual(
    withTargets(current, ['Orders.redis.cache.windows.net', 'carts.redis.cache.windows.net'], 'orders.westus2.redis.azure.net'),
    {
      sessions: 'sessions.eastus.redis.azure.net',
      'orders.redis.cache.windows.net': 'orders.westus2.redis.azure.net',
      'carts.redis.cache.windows.net': 'orders.westus2.redis.azure.net',
    },
  );
  assert.deepEqual(withTargets(undefined, ['a.redis.cache.windows.net'], 'a.westus2.redis.azure.net'),
    { 'a.redis.cache.windows.net': 'a.westus2.redis.azure.net' });
  assert.throws(() => withTargets({}, ['a.redis.cache.windows.net'], 'a.chinaeast2.redis.azure.cn'), HostMapError);
  assert.throws(() => withTargets({ a: 5 }, ['b.redis.cache.windows.net'], 'b.westus2.redis.azure.net'), /target of "a" must be a string/);
});
