import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { helperSource } from '../../../src/core/fix/client/entraHelperModule';
import { applyRuleFixes } from '../../helpers/clientFixes';
import { CLIENT_FIX_CASES, readCaseFiles, WORKSPACE } from '../../helpers/clientFixCases';
import { tempTree } from '../../helpers/tempTree';

const REPOSITORY = resolve(__dirname, '..', '..', '..', '..');
/** Folder of a case's code before the fix, beside the fixed code. */
const BEFORE = '_before';
/** TS6133: "'x' is declared but its value is never read." */
const UNUSED_LOCAL = 6133;

/** Whether the case's package.json asks for node-redis 4 (its code is then checked against `redis4`, redis@4). */
function wantsRedis4(files: Record<string, string>): boolean {
  const manifest = files[`${WORKSPACE}/package.json`];
  const range = manifest === undefined ? undefined : (JSON.parse(manifest) as { dependencies?: Record<string, string> }).dependencies?.['redis'];
  return range !== undefined && /^[\^~]?4\./.test(range);
}

/**
 * Every golden case whose fix changed code is written to a temporary project (fixed files plus the helper module
 * the fix created) that resolves `redis` (v5, or v4 for a case whose package.json asks for it), `ioredis`,
 * `@redis/entraid` and `@azure/identity` to the real packages, and type-checked by the TypeScript compiler — JavaScript too (checkJs) — with strict options and `noUnusedLocals`. One program for all cases keeps it to a
 * single load of the type definitions.
 */
test('fixed code type-checks against the real redis (v5 and v4), ioredis, @redis/entraid and @azure/identity types', () => {
  const tree = tempTree();
  try {
    symlinkSync(join(REPOSITORY, 'node_modules'), join(tree.root, 'node_modules'), 'dir');
    const roots: string[] = [];
    for (const testCase of CLIENT_FIX_CASES) {
      const before = readCaseFiles(testCase.id, 'before');
      const fixed = applyRuleFixes(before, testCase.rules).files;
      if (JSON.stringify(fixed) === JSON.stringify(before)) continue;
      if (wantsRedis4(before)) {
        mkdirSync(join(tree.root, testCase.id, 'node_modules'), { recursive: true });
        symlinkSync(join(REPOSITORY, 'node_modules', 'redis4'), join(tree.root, testCase.id, 'node_modules', 'redis'), 'dir');
      }
      // A case that starts from code the Entra ID fix made (cluster-ioredis-wrapped) gets the helper it created.
      const helper = `${WORKSPACE}/redisEntraAuth.ts`;
      if (Object.values(fixed).some((text) => text.includes("from './redisEntraAuth'")) && !Object.keys(fixed).some((file) => /redisEntraAuth\./.test(file))) {
        fixed[helper] = helperSource('typescript');
      }
      for (const [file, text] of Object.entries(fixed)) {
        const path = join(tree.root, testCase.id, file.slice(WORKSPACE.length + 1));
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
        if (/\.[mc]?[jt]s$/.test(path)) roots.push(path);
      }
      // The code before the fix, only to tell an unused name the fix left from one the fixture already had.
      for (const [file, text] of Object.entries(before)) {
        if (!/\.[mc]?[jt]s$/.test(file)) continue;
        const path = join(tree.root, testCase.id, BEFORE, file.slice(WORKSPACE.length + 1));
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
        roots.push(path);
      }
    }
    assert.ok(roots.length >= 10, `cases with fixed code: ${roots.length}`);
    const program = ts.createProgram(roots, {
      strict: true,
      // Projects that fail the build on an unused import must still build after a fix.
      noUnusedLocals: true,
      // The JavaScript files (fixed call sites, the helper's JavaScript flavours) have no type annotations to give.
      noImplicitAny: false,
      noEmit: true,
      allowJs: true,
      checkJs: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: ['node'],
      skipLibCheck: true,
    });
    const describe = (diagnostic: ts.Diagnostic, where: string): string => `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    const fileOf = (diagnostic: ts.Diagnostic): string => diagnostic.file?.fileName.slice(tree.root.length + 1) ?? '';
    const all = ts.getPreEmitDiagnostics(program);
    const unusedBefore = new Set(all.filter((diagnostic) => diagnostic.code === UNUSED_LOCAL && fileOf(diagnostic).includes(`/${BEFORE}/`))
      .map((diagnostic) => describe(diagnostic, fileOf(diagnostic).replace(`/${BEFORE}/`, '/'))));
    const diagnostics = all.filter((diagnostic) => !fileOf(diagnostic).includes(`/${BEFORE}/`)).map((diagnostic) => {
      const where = diagnostic.file ? `${fileOf(diagnostic)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}` : '';
      return { text: describe(diagnostic, where), unusedBefore: diagnostic.code === UNUSED_LOCAL && unusedBefore.has(describe(diagnostic, fileOf(diagnostic))) };
    }).filter((diagnostic) => !diagnostic.unusedBefore).map((diagnostic) => diagnostic.text);
    assert.deepEqual(diagnostics, []);
  } finally {
    tree.cleanup();
  }
});
