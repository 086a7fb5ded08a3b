import * as vscode from 'vscode';
import { FixProvider, type CurrentFindings } from './codeActions';
import { registerCommands } from './commands';
import { trackContextKeys } from './contextKeys';
import { FindingStore } from './findingStore';
import { FINDINGS_VIEW_ID, FindingsTreeProvider } from './findingsTree';
import { LiveDiagnostics } from './liveDiagnostics';
import { ruleDocsUri } from './ruleDocs';
import { ScanClient } from './scanClient';
import { rescanAll, watchSettings } from './settingsWatcher';
import { FindingsStatusBar } from './statusBar';
import { WorkspaceScanner } from './workspaceScan';

export interface FindingsDeps {
  log: vscode.LogOutputChannel;
}

export interface Findings {
  /** The current findings, for the features that show or use them (plan, host targets). */
  store: FindingStore;
  /** An open document's findings for its current text, scanned right away when an edit is still inside the debounce. */
  currentFindings: CurrentFindings;
  /** The Findings view's provider, so the e2e suite can read the view it renders. */
  tree: FindingsTreeProvider;
  /** Scans again what is shown, after something the scan is given changed outside the settings (`why`, for the log). */
  rescan(why: string): void;
}

/**
 * Registers what finds and fixes code to change: the scanner worker (started on first use), live diagnostics, Scan
 * Workspace, the Findings view, the status bar count, the quick fixes and fix-all, and the settings that re-scan.
 */
export function registerFindings(context: vscode.ExtensionContext, { log }: FindingsDeps): Findings {
  const scanner = new ScanClient(context.asAbsolutePath('dist/scanWorker.js'));
  const diagnostics = vscode.languages.createDiagnosticCollection('amr-migrate');
  const store = new FindingStore(diagnostics, ruleDocsUri);
  const live = new LiveDiagnostics({ scanner, store, log });
  const workspaceScanner = new WorkspaceScanner({ scanner, store, log });
  const tree = new FindingsTreeProvider(store, () => scanner.ruleMetas());
  const currentFindings: CurrentFindings = (document) => live.currentFindings(document);
  context.subscriptions.push(
    scanner, diagnostics, store, live, tree,
    vscode.window.registerTreeDataProvider(FINDINGS_VIEW_ID, tree),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new FixProvider(store, currentFindings),
      { providedCodeActionKinds: FixProvider.providedCodeActionKinds }),
    new FindingsStatusBar(store),
    trackContextKeys(store),
    watchSettings(live, workspaceScanner, log),
    ...registerCommands({ scanner, workspaceScanner, log }),
  );
  return { store, currentFindings, tree, rescan: (why) => rescanAll(live, workspaceScanner, log, why) };
}
