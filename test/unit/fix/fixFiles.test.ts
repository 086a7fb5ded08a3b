import assert from 'node:assert/strict';
import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../../../src/core/findings';
import { fixFiles } from '../../../src/core/fix/fixFiles';
import { planFixes } from '../../../src/core/fix/planFixes';
import { writeFileAtomic } from '../../../src/core/fix/writeFileAtomic';
import { tempTree } from '../../helpers/tempTree';

function portFinding(file: string, start: number): Finding {
  return {
    ruleId: 'legacy-tls-port', severity: 'warning', file, start, end: start + 4, line: 1, column: start + 1, endLine: 1, endColumn: start + 5, message: 'm',
    fixes: [{ title: 'Use port 10000', preferred: true, edits: [{ file, start, end: start + 4, newText: '10000' }] }],
  };
}

test('writes the planned edits and reports the fixes applied per file', async () => {
  const tree = tempTree({ 'a.env': 'PORT=6380\nOTHER=6380\n' });
  const file = join(tree.root, 'a.env');
  try {
    const plan = planFixes([portFinding(file, 5), portFinding(file, 16)]);
    const outcomes = await fixFiles(plan.files, new Map([[file, 'PORT=6380\nOTHER=6380\n']]));
    assert.equal(readFileSync(file, 'utf8'), 'PORT=10000\nOTHER=10000\n');
    assert.deepEqual(outcomes.map((o) => [o.file, o.applied.length, o.problem]), [[file, 2, undefined]]);
    assert.deepEqual(readdirSync(tree.root), ['a.env'], 'no temporary file is left behind');
  } finally {
    tree.cleanup();
  }
});

test('leaves a file alone when it changed since the scan read it', async () => {
  const tree = tempTree({ 'a.env': 'PORT=6380 # edited\n' });
  const file = join(tree.root, 'a.env');
  try {
    const outcomes = await fixFiles(planFixes([portFinding(file, 5)]).files, new Map([[file, 'PORT=6380\n']]));
    assert.equal(readFileSync(file, 'utf8'), 'PORT=6380 # edited\n');
    assert.deepEqual(outcomes.map((o) => [o.applied.length, o.problem]), [[0, 'changed since it was scanned; run the scan again']]);
  } finally {
    tree.cleanup();
  }
});

test('once aborted, stops between files and returns what it did so far', async () => {
  const tree = tempTree({ 'a.env': 'PORT=6380\n' });
  const file = join(tree.root, 'a.env');
  const controller = new AbortController();
  controller.abort();
  try {
    const outcomes = await fixFiles(planFixes([portFinding(file, 5)]).files, new Map([[file, 'PORT=6380\n']]), controller.signal);
    assert.deepEqual(outcomes, []);
    assert.equal(readFileSync(file, 'utf8'), 'PORT=6380\n');
  } finally {
    tree.cleanup();
  }
});

test('an atomic write keeps the permission bits and writes through a symbolic link', async () => {
  const tree = tempTree({ 'real.sh': 'old' });
  const real = join(tree.root, 'real.sh');
  const link = join(tree.root, 'link.sh');
  chmodSync(real, 0o751);
  symlinkSync(real, link);
  try {
    await writeFileAtomic(link, 'new ✓');
    assert.equal(readFileSync(real, 'utf8'), 'new ✓');
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(statSync(real).mode & 0o777, 0o751);
  } finally {
    tree.cleanup();
  }
});

function helperFinding(source: string, helper: string, content: string): Finding {
  return {
    ruleId: 'access-key-auth', severity: 'warning', file: source, start: 0, end: 4, line: 1, column: 1, endLine: 1, endColumn: 5, message: 'm',
    fixes: [{
      title: 'Use the helper',
      preferred: true,
      edits: [
        { file: source, start: 0, end: 4, newText: 'HELP' },
        { file: helper, start: 0, end: 0, newText: content, create: true },
      ],
    }],
  };
}

test('a fix creates the module it imports; an identical one already there counts as done', async () => {
  const tree = tempTree({ 'app.js': 'KEY  = 1\n' });
  const source = join(tree.root, 'app.js');
  const helper = join(tree.root, 'helper.js');
  try {
    const plan = planFixes([helperFinding(source, helper, 'module.exports = {};\n')]);
    const outcomes = await fixFiles(plan.files, new Map([[source, 'KEY  = 1\n']]));
    assert.equal(readFileSync(helper, 'utf8'), 'module.exports = {};\n');
    assert.equal(readFileSync(source, 'utf8'), 'HELP = 1\n');
    assert.deepEqual(outcomes.map((o) => [o.file, o.applied.length, o.created]), [[source, 1, undefined], [helper, 1, true]]);
    assert.deepEqual(readdirSync(tree.root).sort(), ['app.js', 'helper.js'], 'no temporary file is left behind');

    const again = await fixFiles(planFixes([helperFinding(source, helper, 'module.exports = {};\n')]).files, new Map([[source, 'KEY  = 1\n']]));
    assert.deepEqual(again.find((o) => o.file === helper), { file: helper, applied: [] });
  } finally {
    tree.cleanup();
  }
});

test('a file to create that exists with other content is never overwritten', async () => {
  const tree = tempTree({ 'app.js': 'KEY  = 1\n', 'helper.js': '// mine\n' });
  const source = join(tree.root, 'app.js');
  const helper = join(tree.root, 'helper.js');
  try {
    const outcomes = await fixFiles(planFixes([helperFinding(source, helper, 'module.exports = {};\n')]).files, new Map([[source, 'KEY  = 1\n']]));
    assert.equal(readFileSync(helper, 'utf8'), '// mine\n');
    assert.deepEqual(outcomes.find((o) => o.file === helper), {
      file: helper, applied: [], problem: 'exists already with other content; not overwritten',
    });
  } finally {
    tree.cleanup();
  }
});

function editFinding(file: string, start: number, end: number, newText: string): Finding {
  return {
    ruleId: 'legacy-tls-port', severity: 'warning', file, start, end, line: 1, column: start + 1, endLine: 1, endColumn: end + 1, message: 'm',
    fixes: [{ title: 'Edit', preferred: true, edits: [{ file, start, end, newText }] }],
  };
}

test('a fix whose result would not parse is refused and the file left as it was', async () => {
  const files = { 'cache.ts': 'export const port = 6380;\n', 'settings.json': '{ "port": 6380 }\n', 'app.env': 'PORT=6380\n' };
  const tree = tempTree(files);
  const path = (name: string) => join(tree.root, name);
  try {
    const plan = planFixes([
      editFinding(path('cache.ts'), 20, 24, '10000, {'),
      editFinding(path('settings.json'), 10, 14, '10000,,'),
      editFinding(path('app.env'), 5, 9, '10000 {'),
    ]);
    const outcomes = await fixFiles(plan.files, new Map(Object.entries(files).map(([name, text]) => [path(name), text])));
    const problem = (name: string) => outcomes.find((o) => o.file === path(name))?.problem;
    for (const name of ['cache.ts', 'settings.json']) {
      assert.equal(problem(name), 'the fixed text would not parse (new syntax errors); left unchanged');
      assert.equal(readFileSync(path(name), 'utf8'), files[name as keyof typeof files]);
    }
    assert.equal(problem('app.env'), undefined, 'a kind without a parser is written as before');
    assert.equal(readFileSync(path('app.env'), 'utf8'), 'PORT=10000 {\n');
  } finally {
    tree.cleanup();
  }
});

test('a read-only file is skipped, not replaced through a temporary file and a rename', async () => {
  const tree = tempTree({ 'a.env': 'PORT=6380\n' });
  const file = join(tree.root, 'a.env');
  chmodSync(file, 0o444);
  const inode = statSync(file).ino;
  try {
    const outcomes = await fixFiles(planFixes([portFinding(file, 5)]).files, new Map([[file, 'PORT=6380\n']]));
    assert.deepEqual(outcomes.map((o) => [o.applied.length, o.problem, o.error]), [[0, 'read-only; skipped', undefined]]);
    assert.equal(readFileSync(file, 'utf8'), 'PORT=6380\n');
    assert.equal(statSync(file).ino, inode, 'the very same file, not a replacement');
    assert.equal(statSync(file).mode & 0o777, 0o444);
    assert.deepEqual(readdirSync(tree.root), ['a.env'], 'no temporary file is left behind');
  } finally {
    tree.cleanup();
  }
});
