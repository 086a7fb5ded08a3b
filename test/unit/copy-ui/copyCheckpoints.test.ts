import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { emptyCounts, type CopyCheckpoint } from '../../../src/core/copy/checkpoint';
import { describeEndpoint, parseRedisUrl } from '../../../src/core/copy/endpoint';
import { checkpointFileName, checkpointMatches, checkpointSummary } from '../../../src/vscode/copy/copyCheckpoints';

const source = parseRedisUrl('rediss://u:secret@orders.redis.cache.windows.net:6380/1');
const target = parseRedisUrl('rediss://orders.eastus.redis.azure.net:10000');

function checkpointOf(sourceDescription: string, targetDescription: string): CopyCheckpoint {
  return { version: 1, source: sourceDescription, target: targetDescription, keyPrefix: '', overwrite: false, nodes: {},
    counts: { ...emptyCounts(), copied: 1000, alreadyPresent: 200, vanished: 34 }, conflictKeys: [], updatedAt: '2026-11-26T09:45:12.345Z' };
}

describe('resume matching', () => {
  test('one file per source/target pair, whoever signs in, and the name reveals neither host nor secret', () => {
    const name = checkpointFileName(source, target);
    assert.match(name, /^copy-[0-9a-f]{24}\.checkpoint\.json$/);
    assert.equal(checkpointFileName({ ...source, username: undefined, password: undefined, credential: { getToken: async () => null } }, target), name);
    assert.notEqual(checkpointFileName({ ...source, db: 2 }, target), name, 'another database is another copy');
    assert.notEqual(checkpointFileName(target, source), name, 'the direction matters');
  });

  test('a stored checkpoint matches the pair the engine described, with a user, Entra ID or a discovered cluster', () => {
    const entraTarget = { ...target, credential: { getToken: async () => null } };
    assert.equal(checkpointMatches(checkpointOf(describeEndpoint(source), `${describeEndpoint(entraTarget)} (cluster)`), source, target), true);
    assert.equal(checkpointMatches(checkpointOf(describeEndpoint({ ...source, db: 0 }), describeEndpoint(target)), source, target), false);
    assert.equal(checkpointMatches(checkpointOf(describeEndpoint(source), 'rediss://orders.eastus.redis.azure.net:100000'), source, target), false);
  });

  test('the resume offer says how far the copy got and when it stopped', () => {
    assert.equal(checkpointSummary(checkpointOf('a', 'b')), '1,234 keys done, stopped 2026-11-26 09:45 UTC');
  });
});
