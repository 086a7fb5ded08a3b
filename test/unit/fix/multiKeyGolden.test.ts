import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { scanSources } from '../../../src/core/scan/scanner';
import { DEFAULT_SCAN_SETTINGS } from '../../../src/core/findings';
import { fixMultiKey, multiKeyFixtures } from '../../helpers/multiKeyFixtures';
import { RULES } from '../../../src/core/rules';

/** `UPDATE_GOLDEN=1` rewrites the golden files from the current fixes (review the diff before committing). */
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const fixtures = multiKeyFixtures();

for (const fixture of fixtures) {
  test(`multi-key ${fixture.library} ${fixture.kind}: the fix gives the golden text, leaves no finding, and a second pass changes nothing`, () => {
    const first = fixMultiKey(fixture, fixture.text);
    assert.ok(first.fixes >= 2, `only ${first.fixes} fixes`);
    if (UPDATE) writeFileSync(fixture.goldenPath, first.text);
    assert.equal(first.text, readFileSync(fixture.goldenPath, 'utf8'));
    const left = scanSources([{ path: fixture.path, text: first.text }], DEFAULT_SCAN_SETTINGS, RULES).findings;
    assert.deepEqual(left.filter((f) => f.ruleId === 'multi-key-command').map((f) => `${f.line}:${f.column} ${f.message}`), []);
    const second = fixMultiKey(fixture, first.text);
    assert.deepEqual(second, { text: first.text, fixes: 0 });
  });
}

test('the fixtures and their fixed text type-check against the real redis (v5) and ioredis type definitions', () => {
  // The fixed text is served from memory beside its fixture, so `redis` and `ioredis` resolve from this repository.
  const virtual = new Map(fixtures.map((fixture) => [join(dirname(fixture.path), `${fixture.kind}.check.ts`), fixMultiKey(fixture, fixture.text).text]));
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    noUnusedLocals: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    ignoreDeprecations: '6.0',
    skipLibCheck: true,
    types: ['node'],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => virtual.has(file) || fileExists.call(host, file);
  host.readFile = (file) => virtual.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) => {
    const text = virtual.get(file);
    return text === undefined ? getSourceFile.call(host, file, language, ...rest) : ts.createSourceFile(file, text, language);
  };
  const program = ts.createProgram([...fixtures.map((fixture) => fixture.path), ...virtual.keys()], options, host);
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  assert.deepEqual(diagnostics, []);
  assert.equal(program.getSourceFiles().filter((file) => virtual.has(file.fileName)).length, fixtures.length);
});
