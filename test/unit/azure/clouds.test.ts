import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AZURE_CLOUDS, customCloud, isAzureCloudName, resourceManagerScope } from '../../../src/core/azure/clouds';
import { staticTokenCredential } from '../../../src/core/azure/staticTokenCredential';

describe('clouds', () => {
  it('scopes the token to each cloud’s Resource Manager and knows its authority host', () => {
    assert.deepEqual(
      Object.values(AZURE_CLOUDS).map((cloud) => [cloud.name, resourceManagerScope(cloud), cloud.authorityHost]),
      [
        ['AzureCloud', 'https://management.azure.com/.default', 'https://login.microsoftonline.com'],
        ['AzureChinaCloud', 'https://management.chinacloudapi.cn/.default', 'https://login.chinacloudapi.cn'],
        ['AzureUSGovernment', 'https://management.usgovcloudapi.net/.default', 'https://login.microsoftonline.us'],
      ],
    );
    assert.equal(isAzureCloudName('AzureCloud'), true);
    assert.equal(isAzureCloudName('toString'), false);
  });

  it('accepts a custom https endpoint, with or without a trailing slash', () => {
    const cloud = customCloud('https://127.0.0.1:8443/');
    assert.deepEqual(cloud, { name: 'Custom', resourceManagerEndpoint: 'https://127.0.0.1:8443' });
    assert.equal(resourceManagerScope(cloud), 'https://127.0.0.1:8443/.default');
  });

  it('refuses endpoints that would leak the token or break ARM paths', () => {
    assert.throws(() => customCloud('http://management.example.net'), /must use https/);
    assert.throws(() => customCloud('https://management.example.net/api'), /bare origin/);
    assert.throws(() => customCloud('https://user:pw@management.example.net'), /bare origin/);
    assert.throws(() => customCloud('management.example.net'), /is not a URL/);
  });
});

describe('staticTokenCredential', () => {
  it('hands out the token without exposing it when serialised', async () => {
    const credential = staticTokenCredential(' eyJ0eXAi.secret.sig \n');
    assert.equal((await credential.getToken('https://management.azure.com/.default'))?.token, 'eyJ0eXAi.secret.sig');
    assert.doesNotMatch(JSON.stringify(credential), /secret/);
  });

  it('refuses an empty token', () => {
    assert.throws(() => staticTokenCredential('  '), /the access token is empty/);
  });
});
