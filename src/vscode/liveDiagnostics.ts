import * as vscode from 'vscode';
import type { ScanClient } from './scanClient';
import { hashText, type FindingStore } from './findingStore';
import { isScannable } from './scannedDocuments';
import { readSettings } from './settings';

/** Quiet time after the last keystroke before a changed document is scanned again. */
export const CHANGE_DEBOUNCE_MS = 300;

export interface LiveDiagnosticsDeps {
  scanner: ScanClient;
  store: FindingStore;
  log: vscode.LogOutputChannel;
}

/**
 * Scans open JS/TS and config documents on open, on change (debounced) and on save, and publishes the findings.
 * A result is dropped when the document changed meanwhile: a newer scan is already scheduled.
 */
export class LiveDiagnostics implements vscode.Disposable {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly deps: LiveDiagnosticsDeps) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.schedule(event.document, CHANGE_DEBOUNCE_MS);
      }),
      vscode.workspace.onDidSaveTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
    ];
    this.rescanOpenDocuments();
  }

  rescanOpenDocuments(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (!isScannable(document, readSettings(document.uri))) {
      this.forget(document);
      return;
    }
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.scan(document);
    }, delayMs));
  }

  private async scan(document: vscode.TextDocument): Promise<void> {
    const version = document.version;
    const text = document.getText();
    const settings = readSettings(document.uri);
    try {
      const result = await this.deps.scanner.scan([{ path: document.uri.fsPath, text }], settings.scan);
      if (document.isClosed || document.version !== version) return;
      const previous = this.deps.store.get(document.uri);
      this.deps.store.set({
        uri: document.uri,
        findings: result.findings.filter((finding) => finding.file === document.uri.fsPath),
        textHash: hashText(text),
        fromWorkspaceScan: previous?.fromWorkspaceScan ?? false,
      });
      for (const skipped of result.skipped) this.deps.log.info(`not scanned: ${skipped.file}: ${skipped.reason}`);
    } catch (error) {
      this.deps.log.error(`scanning ${document.uri.fsPath} failed: ${error instanceof Error ? error.message : error}`);
    }
  }

  /** Live-only findings leave with their editor; workspace-scan findings stay until the next workspace scan. */
  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    if (this.deps.store.get(document.uri)?.fromWorkspaceScan === false) this.deps.store.delete(document.uri);
  }
}
