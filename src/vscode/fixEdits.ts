import * as vscode from 'vscode';
import type { Finding, TextEdit } from '../core/findings';
import { planFixes, type PlannedFix } from '../core/fix/planFixes';

/**
 * Adds `edits` (offsets into the text of `document`) to `workspaceEdit` as ranges of that document.
 * The caller has checked that the document's text is the one the offsets were computed on.
 */
export function addEdits(workspaceEdit: vscode.WorkspaceEdit, document: vscode.TextDocument, edits: readonly TextEdit[],
  metadata?: vscode.WorkspaceEditEntryMetadata): void {
  for (const edit of edits) {
    const range = new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end));
    if (metadata) workspaceEdit.replace(document.uri, range, edit.newText, metadata);
    else workspaceEdit.replace(document.uri, range, edit.newText);
  }
}

/** True when every edit of the fix targets `file` (the editor applies fixes one document at a time). */
export function editsOnlyFile(fix: { edits: readonly TextEdit[] }, file: string): boolean {
  return fix.edits.every((edit) => edit.file === file);
}

/**
 * The preferred fixes of `findings` in `file` that can apply together (the CLI's `--fix` plan), each with the
 * edits it contributes; an edit two fixes share is applied once.
 */
export function safeFixesInFile(findings: readonly Finding[], file: string): { planned: PlannedFix; edits: TextEdit[] }[] {
  const local = findings.filter((finding) => {
    const preferred = finding.fixes.find((fix) => fix.preferred);
    return preferred !== undefined && editsOnlyFile(preferred, file);
  });
  const fileEdits = planFixes(local).files.get(file);
  if (!fileEdits) return [];
  const remaining = new Set(fileEdits.edits);
  return fileEdits.fixes.map((planned) => ({
    planned,
    edits: planned.fix.edits.filter((edit) => remaining.delete(edit)),
  }));
}
