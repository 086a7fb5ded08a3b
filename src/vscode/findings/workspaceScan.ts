import * as vscode from 'vscode';
import type { Finding, SkippedFile, SourceFileInput } from '../../core/findings';
import { readSourceFiles } from '../../core/files/readSourceFile';
import type { ScanClient } from './scanClient';
import { hashText, type FileFindings, type FindingStore } from './findingStore';
import { collectWorkspaceFiles } from './workspaceFiles';
import { readSettings, type ExtensionSettings } from './settings';

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
 * The text of each file: an open editor's (it may hold unsaved changes: scan what the user sees), else the file's.
 * A byte-order mark is dropped because editor documents do not contain one, and fix offsets must match them.
 */
async function readInputs(paths: readonly string[], maxFileBytes: number,
  signal: AbortSignal): Promise<{ inputs: SourceFileInput[]; skipped: SkippedFile[] }> {
  const open = new Map(vscode.workspace.textDocuments
    .filter((document) => document.uri.scheme === 'file').map((document) => [document.uri.fsPath, document]));
  const read = await readSourceFiles(paths.filter((path) => !open.has(path)), maxFileBytes, signal);
  const inputs = [
    ...paths.flatMap((path) => {
      const document = open.get(path);
      return document ? [{ path, text: document.getText() }] : [];
    }),
    ...read.inputs.map((input) => (input.text.startsWith('\uFEFF') ? { path: input.path, text: input.text.slice(1) } : input)),
  ];
  return { inputs, skipped: read.skipped };
}

/**
 * The files of the workspace the settings let through, with their texts as the editor shows them; undefined once
 * `token` is cancelled.
 */
export async function readWorkspaceInputs(settings: ExtensionSettings, token: vscode.CancellationToken):
  Promise<{ inputs: SourceFileInput[]; skipped: SkippedFile[] } | undefined> {
  const abort = new AbortController();
  const abortOnCancel = token.onCancellationRequested(() => abort.abort(new vscode.CancellationError()));
  try {
    const collected = await collectWorkspaceFiles(settings, token, abort.signal);
    const read = await readInputs(collected.files, settings.scan.maxFileBytes, abort.signal);
    return { inputs: read.inputs, skipped: [...collected.skipped, ...read.skipped] };
  } catch (error) {
    if (token.isCancellationRequested) return undefined;
    throw error;
  } finally {
    abortOnCancel.dispose();
  }
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
    const read = await readWorkspaceInputs(settings, token);
    if (!read) return undefined;
    const { inputs, skipped } = read;

    progress.report({ message: `scanning ${inputs.length} files…` });
    const cancel = token.onCancellationRequested(() => this.deps.scanner.stop());
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
