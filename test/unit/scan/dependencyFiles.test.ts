import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dependencyFileSource } from '../../../src/core/scan/dependencyFiles';
import type { ScanInputs } from '../../../src/core/scan/frontEnd';
import { nearbyProjectFiles } from '../../../src/core/scan/syntaxTree/projectFiles';

/** A folder tree in memory: path → text. */
function disk(files: Record<string, string>) {
  const listed: string[] = [];
  const list = (folder: string) => {
    listed.push(folder);
    return Object.keys(files).filter((path) => path.slice(0, path.lastIndexOf('/')) === folder).map((path) => path.slice(path.lastIndexOf('/') + 1));
  };
  return { list, read: (path: string) => files[path], listed };
}

const PYTHON = ['requirements.txt', 'pyproject.toml'];

test('the dependency file nearest the source wins; in one folder, the order of the names', () => {
  const { list, read } = disk({
    '/ws/requirements.txt': 'a\n',
    '/ws/svc/pyproject.toml': '[project]\n',
    '/ws/svc/requirements.txt': 'b\n',
    '/ws/svc/app/README.md': '',
  });
  const inputs: ScanInputs = { all: [], readable: [], host: { dependencyFiles: dependencyFileSource(['/ws'], list, read) } };
  assert.deepEqual(nearbyProjectFiles('/ws/svc/app/cache.py', inputs, PYTHON).map((entry) => entry.file),
    ['/ws/svc/requirements.txt', '/ws/svc/pyproject.toml', '/ws/requirements.txt']);
});

test('the lookup stops at the root: a dependency file above it is not the project\'s', () => {
  const { list, read, listed } = disk({ '/ws/requirements.txt': 'a\n', '/ws/svc/x.py': '' });
  const inputs: ScanInputs = { all: [], readable: [], host: { dependencyFiles: dependencyFileSource(['/ws/svc'], list, read) } };
  assert.deepEqual(nearbyProjectFiles('/ws/svc/app/cache.py', inputs, PYTHON), []);
  assert.deepEqual(listed, ['/ws/svc/app', '/ws/svc']);
});

test('an input is used as the scan read it, not as the disk has it, and each folder is listed once per source', () => {
  const { list, read, listed } = disk({ '/ws/go.mod': 'on disk\n' });
  const source = dependencyFileSource(['/ws/'], list, read);
  const inputs: ScanInputs = { all: [{ path: '/ws/go.mod', text: 'as scanned\n' }], readable: [], host: { dependencyFiles: source } };
  assert.deepEqual(nearbyProjectFiles('/ws/a/main.go', inputs, ['go.mod']), [{ file: '/ws/go.mod', text: 'as scanned\n' }]);
  nearbyProjectFiles('/ws/a/other.go', inputs, ['go.mod']);
  assert.deepEqual(listed, ['/ws/a', '/ws']);
});

test('without a host only the inputs are looked at, as before', () => {
  const inputs: ScanInputs = { all: [{ path: '/ws/a/pom.xml', text: '<project/>' }, { path: '/ws/b/pom.xml', text: '<project/>' }], readable: [] };
  assert.deepEqual(nearbyProjectFiles('/ws/a/src/Cache.java', inputs, ['pom.xml']).map((entry) => entry.file), ['/ws/a/pom.xml']);
});
