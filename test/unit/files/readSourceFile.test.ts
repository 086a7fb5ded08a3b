import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { readSourceFile, readSourceFiles } from '../../../src/core/files/readSourceFile';
import { formatBytes } from '../../../src/core/formatBytes';
import { tempTree } from '../../helpers/tempTree';

test('reads UTF-8 text and keeps a byte order mark so offsets match the file', async () => {
  const tree = tempTree({ 'a.ts': '\uFEFFconst host = "é";\n' });
  try {
    assert.deepEqual(readSourceFile(join(tree.root, 'a.ts'), 1024), {
      path: join(tree.root, 'a.ts'),
      text: '\uFEFFconst host = "é";\n',
    });
  } finally {
    tree.cleanup();
  }
});

test('reads ASCII and UTF-8 files longer than one read buffer whole, a multi-byte character near the end too', async () => {
  const ascii = `${'const a = 1;\n'.repeat(8000)}// end\n`;
  const utf8 = `${'const a = 1;\n'.repeat(8000)}// ü ☃ 😀\n`;
  const tree = tempTree({ 'ascii.ts': ascii, 'utf8.ts': utf8 });
  try {
    assert.deepEqual(readSourceFile(join(tree.root, 'ascii.ts'), 1024 * 1024), { path: join(tree.root, 'ascii.ts'), text: ascii });
    assert.deepEqual(readSourceFile(join(tree.root, 'utf8.ts'), 1024 * 1024), { path: join(tree.root, 'utf8.ts'), text: utf8 });
  } finally {
    tree.cleanup();
  }
});

test('skips binary, oversized, non-UTF-8 and missing files with a reason a user understands', async () => {
  const tree = tempTree({
    'bin.js': Buffer.from([0x63, 0x00, 0x64]),
    'big.json': 'x'.repeat(2048),
    'latin1.env': Buffer.from([0x50, 0x57, 0x3d, 0xe9, 0x0a]),
  });
  const reason = (name: string) => {
    const result = readSourceFile(join(tree.root, name), 1024);
    assert.ok('reason' in result, `${name} should be skipped`);
    return result.reason;
  };
  try {
    assert.equal(reason('bin.js'), 'binary file (contains NUL bytes)');
    assert.equal(reason('big.json'), 'larger than the size limit (2 KiB > 1 KiB)');
    assert.equal(reason('latin1.env'), 'not UTF-8 text');
    assert.equal(reason('missing.ts'), 'not readable (no such file or directory [ENOENT])');
    assert.equal(reason('.'), 'not a regular file');
  } finally {
    tree.cleanup();
  }
});

test('a file exactly at the size limit is still read', async () => {
  const tree = tempTree({ 'edge.ts': 'x'.repeat(1024) });
  try {
    assert.ok('text' in readSourceFile(join(tree.root, 'edge.ts'), 1024));
  } finally {
    tree.cleanup();
  }
});

test('a filter leaves files unread by their bytes or their text, in order, after the reasons to skip them', async () => {
  const tree = tempTree({ 'a.ts': 'keep', 'b.ts': 'drop by bytes', 'c.ts': 'drop by text', 'd.ts': Buffer.from([0x61, 0x00]), 'e.ts': 'keep é' });
  const seen: string[] = [];
  try {
    const paths = ['a.ts', 'b.ts', 'c.ts', 'd.ts', 'e.ts'].map((name) => join(tree.root, name));
    const read = await readSourceFiles(paths, 1024, undefined, {
      bytes: (path, bytes) => {
        seen.push(path);
        return !bytes.toString('latin1').includes('bytes');
      },
      text: (_path, text) => !text.includes('text'),
    });
    assert.deepEqual(read.inputs, [
      { path: paths[0], text: 'keep' },
      { path: paths[4], text: 'keep é' },
    ]);
    assert.deepEqual(read.unread, [paths[1], paths[2]]);
    assert.deepEqual(read.skipped, [{ file: paths[3], reason: 'binary file (contains NUL bytes)' }]);
    assert.deepEqual(seen, [paths[0], paths[1], paths[2], paths[4]]);
  } finally {
    tree.cleanup();
  }
});

test('formats sizes in B, KiB and MiB', () => {
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(1024 * 1024), '1 MiB');
  assert.equal(formatBytes(3.25 * 1024 * 1024), '3.3 MiB');
});
