import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { before, test } from 'node:test';
import { prepareScan, scanSources } from '../../../src/core/scan/scanner';
import { applyEdits } from '../../../src/core/scan/applyEdits';
import { DEFAULT_SCAN_SETTINGS } from '../../../src/core/findings';
import { RULES } from '../../../src/core/rules';

/** demo/workspace is both `npm start`'s demo and an end-to-end fixture: its findings are pinned here. */
const ROOT = resolve('demo/workspace');

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function demoInputs() {
  return filesUnder(ROOT).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

// The worker's Python is read through its grammar, which a scan loads first.
before(() => prepareScan(demoInputs(), DEFAULT_SCAN_SETTINGS));

function scanDemo(settings = DEFAULT_SCAN_SETTINGS) {
  return scanSources(demoInputs(), settings, RULES);
}

const rel = (file: string) => relative(ROOT, file).split(sep).join('/');

const EXPECTED = [
  'legacy-hostname .env:2:12',
  'legacy-tls-port .env:3:12',
  'access-key-auth .env:4:18',
  'non-tls-connection .env:5:19',
  'legacy-hostname .env:5:27',
  'non-tls-connection .env:5:67',
  'database-select .env:5:72',
  'legacy-hostname appsettings.json:4:21',
  'legacy-tls-port appsettings.json:4:57',
  'access-key-auth appsettings.json:4:71',
  'legacy-hostname k8s/deployment.yaml:13:23',
  'legacy-tls-port k8s/deployment.yaml:15:23',
  'non-tls-connection k8s/deployment.yaml:17:23',
  'multi-key-command src/cart.ts:21:17',
  'multi-key-command src/cart.ts:26:6',
  'legacy-hostname src/config.ts:2:54',
  'legacy-tls-port src/config.ts:3:60',
  'non-tls-connection src/config.ts:6:62',
  'legacy-hostname src/config.ts:6:70',
  'non-tls-connection src/config.ts:6:110',
  'database-select src/config.ts:6:115',
  'non-cluster-client src/redisClient.ts:4:23',
  'access-key-auth src/redisClient.ts:6:13',
  'non-cluster-client src/sessionStore.ts:4:22',
  'database-select src/sessionStore.ts:7:25',
  'keyspace-notifications src/sessionStore.ts:13:31',
  'non-cluster-client worker/cleanup.py:6:5',
  'legacy-hostname worker/cleanup.py:7:11',
  'legacy-tls-port worker/cleanup.py:8:10',
  'access-key-auth worker/cleanup.py:10:14',
  'database-select worker/cleanup.py:11:8',
];

test('the demo workspace yields exactly the expected findings', () => {
  const result = scanDemo();
  assert.deepEqual(
    result.findings.map((f) => `${f.ruleId} ${rel(f.file)}:${f.line}:${f.column}`),
    EXPECTED,
  );
  assert.deepEqual(result.skipped.map((s) => rel(s.file)), ['README.md']);
});

test('the demo negatives stay silent: localhost, AMR cluster, compose service, hash tags, in-memory cache', () => {
  const files = new Set(scanDemo().findings.map((f) => rel(f.file)));
  assert.ok(!files.has('src/localDev.js'));
  assert.ok(!files.has('docker-compose.yml'));
  const cart = scanDemo().findings.filter((f) => rel(f.file) === 'src/cart.ts');
  assert.deepEqual(cart.map((f) => f.line), [21, 26], 'only popularItems and checkout cross slots');
});

test('with a host map and --fix semantics every legacy host, port and scheme in the demo gets a preferred fix', () => {
  const result = scanDemo({
    ...DEFAULT_SCAN_SETTINGS,
    hostMap: { 'orders-prod': 'orders-prod.westus2.redis.azure.net', 'orders-sessions': 'orders-sessions.westus2.redis.azure.net' },
  });
  const fixable = result.findings.filter((f) => ['legacy-hostname', 'legacy-tls-port'].includes(f.ruleId));
  assert.ok(fixable.length > 0);
  for (const finding of fixable) assert.equal(finding.fixes.filter((fix) => fix.preferred).length, 1, `${rel(finding.file)}:${finding.line}`);
});

test('applying every preferred fix leaves nothing to fix, and a second pass changes nothing', () => {
  const settings = {
    ...DEFAULT_SCAN_SETTINGS,
    hostMap: { 'orders-prod': 'orders-prod.westus2.redis.azure.net', 'orders-sessions': 'orders-sessions.westus2.redis.azure.net' },
  };
  const inputs = filesUnder(ROOT).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const fixAll = (files: typeof inputs) => {
    const edits = scanSources(files, settings, RULES).findings.flatMap((f) => f.fixes.filter((fix) => fix.preferred).flatMap((fix) => fix.edits));
    return {
      edits: edits.length,
      files: files.map(({ path, text }) => ({ path, text: applyEdits(text, edits.filter((edit) => edit.file === path)).text })),
    };
  };
  const first = fixAll(inputs);
  assert.ok(first.edits >= 10, `only ${first.edits} edits`);
  const fixedEnv = first.files.find((file) => rel(file.path) === '.env')!.text;
  assert.match(fixedEnv, /^REDIS_HOST=orders-prod\.westus2\.redis\.azure\.net$/m);
  assert.match(fixedEnv, /^REDIS_PORT=10000$/m);
  assert.match(fixedEnv, /^SESSION_REDIS_URL=rediss:\/\/orders-sessions\.westus2\.redis\.azure\.net:10000\/2$/m);
  const second = fixAll(first.files);
  assert.equal(second.edits, 0);
  assert.deepEqual(second.files, first.files);
});

test('under the Enterprise policy MGET across slots is fine but the MULTI block is not, and no cluster client is asked for', () => {
  const rules = scanDemo({ ...DEFAULT_SCAN_SETTINGS, clusterPolicy: 'enterprise' }).findings
    .filter((f) => ['multi-key-command', 'non-cluster-client'].includes(f.ruleId))
    .map((f) => `${f.ruleId} ${rel(f.file)}:${f.line}`);
  assert.deepEqual(rules, ['multi-key-command src/cart.ts:26']);
});
