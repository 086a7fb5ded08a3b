import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { summarize, waitForDiagnostics, workspaceUri } from './helpers';

/**
 * Live diagnostics of an open file follow constants it imports from another file: from disk while that file is
 * closed, from the editor's unsaved text while it is open. The files are written by the test (and deleted after)
 * so that the workspace-scan expectations of the fixture stay as they are.
 */

const SETTINGS_FILE = 'src/redisSettings.ts';
const APP_FILE = 'src/liveApp.ts';
const SETTINGS = "const CACHE_NAME = 'orders';\nexport const REDIS_HOST = `${CACHE_NAME}.redis.cache.windows.net`;\n";
const APP =
  "import { createClient } from 'redis';\nimport { REDIS_HOST } from './redisSettings';\n\n" +
  'export const app = createClient({ socket: { host: REDIS_HOST, port: 10000, tls: true } });\n';
/**
 * The host is composed in the other file: its legacy-hostname finding lands at the suffix there, where it must
 * change; the client call of the open file keeps the cluster finding, which follows the imported host.
 */
const APP_EXPECTED = ['non-cluster-client@4:20'];

async function closeWithoutSaving(uri: vscode.Uri): Promise<void> {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!document) return;
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

suite('cross-file constants in live diagnostics', () => {
  const settingsUri = workspaceUri(SETTINGS_FILE);
  const appUri = workspaceUri(APP_FILE);

  setup(async () => {
    await vscode.workspace.fs.writeFile(settingsUri, Buffer.from(SETTINGS));
    await vscode.workspace.fs.writeFile(appUri, Buffer.from(APP));
  });

  teardown(async () => {
    await closeWithoutSaving(settingsUri);
    await closeWithoutSaving(appUri);
    await vscode.workspace.fs.delete(settingsUri);
    await vscode.workspace.fs.delete(appUri);
  });

  test('an open file gets the finding of a host imported from a closed file, and follows edits of that file', async () => {
    const app = await vscode.workspace.openTextDocument(appUri);
    await vscode.window.showTextDocument(app);
    await waitForDiagnostics(appUri, (d) => JSON.stringify(summarize(d)) === JSON.stringify(APP_EXPECTED),
      JSON.stringify(APP_EXPECTED));

    const settings = await vscode.workspace.openTextDocument(settingsUri);
    await vscode.window.showTextDocument(settings, { preview: false });
    await waitForDiagnostics(settingsUri, (d) => summarize(d).some((entry) => entry.startsWith('legacy-hostname@2:')),
      'the composed host reported in the file that composes it');
    const samples: number[] = [];
    for (const [host, expected] of [["'localhost'", []], ['`${CACHE_NAME}.redis.cache.windows.net`', APP_EXPECTED]] as const) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(settingsUri, new vscode.Range(1, 26, 1, settings.lineAt(1).text.length - 1), host);
      const started = performance.now();
      assert.equal(await vscode.workspace.applyEdit(edit), true);
      await waitForDiagnostics(appUri, (d) => JSON.stringify(summarize(d)) === JSON.stringify(expected),
        `${JSON.stringify(expected)} after the imported host became ${host}`);
      samples.push(performance.now() - started);
    }
    assert.equal(settings.isDirty, true, 'the edits stay unsaved: the open text wins over the disk');
    console.log(`[measure] edit of an imported file → importer's diagnostics: ${samples.map((ms) => ms.toFixed(0)).join(' ms, ')} ms `
      + '(includes the 300 ms debounce)');

    await closeWithoutSaving(settingsUri);
    // Closed, the file counts as it is on disk; a change there (a checkout, another tool) re-checks its importers.
    await vscode.workspace.fs.writeFile(settingsUri, Buffer.from("export const REDIS_HOST = 'localhost';\n"));
    await waitForDiagnostics(appUri, (d) => summarize(d).length === 0, 'no findings once the host on disk is local');
  });
});
