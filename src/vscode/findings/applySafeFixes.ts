import * as vscode from 'vscode';
import { redactCredentials } from '../../core/report/redaction';
import { addEdits, safeFixesInFile } from './fixEdits';
import { hashText, type FindingStore } from './findingStore';

export interface SafeFixEdit {
  edit: vscode.WorkspaceEdit;
  fixCount: number;
  /** Files whose text changed since their scan: their fixes are left out (the offsets would be wrong). */
  staleFiles: vscode.Uri[];
}

/**
 * One `WorkspaceEdit` with the preferred fix of every current finding. Each entry needs confirmation, so
 * VS Code shows the refactor preview with every change unchecked: the user picks (per file or per fix kind)
 * what to apply before any file changes.
 */
export async function buildSafeFixEdit(store: FindingStore): Promise<SafeFixEdit> {
  const edit = new vscode.WorkspaceEdit();
  const staleFiles: vscode.Uri[] = [];
  let fixCount = 0;
  for (const entry of store.all()) {
    const fixes = safeFixesInFile(entry.findings, entry.uri.fsPath);
    if (fixes.length === 0) continue;
    const document = await vscode.workspace.openTextDocument(entry.uri);
    if (hashText(document.getText()) !== entry.textHash) {
      staleFiles.push(entry.uri);
      continue;
    }
    for (const { planned, edits } of fixes) {
      addEdits(edit, document, edits, { label: redactCredentials(planned.fix.title), description: planned.finding.ruleId, needsConfirmation: true });
      fixCount++;
    }
  }
  return { edit, fixCount, staleFiles };
}

export async function applySafeFixes(store: FindingStore): Promise<void> {
  const { edit, fixCount, staleFiles } = await buildSafeFixEdit(store);
  const stale = staleFiles.length > 0
    ? ` ${staleFiles.length} changed file(s) were left out; scan again to fix them.` : '';
  if (fixCount === 0) {
    void vscode.window.showInformationMessage(`Azure Managed Redis: no safe fixes to apply.${stale}`);
    return;
  }
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  if (stale) void vscode.window.showWarningMessage(`Azure Managed Redis:${stale}`);
  if (!applied) void vscode.window.showInformationMessage('Azure Managed Redis: no fixes were applied.');
}
