import * as vscode from 'vscode';
import type { Finding, Fix, TextEdit } from '../../core/findings';
import { projectDependencyEdits } from '../../core/fix/client/projectDependencies';
import { planFixes, type PlannedFix } from '../../core/fix/planFixes';

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

/**
 * Whether a fix offered on `file` can be applied from the editor: every edit is in that file, creates a file, or
 * adds dependencies to the manifest the fix names (those are built again on the manifest as it is then).
 */
export function appliesFromEditor(fix: Fix, file: string): boolean {
  return fix.edits.every((edit) => edit.file === file || edit.create || edit.file === fix.dependencies?.manifest);
}

/** Whether the fix needs more than edits of `file`: other files, or packages the project may lack. */
export function reachesBeyond(fix: Fix, file: string): boolean {
  return fix.dependencies !== undefined || !editsOnlyFile(fix, file);
}

/**
 * The workspace edit of a fix that reaches beyond `document` (see appliesFromEditor): files to create are created
 * unless they exist by now (an existing helper module is kept), and the package.json entries are computed on its
 * current text, so a dependency file edited since the scan still gets correct edits (or none, when already listed).
 */
export async function multiFileFixEdit(document: vscode.TextDocument, fix: Fix): Promise<vscode.WorkspaceEdit> {
  const workspaceEdit = new vscode.WorkspaceEdit();
  addEdits(workspaceEdit, document, fix.edits.filter((edit) => edit.file === document.uri.fsPath && !edit.create));
  for (const edit of fix.edits.filter((candidate) => candidate.create)) {
    const uri = vscode.Uri.file(edit.file);
    if (await exists(uri)) continue;
    // Created empty, then filled by a text edit: file contents inside a workspace edit do not survive being passed
    // on (vscode.executeCodeActionProvider hands them back as an unrevivable data transfer file).
    workspaceEdit.createFile(uri, { ignoreIfExists: true });
    workspaceEdit.insert(uri, new vscode.Position(0, 0), edit.newText);
  }
  const dependencies = fix.dependencies;
  const manifestPath = dependencies && (dependencies.manifest ?? (await nearestManifest(document.uri)));
  if (dependencies && manifestPath && manifestPath !== document.uri.fsPath) {
    const manifest = await vscode.workspace.openTextDocument(vscode.Uri.file(manifestPath));
    addEdits(workspaceEdit, manifest, projectDependencyEdits(manifestPath, manifest.getText(), dependencies.packages) ?? []);
  }
  return workspaceEdit;
}

/** The package.json closest to `uri` inside its workspace folder (a live scan sees one document only). */
async function nearestManifest(uri: vscode.Uri): Promise<string | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return undefined;
  for (let directory = vscode.Uri.joinPath(uri, '..'); directory.path.startsWith(folder.uri.path); directory = vscode.Uri.joinPath(directory, '..')) {
    const candidate = vscode.Uri.joinPath(directory, 'package.json');
    if (await exists(candidate)) return candidate.fsPath;
    if (directory.path === folder.uri.path) break;
  }
  return undefined;
}

function exists(uri: vscode.Uri): Promise<boolean> {
  return Promise.resolve(vscode.workspace.fs.stat(uri)).then(() => true, () => false);
}
