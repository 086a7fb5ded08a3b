import * as vscode from 'vscode';
import type { LiveDiagnostics } from './liveDiagnostics';
import { SETTINGS_SECTION } from './settings';
import type { WorkspaceScanner } from './workspaceScan';

/** A settings change (cluster policy, severities, limits) re-evaluates what is shown. */
export function watchSettings(live: LiveDiagnostics, workspaceScanner: WorkspaceScanner, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (!event.affectsConfiguration(SETTINGS_SECTION)) return;
    live.rescanOpenDocuments();
    if (workspaceScanner.hasResults) {
      workspaceScanner.run(vscode.ProgressLocation.Window).then(undefined, (error: unknown) =>
        log.error(`re-scanning the workspace after a settings change failed: ${error instanceof Error ? error.message : error}`));
    }
  });
}
