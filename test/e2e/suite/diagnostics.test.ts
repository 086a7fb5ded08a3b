import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXPECTED_OSS } from './expected';
import { openAndWait, ours, ruleOf, workspaceUri } from './helpers';

suite('live diagnostics', () => {
  test('a file amrMigrate.exclude excludes gets no live diagnostics when opened', async () => {
    const excluded = await vscode.workspace.openTextDocument(workspaceUri('legacy/notes.ts'));
    await vscode.window.showTextDocument(excluded);
    // Scans answer in order: once a file opened later has its diagnostics, the excluded one would have had its own.
    // (First in the suite: src/cache.ts has not been opened before, so its diagnostics come from this open.)
    await openAndWait('src/cache.ts', EXPECTED_OSS['src/cache.ts']!);
    assert.deepEqual(ours(excluded.uri), []);
  });

  for (const [file, expected] of Object.entries(EXPECTED_OSS)) {
    test(`${file} gets exactly the expected diagnostics`, async () => {
      const started = performance.now();
      await openAndWait(file, expected);
      console.log(`[measure] open → diagnostics, ${file}: ${(performance.now() - started).toFixed(0)} ms`);
    });
  }

  test('each diagnostic links its rule page and carries the rule severity', async () => {
    const document = await openAndWait('src/cache.ts', EXPECTED_OSS['src/cache.ts']!);
    for (const diagnostic of ours(document.uri)) {
      const code = diagnostic.code;
      assert.ok(typeof code === 'object', 'diagnostic.code is { value, target }');
      assert.match(code.target.toString(), new RegExp(`/docs/rules/${ruleOf(diagnostic)}\\.md$`));
    }
    const severityOf = (rule: string) => ours(document.uri).find((d) => ruleOf(d) === rule)?.severity;
    assert.equal(severityOf('legacy-tls-port'), vscode.DiagnosticSeverity.Error);
    assert.equal(severityOf('legacy-hostname'), vscode.DiagnosticSeverity.Warning);
  });
});
