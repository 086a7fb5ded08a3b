import * as vscode from 'vscode';
import type { CachesTreeProvider } from './vscode/caches/cachesTree';
import { registerCaches } from './vscode/caches/registerCaches';
import { FixProvider } from './vscode/findings/codeActions';
import { registerCommands } from './vscode/findings/commands';
import type { CopyRunner } from './vscode/copy/copyRunner';
import { registerCopy } from './vscode/copy/registerCopy';
import { trackContextKeys } from './vscode/findings/contextKeys';
import { FindingStore } from './vscode/findings/findingStore';
import { registerHostTargets } from './vscode/hostTargets/registerHostTargets';
import { FINDINGS_VIEW_ID, FindingsTreeProvider } from './vscode/findings/findingsTree';
import { LiveDiagnostics } from './vscode/findings/liveDiagnostics';
import type { PlanPanels } from './vscode/plan/planPanels';
import { registerPlan } from './vscode/plan/registerPlan';
import { ruleDocsUri } from './vscode/findings/ruleDocs';
import { ScanClient } from './vscode/findings/scanClient';
import { watchSettings } from './vscode/findings/settingsWatcher';
import { FindingsStatusBar } from './vscode/findings/statusBar';
import { WorkspaceScanner } from './vscode/findings/workspaceScan';

/** What activate() returns: the Findings view's provider, so the e2e suite can read the view it renders. */
export interface ExtensionApi {
  findingsTree: FindingsTreeProvider;
  /** Time spent inside activate(), for the activation-cost check. */
  activationMs: number;
  cachesTree: CachesTreeProvider;
  /** The open "Plan Migration" panels, so the e2e suite can read what they show. */
  planPanels: PlanPanels;
  /** The copies "Copy Data" runs: their progress, and Cancel as the notification's button does it. */
  copies: CopyRunner;
}

/** Composition root: wires services and registers providers; no logic lives here. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Azure Managed Redis', { log: true });
  context.subscriptions.push(log);
  try {
    const scanner = new ScanClient(context.asAbsolutePath('dist/scanWorker.js'));
    const diagnostics = vscode.languages.createDiagnosticCollection('amr-migrate');
    const store = new FindingStore(diagnostics, ruleDocsUri);
    const live = new LiveDiagnostics({ scanner, store, log });
    const workspaceScanner = new WorkspaceScanner({ scanner, store, log });
    const findingsTree = new FindingsTreeProvider(store, () => scanner.ruleMetas());
    context.subscriptions.push(
      scanner, diagnostics, store, live, findingsTree,
      vscode.window.registerTreeDataProvider(FINDINGS_VIEW_ID, findingsTree),
      vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new FixProvider(store),
        { providedCodeActionKinds: FixProvider.providedCodeActionKinds }),
      new FindingsStatusBar(store),
      trackContextKeys(store),
      watchSettings(live, workspaceScanner, log),
      ...registerCommands({ store, workspaceScanner, log }),
    );
    const cachesTree = registerCaches(context, { log });
    const planPanels = registerPlan(context, { store, cachesTree, log });
    const copies = registerCopy(context, { cachesTree, log });
    registerHostTargets(context, { store, cachesTree, log });
    const activationMs = performance.now() - started;
    log.info(`activated in ${activationMs.toFixed(1)} ms`);
    return { findingsTree, activationMs, cachesTree, planPanels, copies };
  } catch (error) {
    // VS Code does not tell the user when an extension fails to activate.
    const message = error instanceof Error ? error.message : String(error);
    log.error(`activation failed: ${message}`);
    void vscode.window.showErrorMessage(`Azure Managed Redis Migration failed to start: ${message}`);
    throw error;
  }
}

export function deactivate(): void {}
