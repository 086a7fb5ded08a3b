import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { RULES } from '../../../src/core/rules';

test("the README's Rules table lists every rule with its default severity, in registry order", () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('\n## Rules\n'), readme.indexOf('\n## ', readme.indexOf('\n## Rules\n') + 1));
  const rows = [...section.matchAll(/^\| `([a-z-]+)` \| (error|warning|info) \|/gm)].map((m) => [m[1], m[2]]);
  assert.deepEqual(rows, RULES.map((rule) => [rule.meta.id, rule.meta.defaultSeverity]));
});
