import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHttpHeaders, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import { ArmRestClient } from '../../../src/core/azure/armRest';
import { customCloud } from '../../../src/core/azure/clouds';
import { checkTargetName } from '../../../src/core/migration/nameAvailability';
import { targetSpecFor } from '../../../src/core/migration/targetSpec';
import { acrCache } from '../plan/sampleCaches';

const ARM = 'https://arm.example.test';
const spec = targetSpecFor(acrCache({ location: 'West US 2' }), { name: 'orders-amr' });
const cluster = (resourceGroup: string, name = 'orders-amr', location = 'westus2') => ({
  id: `/subscriptions/sub1/resourceGroups/${resourceGroup}/providers/Microsoft.Cache/redisEnterprise/${name}`,
  name, location, type: 'Microsoft.Cache/redisEnterprise', sku: { name: 'Balanced_B5' },
  properties: { hostName: `${name}.${location}.redis.azure.net`, provisioningState: 'Succeeded' },
});

/** A client whose Resource Manager answers from `answer` (status and body per path), recording what was asked. */
function clientAnswering(answer: (path: string) => [number, unknown]) {
  const asked: string[] = [];
  const sender = {
    sendRequest: async (request: PipelineRequest): Promise<PipelineResponse> => {
      const url = new URL(request.url);
      asked.push(url.pathname);
      const [status, body] = answer(url.pathname);
      return { request, status, headers: createHttpHeaders(), bodyAsText: JSON.stringify(body) };
    },
  };
  return { client: new ArmRestClient(sender, { cloud: customCloud(ARM) }), asked };
}

describe('checking the new host name before provisioning', () => {
  it('lists the subscription\'s clusters across pages: one in another group with the host name takes it', async () => {
    const { client, asked } = clientAnswering((path) => path.endsWith('/redisEnterprise')
      ? [200, { value: [cluster('rg-a', 'other')], nextLink: `${ARM}/subscriptions/sub1/providers/Microsoft.Cache/redisEnterprise/page2` }]
      : [200, { value: [cluster('rg-b'), { not: 'a cluster' }] }]);
    const check = await checkTargetName(client, spec);
    assert.equal(check.available, false);
    assert.equal(check.takenBy, cluster('rg-b').id);
    assert.match(check.message, /the host name orders-amr\.westus2\.redis\.azure\.net is taken by orders-amr in resource group rg-b \(subscription sub1\); choose another name/);
    assert.equal(asked.length, 2);
  });

  it('a nextLink that leads back to an earlier page ends the listing instead of looping: the resource group is checked', async () => {
    const list = `${ARM}/subscriptions/sub1/providers/Microsoft.Cache/redisEnterprise`;
    const { client, asked } = clientAnswering((path) => path.endsWith('/redisEnterprise')
      ? [200, { value: [], nextLink: `${list}/page2` }]
      : path.endsWith('/page2') ? [200, { value: [], nextLink: list }] : [404, { error: { code: 'ResourceNotFound', message: 'no' } }]);
    const check = await checkTargetName(client, spec);
    assert.equal(check.available, true);
    assert.match(check.message, /free among resource group rg1 only \(the clusters of subscription sub1 could not be listed: paging of the clusters of subscription sub1 does not end/);
    assert.ok(asked.length <= 5, `asked ${asked.length} times`);
  });

  it('free among the listed clusters: says Azure has no name check of its own', async () => {
    const { client } = clientAnswering(() => [200, { value: [cluster('rg1', 'orders-amr', 'eastus')] }]);
    const check = await checkTargetName(client, spec);
    assert.deepEqual([check.available, check.takenBy], [true, undefined]);
    assert.match(check.message, /is free among the 1 cluster of subscription sub1; Azure offers no name check/);
  });

  it('when listing is refused, the resource group is checked by a GET and the message says the scope', async () => {
    const forbidden = { error: { code: 'AuthorizationFailed', message: "The client does not have authorization to perform action 'Microsoft.Cache/redisEnterprise/read' over scope '/subscriptions/sub1'." } };
    const { client, asked } = clientAnswering((path) => path.endsWith('/redisEnterprise') ? [403, forbidden] : [404, { error: { code: 'ResourceNotFound', message: 'no' } }]);
    const check = await checkTargetName(client, spec);
    assert.equal(check.available, true);
    assert.match(check.message, /free among resource group rg1 only \(the clusters of subscription sub1 could not be listed: .*Microsoft\.Cache\/redisEnterprise\/read/);
    assert.deepEqual(asked, ['/subscriptions/sub1/providers/Microsoft.Cache/redisEnterprise', '/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Cache/redisEnterprise/orders-amr']);

    const { client: refusedButThere } = clientAnswering((path) => path.endsWith('/redisEnterprise') ? [403, forbidden] : [200, cluster('rg1')]);
    const there = await checkTargetName(refusedButThere, spec);
    assert.equal(there.available, false);
    assert.match(there.message, /taken by orders-amr in resource group rg1 .*which amr-migrate did not create for this source/);
  });
});
