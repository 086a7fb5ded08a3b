import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listKeys } from '../../../src/core/azure/accessKeys';
import { cacheFromRedisEnterprise, cacheFromRedisResource } from '../../../src/core/azure/armMapping';
import { ArmRequestError } from '../../../src/core/azure/armReader';
import { customCloud } from '../../../src/core/azure/clouds';
import type { Inventory, InventoryOptions } from '../../../src/core/azure/inventory';
import { listCaches } from '../../../src/core/azure/inventory';
import { staticTokenCredential } from '../../../src/core/azure/staticTokenCredential';
import type { RunningArmServer } from '../../armServer/armServer';
import { startArmServer, startRecordingServer } from '../../armServer/armServer';
import type { ArmScenario } from '../../armServer/scenarios';
import { fixtureSubscriptions, generatedSubscription, LARGE, largeScenario } from '../../armServer/scenarios';

const TOKEN = 'test-token-0123456789abcdef';
const credential = staticTokenCredential(TOKEN);

function optionsFor(server: RunningArmServer, extra: Partial<InventoryOptions> = {}): InventoryOptions {
  return { cloud: customCloud(server.url), tlsOptions: { ca: server.caCertPem }, ...extra };
}

async function withServer<T>(scenario: ArmScenario, work: (server: RunningArmServer) => Promise<T>): Promise<T> {
  const server = await startArmServer({ scenario, token: TOKEN });
  try {
    return await work(server);
  } finally {
    await server.stop();
  }
}

describe('inventory against the local ARM server, large scenario', () => {
  let server: RunningArmServer;
  let inventory: Inventory;
  const scenario = largeScenario();
  before(async () => {
    server = await startArmServer({ scenario, token: TOKEN });
    inventory = await listCaches(credential, optionsFor(server));
  });
  after(() => server.stop());

  it('lists every cache of every readable subscription', () => {
    const expected = scenario.subscriptions.flatMap((s) => [...s.redis, ...s.clusters.map((c) => c.cluster)]);
    const expectedIds = expected.map((r) => String(r.id)).filter((id) => !id.endsWith(`/${LARGE.brokenCacheName}`)).sort();
    assert.equal(expectedIds.length, 1200 + 3, '1,200 generated caches plus the 3 fixture caches');
    assert.deepEqual(inventory.caches.map((c) => c.id).sort(), expectedIds);
    assert.equal(inventory.subscriptions.length, scenario.subscriptions.length);
  });

  it('reports the 403 subscription, the malformed answer and the malformed resource as errors', () => {
    const errors = [...inventory.errors].sort((a, b) => a.subscriptionId.localeCompare(b.subscriptionId));
    assert.equal(errors.length, 4, JSON.stringify(errors, null, 1));
    const [broken, forbiddenRedis, forbiddenEnterprise, malformed] = errors;
    assert.equal(broken.subscriptionId, LARGE.generatedSubscriptions[2]);
    assert.equal(broken.statusCode, null);
    assert.match(broken.message, /broken-sku: properties\.sku is missing/);
    for (const forbidden of [forbiddenRedis, forbiddenEnterprise]) {
      assert.equal(forbidden.subscriptionId, LARGE.forbiddenSubscription);
      assert.equal(forbidden.statusCode, 403);
      assert.match(forbidden.message, /AuthorizationFailed/);
    }
    assert.equal(malformed.subscriptionId, LARGE.malformedSubscription);
    assert.equal(malformed.statusCode, null);
    assert.match(malformed.message, /\/redis answered a body that is not JSON/);
  });

  it('went through the real SDK pipelines within the concurrency limit, retried both 429s and read no key', () => {
    assert.equal(server.stats.throttled, 2, 'both injected 429s were answered');
    assert.equal(server.stats.listKeys, 0, 'the inventory never reads access keys');
    assert.equal(server.stats.unauthorized, 0);
    assert.ok(server.stats.peakInFlight <= 8, `at most 8 requests in flight (default concurrency), saw ${server.stats.peakInFlight}`);
    assert.ok(server.stats.peakInFlight > 1, 'requests do run concurrently');
    const agents = [...server.stats.userAgents].join('\n');
    assert.match(agents, /azsdk-js-arm-rediscache\/8\.2\.0/);
    assert.match(agents, /azsdk-js-arm-redisenterprisecache\/2\.2\.0/);
  });

  it('maps each cache exactly as armMapping maps its JSON, with databases and firewall rules attached', () => {
    const byId = new Map(inventory.caches.map((c) => [c.id, c]));
    for (const subscription of scenario.subscriptions.filter((s) => LARGE.generatedSubscriptions.includes(s.subscriptionId))) {
      for (const json of subscription.redis.filter((r) => !String(r.id).endsWith(LARGE.brokenCacheName))) {
        const expected = cacheFromRedisResource(json);
        expected.firewallRules = subscription.firewallRules.get(expected.id.toLowerCase()) ?? 0;
        assert.deepEqual(byId.get(expected.id), expected);
      }
      for (const { cluster, databases } of subscription.clusters) {
        const expected = cacheFromRedisEnterprise(cluster, databases);
        assert.equal(expected.databases.length, 1);
        assert.deepEqual(byId.get(expected.id), expected);
      }
    }
    assert.ok(inventory.caches.some((c) => c.firewallRules === 2), 'firewall rule counts come from the server');
  });

  it('stops promptly when cancelled', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(listCaches(credential, optionsFor(server, { signal: controller.signal })), { name: 'AbortError' });
    assert.ok(Date.now() - started < 3000);
  });

  it('reads access keys only through listKeys, for ACR caches and Enterprise databases', async () => {
    const before = server.stats.listKeys;
    const inventory = await listCaches(credential, optionsFor(server, { subscriptionIds: fixtureSubscriptions().map((s) => s.subscriptionId) }));
    assert.equal(inventory.caches.length, 3);
    for (const cache of inventory.caches) {
      const keyId = cache.kind === 'AzureCacheForRedis' ? cache.id : cache.databases[0].id;
      assert.deepEqual(await listKeys(credential, cache, optionsFor(server)), server.keysOf(keyId));
    }
    assert.equal(server.stats.listKeys - before, 3);
  });

  it('fails clearly with a wrong token or an untrusted certificate', async () => {
    await assert.rejects(listCaches(staticTokenCredential('wrong'), optionsFor(server)), (error: unknown) => {
      assert.ok(error instanceof ArmRequestError);
      assert.equal(error.statusCode, 401);
      assert.match(error.message, /GET \/subscriptions answered 401: InvalidAuthenticationToken/);
      return true;
    });
    await assert.rejects(listCaches(credential, { cloud: customCloud(server.url), requestBudgetMs: 5000 }), (error: unknown) => {
      assert.ok(error instanceof ArmRequestError);
      assert.match(error.message, /certificate/i);
      return true;
    });
  });
});

describe('inventory never hangs', () => {
  const small = () => generatedSubscription('22222222-0000-4000-8000-000000000001', 'Small', 8);

  it('gives up on a Retry-After longer than the request budget', async () => {
    const subscription = small();
    const scenario: ArmScenario = {
      subscriptions: [subscription],
      pageSize: 100,
      faults: [{ kind: 'throttle', match: /providers\/Microsoft\.Cache\/redis\?/, times: 100, retryAfterSeconds: 3600 }],
    };
    await withServer(scenario, async (server) => {
      const started = Date.now();
      const inventory = await listCaches(credential, optionsFor(server, { requestBudgetMs: 1000 }));
      assert.ok(Date.now() - started < 4000, `took ${Date.now() - started} ms`);
      assert.equal(inventory.caches.length, 2, 'the Enterprise clusters still come through');
      assert.equal(inventory.errors.length, 1);
      assert.equal(inventory.errors[0].statusCode, null);
      assert.match(inventory.errors[0].message, /GET \/subscriptions\/22222222-.*\/redis got no answer within 1s/);
    });
  });

  it('times out a server that never answers', async () => {
    const scenario: ArmScenario = {
      subscriptions: [small()],
      pageSize: 100,
      faults: [{ kind: 'stall', match: /redisEnterprise\?/ }],
    };
    await withServer(scenario, async (server) => {
      const started = Date.now();
      const inventory = await listCaches(credential, optionsFor(server, { attemptTimeoutMs: 200, requestBudgetMs: 1500 }));
      assert.ok(Date.now() - started < 4000, `took ${Date.now() - started} ms`);
      assert.equal(inventory.caches.length, 6);
      assert.equal(inventory.errors.length, 1);
      assert.match(inventory.errors[0].message, /redisEnterprise/);
    });
  });
});

describe('the Azure token never leaves the Resource Manager endpoint', () => {
  it("refuses the SDK's own paging when a nextLink points to another origin", async () => {
    const subscription = generatedSubscription('33333333-0000-4000-8000-000000000001', 'Paged firewall', 3);
    subscription.firewallRules.set(String(subscription.redis[1].id).toLowerCase(), 3);
    const foreign = await startRecordingServer();
    const server = await startArmServer({
      scenario: { subscriptions: [subscription], pageSize: 2, faults: [] },
      token: TOKEN,
      foreignNextLinks: { origin: foreign.url, match: /firewallrules$/i },
    });
    try {
      const inventory = await listCaches(credential, {
        cloud: customCloud(server.url),
        tlsOptions: { ca: [server.caCertPem, foreign.caCertPem] },
        subscriptionIds: [subscription.subscriptionId],
      });
      assert.deepEqual(foreign.authorizations, [], 'the other origin received no request at all');
      assert.equal(inventory.caches.length, 3, 'the caches themselves are still listed');
      assert.equal(inventory.errors.length, 1, JSON.stringify(inventory.errors));
      assert.match(inventory.errors[0].message, /firewall rules of .*refusing to send a request to https:\/\/127\.0\.0\.1:\d+, which is not the Resource Manager endpoint/);
    } finally {
      await Promise.all([server.stop(), foreign.stop()]);
    }
  });
});

describe('one malformed resource id', () => {
  it('becomes an error entry while the rest of the inventory goes on', async () => {
    const subscription = generatedSubscription('66666666-0000-4000-8000-000000000001', 'Bad escape', 3);
    const bad = subscription.redis[0];
    bad.id = String(bad.id).replace(/[^/]+$/, 'cache%zz');
    await withServer({ subscriptions: [subscription], pageSize: 100, faults: [] }, async (server) => {
      const inventory = await listCaches(credential, optionsFor(server, { subscriptionIds: [subscription.subscriptionId] }));
      assert.equal(inventory.caches.length, 2, 'the other caches are listed');
      assert.equal(inventory.errors.length, 1, JSON.stringify(inventory.errors));
      assert.equal(inventory.errors[0].statusCode, null);
      assert.match(inventory.errors[0].message, /cache%zz.*is not an ARM resource id/);
    });
  });
});
