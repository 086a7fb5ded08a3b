import * as vscode from 'vscode';
import { legacyCacheName } from '../../core/fix/hostTarget';
import { hashText, type FindingStore } from '../findings/findingStore';

export const SET_HOST_TARGET_COMMAND = 'amrMigrate.setHostTarget';

/** What the code action hands the command: the document and the old host as written there. */
export interface SetHostTargetArgs {
  uri: string;
  oldHost: string;
}

/**
 * On a legacy host name that has no fix (no target in the host map), offers "Set Azure Managed Redis target for
 * '<name>'…", which asks for the target and saves it; the host fix then comes from the next scan. Hosts computed at
 * run time (only their suffix is known) get nothing: there is no name to map.
 */
export class HostTargetActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly store: FindingStore) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const entry = this.store.get(document.uri);
    if (!entry || entry.textHash !== hashText(document.getText())) return [];
    const offered = new Set<string>();
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const finding = this.store.findingFor(document.uri, diagnostic);
      if (finding?.ruleId !== 'legacy-hostname' || finding.fixes.length > 0) continue;
      const oldHost = document.getText().slice(finding.start, finding.end);
      const name = legacyCacheName(oldHost);
      if (!name || offered.has(oldHost.toLowerCase())) continue;
      offered.add(oldHost.toLowerCase());
      const action = new vscode.CodeAction(`Set Azure Managed Redis target for '${name}'…`, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      const args: SetHostTargetArgs = { uri: document.uri.toString(), oldHost };
      action.command = { command: SET_HOST_TARGET_COMMAND, title: action.title, arguments: [args] };
      actions.push(action);
    }
    return actions;
  }
}
