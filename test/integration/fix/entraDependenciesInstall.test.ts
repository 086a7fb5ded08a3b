// The Entra ID fix's package.json must install: @redis/entraid ^5.12.1 asks for @redis/client ^5.12.1 as a peer,
// while `redis` pins @redis/client to its own version. The fix runs as users run it (`scan --fix`), then npm resolves
// the real registry's tree (--package-lock-only: resolution without downloading tarballs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../../src/cli/runCli';
import { captureIo } from '../../helpers/captureIo';
import { tempTree } from '../../helpers/tempTree';

const CLIENT = `import { createClient } from 'redis';

export const client = createClient({
  url: process.env.REDIS_URL,
  password: process.env.REDIS_KEY,
  socket: { tls: true },
});
`;

const NETWORK_ERROR = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ERR_SOCKET_TIMEOUT)\b/;

/** Resolves the project's dependency tree against the npm registry; fails loudly when the registry is unreachable. */
function npmResolve(root: string): { ok: boolean; output: string } {
  const result = spawnSync('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: root, encoding: 'utf8', timeout: 180_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  if (result.status !== 0 && NETWORK_ERROR.test(output)) {
    assert.fail(`the npm registry cannot be reached, so this test cannot check that the fixed package.json installs:\n${output}`);
  }
  return { ok: result.status === 0, output };
}

/** Every @redis/client the lock file installs, by path. */
function redisClients(root: string): Record<string, string> {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
  return Object.fromEntries(Object.entries(lock.packages).filter(([path]) => path.endsWith('node_modules/@redis/client')).map(([path, p]) => [path, p.version]));
}

async function fixEntra(root: string): Promise<Record<string, string>> {
  const io = captureIo({ cwd: root });
  const code = await runCli(['scan', '--fix', '--fix-rules', 'access-key-auth'], io);
  assert.ok(code === 0 || code === 1, io.stderr());
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
}

const atLeast51201 = (version: string) => {
  const [major, minor, patch] = version.split('.').map(Number) as [number, number, number];
  return major === 5 && (minor > 12 || (minor === 12 && patch >= 1));
};

test('redis pinned at 5.8.2: the fix raises it to ^5.12.1, so redis and @redis/entraid share one @redis/client', async () => {
  const tree = tempTree({ 'package.json': '{ "name": "orders", "version": "1.0.0", "private": true, "dependencies": { "redis": "5.8.2" } }\n', 'src/cache.ts': CLIENT });
  try {
    const dependencies = await fixEntra(tree.root);
    assert.deepEqual(dependencies, { '@azure/identity': '^4.13.1', '@redis/entraid': '^5.12.1', redis: '^5.12.1' });
    const { ok, output } = npmResolve(tree.root);
    assert.ok(ok, output);
    // Without the raise npm nests redis's own @redis/client 5.8.2 beside the 5.12.x entraid needs.
    const clients = redisClients(tree.root);
    assert.deepEqual(Object.keys(clients), ['node_modules/@redis/client'], JSON.stringify(clients));
    assert.ok(atLeast51201(clients['node_modules/@redis/client']!), JSON.stringify(clients));
  } finally {
    tree.cleanup();
  }
});

test('@redis/client listed beside redis ~5.8: both rise, where npm would otherwise stop with ERESOLVE', async () => {
  const manifest = '{\n  "name": "orders",\n  "version": "1.0.0",\n  "private": true,\n  "dependencies": {\n    "@redis/client": "5.8.2",\n    "redis": "~5.8.0"\n  }\n}\n';
  const tree = tempTree({ 'package.json': manifest, 'src/cache.ts': CLIENT });
  try {
    const dependencies = await fixEntra(tree.root);
    assert.deepEqual(dependencies, { '@azure/identity': '^4.13.1', '@redis/client': '^5.12.1', '@redis/entraid': '^5.12.1', redis: '^5.12.1' });
    const { ok, output } = npmResolve(tree.root);
    assert.ok(ok, output);
    const clients = redisClients(tree.root);
    assert.deepEqual(Object.keys(clients), ['node_modules/@redis/client'], JSON.stringify(clients));
  } finally {
    tree.cleanup();
  }
});
