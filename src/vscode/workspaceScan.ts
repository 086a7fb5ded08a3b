import * as vscode from 'vscode';
import type { Finding, SkippedFile, SourceFileInput } from '../core/findings';
import { isSkipped, readSourceFile } from '../core/files/readSourceFile';
import type { ScanClient } from './scanClient';
import { hashText, type FileFindings, type FindingStore } from './findingStore';
import { collectWorkspaceFiles } from './workspaceFiles';
import { readSettings } from './settings';

export interface WorkspaceScanDeps {
  scanner: ScanClient;
  store: FindingStore;
  log: vscode.LogOutputChannel;
}

export interface WorkspaceScanSummary {
  filesScanned: number;
  filesSkipped: number;
  findings: number;
  durationMs: number;
}

/**
 * Open editors may hold unsaved text: scan what the user sees, not what is on disk. A file's byte-order mark is
 * dropped because editor documents do not contain it, and fix offsets must match the document's text.
 */
async function readInput(path: string, openDocuments: ReadonlyMap<string, vscode.TextDocument>,
  maxFileBytes: number): Promise<SourceFileInput | SkippedFile> {
  const open = openDocuments.get(path);
  if (open) return { path, text: open.getText() };
  const read = await readSourceFile(path, maxFileBytes);
  return isSkipped(read) || !read.text.startsWith('\uFEFF') ? read : { path, text: read.text.slice(1) };
}

/**
 * "Scan Workspace": every file the workspace settings let through, scanned in one request so that constants
 * imported across files resolve as in the CLI. Cancel stops the worker (it restarts on the next request).
 */
export class WorkspaceScanner {
  private hasScanned = false;

  constructor(private readonly deps: WorkspaceScanDeps) {}

  /** True once a workspace scan completed; settings changes then re-run it so its findings stay current. */
  get hasResults(): boolean {
    return this.hasScanned;
  }

  run(location: vscode.ProgressLocation = vscode.ProgressLocation.Notification): Thenable<WorkspaceScanSummary | undefined> {
    return vscode.window.withProgress(
      { location, title: 'Azure Managed Redis: scanning workspace', cancellable: true },
      (progress, token) => this.scan(progress, token),
    );
  }

  private async scan(progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken): Promise<WorkspaceScanSummary | undefined> {
    const started = performance.now();
    const settings = readSettings();
    progress.report({ message: 'collecting files…' });
    let collected;
    try {
      collected = await collectWorkspaceFiles(settings, token);
    } catch (error) {
      if (token.isCancellationRequested) return undefined;
      throw error;
    }

    const openDocuments = new Map(vscode.workspace.textDocuments
      .filter((document) => document.uri.scheme === 'file').map((document) => [document.uri.fsPath, document]));
    const inputs: SourceFileInput[] = [];
    const skipped = [...collected.skipped];
    for (const path of collected.files) {
      const read = await readInput(path, openDocuments, settings.scan.maxFileBytes);
      if (isSkipped(read)) skipped.push(read);
      else inputs.push(read);
      if (token.isCancellationRequested) return undefined;
    }

    progress.report({ message: `scanning ${inputs.length} files…` });
    const cancel = token.onCancellationRequested(() => this.deps.scanner.dispose());
    let result;
    try {
      result = await this.deps.scanner.scan(inputs, settings.scan);
    } catch (error) {
      if (token.isCancellationRequested) return undefined;
      throw error;
    } finally {
      cancel.dispose();
    }

    this.deps.store.replaceWorkspaceScan(this.entries(inputs, result.findings));
    this.hasScanned = true;
    skipped.push(...result.skipped);
    for (const file of skipped) this.deps.log.info(`not scanned: ${file.file}: ${file.reason}`);
    const summary = {
      filesScanned: inputs.length - result.skipped.length,
      filesSkipped: skipped.length,
      findings: result.findings.length,
      durationMs: Math.round(performance.now() - started),
    };
    this.deps.log.info(`workspace scan: ${summary.findings} finding(s) in ${summary.filesScanned} file(s), `
      + `${summary.filesSkipped} skipped, ${summary.durationMs} ms`);
    return summary;
  }

  /** Entries for files with findings, and empty ones for files that had some before (to clear them). */
  private entries(inputs: readonly SourceFileInput[], findings: readonly Finding[]): FileFindings[] {
    const byFile = new Map<string, Finding[]>();
    for (const finding of findings) {
      const list = byFile.get(finding.file);
      if (list) list.push(finding);
      else byFile.set(finding.file, [finding]);
    }
    return inputs
      .map((input) => ({ input, uri: vscode.Uri.file(input.path) }))
      .filter(({ input, uri }) => byFile.has(input.path) || this.deps.store.get(uri))
      .map(({ input, uri }) => ({
        uri,
        findings: byFile.get(input.path) ?? [],
        textHash: hashText(input.text),
        fromWorkspaceScan: true,
      }));
  }
}
