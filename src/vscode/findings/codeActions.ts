import * as vscode from 'vscode';
import type { Finding, RuleId, TextEdit } from '../../core/findings';
import { redactCredentials } from '../../core/report/redaction';
import { ruleIdOf } from './diagnosticMapping';
import { addEdits, appliesFromEditor, multiFileFixEdit, reachesBeyond, safeFixesInFile } from './fixEdits';
import { hashText, type FileFindings, type FindingStore } from './findingStore';

/** "Apply all safe fixes" of one document, for `editor.codeActionsOnSave` and the Source Action menu. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('amrMigrate');

/** The findings of a document's current text (scanning it first when an edit has not been scanned yet). */
export type CurrentFindings = (document: vscode.TextDocument) => Promise<FileFindings | undefined>;

/**
 * Offers the fixes the scanner attached to each of our diagnostics (looked up, never re-detected), plus
 * "Fix all <rule> in this file" built from the preferred fixes. Nothing is offered on text that changed since the
 * scan: the fixes' offsets would point at the wrong place; the next scan brings fresh ones.
 * Asked for `source.fixAll` (on save, or from the Source Action menu), it offers the preferred fixes of the whole
 * document as one action, scanning an edit the debounce has not scanned yet, so a quick save still gets them.
 */
export class FixProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(private readonly store: FindingStore, private readonly currentFindings: CurrentFindings) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range,
    context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    if (context.only?.contains(FIX_ALL_KIND)) {
      const fixAll = await this.fixAllInDocument(document);
      return fixAll ? [fixAll] : [];
    }
    if (context.only && !context.only.intersects(vscode.CodeActionKind.QuickFix)) return [];
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
      const action = new vscode.CodeAction(redactCredentials(fix.title), vscode.CodeActionKind.QuickFix);
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
    return editAction(`Fix all ${ruleId} in this file`, vscode.CodeActionKind.QuickFix, document, fixes);
  }

  /** Every preferred fix of the document that can apply together, as the CLI's `--fix` picks them. */
  private async fixAllInDocument(document: vscode.TextDocument): Promise<vscode.CodeAction | undefined> {
    const entry = await this.currentFindings(document);
    if (!entry) return undefined;
    const fixes = safeFixesInFile(entry.findings, document.uri.fsPath);
    if (fixes.length === 0) return undefined;
    return editAction('Apply all safe Azure Managed Redis fixes in this file', FIX_ALL_KIND, document, fixes);
  }
}

function editAction(title: string, kind: vscode.CodeActionKind, document: vscode.TextDocument,
  fixes: readonly { edits: readonly TextEdit[] }[]): vscode.CodeAction {
  const action = new vscode.CodeAction(title, kind);
  action.edit = new vscode.WorkspaceEdit();
  addEdits(action.edit, document, fixes.flatMap((fix) => fix.edits));
  return action;
}
