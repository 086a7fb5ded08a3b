import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../../src/cli/runCli';
import { captureIo } from '../../helpers/captureIo';
import { tempTree } from '../../helpers/tempTree';

// A service still configured for the old cache, over TLS on the old port, with an access key.
const PROJECT = {
  '.env': 'REDIS_URL=rediss://:k3yk3yk3yk3y@orders.redis.cache.windows.net:6380\n',
  'config/appsettings.json': '{"cache": {"host": "orders.redis.cache.windows.net"}}\n',
};
const SWITCHED = ['--switched', 'orders.redis.cache.windows.net=orders-amr.eastus.redis.azure.net'];

async function scanIn(root: string, args: string[]) {
  const io = captureIo({ cwd: root });
  const code = await runCli(['scan', ...args], io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

interface JsonFinding { ruleId: string; severity: string; file: string; message: string }

test('scan --switched: findings on the switched host say what must still change; the old port no longer fails the pipeline', async () => {
  const tree = tempTree(PROJECT);
  try {
    const before = await scanIn(tree.root, ['--format', 'json', '--fail-on', 'error']);
    assert.equal(before.code, 1, 'port 6380 is an error before the switch');
    const after = await scanIn(tree.root, ['--format', 'json', '--fail-on', 'error', ...SWITCHED]);
    assert.equal(after.code, 0, after.stderr);
    const findings: JsonFinding[] = JSON.parse(after.stdout).findings;
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.file]), [
      ['access-key-auth', 'warning', '.env'],
      ['legacy-hostname', 'warning', '.env'],
      ['legacy-tls-port', 'warning', '.env'],
      ['legacy-hostname', 'warning', 'config/appsettings.json'],
    ]);
    for (const finding of findings) assert.match(finding.message, /automated migration switched 'orders\.redis\.cache\.windows\.net' to 'orders-amr\.eastus\.redis\.azure\.net' by DNS; change this before/, finding.ruleId);
    assert.doesNotMatch(after.stdout, /k3yk3y/, 'the key stays out of the report');
    // Without --fail-on, warnings still fail: the code must change before the old host name is unlinked.
    assert.equal((await scanIn(tree.root, SWITCHED)).code, 1);
  } finally {
    tree.cleanup();
  }
});

test('scan --switched --fix points the code at the new cache without a host map', async () => {
  const tree = tempTree(PROJECT);
  try {
    const { code, stderr } = await scanIn(tree.root, ['--fix', '--format', 'json', '--switched', 'orders=orders-amr.eastus.redis.azure.net']);
    assert.equal(code, 1, 'the access key is left for review');
    assert.match(stderr, /^Fixed 3 findings in 2 files:/);
    assert.equal(readFileSync(join(tree.root, '.env'), 'utf8'), 'REDIS_URL=rediss://:k3yk3yk3yk3y@orders-amr.eastus.redis.azure.net:10000\n');
    assert.equal(readFileSync(join(tree.root, 'config/appsettings.json'), 'utf8'), '{"cache": {"host": "orders-amr.eastus.redis.azure.net"}}\n');
  } finally {
    tree.cleanup();
  }
});

test('scan --switched with a value that is not OLD=AMR host exits 2 and says why', async () => {
  const tree = tempTree(PROJECT);
  try {
    for (const [value, message] of [
      ['orders', /--switched: 'orders' is not OLD=NEW/],
      ['orders=orders.example.com', /--switched: the target of "orders" is "orders.example.com", which is not an Azure Managed Redis host name/],
    ] as const) {
      const { code, stdout, stderr } = await scanIn(tree.root, ['--switched', value]);
      assert.equal(code, 2, value);
      assert.match(stderr, message, value);
      assert.equal(stdout, '');
    }
  } finally {
    tree.cleanup();
  }
});
