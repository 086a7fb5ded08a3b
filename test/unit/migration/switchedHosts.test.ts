import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HostMapError } from '../../../src/core/fix/hostMap';
import { parseSwitchedHosts, sameSwitchedHosts, switchedHostsFrom } from '../../../src/core/migration/switchedHosts';
import { acrCache, enterpriseCache } from '../plan/sampleCaches';
import { IOREDIS_IMPORT, NODE_REDIS_IMPORT, ruleTester } from '../rules/ruleTester';

const OLD = 'orders.redis.cache.windows.net';
const NEW = 'orders-amr.eastus.redis.azure.net';
const SWITCHED = { switchedHosts: { [OLD]: { target: NEW } } };
const KEYS_OFF = { switchedHosts: { [OLD]: { target: NEW, accessKeys: false } } };
const SWITCH_SAID = new RegExp(`automated migration switched '${OLD.replace(/\./g, '\\.')}' to '${NEW.replace(/\./g, '\\.')}' by DNS`);

ruleTester('legacy-hostname', {
  valid: [],
  invalid: [
    {
      name: 'a switched host says it reaches the new cache until it is unlinked, and the fix uses the new host',
      code: NODE_REDIS_IMPORT + `createClient({ url: 'rediss://${OLD}:6380' });\n`,
      settings: SWITCHED,
      errors: [{ line: 2, column: 31, severity: 'warning', message: new RegExp(`${SWITCH_SAID.source}; change this before the old host name is unlinked`) }],
      output: NODE_REDIS_IMPORT + `createClient({ url: 'rediss://${NEW}:6380' });\n`,
    },
    {
      name: 'a switched host given by cache name; the host map still wins for the fix',
      code: NODE_REDIS_IMPORT + `createClient({ url: 'rediss://${OLD}:10000' });\n`,
      settings: { switchedHosts: { orders: { target: NEW } }, hostMap: { orders: 'orders.westus2.redis.azure.net' } },
      errors: [{ line: 2, column: 31, message: /host map: 'orders\.westus2\.redis\.azure\.net'\)\. Azure's automated migration switched/ }],
      output: NODE_REDIS_IMPORT + "createClient({ url: 'rediss://orders.westus2.redis.azure.net:10000' });\n",
    },
    {
      name: 'another legacy host is not switched: the message is as before and there is no target',
      code: NODE_REDIS_IMPORT + "createClient({ url: 'rediss://billing.redis.cache.windows.net:10000' });\n",
      settings: SWITCHED,
      errors: [{ line: 2, column: 31, message: /Azure Managed Redis hosts end in '\.redis\.azure\.net'\.$/ }],
    },
  ],
});

ruleTester('legacy-tls-port', {
  valid: [],
  invalid: [
    {
      name: '6380 on a switched host is forwarded: a warning that says so, not an error',
      code: IOREDIS_IMPORT + `new Redis(6380, '${OLD}', { tls: {} });\n`,
      settings: SWITCHED,
      errors: [{ line: 2, column: 11, severity: 'warning', message: /forwarded to 10000 only on the old host name/ }],
      output: IOREDIS_IMPORT + `new Redis(10000, '${OLD}', { tls: {} });\n`,
    },
    {
      name: '6380 on a host that was not switched stays an error',
      code: IOREDIS_IMPORT + "new Redis(6380, 'billing.redis.cache.windows.net', { tls: {} });\n",
      settings: SWITCHED,
      errors: [{ line: 2, column: 11, severity: 'error', message: /listens on port 10000 \(.*\)\.$/ }],
      output: IOREDIS_IMPORT + "new Redis(10000, 'billing.redis.cache.windows.net', { tls: {} });\n",
    },
  ],
});

ruleTester('access-key-auth', {
  valid: [],
  invalid: [
    {
      name: 'a key to a switched host works while access keys stay on',
      file: '/ws/.env',
      code: `REDIS_URL=rediss://:k3yk3yk3yk3y@${OLD}:6380\n`,
      settings: SWITCHED,
      errors: [{ line: 1, column: 21, message: /change this before access keys are turned off/ }],
    },
    {
      name: 'a key to a switched host whose new cache has access keys off fails now',
      file: '/ws/.env',
      code: `REDIS_URL=rediss://:k3yk3yk3yk3y@${OLD}:6380\n`,
      settings: KEYS_OFF,
      errors: [{ line: 1, column: 21, message: new RegExp(`change this now: access keys are disabled on ${NEW.replace(/\./g, '\\.')}`) }],
    },
  ],
});

ruleTester('non-tls-connection', {
  valid: [],
  invalid: [
    {
      name: 'plaintext to a switched host breaks now',
      code: NODE_REDIS_IMPORT + `createClient({ url: 'redis://${OLD}:10000' });\n`,
      settings: SWITCHED,
      errors: [{ line: 2, column: 22, severity: 'error', message: /change this now: Azure Managed Redis serves one TLS mode per cache/ }],
      output: NODE_REDIS_IMPORT + `createClient({ url: 'rediss://${OLD}:10000' });\n`,
    },
  ],
});

describe('--switched OLD=NEW', () => {
  it('reads host and cache names, lower-cased, into switched hosts', () => {
    assert.deepEqual(parseSwitchedHosts([`Orders.redis.cache.windows.net=${NEW.toUpperCase()}`, `billing=billing.eastus.redis.azure.net`]), {
      [OLD]: { target: NEW },
      billing: { target: 'billing.eastus.redis.azure.net' },
    });
  });

  it('refuses what is not OLD=AMR host, an old name that is not Azure Cache for Redis, and two targets for one name', () => {
    assert.throws(() => parseSwitchedHosts([OLD]), (e: unknown) => e instanceof HostMapError && /is not OLD=NEW/.test(e.message));
    assert.throws(() => parseSwitchedHosts([`${OLD}=orders.example.com`]), /not an Azure Managed Redis host name/);
    assert.throws(() => parseSwitchedHosts([`redis.example.com=${NEW}`]), /not an Azure Cache for Redis host name/);
    assert.throws(() => parseSwitchedHosts([`${OLD}=${NEW}`, `${OLD}=x.eastus.redis.azure.net`]), /two different targets/);
  });
});

describe('switched hosts from the Caches view', () => {
  const source = acrCache();
  const target = enterpriseCache({ name: 'orders-amr', tier: 'Balanced', sku: 'Balanced_B5', hostName: NEW, accessKeysAuthentication: false });

  it('a listed AMR cache with migratedEndpoint switched that host; what it says of access keys comes along', () => {
    assert.deepEqual(switchedHostsFrom([source, { ...target, migratedEndpoint: OLD.toUpperCase() }], []), { [OLD]: { target: NEW, accessKeys: false } });
    assert.deepEqual(switchedHostsFrom([source, target], []), {});
    // Without its databases read, nothing is known of access keys.
    assert.deepEqual(switchedHostsFrom([{ ...target, databases: [], migratedEndpoint: OLD }], []), { [OLD]: { target: NEW } });
  });

  it('a migration seen succeeding switches the source\'s host; one seen rolled back or unlinked is newer than the listing', () => {
    const status = (provisioningState: string, switchDns = true) => ({ sourceId: source.id.toUpperCase(), targetId: target.id, status: { provisioningState, statusDetails: '', switchDns } });
    assert.deepEqual(switchedHostsFrom([source, target], [status('Succeeded')]), { [OLD]: { target: NEW, accessKeys: false } });
    assert.deepEqual(switchedHostsFrom([source, target], [status('Succeeded', false)]), {});
    assert.deepEqual(switchedHostsFrom([source, target], [status('InProgress')]), {});
    for (const state of ['Cancelled', 'Unlinked']) {
      assert.deepEqual(switchedHostsFrom([source, { ...target, migratedEndpoint: OLD }], [status(state)]), {}, state);
    }
  });
});

describe('whether two readings of switched hosts differ', () => {
  const other = 'billing.redis.cache.windows.net';
  const both = { [OLD]: { target: NEW, accessKeys: true }, [other]: { target: 'billing-amr.eastus.redis.azure.net' } };

  it('the same hosts added in another order are the same: a new listing order must not scan the workspace again', () => {
    const reordered = { [other]: { target: 'billing-amr.eastus.redis.azure.net' }, [OLD]: { accessKeys: true, target: NEW } };
    assert.equal(sameSwitchedHosts(both, reordered), true);
    assert.equal(sameSwitchedHosts({}, {}), true);
  });

  it('a host more or less, another target or another word on access keys is a change', () => {
    assert.equal(sameSwitchedHosts(both, { [OLD]: both[OLD]! }), false);
    assert.equal(sameSwitchedHosts({ [OLD]: both[OLD]! }, both), false);
    assert.equal(sameSwitchedHosts(both, { ...both, [OLD]: { target: 'x.eastus.redis.azure.net', accessKeys: true } }), false);
    assert.equal(sameSwitchedHosts(both, { ...both, [OLD]: { target: NEW, accessKeys: false } }), false);
    assert.equal(sameSwitchedHosts(both, { ...both, [OLD]: { target: NEW } }), false);
  });
});
