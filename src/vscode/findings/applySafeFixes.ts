import * as vscode from 'vscode';
import type { RuleId } from '../../core/findings';
import { changedSpans } from '../../core/fix/changedSpan';
import type { FileChange } from '../../core/fix/previewFixes';
import type { SafeFixPreview } from '../../workers/scanProtocol';
import type { ScanClient } from './scanClient';
import { readSettings } from './settings';
import { readWorkspaceInputs } from './workspaceScan';

export interface SafeFixDeps {
  scanner: ScanClient;
  log: vscode.LogOutputChannel;
}

export interface SafeFixEdit {
  edit: vscode.WorkspaceEdit;
  /** Files whose text changed while the fixes were computed: left out (the new text would undo that change). */
  staleFiles: vscode.Uri[];
}

/**
 * One `WorkspaceEdit` with what the fixes change, file by file and line by line. Each entry needs confirmation, so
 * VS Code shows the refactor preview with every change unchecked: the user picks what to change before any changes.
 */
export async function buildSafeFixEdit(changes: readonly FileChange[]): Promise<SafeFixEdit> {
  const edit = new vscode.WorkspaceEdit();
  const staleFiles: vscode.Uri[] = [];
  for (const change of changes) {
    const uri = vscode.Uri.file(change.file);
    const metadata = { label: describeFixes(change.rules), needsConfirmation: true };
    if (change.before === undefined) {
      edit.createFile(uri, { ignoreIfExists: true }, metadata);
      edit.insert(uri, new vscode.Position(0, 0), change.after, metadata);
      continue;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.getText() !== change.before) {
      staleFiles.push(uri);
      continue;
    }
    for (const span of changedSpans(change.before, change.after)) {
      edit.replace(uri, new vscode.Range(document.positionAt(span.start), document.positionAt(span.end)), span.newText, metadata);
    }
  }
  return { edit, staleFiles };
}

/** "3 fixes: legacy-hostname ×2, legacy-tls-port" (a created module has no fix of its own). */
function describeFixes(rules: readonly RuleId[]): string {
  if (rules.length === 0) return 'Module the fixes import';
  const counts = new Map<RuleId, number>();
  for (const rule of rules) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  const list = [...counts].map(([rule, count]) => (count > 1 ? `${rule} ×${count}` : rule)).join(', ');
  return `${rules.length} ${rules.length === 1 ? 'fix' : 'fixes'}: ${list}`;
}

/**
 * "Apply All Safe Fixes": the preferred fixes of the whole workspace, made as `amr-migrate scan --fix` makes them
 * (in passes: a fix that overlapped one just made comes from a scan of the fixed text). The worker computes them on
 * the texts the editor shows, in memory; the refactor preview then lets the user confirm before anything changes.
 */
export async function applySafeFixes(deps: SafeFixDeps): Promise<void> {
  const preview = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Azure Managed Redis: preparing safe fixes', cancellable: true },
    (progress, token) => prepare(deps, progress, token),
  );
  if (!preview) return;
  for (const { file, problem } of preview.problems) deps.log.info(`not fixed: ${file}: ${problem}`);
  if (preview.conflicting > 0) deps.log.info(`${preview.conflicting} fix(es) still overlap another after the last pass`);
  const { edit, staleFiles } = await buildSafeFixEdit(preview.changes);
  const stale = staleFiles.length > 0 ? ` ${staleFiles.length} file(s) changed meanwhile and were left out; run the command again.` : '';
  if (edit.size === 0) {
    void vscode.window.showInformationMessage(`Azure Managed Redis: no safe fixes to apply.${stale}`);
    return;
  }
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  if (stale) void vscode.window.showWarningMessage(`Azure Managed Redis:${stale}`);
  if (!applied) void vscode.window.showInformationMessage('Azure Managed Redis: no fixes were applied.');
}

async function prepare(deps: SafeFixDeps, progress: vscode.Progress<{ message?: string }>,
  token: vscode.CancellationToken): Promise<SafeFixPreview | undefined> {
  const settings = readSettings();
  progress.report({ message: 'collecting files…' });
  const read = await readWorkspaceInputs(settings, token);
  if (!read) return undefined;
  progress.report({ message: `fixing ${read.inputs.length} files…` });
  const cancel = token.onCancellationRequested(() => deps.scanner.stop());
  try {
    return await deps.scanner.previewFixes(read.inputs, settings.scan);
  } catch (error) {
    if (token.isCancellationRequested) return undefined;
    throw error;
  } finally {
    cancel.dispose();
  }
}
