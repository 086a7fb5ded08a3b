import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { emptyEvidence } from '../../../../src/core/evidence/evidence';
import { isGrammarLoaded, loadGrammar, readSyntaxTree, type GrammarName } from '../../../../src/core/scan/syntaxTree/grammars';
import { syntaxTreeFrontEnd } from '../../../../src/core/scan/syntaxTree/syntaxTreeFrontEnd';
import wasmFiles from '../../../../src/core/scan/syntaxTree/wasmFiles.json';

const SAMPLES: Record<GrammarName, { text: string; literal: string }> = {
  'c-sharp': { text: 'var mux = ConnectionMultiplexer.Connect("h:6380");', literal: '"h:6380"' },
  python: { text: 'r = redis.Redis(host="h", port=6380)\n', literal: '6380' },
  java: { text: 'class A { Jedis j = new Jedis("h", 6380, true); }', literal: '6380' },
  go: { text: 'package main\nfunc f() { redis.NewClient(&redis.Options{Addr: "h:6380"}) }\n', literal: '"h:6380"' },
  hcl: { text: 'resource "azurerm_redis_cache" "c" {\n  capacity = 1\n}\n', literal: '1' },
};

// First: the grammars load once per process, and this test needs Java's not loaded yet.
test('a syntax-tree front end loads its grammar only when a file may hold evidence', async () => {
  const frontEnd = syntaxTreeFrontEnd<'java'>({
    grammar: 'java',
    mayHoldEvidence: (text) => text.includes('Jedis'),
    analyze: (root, input) => ({ ...emptyEvidence(input.path), databases: [{ value: root.childCount, span: { file: input.path, start: 0, end: 1 } }] }),
  });
  const plain = { path: '/ws/A.java', text: 'class A {}' };
  const redisy = { path: '/ws/B.java', text: 'class B { Jedis j; }' };
  const run = frontEnd.begin({ all: [plain, redisy], readable: [plain, redisy] });
  assert.equal(run.analyze(plain, 'java'), undefined);
  assert.throws(() => run.analyze(redisy, 'java'), /java grammar is not loaded/);

  await frontEnd.prepare?.([plain]);
  assert.equal(isGrammarLoaded('java'), false, 'a file without evidence must not load the grammar');
  await frontEnd.prepare?.([plain, redisy]);
  assert.equal(isGrammarLoaded('java'), true);
  assert.equal(frontEnd.begin({ all: [redisy], readable: [redisy] }).analyze(redisy, 'java')?.databases[0]?.value, 1);
});

test('every .wasm file the build copies exists in its package', () => {
  for (const { packageName, file } of [wasmFiles.runtime, ...Object.values(wasmFiles.grammars)]) {
    const path = join(dirname(require.resolve(`${packageName}/package.json`)), file);
    assert.ok(existsSync(path), `${packageName}/${file}`);
  }
});

for (const [grammar, sample] of Object.entries(SAMPLES) as Array<[GrammarName, { text: string; literal: string }]>) {
  test(`the ${grammar} grammar parses without errors and reports UTF-16 offsets`, async () => {
    await loadGrammar(grammar);
    const found = readSyntaxTree(grammar, sample.text, (root) => {
      assert.equal(root.hasError, false, root.toString());
      const leaf = root.descendantForIndex(sample.text.lastIndexOf(sample.literal));
      return { start: leaf?.startIndex, error: root.hasError };
    });
    assert.equal(found.start, sample.text.lastIndexOf(sample.literal));
  });
}

test('offsets are UTF-16 offsets of the text, as evidence spans are', async () => {
  await loadGrammar('python');
  const text = 'note = "héllo 😀"\nport = 6380\n';
  const start = readSyntaxTree('python', text, (root) => root.descendantsOfType('integer')[0]?.startIndex);
  assert.equal(start, text.indexOf('6380'));
});
