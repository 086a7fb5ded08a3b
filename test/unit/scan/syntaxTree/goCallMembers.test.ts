import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { analyzeGo } from '../../../../src/core/scan/go/analyzeGo';
import { loadGrammar, readSyntaxTree } from '../../../../src/core/scan/syntaxTree/grammars';

/**
 * The receiver and method of a go-redis command call are read from the text of a file without syntax errors, and
 * from the tree otherwise (here: the same file with a broken declaration after it). Both must give the same
 * commands, at the same places, with the same receivers; comments in an argument list are no arguments.
 */
const CALLS = [
  'rdb.Del(ctx, "a", "b")',
  's.rdb.MGet(ctx, "a", "b")',
  'getRedis(ctx).Del(ctx, "a", "b")',
  'rdb . Del(ctx, "a", "b")',
  'rdb.\tUnlink(ctx, "a", "b")',
  'rdb./* c */Del(ctx, "a", "b")',
  'rdb /* c */.Del(ctx, "a", "b")',
  'rdb.\n\t\tDel(ctx, "a", "b")',
  'rdb. // c\n\t\tDel(ctx, "a", "b")',
  'rdb.\n\t\tExists(ctx, "a", "b")',
  'rdb.Rename(ctx, "a", "b")',
  'rdb.Del(ctx, /* first */ "a", "b" /* last */)',
  'rdb.Keys(ctx, "*")',
  'rdb.Do(ctx, "select", 2)',
];

const TEXT = [
  'package main',
  '',
  'import (',
  '\t"context"',
  '',
  '\t"github.com/redis/go-redis/v9"',
  ')',
  '',
  'func main() {',
  '\tctx := context.Background()',
  '\trdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})',
  ...CALLS.map((call) => `\t${call}`),
  '}',
  '',
].join('\n');

before(() => loadGrammar('go'));

function commandsOf(text: string) {
  return readSyntaxTree('go', text, (root) => {
    const evidence = analyzeGo(root, { path: '/ws/main.go', text }, []);
    return { commands: evidence.commands, databases: evidence.databases };
  });
}

test('Go command calls: receivers and methods read from the text as through the tree', () => {
  const fromText = commandsOf(TEXT);
  const throughTree = commandsOf(`${TEXT}func broken( {\n`);
  assert.deepEqual(fromText, throughTree);
  assert.deepEqual(
    fromText.commands.map((use) => [TEXT.slice(use.at.start, use.at.end), use.site?.receiver, use.keys?.map((key) => key.text).join()]),
    [
      ['Del', 'rdb', 'a,b'], ['MGet', 's.rdb', 'a,b'], ['Del', 'getRedis(ctx)', 'a,b'], ['Del', 'rdb', 'a,b'], ['Unlink', 'rdb', 'a,b'],
      ['Del', 'rdb', 'a,b'], ['Del', 'rdb', 'a,b'], ['Del', 'rdb', 'a,b'], ['Del', 'rdb', 'a,b'], ['Exists', 'rdb', 'a,b'],
      ['Rename', undefined, 'a,b'], ['Del', 'rdb', 'a,b'], ['Keys', undefined, ''],
    ],
  );
  assert.equal(fromText.databases.length, 1);
});
