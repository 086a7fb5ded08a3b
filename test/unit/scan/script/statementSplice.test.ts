import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ts } from 'ts-morph';
import { changeRange } from '../../../../src/core/scan/scanSession';
import { parseScript } from '../../../../src/core/scan/script/project';
import { spliceStatements } from '../../../../src/core/scan/script/statementSplice';
import { textChange } from '../../../../src/core/scan/textChange';
import { seededRandom } from '../../../helpers/seededRandom';

/**
 * The live session splices re-parsed statements into the previous tree instead of running the compiler's
 * incremental parser; a spliced tree must be the very tree a fresh parse of the new text gives, down to every
 * position, and where it cannot be sure of that it must decline.
 */

/** What the compiler caches in a node's flags once asked whether anything below has an error: not the tree's shape. */
const CACHED_FLAGS = ts.NodeFlags.HasAggregatedChildData | ts.NodeFlags.ThisNodeOrAnySubNodesHasError;

/**
 * The parser's hints on a file that it may hold `import.meta` or `import(…)`, kept out of the compiler's public
 * typings; its incremental parser keeps them after the last one goes, and so does splicing.
 */
const internalFlags = ts.NodeFlags as unknown as Record<string, number>;
const FILE_HINTS = internalFlags.PossiblyContainsImportMeta! | internalFlags.PossiblyContainsDynamicImport!;

/** Every node and node list of a tree with its kind, range, flags and, for names and literals, its text. */
function shape(source: ts.SourceFile): string[] {
  const lines: string[] = [];
  const visit = (node: ts.Node, depth: number): void => {
    const text = ts.isIdentifier(node) || ts.isLiteralExpression(node) ? ` ${JSON.stringify(node.text)}` : '';
    const flags = node.flags & ~CACHED_FLAGS & ~(ts.isSourceFile(node) ? FILE_HINTS : 0);
    lines.push(`${' '.repeat(depth)}${ts.SyntaxKind[node.kind]} ${node.pos}-${node.end} ${flags}${text}`);
    ts.forEachChild(node, (child) => visit(child, depth + 1), (list) => {
      lines.push(`${' '.repeat(depth + 1)}[${list.pos}-${list.end} ×${list.length}`);
      for (const item of list) visit(item, depth + 2);
    });
  };
  visit(source, 0);
  return lines;
}

/** A tree with parents, as the session's trees have them after the analysis walked them. */
function parsed(path: string, text: string): ts.SourceFile {
  const source = parseScript(path, text);
  const visit = (node: ts.Node): void => {
    ts.forEachChild(node, (child) => {
      (child as { parent: ts.Node }).parent = node;
      visit(child);
    });
  };
  visit(source);
  return source;
}

function diagnostics(source: ts.SourceFile): string[] {
  const found = (source as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  // In position order: the parser reports some errors out of order (while looking ahead), which no one reads.
  return found.map((diagnostic) => `${diagnostic.start}+${diagnostic.length} ${diagnostic.code}`).sort();
}

function isModule(source: ts.SourceFile): boolean {
  return (source as { externalModuleIndicator?: unknown }).externalModuleIndicator !== undefined;
}

/** Splices `after` into the tree of `before`; when it does, the result must equal a fresh parse of `after`. */
function splice(path: string, tree: ts.SourceFile, after: string, step: string): ts.SourceFile | undefined {
  const spliced = spliceStatements(tree, after, textChange(tree.text, after));
  if (!spliced) return undefined;
  const fresh = parseScript(path, after);
  assert.equal(spliced.text, after, step);
  assert.deepEqual(shape(spliced), shape(fresh), step);
  assert.deepEqual(diagnostics(spliced), diagnostics(fresh), step);
  assert.equal(isModule(spliced), isModule(fresh), step);
  // Parents lead from every statement back to the file.
  for (const statement of spliced.statements) assert.equal(statement.parent, spliced, step);
  assert.equal(spliced.getLineAndCharacterOfPosition(after.length).line, after.split('\n').length - 1, step);
  return spliced;
}

const FILE = [
  "import { createClient } from 'redis';",
  "const HOST = 'orders.redis.cache.windows.net';",
  'export const client = createClient({ socket: { host: HOST, port: 6380, tls: true } });',
  'interface Order {',
  '  id: string;',
  '}',
  'export async function load(ids: string[]) {',
  '  const values = await client.mGet(ids);',
  '  return values;',
  '}',
  'function priceOf(sku: string): number {',
  '  return sku.length;',
  '}',
  "client.on('error', () => undefined);",
  '',
].join('\n');

const at = (text: string, marker: string, insert: string, offset = 0) => {
  const index = text.indexOf(marker) + offset;
  return text.slice(0, index) + insert + text.slice(index);
};

test('edits that end within statements ending cleanly are spliced and give the fresh parse', () => {
  const cases: Array<[string, string]> = [
    ['a statement typed inside a function', at(FILE, '  return values;', '  const edit = 1;\n')],
    ['a statement typed between two statements', at(FILE, 'function priceOf', 'const edit = 2;\n')],
    ['a call typed at the top of the file', `client.ping();\n${FILE}`],
    ['a character typed into a string', at(FILE, "orders.redis", 'x')],
    ['a statement deleted', FILE.replace("const HOST = 'orders.redis.cache.windows.net';\n", '')],
    ['a function replaced by another', FILE.replace('return sku.length;', 'return sku.length * 2;\n  // priced')],
    ['a port changed', FILE.replace('6380', '6379')],
    ['a comment typed inside a function', at(FILE, '  return values;', '  // why\n')],
    // Errors within the statements touched are the same in the whole file: the string ends with its line.
    ['a string left open', at(FILE, '  return values;', "  const s = 'open\n")],
    ['a syntax error inside an interface', at(FILE, '  id: string;', 'const edit = 3;\n')],
  ];
  for (const [name, after] of cases) {
    const path = '/ws/orders.ts';
    assert.ok(splice(path, parsed(path, FILE), after, name), `${name}: spliced`);
  }
});

test('edits whose parse may reach beyond the statements they touch are left to the compiler', () => {
  const cases: Array<[string, string]> = [
    ['a block comment opened', at(FILE, 'function priceOf', '/* ')],
    ['a string left open at the end of a statement', FILE.replace("() => undefined);", "() => undefined);'")],
    ['a function left open', at(FILE, '  return sku.length;', '  if (sku) {\n')],
    ['a semicolon deleted', FILE.replace('undefined);', 'undefined)')],
    ['the last export removed, making the file a script', FILE.replace('export const', 'const').replace('export async', 'async').replace("import { createClient } from 'redis';", '')],
    ['text after the last statement', `${FILE}// trailing`],
    ['a statement turned into a comment', FILE.replace("client.on('error', () => undefined);", "// client.on('error', () => undefined);")],
    ['an `await` outside any function that a script reads as a call and a module as an await', at(FILE, 'function priceOf', 'await (client.connect());\n')],
  ];
  for (const [name, after] of cases) {
    const path = '/ws/orders.ts';
    const tree = parseScript(path, FILE);
    const before = shape(tree);
    assert.equal(spliceStatements(tree, after, textChange(FILE, after)), undefined, name);
    assert.deepEqual(shape(tree), before, `${name}: the tree is left as it was`);
  }
});

test('a statement that ends without a semicolon is parsed again with the one after it: the edit may join them', () => {
  const path = '/ws/orders.ts';
  const before = 'const a = b\nfoo();\n';
  const after = 'const a = b\n(foo)();\n';
  const spliced = splice(path, parsed(path, before), after, 'joined');
  assert.ok(spliced, 'spliced');
  assert.equal(spliced.statements.length, 1, 'one statement, b(foo)(), as a fresh parse reads it');
});

test('statements typed into an interface close it early; edits among what is left of it are still spliced', () => {
  const path = '/ws/orders.ts';
  // `const` ends the interface: its other members become a labelled statement and an expression, and its `}` is
  // skipped text. Neither boundary inside that wreck is one where the parse starts afresh.
  let tree = parsed(path, FILE);
  const steps: Array<[string, (text: string) => string]> = [
    ['into the interface', (text) => at(text, '  id: string;', 'const edit1 = 1;\n')],
    ['right after the statement that broke it', (text) => at(text, '  id: string;', 'const edit2 = 2;\n')],
    ['at the head of the broken interface', (text) => at(text, 'interface Order {\n', 'const edit3 = 3;\n', 'interface Order {\n'.length)],
    ['after its members', (text) => at(text, '}\nexport async function load', 'const edit4 = 4;\n')],
    ['the interface mended', (text) => text.replace(/const edit\d = \d;\n/g, '')],
  ];
  for (const [name, edit] of steps) {
    const spliced = splice(path, tree, edit(tree.text), name);
    assert.ok(spliced, `${name}: spliced`);
    tree = spliced;
  }
  assert.equal(tree.text, FILE);
});

test('the region grows only so far: a long run of statements that may continue each other is left to the compiler', () => {
  const path = '/ws/orders.ts';
  const run = (length: number) => `${Array.from({ length }, (_, index) => `const a${index} = b${index}\n`).join('')}foo();\n`;
  for (const [length, spliced] of [[4, true], [40, false]] as const) {
    const before = `client.ping();\n${run(length)}`;
    const after = before.replace('foo();', '(foo)();');
    assert.equal(splice(path, parsed(path, before), after, `${length} statements`) !== undefined, spliced, `${length} statements`);
  }
});

test('a spliced statement after a syntax error elsewhere keeps that error, moved with its text', () => {
  const path = '/ws/orders.ts';
  const broken = at(FILE, '  id: string;', 'const edit = 3;\n');
  const after = at(broken, 'function priceOf', 'const edit = 4;\n');
  assert.ok(splice(path, parsed(path, broken), after, 'after an error'));
  const before = at(broken, "import { createClient }", 'const edit = 5;\n');
  assert.ok(splice(path, parsed(path, broken), before, 'before an error'));
});

test('long sequences of edits of every kind, spliced or not, always give the fresh parse', () => {
  const snippets = [
    'const a = 1;\n', 'client.set(k, v);\n', '{', '}', '(', ')', ';', '\n', "'", '`', '/*', '*/', '//', 'export ', 'x',
    'function f() {}\n', 'await ', 'import.meta.url;\n', '<T>', '#!', 'else ', '\u{1F600}',
  ];
  for (const [seed, path] of [[1, '/ws/orders.ts'], [2, '/ws/orders.js'], [3, '/ws/view.tsx'], [4, '/ws/orders.mts']] as const) {
    const next = seededRandom(seed);
    let tree = parsed(path, FILE);
    let spliced = 0;
    // Text from before a stray edit, typed back on the next step most of the time, as one fixes a typo.
    let undo: string | undefined;
    for (let step = 0; step < 300; step++) {
      const text = tree.text;
      const start = Math.floor(next() * (text.length + 1));
      const roll = next();
      const end = roll < 0.75 ? start : Math.min(text.length, start + 1 + Math.floor(next() * 30));
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      let after: string;
      if (undo !== undefined) {
        after = undo;
        undo = undefined;
      } else if (step % 50 === 49) {
        // The whole file pasted over, which also mends what stray edits left broken.
        after = FILE;
      } else if (roll < 0.5) {
        // A whole statement typed at a line start, as the bench types them.
        after = text.slice(0, lineStart) + snippets[Math.floor(next() * 2)] + text.slice(lineStart);
      } else {
        after = text.slice(0, start) + (roll < 0.9 ? snippets[Math.floor(next() * snippets.length)] : '') + text.slice(end);
        if (next() < 0.8) undo = text;
      }
      const result = splice(path, tree, after, `${path} step ${step}`);
      if (result) spliced++;
      // As the live session does: the compiler's incremental parser where splicing declines, also on spliced trees.
      tree = result ?? ts.updateSourceFile(tree, after, changeRange(text, after));
      assert.deepEqual(shape(tree), shape(parseScript(path, after)), `${path} step ${step}, by the compiler`);
    }
    assert.ok(spliced > 30, `${path}: ${spliced} of 300 edits spliced`);
  }
});
