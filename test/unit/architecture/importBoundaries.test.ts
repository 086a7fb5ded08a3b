import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

/**
 * The layers of the data flow (files → front end → evidence → rules → findings → surfaces) hold only while no
 * import crosses them the wrong way; this test reads every import of src so a crossing fails the build.
 */

interface Boundary {
  /** Files the boundary applies to (repo-relative, `/`-separated). */
  from: RegExp;
  /** What they must not import: a package name or a repo-relative path. */
  forbidden: RegExp;
  why: string;
}

const BOUNDARIES: Boundary[] = [
  { from: /^src\/(core|cli|workers)\//, forbidden: /^vscode$/, why: 'core, CLI and workers run without VS Code' },
  { from: /^src\/core\//, forbidden: /^src\/(vscode|cli)\//, why: 'core is shared by the surfaces and knows none of them' },
  { from: /^src\/core\/rules\//, forbidden: /^src\/core\/scan\//, why: 'rules judge evidence and never a front end or the scanner' },
  { from: /^src\/core\/evidence\//, forbidden: /^src\/core\/(scan|rules)\//, why: 'the evidence model is the contract and depends on neither side' },
  { from: /^src\/core\/scan\/(script|text)\//, forbidden: /^src\/core\/rules\//, why: 'front ends produce evidence and know no rule' },
];

/** Every module a file names: imports, re-exports, `import()`, `require()` and `typeof import()` types. */
function specifiersOf(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0]!)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
        found.push((node.arguments[0] as ts.StringLiteralLike).text);
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression)) found.push(expression.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A relative specifier as a repo-relative path; a package name as it is. */
function target(file: string, specifier: string): string {
  return specifier.startsWith('.') ? posix.normalize(posix.join(posix.dirname(file), specifier)) : specifier;
}

function violations(files: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const [file, text] of files) {
    for (const specifier of specifiersOf(file, text)) {
      const imported = target(file, specifier);
      // A folder import (`../rules`) names the folder's index file.
      const candidates = [imported, `${imported}/`];
      for (const boundary of BOUNDARIES) {
        if (boundary.from.test(file) && candidates.some((candidate) => boundary.forbidden.test(candidate))) {
          found.push(`${file} imports '${specifier}': ${boundary.why}`);
        }
      }
    }
  }
  return found;
}

function sourcesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) for (const [file, text] of sourcesUnder(path)) files.set(file, text);
    else if (/\.(ts|tsx|mts|cts)$/.test(entry.name)) files.set(path, readFileSync(join(...path.split('/')), 'utf8'));
  }
  return files;
}

test('no import in src crosses a layer boundary', () => {
  // Tests run from the repository root (npm scripts, scripts/run-tests.mjs).
  const files = sourcesUnder('src');
  assert.ok(files.size > 100, `expected the sources under src, found ${files.size} files`);
  assert.deepEqual(violations(files), []);
});

test('each kind of crossing is caught, however the module is named', () => {
  const crossings = new Map([
    ['src/core/plan/a.ts', "import * as vscode from 'vscode';"],
    ['src/cli/b.ts', "const vscode = require('vscode');"],
    ['src/workers/c.ts', "type V = typeof import('vscode');"],
    ['src/core/d.ts', "export { x } from '../vscode/settings';"],
    ['src/core/scan/e.ts', "const m = await import('../../cli/io');"],
    ['src/core/rules/f.ts', "import { analyzeScript } from '../scan/script/analyzeScript';"],
    ['src/core/rules/g.ts', "import type { FileKind } from '../scan/fileKind';"],
    ['src/core/evidence/h.ts', "import { RULES } from '../rules';"],
    ['src/core/scan/text/i.ts', "import { RULES } from '../../rules';"],
  ]);
  const found = violations(crossings);
  assert.deepEqual(found.map((line) => line.slice(0, line.indexOf(' '))), [...crossings.keys()]);
  assert.deepEqual(violations(new Map([['src/core/rules/ok.ts', "import type { FileEvidence } from '../evidence/evidence';\nimport { vscode } from './vscode';"]])), []);
});
