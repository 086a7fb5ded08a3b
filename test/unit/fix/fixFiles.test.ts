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
