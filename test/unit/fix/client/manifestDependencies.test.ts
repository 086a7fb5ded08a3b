import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../../../src/core/scan/applyEdits';
import { lockstepRaises, missingDependencyEdits } from '../../../../src/core/fix/client/manifestDependencies';

const ENTRA = { '@redis/entraid': '^5.12.1', '@azure/identity': '^4.13.1' };

test('redis and @redis/client below the added @redis/entraid rise to a caret range of its version', () => {
  const cases: [Record<string, string>, Record<string, string>][] = [
    [{ redis: '^5.8.0' }, { redis: '^5.12.1' }],
    [{ redis: '5.0.1' }, { redis: '^5.12.1' }],
    [{ redis: '~5.11.0', '@redis/client': '5.11.0' }, { redis: '^5.12.1', '@redis/client': '^5.12.1' }],
    [{ redis: '>=5.5' }, { redis: '^5.12.1' }],
    [{ redis: '5.x' }, { redis: '^5.12.1' }],
    [{ redis: '^5.12.1' }, {}],
    [{ redis: '5.12.4' }, {}],
    [{ redis: '^4.7.1' }, {}],
    [{ redis: '^6.2.0' }, {}],
    [{ redis: 'github:redis/node-redis' }, {}],
    [{ redis: '>=5.0.0 <5.10.0' }, {}],
    [{ express: '^4.21.0' }, {}],
  ];
  for (const [listed, raised] of cases) assert.deepEqual(lockstepRaises(listed, ENTRA), raised, JSON.stringify(listed));
  assert.deepEqual(lockstepRaises({ redis: '^5.8.0' }, { '@azure/identity': '^4.13.1' }), {}, 'only @redis/entraid pulls redis up');
});

test('the editor path (edits built on the manifest as it is when applied) adds and raises in one go', () => {
  const file = '/ws/package.json';
  const text = '{\n  "name": "orders",\n  "dependencies": {\n    "express": "^4.21.0",\n    "redis": "5.8.2"\n  },\n  "devDependencies": {\n    "@redis/client": "~5.8.0"\n  }\n}\n';
  const fixed = applyEdits(text, missingDependencyEdits(file, text, ENTRA)).text;
  assert.deepEqual(JSON.parse(fixed), {
    name: 'orders',
    dependencies: { '@azure/identity': '^4.13.1', '@redis/entraid': '^5.12.1', express: '^4.21.0', redis: '^5.12.1' },
    devDependencies: { '@redis/client': '^5.12.1' },
  });
  assert.deepEqual(missingDependencyEdits(file, fixed, ENTRA), [], 'nothing left to do the second time');
});
