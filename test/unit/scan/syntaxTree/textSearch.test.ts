import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wholeNames, wordsHolding } from '../../../../src/core/scan/syntaxTree/textSearch';

/**
 * The name searches of the tree readers find their matches more quickly than the patterns they stand for would; each
 * row checks they find exactly what those patterns find, on texts where a quicker search could go wrong.
 */
const WHOLE_NAMES: Array<{ name: string; names: string[]; flags?: string; followedBy?: string; text: string }> = [
  { name: 'names inside longer names are not whole', names: ['Del', 'Keys'], text: 'rdb.Del(x); rdb.DelX(y); xDel(z); Keys(k); Del' },
  { name: 'a longer name listed after a shorter one', names: ['Eval', 'EvalSha'], followedBy: String.raw`(\s*\()`, text: 'c.EvalSha (a) c.Eval(b) c.Evalx(c)' },
  { name: 'letters beyond ASCII border a name', names: ['id'], text: 'éid id_ id² ид id' },
  { name: 'a followedBy that fails leaves the next name to match', names: ['os'], followedBy: String.raw`(\s*\.\s*\w+)`, text: 'os os.Getenv os .Exit' },
  { name: 'an import alias that is not a word (a dot)', names: ['.', 'fmt'], text: 'fmt.Println(.5) x.y . fmt' },
  { name: 'an empty name (an import path that is empty)', names: ['', 'os'], followedBy: String.raw`(\.\w+)`, text: 'os.Exit(1); (.5).x; a.b' },
  { name: 'case-blind names', names: ['delete', 'scan'], flags: 'i', text: 'r.DELETE(a) r.Scan(b) r.ſcan(c) r.scanner(d)' },
];

for (const row of WHOLE_NAMES) {
  test(`wholeNames: ${row.name}`, () => {
    const pattern = wholeNames(row.names, row.flags, row.followedBy);
    const plain = new RegExp(pattern.source, pattern.flags);
    const found = Array.from(row.text.matchAll(pattern), (match) => [match.index, ...match]);
    assert.deepEqual(found, Array.from(row.text.matchAll(plain), (match) => [match.index, ...match]));
  });
}

test('wordsHolding finds the whole words that hold a part, as the costly pattern would', () => {
  const costly = /(?<![\p{L}\p{N}_])[\p{L}\p{N}_]*(?:redis|cache)[\p{L}\p{N}_]*(?![\p{L}\p{N}_])/giu;
  const text = 'REDIS_HOST = x; my_redis_cache2 = y; orders.redis.cache.windows.net; 𝐀redis𝐀 ; xrediſ; Cache';
  const expected = Array.from(text.matchAll(costly), (match) => [match.index, match.index + match[0].length]);
  assert.equal(expected.length, 7);
  assert.deepEqual(wordsHolding(text, /redis|cache/giu), expected);
});
