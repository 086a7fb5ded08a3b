import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DEFAULT_SCAN_SETTINGS } from '../../../src/core/findings';
import { ScanClient } from '../../../src/vscode/findings/scanClient';
import { tempTree } from '../../helpers/tempTree';

// The real worker bundle (npm test builds dist/ first), in a real worker thread.
const workerScript = join(__dirname, '..', '..', '..', '..', 'dist', 'scanWorker.js');
const client = new ScanClient(workerScript);
after(() => client.dispose());

const source = {
  path: '/projects/app/cache.ts',
  text: "import Redis from 'ioredis';\nexport const r = new Redis({ host: 'orders.redis.cache.windows.net', port: 6380, tls: {} });\n",
};

test('the worker bundle exists', () => {
  assert.ok(existsSync(workerScript), `${workerScript} is missing: run npm run build first`);
});

test('scans in the worker and returns the findings as plain data', async () => {
  const result = await client.scan([source], DEFAULT_SCAN_SETTINGS);
  assert.deepEqual(result.findings.map((f) => `${f.ruleId}@${f.line}:${f.column}`).sort(),
    ['legacy-hostname@2:37', 'legacy-tls-port@2:76', 'non-cluster-client@2:22']);
  assert.deepEqual(result.skipped, []);
});

test('passes the settings through: no single-node-client finding without OSS clustering', async () => {
  const result = await client.scan([source], { ...DEFAULT_SCAN_SETTINGS, clusterPolicy: 'enterprise' });
  assert.ok(!result.findings.some((f) => f.ruleId === 'non-cluster-client'));
});

test('reads the rule metadata from the worker', async () => {
  const ids = (await client.ruleMetas()).map((meta) => meta.id);
  assert.deepEqual(ids.sort(), ['access-key-auth', 'database-select', 'keyspace-notifications', 'legacy-cache-resource', 'legacy-hostname',
    'legacy-tls-port', 'multi-key-command', 'non-cluster-client', 'non-tls-connection']);
});

test('stop() fails the pending request, and the next request starts a new worker', async () => {
  const pending = client.scan([source], DEFAULT_SCAN_SETTINGS);
  client.stop();
  await assert.rejects(pending, /the scan was stopped/);
  const again = await client.scan([source], DEFAULT_SCAN_SETTINGS);
  assert.equal(again.findings.length, 3);
});

test('a worker that dies fails what was pending instead of hanging', async () => {
  const broken = new ScanClient(join(__dirname, 'no-such-worker.js'));
  await assert.rejects(broken.scan([source], DEFAULT_SCAN_SETTINGS), /Cannot find module|no-such-worker|stopped/);
  broken.dispose();
});

test('scans open documents in the worker session: imports resolve from other open documents, then from disk', async () => {
  const tree = tempTree({
    'src/config.ts': "const CACHE = 'orders';\nexport const HOST = `${CACHE}.redis.cache.windows.net`;\n",
  });
  try {
    const appPath = join(tree.root, 'src', 'app.ts');
    const configPath = join(tree.root, 'src', 'config.ts');
    const app = "import { createClient } from 'redis';\nimport { HOST } from './config';\ncreateClient({ socket: { host: HOST, port: 10000, tls: true } });\n";
    // The composed host is reported where its suffix is written (config.ts), the client where it is built (app.ts).
    const rules = (findings: Array<{ file: string; ruleId: string }>) =>
      findings.map((f) => `${f.file === appPath ? 'app' : f.file === configPath ? 'config' : f.file}:${f.ruleId}`).sort();

    const fromDisk = await client.scanDocument(appPath, app, DEFAULT_SCAN_SETTINGS);
    assert.deepEqual(rules(fromDisk.result.findings), ['app:non-cluster-client', 'config:legacy-hostname']);
    assert.deepEqual(fromDisk.dependencies, [configPath]);

    await client.scanDocument(configPath, "export const HOST = 'localhost';\n", DEFAULT_SCAN_SETTINGS);
    assert.deepEqual(rules((await client.scanDocument(appPath, app, DEFAULT_SCAN_SETTINGS)).result.findings), [],
      'the open (unsaved) text of config.ts wins over the file on disk');

    await client.closeDocument(configPath);
    assert.deepEqual(rules((await client.scanDocument(appPath, app, DEFAULT_SCAN_SETTINGS)).result.findings),
      ['app:non-cluster-client', 'config:legacy-hostname'], 'closed again: the file on disk counts');

    writeFileSync(configPath, "export const HOST = '127.0.0.1';\n");
    assert.deepEqual(rules((await client.scanDocument(appPath, app, DEFAULT_SCAN_SETTINGS)).result.findings), [],
      'a changed file on disk is read again');
  } finally {
    tree.cleanup();
  }
});

test('previews the safe fixes of the workspace in the worker: texts as they would be, nothing written', async () => {
  const tree = tempTree({ '.env': 'REDIS_URL=rediss://orders.redis.cache.windows.net:6380\n' });
  try {
    const path = join(tree.root, '.env');
    // The editor's unsaved text, not the file, is what the fixes start from.
    const text = 'REDIS_URL=rediss://orders.redis.cache.windows.net:6380\nREDIS_PORT=6380\n';
    const preview = await client.previewFixes([{ path, text }], { ...DEFAULT_SCAN_SETTINGS, hostMap: { orders: 'orders.westus2.redis.azure.net' } });
    assert.deepEqual(preview.changes, [{
      file: path,
      before: text,
      after: 'REDIS_URL=rediss://orders.westus2.redis.azure.net:10000\nREDIS_PORT=10000\n',
      rules: ['legacy-hostname', 'legacy-tls-port', 'legacy-tls-port'],
    }]);
    assert.equal(preview.fixed, 3);
    assert.deepEqual(preview.problems, []);
    assert.equal(readFileSync(path, 'utf8'), 'REDIS_URL=rediss://orders.redis.cache.windows.net:6380\n');
  } finally {
    tree.cleanup();
  }
});
