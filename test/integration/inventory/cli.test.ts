import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/runCli';
import { captureIo } from '../../helpers/captureIo';
import { runCliProcess } from '../../helpers/cliProcess';
import type { RunningArmServer } from '../../armServer/armServer';
import { startArmServer } from '../../armServer/armServer';
import { LARGE } from '../../armServer/scenarios';

const TOKEN = 'cli-secret-token-7f3a9c';
/** Runs the bundled CLI as a user would, with the token and the CA in the environment only. */
const runInventoryCli = (args: string[], env: Record<string, string>) => runCliProcess(['inventory', ...args], env, 30_000);

describe('amr-migrate inventory as a child process', () => {
  let server: RunningArmServer;
  let dir: string;
  let env: Record<string, string>;
  before(async () => {
    server = await startArmServer({ scenario: 'large', token: TOKEN });
    dir = mkdtempSync(join(tmpdir(), 'amr-cli-'));
    writeFileSync(join(dir, 'ca.pem'), server.caCertPem);
    env = { AMR_MIGRATE_ACCESS_TOKEN: TOKEN, NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem') };
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const fixtureSubscriptions = ['subid', 'azure_subscription_id', 'e7b5a9d2-6b6a-4d2f-9143-20d9a10f5b8f'];
  const subscriptionArgs = (ids: string[]) => ids.flatMap((id) => ['--subscription', id]);

  it('prints the JSON of the contract and exits 0 when every subscription was read', async () => {
    const run = await runInventoryCli(['--arm-endpoint', server.url, '--format', 'json', ...subscriptionArgs(fixtureSubscriptions)], env);
    assert.equal(run.code, 0, run.stderr);
    const document = JSON.parse(run.stdout) as { caches: Record<string, unknown>[]; errors: unknown[] };
    assert.deepEqual(document.errors, []);
    assert.equal(document.caches.length, 3);
    for (const cache of document.caches) {
      for (const field of ['id', 'name', 'subscriptionId', 'resourceGroup', 'location', 'kind', 'tier', 'sku', 'memoryGB', 'hostName']) {
        assert.ok(cache[field] !== undefined && cache[field] !== '', `${String(cache.id)} has ${field}`);
      }
      assert.ok(['AzureCacheForRedis', 'RedisEnterprise'].includes(String(cache.kind)));
    }
    const enterprise = document.caches.find((c) => c.kind === 'RedisEnterprise');
    assert.equal((enterprise?.databases as unknown[]).length, 1);
    assert.equal(run.stderr, '');
    assert.doesNotMatch(run.stdout + run.stderr, new RegExp(TOKEN));
  });

  it('still prints what it read and exits 1 when a subscription fails', async () => {
    const ids = [...fixtureSubscriptions, LARGE.forbiddenSubscription, LARGE.malformedSubscription];
    const run = await runInventoryCli(['--arm-endpoint', server.url, '--format', 'json', ...subscriptionArgs(ids)], env);
    assert.equal(run.code, 1, run.stderr);
    const document = JSON.parse(run.stdout) as { caches: unknown[]; errors: { subscriptionId: string; statusCode: number | null; message: string }[] };
    assert.equal(document.caches.length, 3);
    assert.deepEqual(document.errors.map((e) => [e.subscriptionId, e.statusCode]).sort(), [
      [LARGE.forbiddenSubscription, 403],
      [LARGE.forbiddenSubscription, 403],
      [LARGE.malformedSubscription, null],
    ]);
    for (const error of document.errors) assert.equal(typeof error.message, 'string');
    assert.match(run.stderr, /AuthorizationFailed/);
    assert.doesNotMatch(run.stdout + run.stderr, new RegExp(TOKEN));
  });

  it('prints a table grouped by subscription in text format', async () => {
    const run = await runInventoryCli(['--arm-endpoint', server.url, ...subscriptionArgs(fixtureSubscriptions)], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Subscription subid: 1 cache$/m, 'named by id when chosen with --subscription');
    assert.match(run.stdout, /NAME\s+RESOURCE GROUP\s+TIER\s+SKU\s+REGION\s+MEMORY\s+SHARDS\/REPLICAS\s+HOST\s+PORTS\s+AUTH/);
    assert.match(run.stdout, /cache1\s+rg1\s+EnterpriseFlash\s+F300 x3\s+West US\s+345 GB\s+1\/1\s+cache1\.westus\.something\.azure\.com\s+tls 10000\s+none/);
    assert.match(run.stdout, /myrediscachexxx111\s+myjstest\s+Premium\s+P1\s+East US\s+12 GB\s+2\/1\s+\S+\s+tls 6380, plain 6379\s+keys/);
    assert.match(run.stdout, /^3 caches in 3 subscriptions\.$/m);
  });

  it('names subscriptions it listed itself', async () => {
    const fixtures = await startArmServer({ scenario: 'fixtures', token: TOKEN });
    writeFileSync(join(dir, 'fixtures-ca.pem'), fixtures.caCertPem);
    try {
      const run = await runInventoryCli(['--arm-endpoint', fixtures.url], { ...env, NODE_EXTRA_CA_CERTS: join(dir, 'fixtures-ca.pem') });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^Subscription Spec examples \(redis\) \(subid\): 1 cache$/m);
      assert.match(run.stdout, /^3 caches in 3 subscriptions\.$/m);
    } finally {
      await fixtures.stop();
    }
  });

  it('lists the errors under the table', async () => {
    const run = await runInventoryCli(['--arm-endpoint', server.url, ...subscriptionArgs(['subid', LARGE.forbiddenSubscription])], env);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^1 cache in 2 subscriptions; 2 errors:$/m);
    assert.match(run.stdout, new RegExp(`^  ${LARGE.forbiddenSubscription} \\(HTTP 403\\): GET /subscriptions/.*AuthorizationFailed`, 'm'));
    assert.equal(run.stderr, '', 'text format lists errors once, on stdout');
    assert.doesNotMatch(run.stdout + run.stderr, new RegExp(TOKEN));
  });

  it('exits 1 with a certificate error when the CA is not trusted', async () => {
    const run = await runInventoryCli(['--arm-endpoint', server.url, '--format', 'json'], { AMR_MIGRATE_ACCESS_TOKEN: TOKEN });
    assert.equal(run.code, 1);
    const document = JSON.parse(run.stdout) as { caches: unknown[]; errors: { message: string }[] };
    assert.equal(document.caches.length, 0);
    assert.match(document.errors[0].message, /cannot list subscriptions: .*certificate/);
  });

  it('exits 2 on a usage error', async () => {
    const run = await runInventoryCli(['--arm-endpoint', 'http://127.0.0.1:1'], env);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--arm-endpoint: the Resource Manager endpoint must use https/);
    assert.equal(server.stats.unauthorized, 0, 'no request ever went out without the token');
  });
});

describe('amr-migrate inventory usage errors', () => {
  const cases: [string[], RegExp][] = [
    [['--format', 'xml'], /--format must be text or json/],
    [['--cloud', 'Mars'], /--cloud must be one of AzureCloud, AzureChinaCloud, AzureUSGovernment/],
    [['--cloud', 'AzureCloud', '--arm-endpoint', 'https://management.example.net'], /either --cloud or --arm-endpoint/],
    [['--arm-endpoint', 'https://management.example.net/path'], /must be a bare origin/],
    [['--arm-endpoint', 'not a url'], /endpoint is not a URL/],
    [['--subscription', 'a/b'], /--subscription takes a subscription id/],
    [['--tenant', 'x'], /Unknown option '--tenant'/],
    [['stray'], /unexpected argument: this command takes options only/],
  ];
  for (const [args, message] of cases) {
    it(args.join(' '), async () => {
      const io = captureIo();
      assert.equal(await runCli(['inventory', ...args], io), 2);
      assert.match(io.stderr(), message);
      assert.equal(io.stdout(), '');
    });
  }

  it('--help prints the options and exits 0', async () => {
    const io = captureIo();
    assert.equal(await runCli(['inventory', '--help'], io), 0);
    assert.match(io.stdout(), /--arm-endpoint URL/);
  });
});
