import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CloudSettingError, resolveCloudTarget } from '../../../src/vscode/caches/cloudSetting';

describe('resolveCloudTarget', () => {
  it('signs in to the public cloud through the microsoft provider with its Resource Manager scope', () => {
    assert.deepEqual(resolveCloudTarget('AzureCloud', ''), {
      setting: 'AzureCloud',
      cloud: { name: 'AzureCloud', resourceManagerEndpoint: 'https://management.azure.com', authorityHost: 'https://login.microsoftonline.com' },
      providerId: 'microsoft',
      sovereignEnvironment: undefined,
      scopes: ['https://management.azure.com/.default'],
    });
  });

  it('uses the sovereign provider with the matching environment for China and US Government', () => {
    const china = resolveCloudTarget('AzureChinaCloud', undefined);
    assert.equal(china.providerId, 'microsoft-sovereign-cloud');
    assert.equal(china.sovereignEnvironment, 'AzureChinaCloud');
    assert.deepEqual(china.scopes, ['https://management.chinacloudapi.cn/.default']);
    const usgov = resolveCloudTarget('AzureUSGovernment', '');
    assert.equal(usgov.sovereignEnvironment, 'AzureUSGovernment');
    assert.deepEqual(usgov.scopes, ['https://management.usgovcloudapi.net/.default']);
  });

  it('reads a set endpoint instead of the cloud default, keeping the cloud name for the portal and sign-in', () => {
    const target = resolveCloudTarget('AzureCloud', ' https://127.0.0.1:8443/ ');
    assert.equal(target.cloud.resourceManagerEndpoint, 'https://127.0.0.1:8443');
    assert.equal(target.cloud.name, 'AzureCloud');
    assert.equal(target.providerId, 'microsoft');
    assert.deepEqual(target.scopes, ['https://127.0.0.1:8443/.default']);
  });

  it('signs in to a Custom cloud through the sovereign provider\'s custom environment', () => {
    const target = resolveCloudTarget('Custom', 'https://management.example.net');
    assert.equal(target.cloud.name, 'Custom');
    assert.equal(target.sovereignEnvironment, 'custom');
  });

  it('names the setting to fix when Custom has no endpoint or the endpoint is unusable', () => {
    assert.throws(() => resolveCloudTarget('Custom', ''), (e: unknown) => e instanceof CloudSettingError && /set amrMigrate\.resourceManagerEndpoint/.test(e.message));
    assert.throws(() => resolveCloudTarget('AzureCloud', 'http://management.example.net'), /amrMigrate\.resourceManagerEndpoint: .*must use https/);
    assert.throws(() => resolveCloudTarget('AzureCloud', 'https://evil.example/steal'), /amrMigrate\.resourceManagerEndpoint: .*bare origin/);
  });

  it('falls back to the public cloud for a value the schema would reject', () => {
    assert.equal(resolveCloudTarget('Mars', '').setting, 'AzureCloud');
    assert.equal(resolveCloudTarget(42, 7).cloud.resourceManagerEndpoint, 'https://management.azure.com');
  });
});
