import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { readCacheMetrics } from '../../../src/core/azure/metrics';
import { MetricsError } from '../../../src/core/azure/metricsResponse';
import { loadMetricsFixture, METRICS_FIXTURE_RESOURCE_ID } from '../../helpers/metricsFixture';
import { selfSignedCert } from '../../helpers/selfSignedCert';

const TOKEN = 'test-token-3f9a';
const NOW = new Date('2026-11-26T00:00:00.000Z');
const { key, cert } = selfSignedCert();
let server: Server;
let endpoint: string;
const requests: { url: URL; authorization?: string }[] = [];

/** Answers like Azure Monitor: the fixture for the known cache, 403 with an ARM error body otherwise. */
before(async () => {
  server = createServer({ key, cert }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    requests.push({ url, authorization: req.headers.authorization });
    res.setHeader('content-type', 'application/json');
    if (url.pathname.toLowerCase() === `${METRICS_FIXTURE_RESOURCE_ID}/providers/Microsoft.Insights/metrics`.toLowerCase()) {
      res.end(JSON.stringify(loadMetricsFixture()));
    } else {
      res.statusCode = 403;
      res.end(JSON.stringify({ error: { code: 'AuthorizationFailed', message: 'The client does not have authorization to perform action microsoft.insights/metrics/read.' } }));
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
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

test('reads the 30-day peaks through the metrics REST API with a bearer token', async () => {
  const credential = recordingCredential();
  const metrics = await readCacheMetrics(METRICS_FIXTURE_RESOURCE_ID, credential, { armEndpoint: endpoint, tlsOptions: { ca: cert }, now: NOW });
  assert.deepEqual(metrics, { usedMemoryPercentMax: 82.4, serverLoadPercentMax: 47.25 });
  assert.deepEqual(credential.scopes, [`${endpoint}/.default`]);
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

test('an error answer becomes a MetricsError with the status and Azure\'s message, never the token', async () => {
  const other = '/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Cache/Redis/forbidden';
  await assert.rejects(readCacheMetrics(other, recordingCredential(), { armEndpoint: endpoint, tlsOptions: { ca: cert }, now: NOW }), (error: unknown) => {
    assert.ok(error instanceof MetricsError);
    assert.equal(error.statusCode, 403);
    assert.match(error.message, /^\/subscriptions\/sub1\/.*\/forbidden: Azure Monitor answered 403 \(AuthorizationFailed: The client does not have authorization/);
    assert.ok(!error.message.includes(TOKEN));
    return true;
  });
});

test('an endpoint with an untrusted certificate fails instead of being trusted silently', async () => {
  await assert.rejects(readCacheMetrics(METRICS_FIXTURE_RESOURCE_ID, recordingCredential(), { armEndpoint: endpoint, now: NOW }), /self[- ]signed|certificate/i);
});
