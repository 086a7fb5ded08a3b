import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXPECTED_OSS } from './expected';
import { openAndWait, restoreFixtures, summarize, waitForDiagnostics } from './helpers';

const FIX_ALL_KIND = 'source.fixAll.amrMigrate';

/**
 * src/orders.ts with every preferred fix applied: the mapped host (cache "orders" in the fixture's host map), both
 * ports, and the MGET split. The replica's host has no target and the cluster-client fixes are never preferred.
 */
const ORDERS_FIXED = [
  "import Redis from 'ioredis';",
  '',
  "const redis = new Redis({ host: 'orders.westus2.redis.azure.net', port: 10000, tls: {} });",
  "const replica = new Redis({ host: 'orders-replica.redis.cache.windows.net', port: 10000, tls: {} });",
  '',
  'export async function totals(): Promise<(string | null)[]> {',
  '  // Keys in different hash slots: CROSSSLOT on an OSS-clustered database.',
  "  return Promise.all([replica.get('orders:total'), replica.get('orders:count')]);",
  '}',
];
const LEFT_AFTER_FIX_ALL = ['non-cluster-client@3:19', 'non-cluster-client@4:21', 'legacy-hostname@4:36'];

function wholeDocument(document: vscode.TextDocument): vscode.Range {
  return new vscode.Range(0, 0, document.lineCount, 0);
}

function linesOf(document: vscode.TextDocument, count: number): string[] {
  return document.getText().split('\n').slice(0, count);
}

suite('fix all (source.fixAll.amrMigrate)', () => {
  teardown(restoreFixtures);

  test('is offered as one source action that applies every preferred fix of the document', async () => {
    const document = await openAndWait('src/orders.ts', EXPECTED_OSS['src/orders.ts']!);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', document.uri, wholeDocument(document), FIX_ALL_KIND);
    assert.deepEqual(actions.map((action) => [action.title, action.kind?.value]),
      [['Apply all safe Azure Managed Redis fixes in this file', FIX_ALL_KIND]]);
    assert.ok(actions[0]!.edit);
    assert.equal(await vscode.workspace.applyEdit(actions[0]!.edit), true);
    assert.deepEqual(linesOf(document, ORDERS_FIXED.length), ORDERS_FIXED);
    await waitForDiagnostics(document.uri, (d) => JSON.stringify(summarize(d)) === JSON.stringify([...LEFT_AFTER_FIX_ALL].sort()),
      'only the findings without a preferred fix');
  });

  test('"source.fixAll" in the Source Action menu finds it; a quick-fix request does not', async () => {
    const document = await openAndWait('src/orders.ts', EXPECTED_OSS['src/orders.ts']!);
    const kindsFor = async (kind: string) => (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', document.uri, wholeDocument(document), kind)).map((action) => action.kind?.value);
    assert.ok((await kindsFor(vscode.CodeActionKind.SourceFixAll.value)).includes(FIX_ALL_KIND));
    assert.ok(!(await kindsFor(vscode.CodeActionKind.QuickFix.value)).includes(FIX_ALL_KIND));
  });

  test('editor.codeActionsOnSave applies it when an edited document is saved', async () => {
    const config = vscode.workspace.getConfiguration('editor');
    await config.update('codeActionsOnSave', { [FIX_ALL_KIND]: 'explicit' }, vscode.ConfigurationTarget.Global);
    try {
      const document = await openAndWait('src/orders.ts', EXPECTED_OSS['src/orders.ts']!);
      await vscode.window.showTextDocument(document);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(0, 0), '// edited before saving\n');
      assert.equal(await vscode.workspace.applyEdit(edit), true);
      // Saved at once. Whether the 300 ms debounce has scanned the edit by the time VS Code asks depends on the
      // machine's load (here it usually has): the fixes come from that scan or from the one the provider starts.
      assert.equal(await document.save(), true);
      assert.deepEqual(linesOf(document, ORDERS_FIXED.length + 1), ['// edited before saving', ...ORDERS_FIXED]);
      assert.equal(document.isDirty, false);
    } finally {
      await config.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
