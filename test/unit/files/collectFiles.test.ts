import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { collectFiles } from '../../../src/core/files/collectFiles';
import { tempTree } from '../../helpers/tempTree';

const scriptsAndConfig = (path: string) => /\.(ts|js|json|env)$/.test(path);

async function collectRelative(root: string, roots: string[] = [root]) {
  const { files, skipped } = await collectFiles(roots, { isScannable: scriptsAndConfig });
  return {
    files: files.map((file) => relative(root, file).split('\\').join('/')),
    skipped: skipped.map((s) => ({ file: relative(root, s.file).split('\\').join('/'), reason: s.reason })),
  };
}

test('lists the scannable files of a folder tree in a stable order and passes over other kinds', async () => {
  const tree = tempTree({ 'b.ts': '', 'a.js': '', 'README.md': '', 'src/z.json': '', 'src/deep/y.ts': '' });
  try {
    assert.deepEqual((await collectRelative(tree.root)).files, ['a.js', 'b.ts', 'src/deep/y.ts', 'src/z.json']);
  } finally {
    tree.cleanup();
  }
});

test('never enters node_modules or .git, even when no .gitignore names them', async () => {
  const tree = tempTree({ 'app.ts': '', 'node_modules/redis/index.js': '', '.git/hooks/x.js': '', 'lib/node_modules/y.js': '' });
  try {
    assert.deepEqual((await collectRelative(tree.root)).files, ['app.ts']);
  } finally {
    tree.cleanup();
  }
});

test('honours the root .gitignore, nested .gitignore files and their negations', async () => {
  const tree = tempTree({
    '.gitignore': 'dist/\n*.gen.ts\n',
    'dist/out.js': '',
    'src/app.ts': '',
    'src/app.gen.ts': '',
    'src/.gitignore': 'secret.json\n!keep.gen.ts\n',
    'src/secret.json': '',
    'src/keep.gen.ts': '',
    'other/secret.json': '',
  });
  try {
    assert.deepEqual((await collectRelative(tree.root)).files, ['other/secret.json', 'src/app.ts', 'src/keep.gen.ts']);
  } finally {
    tree.cleanup();
  }
});

test('applies the .gitignore files above a scanned subfolder up to the git work tree root', async () => {
  const tree = tempTree({ '.gitignore': 'generated/\n', 'svc/generated/a.ts': '', 'svc/main.ts': '' });
  mkdirSync(join(tree.root, '.git'));
  try {
    assert.deepEqual((await collectRelative(tree.root, [join(tree.root, 'svc')])).files, ['svc/main.ts']);
  } finally {
    tree.cleanup();
  }
});

test('scans a folder named explicitly even when a .gitignore above it excludes it, keeping its own rules', async () => {
  const tree = tempTree({ '.gitignore': 'dist/\n', 'dist/.gitignore': '*.map.js\n', 'dist/app.js': '', 'dist/app.map.js': '' });
  mkdirSync(join(tree.root, '.git'));
  try {
    assert.deepEqual((await collectRelative(tree.root, [join(tree.root, 'dist')])).files, ['dist/app.js']);
    assert.deepEqual((await collectRelative(tree.root)).files, []);
  } finally {
    tree.cleanup();
  }
});

test('ignores .gitignore files above the scanned folder when it is not inside a git work tree', async () => {
  const tree = tempTree({ '.gitignore': 'svc/\n', 'svc/main.ts': '' });
  try {
    assert.deepEqual((await collectRelative(tree.root, [join(tree.root, 'svc')])).files, ['svc/main.ts']);
  } finally {
    tree.cleanup();
  }
});

test('scans a file named explicitly even if ignored, and reports an explicit file of another kind as skipped', async () => {
  const tree = tempTree({ '.gitignore': '*.ts\n', 'ignored.ts': '', 'notes.md': '' });
  try {
    const result = await collectRelative(tree.root, [join(tree.root, 'ignored.ts'), join(tree.root, 'notes.md')]);
    assert.deepEqual(result.files, ['ignored.ts']);
    assert.deepEqual(result.skipped, [{ file: 'notes.md', reason: 'not a kind of file amr-migrate scans' }]);
  } finally {
    tree.cleanup();
  }
});

test('follows symbolic links but visits every folder and file once, so a link loop ends', async () => {
  const tree = tempTree({ 'src/a.ts': '' });
  symlinkSync(tree.root, join(tree.root, 'src', 'loop'));
  symlinkSync(join(tree.root, 'src', 'a.ts'), join(tree.root, 'alias.ts'));
  try {
    const { files } = await collectRelative(tree.root);
    assert.equal(files.length, 1);
    assert.match(files[0]!, /^(alias\.ts|src\/a\.ts)$/);
  } finally {
    tree.cleanup();
  }
});

test('reports a broken symbolic link and a missing root as skipped with the reason', async () => {
  const tree = tempTree({ 'ok.ts': '' });
  symlinkSync(join(tree.root, 'gone.ts'), join(tree.root, 'dangling.ts'));
  try {
    const result = await collectRelative(tree.root, [tree.root, join(tree.root, 'missing')]);
    assert.deepEqual(result.files, ['ok.ts']);
    assert.deepEqual(result.skipped, [
      { file: 'dangling.ts', reason: 'broken symbolic link (no such file or directory [ENOENT])' },
      { file: 'missing', reason: 'not readable (no such file or directory [ENOENT])' },
    ]);
  } finally {
    tree.cleanup();
  }
});

test('stops with the abort reason once the signal is aborted', async () => {
  const tree = tempTree({ 'a.ts': '' });
  const controller = new AbortController();
  controller.abort(new Error('interrupted'));
  try {
    await assert.rejects(collectFiles([tree.root], { isScannable: scriptsAndConfig, signal: controller.signal }), /interrupted/);
  } finally {
    tree.cleanup();
  }
});
