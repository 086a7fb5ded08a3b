import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanV8Flags } from '../../../src/cli/v8Tuning';

test('a scan process raises the optimising budget on the V8 it was measured on, and sets nothing on another', () => {
  assert.deepEqual(scanV8Flags('11.3.244.8-node.38', []), ['--interrupt-budget=540672']);
  // V8 prints an error for a flag it does not know; V8 13 (Node 24) has no --interrupt-budget.
  assert.deepEqual(scanV8Flags('13.6.233.17-node.63', []), []);
  assert.deepEqual(scanV8Flags('12.4.254.21-node.33', []), []);
});

test("the user's own choice of the flag, on the command line or in NODE_OPTIONS, is left alone", () => {
  assert.deepEqual(scanV8Flags('11.3.244.8', ['--interrupt-budget=1000']), []);
  assert.deepEqual(scanV8Flags('11.3.244.8', [], '--max-old-space-size=4096 --interrupt-budget=1000'), []);
  assert.deepEqual(scanV8Flags('11.3.244.8', ['--max-old-space-size=4096'], '--interrupt-budget-factor-for-feedback-allocation=4'), [
    '--interrupt-budget=540672',
  ]);
});
