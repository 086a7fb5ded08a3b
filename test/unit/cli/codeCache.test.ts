import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempTree } from '../../helpers/tempTree';

const CODE_CACHE = join(__dirname, '..', '..', '..', 'src', 'cli', 'codeCache.js');

/** A bundle with a function the run calls after loading, so the cache must also hold lazily compiled code. */
const BUNDLE = "exports.answer = function answer() { return require('node:path').basename(__filename); };\n";

/** Loads `bundle.js` of `root` through the code cache in a process of its own (the cache is written at its exit). */
function load(root: string, env: Record<string, string> = {}) {
  const program = `const { requireWithCodeCache } = require(${JSON.stringify(CODE_CACHE)});` +
    `const loaded = requireWithCodeCache(${JSON.stringify(join(root, 'bundle.js'))});` +
    `process.stdout.write(loaded.answer() + ' ' + (require.cache[${JSON.stringify(join(root, 'bundle.js'))}]?.exports === loaded));`;
  const result = spawnSync(process.execPath, ['-e', program], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: root, XDG_CACHE_HOME: join(root, 'cache'), ...env },
  });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr, '');
  return result.stdout;
}

function cacheFiles(root: string): string[] {
  try {
    return readdirSync(join(root, 'cache', 'amr-migrate'));
  } catch {
    return [];
  }
}

test('the first run writes the code cache at exit, the next ones use it as it is', () => {
  const tree = tempTree({ 'bundle.js': BUNDLE });
  try {
    assert.equal(load(tree.root), 'bundle.js true', 'the module works and is in the require cache, as require() leaves it');
    const [file, ...others] = cacheFiles(tree.root);
    assert.ok(file && others.length === 0, `one cache file, found ${cacheFiles(tree.root).join(', ')}`);
    assert.match(file, /^bundle\.[0-9a-f]{32}-.*node.*\.v8$/);
    const written = statSync(join(tree.root, 'cache', 'amr-migrate', file)).mtimeMs;
    assert.equal(load(tree.root), 'bundle.js true');
    assert.equal(statSync(join(tree.root, 'cache', 'amr-migrate', file)).mtimeMs, written, 'an accepted cache is not written again');
  } finally {
    tree.cleanup();
  }
});

test('a cache V8 rejects is written anew, and a changed bundle gets its own, replacing the old one', () => {
  const tree = tempTree({ 'bundle.js': BUNDLE });
  try {
    load(tree.root);
    const [file] = cacheFiles(tree.root);
    const path = join(tree.root, 'cache', 'amr-migrate', file!);
    writeFileSync(path, 'not bytecode');
    assert.equal(load(tree.root), 'bundle.js true');
    assert.notEqual(readFileSync(path, 'utf8'), 'not bytecode');

    writeFileSync(join(tree.root, 'bundle.js'), `${BUNDLE}exports.more = 1;\n`);
    assert.equal(load(tree.root), 'bundle.js true');
    const after = cacheFiles(tree.root);
    assert.equal(after.length, 1);
    assert.notEqual(after[0], file, 'keyed by the bundle content');
  } finally {
    tree.cleanup();
  }
});

test('a cache folder that cannot be written, or NODE_DISABLE_COMPILE_CACHE, costs nothing but the cache', () => {
  const tree = tempTree({ 'bundle.js': BUNDLE, 'cache/amr-migrate': 'a file where the folder should be' });
  try {
    assert.equal(load(tree.root), 'bundle.js true');
    assert.equal(load(tree.root, { XDG_CACHE_HOME: join(tree.root, 'fresh'), NODE_DISABLE_COMPILE_CACHE: '1' }), 'bundle.js true');
    assert.throws(() => readdirSync(join(tree.root, 'fresh')), /ENOENT/);
  } finally {
    tree.cleanup();
  }
});
