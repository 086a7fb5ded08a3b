// A key that runs out on the source while verification reads it is not missing on the target: the reads of one key are
// pipelined separately (TYPE, then PTTL), so a short-lived key can answer TYPE 'string' and PTTL -2 (gone). CI's live
// copy test met exactly this with a 150 ms key: "missing: {w15}:brief:47".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RedisArg, RedisConnection, RedisNode } from '../../../src/core/copy/connect';
import { verifyCopy, type VerifyOptions } from '../../../src/core/copy/verify';

const OPTIONS: VerifyOptions = {
  mode: 'full', sampleSize: 10, keyPrefix: Buffer.alloc(0), ttlToleranceMs: 1000, scanCount: 10, batchesInFlight: 1, chunkSize: 10,
  bigKeyBytes: 1024, maxListed: 10, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, signal: undefined, onKeys: () => undefined,
};

/** A node that holds `keys` (name → answers to TYPE, PTTL, DUMP, EXISTS) and lists them in one SCAN. */
function scriptedNode(keys: Record<string, { type: string; pttl: number; exists: number }>): RedisNode {
  const answer = (command: string, key: string): unknown => {
    const state = keys[key] ?? { type: 'none', pttl: -2, exists: 0 };
    switch (command) {
      case 'TYPE': return state.type;
      case 'PTTL': return state.pttl;
      case 'MEMORY': return 64;
      case 'DUMP': return state.exists ? Buffer.from(`dump of ${key}`) : null;
      case 'EXISTS': return state.exists;
      default: throw new Error(`unexpected ${command}`);
    }
  };
  return {
    label: 'scripted',
    send: async (args: RedisArg[]) => {
      const command = String(args[0]);
      if (command === 'SCAN') return [Buffer.from('0'), Object.keys(keys).map((key) => Buffer.from(key))];
      return answer(command, String(command === 'MEMORY' ? args[2] : args[1]));
    },
  };
}

function connectionTo(node: RedisNode): RedisConnection {
  return { description: node.label, primaries: [], sendForKey: (_key: RedisArg, args: RedisArg[]) => node.send(args) } as unknown as RedisConnection;
}

test('a source key gone between its TYPE and PTTL reads is neither missing nor checked', async () => {
  const source = scriptedNode({ 'brief:47': { type: 'string', pttl: -2, exists: 0 }, kept: { type: 'string', pttl: -1, exists: 1 } });
  const target = scriptedNode({ kept: { type: 'string', pttl: -1, exists: 1 } });
  const report = await verifyCopy([source], connectionTo(target), OPTIONS);
  assert.deepEqual(report.missingKeys, []);
  assert.equal(report.missing, 0);
  assert.equal(report.keysChecked, 1);
});

test('a source key that is there (no TTL) and absent on the target stays missing', async () => {
  const source = scriptedNode({ lost: { type: 'string', pttl: -1, exists: 1 } });
  const report = await verifyCopy([source], connectionTo(scriptedNode({})), OPTIONS);
  assert.deepEqual(report.missingKeys, ['lost']);
});
