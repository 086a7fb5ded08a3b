import type * as vscode from 'vscode';
import { fileKindOf } from '../core/scan/fileKind';

/** Documents that get live diagnostics: local files of a kind the scanner reads (decided by the file name). */
export function isScannable(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'file' && fileKindOf(document.uri.fsPath) !== undefined;
}
