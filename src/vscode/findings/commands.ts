import * as vscode from 'vscode';
import { applySafeFixes } from './applySafeFixes';
import type { ScanClient } from './scanClient';
import type { WorkspaceScanner } from './workspaceScan';

/** Command ids, declared once; package.json contributes the same ids with the "Azure Managed Redis" category. */
export const COMMAND_IDS = {
  scanWorkspace: 'amrMigrate.scanWorkspace',
  applyAllSafeFixes: 'amrMigrate.applyAllSafeFixes',
} as const;

export interface CommandDeps {
  scanner: ScanClient;
  workspaceScanner: WorkspaceScanner;
  log: vscode.LogOutputChannel;
}

function reportFailure(what: string, log: vscode.LogOutputChannel) {
  return (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`${what} failed: ${message}`);
    void vscode.window.showErrorMessage(`Azure Managed Redis: ${what} failed: ${message}`);
  };
}

const COMMANDS: Record<keyof typeof COMMAND_IDS, (deps: CommandDeps) => () => Promise<unknown>> = {
  scanWorkspace: (deps) => () => Promise.resolve(deps.workspaceScanner.run())
    .catch(reportFailure('workspace scan', deps.log)),
  applyAllSafeFixes: (deps) => () => applySafeFixes(deps).catch(reportFailure('applying safe fixes', deps.log)),
};

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([name, factory]) =>
    vscode.commands.registerCommand(COMMAND_IDS[name as keyof typeof COMMAND_IDS], factory(deps)));
}
