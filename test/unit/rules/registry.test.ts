import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../../src/core/rules';

/** Files of src/core/rules that are not rules: the registry and the shared rule types. */
const SUPPORT_FILES = new Set(['index.ts', 'rule.ts']);
/** The rule ids of the public contract (docs/design/contracts.md). */
const CONTRACT_IDS = [
  'legacy-hostname',
  'legacy-tls-port',
  'non-tls-connection',
  'access-key-auth',
  'multi-key-command',
  'keyspace-notifications',
  'database-select',
  'non-cluster-client',
  'legacy-cache-resource',
];

const ruleFiles = readdirSync('src/core/rules').filter((name) => name.endsWith('.ts') && !SUPPORT_FILES.has(name));

test('every rule file is registered in RULES under its file name', () => {
  assert.deepEqual([...ruleFiles].map((name) => name.replace(/\.ts$/, '')).sort(), RULES.map((rule) => rule.meta.id).sort());
});

test('rule ids are exactly the contract ids, each once', () => {
  assert.deepEqual(RULES.map((rule) => rule.meta.id), CONTRACT_IDS);
});

test('every rule file exports the rule registered under its id', () => {
  for (const rule of RULES) {
    const module = require(join(process.cwd(), 'out/src/core/rules', `${rule.meta.id}.js`)) as Record<string, unknown>;
    assert.ok(Object.values(module).includes(rule), `${rule.meta.id}.ts does not export the registered rule`);
  }
});

test('every rule has a docs page titled with its id and metadata text', () => {
  for (const rule of RULES) {
    const page = join('docs/rules', `${rule.meta.id}.md`);
    assert.ok(existsSync(page), `missing ${page}`);
    const text = readFileSync(page, 'utf8');
    assert.match(text, new RegExp(`^# ${rule.meta.id}\\n`));
    assert.ok(text.includes(`**Default severity:** ${rule.meta.defaultSeverity}`), `${page} states another severity`);
    assert.ok(rule.meta.title.length > 0 && rule.meta.docs.length > 40, `${rule.meta.id} needs a title and docs`);
  }
});
