import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, test } from 'node:test';
import type { RuleId } from '../../../../src/core/findings';
import { syntaxErrorCount } from '../../../../src/core/fix/syntaxCheck';
import { loadGrammar } from '../../../../src/core/scan/syntaxTree/grammars';
import { applyRuleFixes } from '../../../helpers/clientFixes';

/**
 * Golden before/after files per client form of redis-py and go-redis: test/fixtures/tree-client-fixes/<language>/<case>/
 * holds the project as written and `expected/` the same files after every rule's first fix (as `scan --fix` with
 * every rule and a host map). The fixed code must parse without errors, and a second run must change nothing.
 * `UPDATE_GOLDEN=1` rewrites `expected/` (review the diff before committing).
 */
const ROOT = resolve('test/fixtures/tree-client-fixes');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const ALL_RULES: RuleId[] = [
  'legacy-hostname', 'legacy-tls-port', 'non-tls-connection', 'access-key-auth', 'multi-key-command', 'keyspace-notifications',
  'database-select', 'non-cluster-client',
];
const SETTINGS = { hostMap: { orders: 'orders.westeurope.redis.azure.net' } };

before(async () => {
  await loadGrammar('python');
  await loadGrammar('go');
});

for (const language of readdirSync(ROOT)) {
  for (const name of readdirSync(join(ROOT, language))) {
    const folder = join(ROOT, language, name);
    test(`${language} ${name}: every fix gives the golden files, which parse, and a second run changes nothing`, () => {
      const files = Object.fromEntries(
        readdirSync(folder).filter((file) => file !== 'expected').map((file) => [`/ws/${file}`, readFileSync(join(folder, file), 'utf8')]),
      );
      const first = applyRuleFixes(files, ALL_RULES, SETTINGS);
      if (UPDATE) {
        mkdirSync(join(folder, 'expected'), { recursive: true });
        for (const [path, text] of Object.entries(first.files)) writeFileSync(join(folder, 'expected', path.slice('/ws/'.length)), text);
      }
      for (const [path, text] of Object.entries(first.files)) {
        const expectedPath = join(folder, 'expected', path.slice('/ws/'.length));
        assert.ok(existsSync(expectedPath), `${expectedPath} is missing (UPDATE_GOLDEN=1 writes it)`);
        assert.equal(text, readFileSync(expectedPath, 'utf8'), path);
        const errors = syntaxErrorCount(path, text);
        if (errors !== undefined) assert.equal(errors, 0, `${path} does not parse after the fixes`);
      }
      assert.notDeepEqual(first.files, files, 'no fix changed anything');
      const second = applyRuleFixes(first.files, ALL_RULES, SETTINGS);
      assert.deepEqual(second.files, first.files, 'a second run changed the fixed files');
    });
  }
}
