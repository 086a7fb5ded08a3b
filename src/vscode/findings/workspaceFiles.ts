import * as vscode from 'vscode';
import type { SkippedFile } from '../../core/findings';
import { collectFiles } from '../../core/files/collectFiles';
import { fileKindOf } from '../../core/scan/fileKind';
import type { ExtensionSettings } from './settings';

export interface WorkspaceFiles {
  /** Absolute paths. */
  files: string[];
  skipped: SkippedFile[];
}

function globUnion(globs: readonly string[]): string {
  return globs.length === 1 ? globs[0]! : `{${globs.join(',')}}`;
}

/** `files.exclude` entries that are switched on (conditional `when` entries need a sibling check; they are kept). */
function filesExcludeGlobs(folder: vscode.WorkspaceFolder): string[] {
  const setting = vscode.workspace.getConfiguration('files', folder.uri).get<Record<string, unknown>>('exclude') ?? {};
  return Object.entries(setting).filter(([, enabled]) => enabled === true).map(([glob]) => glob);
}

/** The files the workspace settings let through: `amrMigrate.include` (or all) minus `files.exclude` and `amrMigrate.exclude`. */
async function allowedBySettings(folder: vscode.WorkspaceFolder, settings: ExtensionSettings,
  token: vscode.CancellationToken): Promise<Set<string>> {
  const include = new vscode.RelativePattern(folder, globUnion(settings.include.length ? settings.include : ['**/*']));
  // An explicit exclude replaces files.exclude in findFiles, so both go in.
  const excludes = [...filesExcludeGlobs(folder), ...settings.exclude];
  const exclude = excludes.length ? new vscode.RelativePattern(folder, globUnion(excludes)) : undefined;
  const uris = await vscode.workspace.findFiles(include, exclude ?? null, undefined, token);
  return new Set(uris.map((uri) => uri.fsPath));
}

/**
 * What a workspace scan reads in each (local) workspace folder: the files the CLI would scan there (`.gitignore`
 * honoured, `node_modules` skipped, scannable kinds only), further limited by the workspace settings.
 */
export async function collectWorkspaceFiles(settings: ExtensionSettings, token: vscode.CancellationToken,
  signal: AbortSignal): Promise<WorkspaceFiles> {
  const files: string[] = [];
  const skipped: SkippedFile[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    const collected = await collectFiles([folder.uri.fsPath], { isScannable: (path) => fileKindOf(path) !== undefined, signal });
    const allowed = await allowedBySettings(folder, settings, token);
    files.push(...collected.files.filter((file) => allowed.has(file)));
    skipped.push(...collected.skipped);
  }
  return { files, skipped };
}
