import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { UNKNOWN_CHAR } from '../../../../src/core/evidence/evidence';
import { GoValues } from '../../../../src/core/scan/go/goValues';
import { loadGrammar, readSyntaxTree } from '../../../../src/core/scan/syntaxTree/grammars';
import type { TreeValue } from '../../../../src/core/scan/syntaxTree/treeValue';

/**
 * A Go sum of string literals and names written on one line is read from its text; the same sum with a line break
 * after each `+` (same offsets) is read through the tree. Both must give the same value: the same pieces, from the
 * same places, and the same unknown parts (whose text differs only by that break). Unknown parts are shown between bars.
 */
const BINDINGS = [
  'const host = "h.redis.cache.windows.net"',
  'const port = 6380',
  'const prefix = "app:" + host',
  'var twice = "a"',
  'var deep0 = "d"',
  ...Array.from({ length: 13 }, (_, index) => `var deep${index + 1} = deep${index} + "d"`),
].join('\n');

const SUMS: Array<{ name: string; sum: string; expected: string }> = [
  { name: 'a literal and a parameter', sum: '"session:" + id', expected: 'session:|id|' },
  { name: 'a constant and a number', sum: 'host + ":" + port', expected: 'h.redis.cache.windows.net:6380' },
  { name: 'a constant that is a sum', sum: 'prefix + ":" + id', expected: 'app:h.redis.cache.windows.net:|id|' },
  { name: 'unknown names before a literal', sum: 'id + other + ":x"', expected: '|id + other|:x' },
  { name: 'names alone', sum: 'id + other', expected: 'unknown' },
  { name: 'empty literals', sum: '"" + `` + id + ""', expected: '|id|' },
  { name: 'a raw literal with a quote', sum: '`say "hi"` + id', expected: 'say "hi"|id|' },
  { name: 'a number constant alone with a name', sum: 'port + id', expected: 'unknown' },
  { name: 'a long chain', sum: Array.from({ length: 15 }, (_, index) => `"${index}"`).join(' + '), expected: '|"0" + "1" + "2"|34567891011121314' },
  { name: 'a constant of constants', sum: 'deep3 + "!"', expected: 'dddd!' },
  { name: 'a constant too deep', sum: 'deep13 + "!"', expected: '|deep8|ddddd!' },
  { name: 'nil is no name', sum: '"a" + nil', expected: 'a|nil|' },
  { name: 'a literal with an escape', sum: '"a\\tb" + id', expected: 'a\tb|id|' },
  { name: 'a call', sum: '"a" + f(id)', expected: 'a|f(id)|' },
  { name: 'a selector', sum: '"a" + order.ID', expected: 'a|order.ID|' },
];

before(() => loadGrammar('go'));

function valueOf(sum: string): TreeValue {
  const text = `package p\n${BINDINGS}\nfunc f(id string, other string) { use(${sum}) }\n`;
  return readSyntaxTree('go', text, (root) => {
    const at = text.indexOf(sum);
    const node = root.descendantForIndex(at, at + sum.length);
    assert.equal(node?.type, 'binary_expression');
    return new GoValues('/ws/a.go', root, text).value(node);
  });
}

/** The value as compared: line breaks as blanks (the one difference the two forms may show). */
function comparable(value: TreeValue): unknown {
  return JSON.parse(JSON.stringify(value).replaceAll('\\n', ' '));
}

function shown(value: TreeValue): string {
  return value.kind === 'string' ? value.value.text.replaceAll(UNKNOWN_CHAR, '|') : value.kind;
}

for (const { name, sum, expected } of SUMS) {
  test(`Go sums read from the text as through the tree: ${name}`, () => {
    const fromText = valueOf(sum);
    const throughTree = valueOf(sum.replaceAll('+ ', '+\n'));
    assert.deepEqual(comparable(fromText), comparable(throughTree));
    assert.equal(shown(fromText), expected);
  });
}
