import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { ArmRequestError } from '../../../src/core/azure/armReader';
import { customCloud } from '../../../src/core/azure/clouds';
import type { AzureCloud } from '../../../src/core/azure/clouds';
import { readCacheMetrics } from '../../../src/core/azure/metrics';
import { MetricsError } from '../../../src/core/azure/metricsResponse';
import { createTestCertificates } from '../../armServer/certificates';
import { loadMetricsFixture, METRICS_FIXTURE_RESOURCE_ID } from '../../helpers/metricsFixture';

const TOKEN = 'test-token-3f9a';
const NOW = new Date('2026-11-26T00:00:00.000Z');
const FORBIDDEN = '/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Cache/Redis/forbidden';
const NOT_METRICS = '/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Cache/Redis/odd';
const certificates = createTestCertificates();
let server: Server;
let cloud: AzureCloud;
const requests: { url: URL; authorization?: string }[] = [];

/** Answers like Azure Monitor: the fixture for the known cache, an ARM error or a foreign body for the others. */
before(async () => {
  server = createServer({ key: certificates.serverKeyPem, cert: certificates.serverCertPem }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    requests.push({ url, authorization: req.headers.authorization });
    res.setHeader('content-type', 'application/json');
    const path = url.pathname.toLowerCase();
    if (path === `${METRICS_FIXTURE_RESOURCE_ID}/providers/Microsoft.Insights/metrics`.toLowerCase()) {
      res.end(JSON.stringify(loadMetricsFixture()));
    } else if (path.startsWith(NOT_METRICS.toLowerCase())) {
      res.end(JSON.stringify({ value: 'not a metric list' }));
    } else {
      res.statusCode = 403;
      res.end(JSON.stringify({ error: { code: 'AuthorizationFailed', message: 'The client does not have authorization to perform action microsoft.insights/metrics/read.' } }));
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  cloud = customCloud(`https://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
after(() => new Promise<void>((done) => server.close(() => done())));

function recordingCredential(): TokenCredential & { scopes: string[] } {
  const scopes: string[] = [];
  return {
    scopes,
    async getToken(scope: string | string[]): Promise<AccessToken> {
      scopes.push(...[scope].flat());
      return { token: TOKEN, expiresOnTimestamp: Date.now() + 3600_000 };
    },
  };
}

const trusted = () => ({ cloud, tlsOptions: { ca: certificates.caCertPem }, now: NOW });

test('reads the 30-day peaks through the metrics REST API with a bearer token for the cloud', async () => {
  const credential = recordingCredential();
  const metrics = await readCacheMetrics(METRICS_FIXTURE_RESOURCE_ID, credential, trusted());
  assert.deepEqual(metrics, { usedMemoryPercentMax: 82.4, serverLoadPercentMax: 47.25 });
  assert.deepEqual(credential.scopes, [`${cloud.resourceManagerEndpoint}/.default`]);
  const { url, authorization } = requests.at(-1)!;
  assert.equal(authorization, `Bearer ${TOKEN}`);
  assert.deepEqual(Object.fromEntries(url.searchParams), {
    'api-version': '2023-10-01',
    metricnames: 'usedmemorypercentage,serverLoad',
    timespan: '2026-10-27T00:00:00.000Z/2026-11-26T00:00:00.000Z',
    interval: 'PT1H',
    aggregation: 'Maximum',
  });
});

test('an error answer becomes an ArmRequestError with the status and Azure\'s message, never the token', async () => {
  await assert.rejects(readCacheMetrics(FORBIDDEN, recordingCredential(), trusted()), (error: unknown) => {
    assert.ok(error instanceof ArmRequestError);
    assert.equal(error.statusCode, 403);
    assert.match(error.message, /answered 403: AuthorizationFailed: The client does not have authorization/);
    assert.ok(!error.message.includes(TOKEN));
    return true;
  });
});

test('an answer that is not a metrics response is a MetricsError naming the resource', async () => {
  await assert.rejects(readCacheMetrics(NOT_METRICS, recordingCredential(), trusted()), (error: unknown) =>
    error instanceof MetricsError && error.message.startsWith(`${NOT_METRICS}: is not an Azure Monitor metrics response`));
});

test('an endpoint with an untrusted certificate fails instead of being trusted silently', async () => {
  await assert.rejects(readCacheMetrics(METRICS_FIXTURE_RESOURCE_ID, recordingCredential(), { cloud, now: NOW, requestBudgetMs: 10_000 }), (error: unknown) =>
    error instanceof ArmRequestError && /certificate/i.test(error.message));
});
