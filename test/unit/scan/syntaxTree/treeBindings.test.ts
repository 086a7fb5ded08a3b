import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Node } from '@vscode/tree-sitter-wasm';
import { GoValues } from '../../../../src/core/scan/go/goValues';
import { PythonValues } from '../../../../src/core/scan/python/pythonValues';
import { loadGrammar, readSyntaxTree, type GrammarName } from '../../../../src/core/scan/syntaxTree/grammars';
import type { TreeValue } from '../../../../src/core/scan/syntaxTree/treeValue';

/**
 * Names are followed to the expression assigned to them by searching the text for their assignments (no walk of the
 * tree): a name assigned once stands for its value, a name assigned twice or never is unknown. Each row reads the
 * value of the last occurrence of `use` in the text.
 */
interface Row {
  name: string;
  text: string;
  use: string;
  expected: string | number | 'unknown';
}

const PYTHON: Row[] = [
  { name: 'a module constant', text: 'HOST = "a.redis.cache.windows.net"\nconnect(HOST)\n', use: 'HOST', expected: 'a.redis.cache.windows.net' },
  { name: 'an annotated assignment', text: 'PORT: int = 6380\nconnect(PORT)\n', use: 'PORT', expected: 6380 },
  { name: 'a line continuation before =', text: 'PORT \\\n    = 6380\nconnect(PORT)\n', use: 'PORT', expected: 6380 },
  { name: 'a chain of constants', text: 'BASE = "h"\nHOST = BASE + ".redis.cache.windows.net"\nconnect(HOST)\n', use: 'HOST', expected: 'h.redis.cache.windows.net' },
  { name: 'a name assigned twice', text: 'PORT = 6379\nPORT = 6380\nconnect(PORT)\n', use: 'PORT', expected: 'unknown' },
  { name: 'a keyword argument, a default and a comparison are no assignments', text: 'f(PORT=1)\ndef g(PORT=2):\n    return PORT == 3\nPORT = 6380\nconnect(PORT)\n', use: 'PORT', expected: 6380 },
  { name: 'a tuple target binds nothing', text: 'PORT, X = 6380, 1\nconnect(PORT)\n', use: 'PORT', expected: 'unknown' },
  { name: 'an augmented assignment binds nothing', text: 'PORT = 6380\nPORT += 0\nconnect(PORT)\n', use: 'PORT', expected: 6380 },
  { name: 'a longer name is another name', text: 'PORT = 6380\nSSL_PORT = 1\nPORT_X = 2\nconnect(PORT)\n', use: 'PORT', expected: 6380 },
  {
    name: 'an f-string of names bound to f-strings',
    text: 'ENV = "prod"\nAPP = f"application-name:{ENV}"\nSUFFIX = "s"\nKEY = f"{APP}:{SUFFIX}"\nconnect(KEY)\n',
    use: 'KEY',
    expected: 'application-name:prod:s',
  },
  { name: 'a name in a string or comment is not an assignment', text: 'x = "PORT = 1"  # PORT = 2\nPORT = 6380\nconnect(PORT)\n', use: 'PORT', expected: 6380 },
];

const GO: Row[] = [
  { name: 'a constant', text: 'package p\nconst addr = "h:6380"\nfunc f() { use(addr) }\n', use: 'addr', expected: 'h:6380' },
  { name: 'a typed variable', text: 'package p\nvar port int = 6380\nfunc f() { use(port) }\n', use: 'port', expected: 6380 },
  { name: 'a constant block', text: 'package p\nconst (\n\tA = 1\n\tport = 6380\n)\nfunc f() { use(port) }\n', use: 'port', expected: 6380 },
  { name: 'a short declaration', text: 'package p\nfunc f() {\n\taddr := "h:6380"\n\tuse(addr)\n}\n', use: 'addr', expected: 'h:6380' },
  { name: 'the second of a list', text: 'package p\nfunc f() {\n\thost, addr := "h",\n\t\t"h:6380"\n\tuse(addr)\n}\n', use: 'addr', expected: 'h:6380' },
  { name: 'the first name of a call returning two values', text: 'package p\nfunc f() {\n\taddr, err := fmt.Sprintf("h:%d", 6380)\n\tuse(addr, err)\n}\n', use: 'addr', expected: 'h:6380' },
  { name: 'the second name of a call returning two values', text: 'package p\nfunc f() {\n\taddr, err := fmt.Sprintf("h:%d", 6380)\n\tuse(addr, err)\n}\n', use: 'err', expected: 'unknown' },
  { name: 'an assignment with an operator', text: 'package p\nvar addr = "h"\nfunc f() {\n\taddr += ":6380"\n\tuse(addr)\n}\n', use: 'addr', expected: 'unknown' },
  { name: 'a name assigned twice', text: 'package p\nfunc f() {\n\taddr := "a:6379"\n\taddr = "h:6380"\n\tuse(addr)\n}\n', use: 'addr', expected: 'unknown' },
  { name: 'a parameter and a use are no assignments', text: 'package p\nfunc f(addr string) { use(addr, "x"+addr) }\nconst other = 1\n', use: 'addr', expected: 'unknown' },
];

before(async () => {
  await loadGrammar('python');
  await loadGrammar('go');
});

function valueOfLastUse(grammar: GrammarName, row: Row, values: (root: Node) => { value(node: Node): TreeValue }): TreeValue {
  return readSyntaxTree(grammar, row.text, (root) => {
    const at = row.text.lastIndexOf(row.use);
    const node = root.descendantForIndex(at, at + row.use.length);
    assert.ok(node, `no node at ${row.use}`);
    return values(root).value(node);
  });
}

function shown(value: TreeValue): string | number {
  if (value.kind === 'string') return value.value.text;
  if (value.kind === 'number') return value.value;
  return value.kind;
}

for (const row of PYTHON) {
  test(`Python names: ${row.name}`, () => {
    const value = valueOfLastUse('python', row, (root) => new PythonValues('/ws/a.py', root, row.text));
    assert.equal(shown(value), row.expected);
  });
}

for (const row of GO) {
  test(`Go names: ${row.name}`, () => {
    const value = valueOfLastUse('go', row, (root) => new GoValues('/ws/a.go', root, row.text));
    assert.equal(shown(value), row.expected);
  });
}
