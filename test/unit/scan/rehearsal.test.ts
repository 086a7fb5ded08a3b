import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SCAN_SETTINGS } from '../../../src/core/findings';
import { RULES } from '../../../src/core/rules';
import { rehearseLiveScans } from '../../../src/core/scan/rehearsal';

/**
 * The scan worker rehearses live re-scans so that the user's first edits do not run cold code: the rehearsal only
 * does that if its sample takes the re-scan through what a Redis module makes it do, rules and fixes included.
 */
test("the rehearsal's re-scans reach the rules and fixes a Redis module's re-scans do", () => {
  const findings = rehearseLiveScans(RULES, DEFAULT_SCAN_SETTINGS);
  const found = new Map<string, { findings: number; fixed: number }>();
  for (const finding of findings) {
    const counts = found.get(finding.ruleId) ?? { findings: 0, fixed: 0 };
    counts.findings++;
    if (finding.fixes.length > 0) counts.fixed++;
    found.set(finding.ruleId, counts);
  }
  for (const rule of ['legacy-hostname', 'legacy-tls-port', 'access-key-auth', 'non-cluster-client', 'multi-key-command']) {
    assert.ok(found.has(rule), `${rule} found: ${[...found.keys()].join(', ')}`);
  }
  for (const rule of ['legacy-tls-port', 'access-key-auth', 'non-cluster-client']) assert.ok(found.get(rule)!.fixed > 0, `${rule} fixed`);
  // Multi-key commands in every section, some with a hash-tag fix: judged again on every edit, as in a real module.
  assert.ok(found.get('multi-key-command')!.findings >= 20, 'multi-key commands in every section');
  assert.ok(found.get('multi-key-command')!.fixed >= 10, 'multi-key commands with a fix');
});
