import * as vscode from 'vscode';
import type { LiveDiagnostics } from './liveDiagnostics';
import { readSettings, SETTINGS_SECTION } from './settings';
import type { WorkspaceScanner } from './workspaceScan';

function warnAboutInvalidSettings(log: vscode.LogOutputChannel): void {
  const { hostMapError } = readSettings();
  if (!hostMapError) return;
  log.warn(hostMapError);
  void vscode.window.showWarningMessage(`Azure Managed Redis: ${hostMapError}`);
}

/** Scans the open documents again, and the workspace when it was scanned: what the scan is given changed. */
export function rescanAll(live: LiveDiagnostics, workspaceScanner: WorkspaceScanner, log: vscode.LogOutputChannel, why: string): void {
  live.rescanOpenDocuments();
  if (workspaceScanner.hasResults) {
    workspaceScanner.run(vscode.ProgressLocation.Window).then(undefined, (error: unknown) =>
      log.error(`re-scanning the workspace after ${why} failed: ${error instanceof Error ? error.message : error}`));
  }
}

/** A settings change (cluster policy, severities, limits, host map) re-evaluates what is shown. */
export function watchSettings(live: LiveDiagnostics, workspaceScanner: WorkspaceScanner, log: vscode.LogOutputChannel): vscode.Disposable {
  warnAboutInvalidSettings(log);
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (!event.affectsConfiguration(SETTINGS_SECTION)) return;
    warnAboutInvalidSettings(log);
    rescanAll(live, workspaceScanner, log, 'a settings change');
  });
}
