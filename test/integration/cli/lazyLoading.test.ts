import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { tempTree } from '../../helpers/tempTree';

// The bundles npm test builds before running the suite.
const DIST = resolve('dist');
const CLI = resolve(DIST, 'cli.js');

/** Runs dist/cli.js with `args` in `cwd`; returns its exit code and the dist/ bundles the process loaded. */
function bundlesLoaded(cwd: string, args: string[]): { code: number | null; bundles: string[] } {
  // The CLI as `node dist/cli.js` runs it, plus a report of every module in the CommonJS cache at exit.
  const program =
    `process.argv.splice(1, 0, ${JSON.stringify(CLI)});` +
    "process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));" +
    `require(${JSON.stringify(CLI)});`;
  const result = spawnSync(process.execPath, ['-e', program, '--', ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH } });
  const loaded = /^LOADED (.*)$/m.exec(result.stderr);
  assert.ok(loaded, result.stderr);
  const bundles = (JSON.parse(loaded[1]!) as string[]).filter((path) => path.startsWith(DIST)).map((path) => relative(DIST, path));
  return { code: result.status, bundles: bundles.sort() };
}

test('amr-migrate --help loads the dispatcher only, which holds no command', () => {
  assert.deepEqual(bundlesLoaded(DIST, ['--help']), { code: 0, bundles: ['cli.js'] });
  const dispatcher = readFileSync(CLI, 'utf8');
  for (const command of ['scan', 'plan', 'inventory', 'copy']) assert.doesNotMatch(dispatcher, new RegExp(`Usage: amr-migrate ${command}`));
});

test('a command loads its own bundle and no other command', () => {
  assert.deepEqual(bundlesLoaded(DIST, ['plan', '--help']), { code: 0, bundles: ['cli.js', 'cli/plan.js'] });
  assert.deepEqual(bundlesLoaded(DIST, ['provision', '--help']), { code: 0, bundles: ['cli.js', 'cli/provision.js'] });
  assert.deepEqual(bundlesLoaded(DIST, ['migrate', '--help']), { code: 0, bundles: ['cli.js', 'cli/migrate.js'] });
});

test('a scan that finds no file passing the prefilter never loads the TypeScript compiler; one that does, loads it', () => {
  const tree = tempTree({
    'empty/.keep': '',
    'plain/app.ts': 'export const answer = 42;\n',
    'plain/settings.yaml': 'redis:\n  host: orders.redis.cache.windows.net\n',
    'redis/cache.ts': "import { createClient } from 'redis';\nexport const client = createClient({ url: 'redis://orders.redis.cache.windows.net:6379' });\n",
  });
  try {
    assert.deepEqual(bundlesLoaded(tree.root, ['scan', 'empty']), { code: 0, bundles: ['cli.js', 'cli/scan.js'] });
    // A config file is read without the compiler; a script without a Redis token is never parsed.
    assert.deepEqual(bundlesLoaded(tree.root, ['scan', 'plain']), { code: 1, bundles: ['cli.js', 'cli/scan.js'] });
    assert.deepEqual(bundlesLoaded(tree.root, ['scan', 'redis']), { code: 1, bundles: ['cli.js', 'cli/scan.js', 'cli/ts-morph.js'] });
  } finally {
    tree.cleanup();
  }
});

test('dist/extension.js holds neither ts-morph nor the TypeScript compiler: activation would compile them', () => {
  const bundle = readFileSync(resolve(DIST, 'extension.js'), 'utf8');
  assert.doesNotMatch(bundle, /node_modules\/(?:ts-morph|@ts-morph|typescript)\//);
  // One of the compiler's own diagnostic messages, which a minified bundle keeps too.
  assert.doesNotMatch(bundle, /Unterminated string literal\./);
  assert.match(readFileSync(resolve(DIST, 'scanWorker.js'), 'utf8'), /Unterminated string literal\./, 'the scanner worker is where the compiler lives');
});

test('src takes nothing but the compiler namespace from ts-morph, all the CLI\'s compiler bundle provides', () => {
  const sources = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.ts'));
  const uses = sources.flatMap((path) =>
    [...readFileSync(join('src', path), 'utf8').matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'ts-morph'|require\('ts-morph'\)(\.\w+)?/g)]
      .map((match) => ({ path, names: match[2]?.trim() ?? match[0] })));
  assert.ok(uses.length > 0);
  for (const { path, names } of uses) assert.match(names, /^ts(?: as \w+)?$|^require\('ts-morph'\)$/, path);
});
