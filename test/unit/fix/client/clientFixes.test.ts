import assert from 'node:assert/strict';
import { test } from 'node:test';
import { helperSource } from '../../../../src/core/fix/client/entraHelperModule';
import { applyRuleFixes } from '../../../helpers/clientFixes';
import { CLIENT_FIX_CASES, readCaseFiles } from '../../../helpers/clientFixCases';

const FLAVOR_BY_EXTENSION = { '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript', '.mjs': 'esm', '.cjs': 'commonjs' } as const;

for (const testCase of CLIENT_FIX_CASES) {
  const rules = testCase.rules.join(' + ');
  test(`${rules} fix: ${testCase.name}`, () => {
    const before = readCaseFiles(testCase.id, 'before');
    const expected = readCaseFiles(testCase.id, 'after');
    const { files, messages } = applyRuleFixes(before, testCase.rules);
    assert.ok(messages.length > 0, 'the case has findings of its rule');
    const created = Object.keys(files).filter((file) => !(file in before));
    for (const file of created) {
      assert.match(file, /\/redisEntraAuth\.[mc]?[jt]s$/, 'only the helper module is ever created');
      const extension = /\.[^.]+$/.exec(file)![0] as keyof typeof FLAVOR_BY_EXTENSION | '.js';
      const flavor = extension === '.js' ? (files[file]!.includes('require(') ? 'commonjs' : 'esm') : FLAVOR_BY_EXTENSION[extension];
      assert.equal(files[file], helperSource(flavor), `${file} holds the ${flavor} helper`);
    }
    const kept = Object.fromEntries(Object.entries(files).filter(([file]) => !created.includes(file)));
    assert.deepEqual(kept, expected);
    if (JSON.stringify(kept) === JSON.stringify(before)) {
      for (const message of messages) assert.match(message, /No automatic fix: /);
    }
  });

  test(`${rules} fix is idempotent: ${testCase.id}`, () => {
    const once = applyRuleFixes(readCaseFiles(testCase.id, 'before'), testCase.rules).files;
    const twice = applyRuleFixes(once, testCase.rules);
    assert.deepEqual(twice.files, once);
  });

  if (testCase.rules.length === 2) {
    // In the editor the fixes come one at a time, in the order the user picks.
    test(`${rules}: applied one rule after the other, in either order, gives the same code: ${testCase.id}`, () => {
      const before = readCaseFiles(testCase.id, 'before');
      const expected = readCaseFiles(testCase.id, 'after');
      for (const order of [testCase.rules, [...testCase.rules].reverse()]) {
        const files = order.reduce((current, rule) => applyRuleFixes(current, rule).files, before);
        const kept = Object.fromEntries(Object.entries(files).filter(([file]) => file in expected));
        assert.deepEqual(kept, expected, order.join(' then '));
      }
    });
  }
}

test('the JavaScript helper flavours come from the TypeScript one: same code without types, CommonJS exports', () => {
  const esm = helperSource('esm');
  const commonjs = helperSource('commonjs');
  assert.match(esm, /^import \{ DefaultAzureCredential \} from '@azure\/identity';$/m);
  assert.doesNotMatch(esm, /: TokenCredential|interface |import type/);
  assert.match(commonjs, /^const \{ DefaultAzureCredential \} = require\('@azure\/identity'\);$/m);
  assert.match(commonjs, /^module\.exports = \{ withEntraId \};$/m);
  assert.doesNotMatch(commonjs, /^(import|export) /m);
});
