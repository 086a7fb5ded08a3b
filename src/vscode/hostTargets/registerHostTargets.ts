import * as vscode from 'vscode';
import { HostMapError } from '../../core/fix/hostMap';
import type { CachesService } from '../caches/cachesService';
import type { CacheTreeNode } from '../caches/cachesTree';
import type { CurrentFindings } from '../findings/codeActions';
import type { FindingStore } from '../findings/findingStore';
import { TargetInputError, type Prompts } from './askHostTarget';
import { HostTargetActions, SET_HOST_TARGET_COMMAND, type SetHostTargetArgs } from './hostTargetActions';
import { setHostTarget, type GivenAnswers } from './setHostTarget';
import { useAsMigrationTarget } from './useAsMigrationTarget';

export const USE_AS_MIGRATION_TARGET_COMMAND = 'amrMigrate.caches.useAsMigrationTarget';

export interface HostTargetDeps {
  store: FindingStore;
  /** An open document's findings for its text as it is now (scanned right away after an edit not yet scanned). */
  currentFindings: CurrentFindings;
  caches: CachesService;
  log: vscode.LogOutputChannel;
}

const prompts: Prompts = {
  showInputBox: (options) => vscode.window.showInputBox(options),
  showQuickPick: (items, options) => vscode.window.showQuickPick(items, options),
};

function reportFailure(what: string, log: vscode.LogOutputChannel) {
  return (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof TargetInputError || error instanceof HostMapError) {
      void vscode.window.showErrorMessage(error instanceof HostMapError ? `amrMigrate.hostMap was not changed: ${message}` : message);
      return;
    }
    log.error(`${what} failed: ${message}`);
    void vscode.window.showErrorMessage(`Azure Managed Redis: ${what} failed: ${message}`);
  };
}

/** Registers the "Set Azure Managed Redis target…" code action and command, and "Use as Migration Target…". */
export function registerHostTargets(context: vscode.ExtensionContext, deps: HostTargetDeps): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new HostTargetActions(deps.store),
      { providedCodeActionKinds: HostTargetActions.providedCodeActionKinds }),
    vscode.commands.registerCommand(SET_HOST_TARGET_COMMAND, (args?: SetHostTargetArgs & GivenAnswers) =>
      setHostTarget(deps.store, deps.log, prompts, args).catch(reportFailure('setting the host target', deps.log))),
    vscode.commands.registerCommand(USE_AS_MIGRATION_TARGET_COMMAND, (node?: CacheTreeNode) =>
      useAsMigrationTarget(deps, node).catch(reportFailure('Use as Migration Target', deps.log))),
  );
}
