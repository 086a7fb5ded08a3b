import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from '@vscode/tree-sitter-wasm';
import { DEFAULT_SCAN_SETTINGS } from '../../../../src/core/findings';
import { RULES } from '../../../../src/core/rules';
import { loadGrammar, readSyntaxTree, type GrammarName } from '../../../../src/core/scan/syntaxTree/grammars';
import { KeptSyntaxTrees } from '../../../../src/core/scan/syntaxTree/keptTrees';
import { ScanSession } from '../../../../src/core/scan/scanSession';
import { prepareScan, scanSources } from '../../../../src/core/scan/scanner';
import { seededRandom } from '../../../helpers/seededRandom';

/**
 * A kept tree, edited and re-parsed incrementally, must be the tree a fresh parse of the new text gives: same
 * nodes, offsets and row/column positions, whatever the edits (several lines, non-ASCII text, deletions).
 */

const FILES: Record<Exclude<GrammarName, 'hcl'>, string> = {
  'c-sharp': [
    'using StackExchange.Redis;',
    'class Cache {',
    '    // Größe: the cache named "é" stays',
    '    const string Host = "orders.redis.cache.windows.net";',
    '    void Run() {',
    '        var mux = ConnectionMultiplexer.Connect($"{Host}:6380,ssl=true");',
    '        var db = mux.GetDatabase(2);',
    '        db.KeyDelete(new RedisKey[] { "a", "b" });',
    '    }',
    '}',
  ].join('\n'),
  python: [
    'import redis',
    '# Größe 😀',
    "r = redis.Redis(host='orders.redis.cache.windows.net', port=6380)",
    'def f(keys):',
    '    if keys:',
    '        r.delete(*keys)',
    '    return r.mget("a", "b")',
    '',
  ].join('\n'),
  java: [
    'import redis.clients.jedis.Jedis;',
    'class A {',
    '    // Größe 😀',
    '    Jedis j = new Jedis("orders.redis.cache.windows.net", 6380, true);',
    '    void f() { j.del("a", "b"); }',
    '}',
  ].join('\n'),
  go: [
    'package main',
    '',
    'import "github.com/redis/go-redis/v9"',
    '',
    '// Größe 😀',
    'func f() {',
    '\tc := redis.NewClient(&redis.Options{Addr: "orders.redis.cache.windows.net:6380"})',
    '\tc.Del(ctx, "a", "b")',
    '}',
    '',
  ].join('\n'),
};

const SNIPPETS = ['\n', '    ', 'x', '(', ')', '{', '}', '"', "'", '// ', 'é', '😀', 'db.StringGet(k);\n', 'if (a) {\n', ':\n    pass\n', ', 6379'];

/** Every node of a tree in document order, with what a reader may look at. */
function describe(root: Node): string[] {
  const described: string[] = [];
  const cursor = root.walk();
  for (;;) {
    const { row, column } = cursor.startPosition;
    const end = cursor.endPosition;
    described.push(`${cursor.nodeType} ${cursor.startIndex}-${cursor.endIndex} ${row}:${column}-${end.row}:${end.column}`);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        cursor.delete();
        return described;
      }
    }
  }
}

for (const [grammar, seed] of Object.entries(FILES) as Array<[Exclude<GrammarName, 'hcl'>, string]>) {
  test(`${grammar}: a kept tree re-parsed after edits equals a fresh parse`, async () => {
    await loadGrammar(grammar);
    const random = seededRandom(grammar.length * 7919);
    const trees = new KeptSyntaxTrees();
    let text = seed;
    try {
      for (let edit = 0; edit < 60; edit++) {
        const start = Math.floor(random() * (text.length + 1));
        const removed = random() < 0.4 ? Math.floor(random() * 12) : 0;
        const inserted = random() < 0.8 ? SNIPPETS[Math.floor(random() * SNIPPETS.length)]! : '';
        text = text.slice(0, start) + inserted + text.slice(start + removed);
        const kept = trees.read(grammar, '/ws/file', text, describe);
        assert.deepEqual(kept, readSyntaxTree(grammar, text, describe), `after edit ${edit}: ${JSON.stringify(text)}`);
      }
      assert.equal(trees.size, 1);
    } finally {
      trees.forget('/ws/file');
    }
    assert.equal(trees.size, 0);
  });
}

test('a live session of a C# document finds after each edit what a one-shot scan finds, and frees its tree on close', async () => {
  const path = '/ws/Cache.cs';
  await prepareScan([{ path, text: FILES['c-sharp'] }], DEFAULT_SCAN_SETTINGS);
  const session = new ScanSession(RULES);
  const random = seededRandom(15);
  let text = FILES['c-sharp'];
  for (let edit = 0; edit < 40; edit++) {
    const start = Math.floor(random() * (text.length + 1));
    text = text.slice(0, start) + SNIPPETS[Math.floor(random() * SNIPPETS.length)]! + text.slice(start);
    session.update(path, text);
    const live = session.scan(path, DEFAULT_SCAN_SETTINGS).result;
    assert.deepEqual(live, scanSources([{ path, text }], DEFAULT_SCAN_SETTINGS, RULES), `after edit ${edit}: ${JSON.stringify(text)}`);
  }
  assert.equal(session.treeCount, 1);
  session.close(path);
  assert.equal(session.treeCount, 0);
});
