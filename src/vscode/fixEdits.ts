import * as vscode from 'vscode';
import type { Fix, TextEdit } from '../core/findings';
import { nonOverlappingFixes } from '../core/fix/nonOverlapping';

/** Extra data for a `WorkspaceEdit` entry, e.g. `needsConfirmation` to route it through the refactor preview. */
export type EditMetadata = vscode.WorkspaceEditEntryMetadata;

/**
 * Adds `edits` (offsets into the text of `document`) to `workspaceEdit` as ranges of that document.
 * The caller has checked that the document's text is the one the offsets were computed on.
 */
export function addEdits(workspaceEdit: vscode.WorkspaceEdit, document: vscode.TextDocument, edits: readonly TextEdit[],
  metadata?: EditMetadata): void {
  for (const edit of edits) {
    const range = new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end));
    if (metadata) workspaceEdit.replace(document.uri, range, edit.newText, metadata);
    else workspaceEdit.replace(document.uri, range, edit.newText);
  }
}

/** True when every edit of the fix targets `file` (fixes spanning other files are offered per file only). */
export function editsOnlyFile(fix: Fix, file: string): boolean {
  return fix.edits.every((edit) => edit.file === file);
}

/** The preferred fix of each finding, minus those that would overlap one already chosen. */
export function safeFixes(fixLists: readonly (readonly Fix[])[]): Fix[] {
  const preferred = fixLists.map((fixes) => fixes.find((fix) => fix.preferred)).filter((fix): fix is Fix => !!fix);
  return nonOverlappingFixes(preferred);
}
