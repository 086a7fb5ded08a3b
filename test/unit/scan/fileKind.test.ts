import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileKindOf } from '../../../src/core/scan/fileKind';

test('env files and the example files committed beside them are read as env files', () => {
  for (const name of ['.env', 'prod.env', '.env.example', '.env.local', '.env-example', '.env_sample', 'env.example', 'env.sample', 'env.template', 'dev.env.example', '.envrc']) {
    assert.equal(fileKindOf(`/ws/${name}`), 'env', name);
  }
});

test('names that only contain "env" are not env files', () => {
  for (const name of ['environment.ts', 'envoy.yaml', 'env.go', 'envelope.json', 'myenv']) {
    assert.notEqual(fileKindOf(`/ws/${name}`), 'env', name);
  }
});

test('each language goes to its own kind', () => {
  const kinds = Object.fromEntries(['a.ts', 'a.py', 'a.go', 'a.cs', 'a.java', 'a.csproj', 'a.properties', 'a.d.ts'].map((name) => [name, fileKindOf(`/ws/${name}`)]));
  assert.deepEqual(kinds, {
    'a.ts': 'script', 'a.py': 'python', 'a.go': 'go', 'a.cs': 'csharp', 'a.java': 'java', 'a.csproj': 'xml-config', 'a.properties': 'properties', 'a.d.ts': undefined,
  });
});
