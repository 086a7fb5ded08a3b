import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Node } from '@vscode/tree-sitter-wasm';
import { csharpSyntax } from '../../../../src/core/scan/csharp/csharpSyntax';
import { javaSyntax } from '../../../../src/core/scan/java/javaSyntax';
import { loadGrammar, readSyntaxTree } from '../../../../src/core/scan/syntaxTree/grammars';
import { TreeValues, type ValueSyntax } from '../../../../src/core/scan/syntaxTree/treeValues';

/**
 * TreeValues finds a name's declarations by searching the text for the name followed by what gives it a value, not
 * by walking the tree: however the declaration is written, the value read at the use must be the declared one.
 */

const LANGUAGES = {
  'c-sharp': { syntax: csharpSyntax, wrap: (body: string) => `class C {\n${body}\n  void M() { Use(host); }\n}\n` },
  java: { syntax: javaSyntax, wrap: (body: string) => `class C {\n${body}\n  void m() { use(host); }\n}\n` },
} as const satisfies Record<string, { syntax: ValueSyntax; wrap: (body: string) => string }>;

const CASES: Array<{ name: string; grammar: keyof typeof LANGUAGES; body: string; value: string }> = [
  { name: 'C# constant', grammar: 'c-sharp', body: '  const string host = "a.redis.cache.windows.net";', value: 'a.redis.cache.windows.net' },
  { name: 'C# block comment before =', grammar: 'c-sharp', body: '  const string host /* the cache */ = "b";', value: 'b' },
  { name: 'C# line comment before =', grammar: 'c-sharp', body: '  static string host // the cache\n    = "c";', value: 'c' },
  { name: 'C# property with a comment before its initializer', grammar: 'c-sharp', body: '  static string host /* x */ { get; } = "d";', value: 'd' },
  { name: 'C# property initializer', grammar: 'c-sharp', body: '  static string host { get; } = "e";', value: 'e' },
  { name: 'C# @-name is another name', grammar: 'c-sharp', body: '  const string @host = "f";\n  const string host = "g";', value: 'g' },
  { name: 'Java field', grammar: 'java', body: '  static final String host = "h";', value: 'h' },
  { name: 'Java block comment before =', grammar: 'java', body: '  static final String host /* the cache */ = "i";', value: 'i' },
  { name: 'Java comments on both sides of []', grammar: 'java', body: '  static final String host /* a */ [ /* b */ ] = "j";', value: 'j' },
  { name: 'Java longer name is not the name', grammar: 'java', body: '  static final String hostName = "k";\n  static final String host = "l";', value: 'l' },
  { name: 'Java comparison is no declaration', grammar: 'java', body: '  static final boolean same = host == "m";\n  static final String host = "n";', value: 'n' },
  { name: 'Java name in a comment is no declaration', grammar: 'java', body: '  // host = "o"\n  static final String host = "p";', value: 'p' },
  // Concatenations and literals are read from their text where it tells all, from their children where it does not.
  { name: 'Java concatenation', grammar: 'java', body: '  static final String host = "q" + "r" + "";', value: 'qr' },
  { name: 'Java concatenation with a comment by its operator', grammar: 'java', body: '  static final String host = "s" /* x */ + // y\n "t";', value: 'st' },
  { name: 'Java literal with an escape', grammar: 'java', body: '  static final String host = "u\\"v\\\\w";', value: 'u"v\\w' },
  { name: 'C# concatenation with a comment by its operator', grammar: 'c-sharp', body: '  const string host = "y" /* x */ + "z";', value: 'yz' },
];

before(async () => {
  await loadGrammar('c-sharp');
  await loadGrammar('java');
});

for (const { name, grammar, body, value } of CASES) {
  test(`TreeValues declarations: ${name}`, () => {
    const { syntax, wrap } = LANGUAGES[grammar];
    const text = wrap(body);
    const read = readSyntaxTree(grammar, text, (root) => {
      const values = new TreeValues(syntax, { root, text }, '/ws/C');
      const use = values.occurrences('host').at(-1) as Node;
      return values.string(use).text;
    });
    assert.equal(read, value);
  });
}

/**
 * Java expressions whose parts the text tells are read from it (`writtenParts`); each must read exactly as its nodes
 * read one by one, and expressions the text does not tell must still be read from the tree.
 */
const WRITTEN: Array<{ name: string; body: string }> = [
  { name: 'literals and an unknown name', body: 'static final String host = "user:" + id + "" + ":x";' },
  { name: 'a name the file declares', body: 'static final String prefix = "p:";\n  static final String host = prefix+"a";' },
  { name: 'a name declared after its use', body: 'static final String host = "a" + suffix;\n  static final String suffix = "s";' },
  { name: 'a name declared through itself', body: 'static String host = "a" + host;' },
  { name: 'keywords and a name with $', body: 'static final String host = "a" + null + this + true + $x_1;' },
  { name: 'an escape, a comment, a call, an increment', body: 'static String host = "a\\"b" + /* c */ x + f() + n++;' },
  { name: 'a name on its own', body: 'static final String host = id;' },
  { name: 'a file with a syntax error', body: 'static final String host = "a" + id;\n  void broken( {' },
];

for (const { name, body } of WRITTEN) {
  test(`TreeValues reads what the text tells as the tree does: ${name}`, () => {
    const text = LANGUAGES.java.wrap(`  ${body}`);
    const [fromText, fromTree] = [javaSyntax, { ...javaSyntax, writtenParts: undefined }].map((syntax) =>
      readSyntaxTree('java', text, (root) => {
        const values = new TreeValues(syntax, { root, text }, '/ws/C');
        return values.string(values.occurrences('host').at(-1) as Node).pieces;
      }));
    assert.deepEqual(fromText, fromTree);
  });
}

test('TreeValues reads a concatenation of literals and names from its text', () => {
  assert.deepEqual(javaSyntax.writtenParts!('"user:" +id+ ""'), [{ literal: 'user:', at: 1 }, { name: 'id', at: 9 }, { literal: '', at: 14 }]);
  for (const untold of ['"a\\n" + b', 'a++', '"a" + /* c */ b', 'f()', 'a.b', '"a" +', 'ид']) assert.equal(javaSyntax.writtenParts!(untold), undefined, untold);
});
