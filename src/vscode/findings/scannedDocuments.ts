import * as vscode from 'vscode';
import { fileKindOf } from '../../core/scan/fileKind';
import type { ExtensionSettings } from './settings';

/**
 * Documents that get live diagnostics: local files of a kind the scanner reads (decided by the file name) that
 * `amrMigrate.exclude` does not exclude — what the user excluded from workspace scans stays quiet when opened too.
 */
export function isScannable(document: vscode.TextDocument, settings: ExtensionSettings): boolean {
  if (!mayBeScanned(document)) return false;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  return !folder || !settings.exclude.some((glob) =>
    vscode.languages.match({ pattern: new vscode.RelativePattern(folder, glob) }, document) > 0);
}

/**
 * The part of `isScannable` that needs no settings: a local file of a kind the scanner reads. Cheap enough for every
 * keystroke in every editor (output panels and untitled documents included).
 */
export function mayBeScanned(document: Pick<vscode.TextDocument, 'uri'>): boolean {
  return document.uri.scheme === 'file' && fileKindOf(document.uri.fsPath) !== undefined;
}
