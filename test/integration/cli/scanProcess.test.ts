import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { tempTree } from '../../helpers/tempTree';

// The bundle npm test builds before running the suite.
const CLI = resolve('dist', 'cli.js');

function runCliProcess(cwd: string, args: string[], options: { uid?: number; gid?: number; cli?: string } = {}) {
  const { cli = CLI, ...ids } = options;
  const result = spawnSync(process.execPath, [cli, 'scan', ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH }, ...ids });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('dist/cli.js scan: JSON on stdout, exit 1 on findings, 0 with --fail-on never, 2 on a usage error', () => {
  const tree = tempTree({ 'settings.yaml': 'redis:\n  host: orders.redis.cache.windows.net\n  port: 6380\n' });
  try {
    const found = runCliProcess(tree.root, ['--format', 'json']);
    assert.equal(found.code, 1, found.stderr);
    // Nothing else either, such as V8 refusing a flag the scan process sets for itself (src/cli/v8Tuning.ts).
    assert.equal(found.stderr, '');
    assert.deepEqual(
      JSON.parse(found.stdout).findings.map((f: { ruleId: string; line: number }) => [f.ruleId, f.line]),
      [['legacy-hostname', 2], ['legacy-tls-port', 3]],
    );
    assert.equal(runCliProcess(tree.root, ['--fail-on', 'never']).code, 0);
    const usage = runCliProcess(tree.root, ['--format']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--format/);
    assert.match(usage.stderr, /Usage: amr-migrate scan/);
  } finally {
    tree.cleanup();
  }
});

test('dist/cli.js scan --output writes the SARIF file and --fix rewrites the file on disk, once', () => {
  const tree = tempTree({ 'settings.yaml': 'redis:\n  host: orders.redis.cache.windows.net\n  port: 6380\n' });
  const settings = join(tree.root, 'settings.yaml');
  try {
    const sarif = runCliProcess(tree.root, ['--format', 'sarif', '--output', 'scan.sarif']);
    assert.equal(sarif.stdout, '');
    assert.equal(sarif.code, 1);
    assert.equal(JSON.parse(readFileSync(join(tree.root, 'scan.sarif'), 'utf8')).runs[0].results.length, 2);
    const fixed = runCliProcess(tree.root, ['--fix']);
    assert.match(fixed.stdout, /^Fixed 1 finding in 1 file:\n {2}settings\.yaml {2}1 fix\n {4}3:9 {2}Use port 10000\n/);
    assert.equal(readFileSync(settings, 'utf8'), 'redis:\n  host: orders.redis.cache.windows.net\n  port: 10000\n');
    const again = runCliProcess(tree.root, ['--fix']);
    assert.match(again.stdout, /^No changes: nothing to fix automatically\./);
    assert.equal(readFileSync(settings, 'utf8'), 'redis:\n  host: orders.redis.cache.windows.net\n  port: 10000\n');
  } finally {
    tree.cleanup();
  }
});

test('unreadable files and folders are listed as skipped and the rest is still scanned', () => {
  const tree = tempTree({
    'a.env': 'REDIS_HOST=orders.redis.cache.windows.net\n',
    'locked.env': 'REDIS_PORT=6380\n',
    'private/b.env': 'REDIS_PORT=6380\n',
  });
  const bin = tempTree();
  chmodSync(join(tree.root, 'locked.env'), 0o000);
  chmodSync(join(tree.root, 'private'), 0o000);
  chmodSync(tree.root, 0o755);
  chmodSync(bin.root, 0o755);
  try {
    // root reads anything, so as root run the CLI as 'nobody', from a copy it can read.
    const cli = join(bin.root, 'cli.js');
    copyFileSync(CLI, cli);
    // The command bundles the dispatcher loads on demand sit beside it.
    cpSync(resolve('dist', 'cli'), join(bin.root, 'cli'), { recursive: true });
    const asRoot = process.getuid?.() === 0;
    const result = runCliProcess(tree.root, ['--format', 'json'], asRoot ? { uid: 65534, gid: 65534, cli } : { cli });
    const report = JSON.parse(result.stdout);
    assert.deepEqual(report.skipped, [
      { file: 'locked.env', reason: 'not readable (permission denied [EACCES])' },
      { file: 'private', reason: 'folder not readable (permission denied [EACCES])' },
    ]);
    assert.deepEqual(report.findings.map((f: { file: string }) => f.file), ['a.env']);
    assert.equal(result.code, 1);
  } finally {
    chmodSync(join(tree.root, 'private'), 0o755);
    tree.cleanup();
    bin.cleanup();
  }
});

test('dist/cli.js scan --fix piped into a reader that stops early: the fix completes, no EPIPE crash', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 300; i++) files[`config${i}.yaml`] = `redis:\n  host: orders${i}.redis.cache.windows.net\n  port: 6380\n`;
  const tree = tempTree(files);
  try {
    const child = spawn(process.execPath, [CLI, 'scan', '--fix', '--fail-on', 'never'], { cwd: tree.root, env: { PATH: process.env.PATH } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    // Like `| head -1`: take the first chunk, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', done));
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /EPIPE|Error/);
    for (let i = 0; i < 300; i++) assert.match(readFileSync(join(tree.root, `config${i}.yaml`), 'utf8'), /port: 10000/);
  } finally {
    tree.cleanup();
  }
});
