import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanSources } from '../../../src/core/scan/scanner';
import { DEFAULT_SCAN_SETTINGS } from '../../../src/core/findings';
import { RULES } from '../../../src/core/rules';

const CLIENT = "import { createClient } from 'redis';\n";
const LEGACY_URL = "'rediss://orders.redis.cache.windows.net:6380'";

test('findings are sorted by file, then offset', () => {
  const result = scanSources(
    [
      { path: '/ws/b.ts', text: CLIENT + `createClient({ url: ${LEGACY_URL} });\n` },
      { path: '/ws/a.env', text: 'REDIS_PORT=6380\nREDIS_HOST=orders.redis.cache.windows.net\n' },
    ],
    DEFAULT_SCAN_SETTINGS,
    RULES,
  );
  const order = result.findings.map((f) => `${f.file}@${f.start}`);
  assert.deepEqual(order, [...order].sort((x, y) => {
    const [fx, ox] = x.split('@');
    const [fy, oy] = y.split('@');
    return fx! < fy! ? -1 : fx! > fy! ? 1 : Number(ox) - Number(oy);
  }));
  assert.equal(result.findings[0]!.file, '/ws/a.env');
});

test('severity overrides apply and "off" disables a rule', () => {
  const inputs = [{ path: '/ws/a.ts', text: CLIENT + `createClient({ url: ${LEGACY_URL} });\n` }];
  const base = scanSources(inputs, DEFAULT_SCAN_SETTINGS, RULES).findings;
  assert.ok(base.some((f) => f.ruleId === 'non-cluster-client' && f.severity === 'warning'));
  const tuned = scanSources(inputs, { ...DEFAULT_SCAN_SETTINGS, severities: { 'non-cluster-client': 'off', 'legacy-hostname': 'error' } }, RULES).findings;
  assert.ok(!tuned.some((f) => f.ruleId === 'non-cluster-client'));
  assert.equal(tuned.find((f) => f.ruleId === 'legacy-hostname')?.severity, 'error');
});

test('one literal reached from two clients is reported once', () => {
  const text = CLIENT + `const URL = ${LEGACY_URL};\ncreateClient({ url: URL });\ncreateClient({ url: URL });\n`;
  const ports = scanSources([{ path: '/ws/a.ts', text }], DEFAULT_SCAN_SETTINGS, RULES).findings.filter((f) => f.ruleId === 'legacy-tls-port');
  assert.equal(ports.length, 1);
});

test('columns count UTF-16 units and CRLF / CR line ends', () => {
  const text = '# 😀 café\r\nA=1\rREDIS_PORT=6380\r\n';
  const [finding] = scanSources([{ path: '/ws/.env', text }], DEFAULT_SCAN_SETTINGS, RULES).findings;
  assert.deepEqual({ line: finding?.line, column: finding?.column, endColumn: finding?.endColumn }, { line: 3, column: 12, endColumn: 16 });
  assert.equal(text.slice(finding!.start, finding!.end), '6380');
});

test('deploy-time placeholders count as unknown hosts, so ports next to them are checked', () => {
  const text = 'env:\n  REDIS_HOST: ${{ secrets.REDIS_HOST }}\n  REDIS_PORT: 6380\n';
  const rules = scanSources([{ path: '/ws/.github/workflows/deploy.yml', text }], DEFAULT_SCAN_SETTINGS, RULES).findings.map((f) => f.ruleId);
  assert.deepEqual(rules, ['legacy-tls-port']);
});

test('a file that only holds constants is parsed on demand, and a file nobody imports without redis tokens is not reported', () => {
  const result = scanSources(
    [
      { path: '/ws/consts.ts', text: 'export const P = 6380;\n' },
      { path: '/ws/unrelated.ts', text: 'export const Q = 6380;\n' },
      { path: '/ws/app.ts', text: CLIENT + "import { P } from './consts';\ncreateClient({ socket: { host: process.env.H, port: P, tls: true } });\n" },
    ],
    DEFAULT_SCAN_SETTINGS,
    RULES,
  );
  assert.deepEqual(
    result.findings.filter((f) => f.ruleId === 'legacy-tls-port').map((f) => f.file),
    ['/ws/consts.ts'],
  );
});
