import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AZURE_REGIONS, findRegion } from '../../../src/core/azure/regions';

test('finds a region by its ARM name or display name, in any case and spacing', () => {
  for (const input of ['westus2', 'West US 2', ' west us 2 ', 'WESTUS2', 'west-us-2']) {
    assert.equal(findRegion(input)?.name, 'westus2', input);
  }
  assert.equal(findRegion('Sweden Central')?.name, 'swedencentral');
  assert.equal(findRegion('australiacentral2')?.displayName, 'Australia Central 2');
});

test('names that are not Azure regions are not found', () => {
  for (const input of ['', 'westus4', 'west europe 2', 'us-east-1', 'europe']) assert.equal(findRegion(input), undefined, input);
});

test('sovereign-cloud regions are listed with their cloud', () => {
  assert.equal(findRegion('chinanorth3')?.cloud, 'AzureChinaCloud');
  assert.equal(findRegion('US Gov Virginia')?.cloud, 'AzureUSGovernment');
  assert.equal(findRegion('eastus')?.cloud, 'AzureCloud');
});

test('the table holds each region once, with lower-case ARM names made of letters and digits', () => {
  const names = AZURE_REGIONS.map((region) => region.name);
  assert.equal(new Set(names).size, names.length);
  for (const name of names) assert.match(name, /^[a-z][a-z0-9]+$/);
  // Display names squeeze to the ARM name, which is what lets findRegion accept either.
  for (const region of AZURE_REGIONS) assert.equal(region.displayName.toLowerCase().replace(/\s+/g, ''), region.name);
});
