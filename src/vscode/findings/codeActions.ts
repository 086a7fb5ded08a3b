import * as vscode from 'vscode';
import type { Finding, RuleId } from '../../core/findings';
import { ruleIdOf } from './diagnosticMapping';
import { addEdits, appliesFromEditor, multiFileFixEdit, reachesBeyond, safeFixesInFile } from './fixEdits';
import { hashText, type FindingStore } from './findingStore';

/**
 * Offers the fixes the scanner attached to each of our diagnostics (looked up, never re-detected), plus
 * "Fix all <rule> in this file" built from the preferred fixes. Nothing is offered on text that changed since the
 * scan: the fixes' offsets would point at the wrong place; the next scan brings fresh ones.
 */
export class FixProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly store: FindingStore) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range,
    context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((diagnostic) => ruleIdOf(diagnostic) !== undefined);
    const entry = this.store.get(document.uri);
    if (ours.length === 0 || !entry || entry.textHash !== hashText(document.getText())) return [];

    const actions: vscode.CodeAction[] = [];
    const rules = new Set<RuleId>();
    for (const diagnostic of ours) {
      const finding = this.store.findingFor(document.uri, diagnostic);
      if (!finding) continue;
      rules.add(finding.ruleId);
      actions.push(...(await this.fixActions(document, finding, diagnostic)));
    }
    for (const ruleId of rules) {
      const fixAll = this.fixAllAction(document, ruleId, entry.findings);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }

  private async fixActions(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
    let preferredGiven = false;
    const offered = finding.fixes.filter((fix) => appliesFromEditor(fix, finding.file));
    const edits = await Promise.all(offered.map(async (fix) => {
      if (reachesBeyond(fix, finding.file)) return multiFileFixEdit(document, fix);
      const edit = new vscode.WorkspaceEdit();
      addEdits(edit, document, fix.edits);
      return edit;
    }));
    return offered.map((fix, index) => {
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.edit = edits[index];
      // One preferred action per finding: it is what "auto fix" applies without asking.
      if (fix.preferred && !preferredGiven) {
        action.isPreferred = true;
        preferredGiven = true;
      }
      return action;
    });
  }

  /** Only offered when the rule has more than one safely fixable finding in the file. */
  private fixAllAction(document: vscode.TextDocument, ruleId: RuleId, findings: readonly Finding[]): vscode.CodeAction | undefined {
    const fixes = safeFixesInFile(findings.filter((finding) => finding.ruleId === ruleId), document.uri.fsPath);
    if (fixes.length < 2) return undefined;
    const action = new vscode.CodeAction(`Fix all ${ruleId} in this file`, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    addEdits(action.edit, document, fixes.flatMap((fix) => fix.edits));
    return action;
  }
}
