import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRedisUrl } from '../../../src/core/copy/endpoint';
import { authMethods, cacheEndpoint, isCopySource, isCopyTarget, sourceDatabases } from '../../../src/vscode/copy/copyEndpoints';
import { acrCache, enterpriseCache } from '../plan/sampleCaches';

const amr = enterpriseCache({ name: 'next', tier: 'MemoryOptimized', sku: 'MemoryOptimized_M10', hostName: 'next.westus2.redis.azure.net', entraAuthentication: true });

describe('copy endpoints of listed caches', () => {
  test('retiring caches are sources, Azure Managed Redis caches targets', () => {
    assert.deepEqual([acrCache(), enterpriseCache(), amr].map((c) => [isCopySource(c), isCopyTarget(c)]), [[true, false], [true, false], [false, true]]);
  });

  test('ACR: TLS port 6380, a cluster only when sharded; Enterprise and AMR: the database port with its clustering policy', () => {
    assert.deepEqual(cacheEndpoint(acrCache()), { host: 'orders.redis.cache.windows.net', port: 6380, tls: true, db: 0, cluster: false });
    assert.equal(cacheEndpoint(acrCache({ tier: 'Premium', shards: 3 })).cluster, true);
    assert.deepEqual(cacheEndpoint(amr), { host: 'next.westus2.redis.azure.net', port: 10000, tls: true, db: 0, cluster: true });
    const enterpriseProxy = enterpriseCache({ clusteringPolicy: 'EnterpriseCluster' });
    assert.equal(cacheEndpoint(enterpriseProxy).cluster, false, 'the Enterprise policy is one endpoint behind a proxy');
    assert.equal(cacheEndpoint(acrCache(), 4).db, 4);
  });

  test('databases to choose from: ACR without clustering has its databases setting; clusters and Enterprise have 0 only', () => {
    assert.equal(sourceDatabases(acrCache()), 16);
    assert.equal(sourceDatabases(acrCache({ databaseCount: 4 })), 4);
    assert.equal(sourceDatabases(acrCache({ tier: 'Premium', shards: 2 })), 1);
    assert.equal(sourceDatabases(enterpriseCache()), 1);
  });

  test('authentication offered follows what the cache allows; a URL with a password uses it', () => {
    const endpoint = parseRedisUrl('rediss://h:10000');
    assert.deepEqual(authMethods(acrCache(), endpoint), ['accessKey', 'password']);
    assert.deepEqual(authMethods(acrCache({ entraAuthentication: true }), endpoint), ['entra', 'accessKey', 'password']);
    assert.deepEqual(authMethods({ ...amr, accessKeysAuthentication: false }, endpoint), ['entra']);
    assert.deepEqual(authMethods(undefined, endpoint), ['entra', 'password', 'none']);
    assert.deepEqual(authMethods(undefined, parseRedisUrl('rediss://:pw@h:10000')), ['url']);
  });
});
