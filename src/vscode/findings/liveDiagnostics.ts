import * as vscode from 'vscode';
import type { ScanClient } from './scanClient';
import { hashText, type FileFindings, type FindingStore } from './findingStore';
import { isScannable, mayBeScanned } from './scannedDocuments';
import { readSettings, type ExtensionSettings } from './settings';

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
 * The worker resolves a document's imports (other open documents first, then the disk) and says which files it
 * read; when one of those documents changes or closes, the documents importing it are scanned again.
 */
export class LiveDiagnostics implements vscode.Disposable {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Per open document (URI): the files its last scan read for imports. */
  private readonly dependencies = new Map<string, ReadonlySet<string>>();
  /** Per open document (URI): the version whose text its importers were last scanned against. */
  private readonly propagated = new Map<string, number>();
  /** Open documents (URI) whose text the worker's session holds. */
  private readonly inWorker = new Set<string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly deps: LiveDiagnosticsDeps) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        // Per keystroke only the timer moves: settings and exclude globs are read once the typing pauses.
        if (event.contentChanges.length > 0 && mayBeScanned(event.document)) this.schedule(event.document, CHANGE_DEBOUNCE_MS);
      }),
      vscode.workspace.onDidSaveTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
      this.watchImportedFiles(),
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

  /**
   * The findings of the document's text as it is now: the stored ones when they were scanned from this text, else
   * (an edit still inside the debounce) from a scan right away. Undefined for a document that is not scanned, or that
   * changed again during the scan.
   */
  async currentFindings(document: vscode.TextDocument): Promise<FileFindings | undefined> {
    if (this.deps.store.get(document.uri)?.textHash !== hashText(document.getText())) {
      const settings = readSettings(document.uri);
      if (!isScannable(document, settings)) return undefined;
      const key = document.uri.toString();
      clearTimeout(this.timers.get(key));
      this.timers.delete(key);
      await this.scan(document, settings);
    }
    // Checked against the text as it is after the scan: fixes are offsets into it.
    const entry = this.deps.store.get(document.uri);
    return entry?.textHash === hashText(document.getText()) ? entry : undefined;
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      const settings = readSettings(document.uri);
      if (isScannable(document, settings)) void this.scan(document, settings);
      else this.forget(document);
    }, delayMs));
  }

  private async scan(document: vscode.TextDocument, settings: ExtensionSettings): Promise<void> {
    const version = document.version;
    const text = document.getText();
    this.inWorker.add(document.uri.toString());
    try {
      const root = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath;
      const { result, dependencies } = await this.deps.scanner.scanDocument(document.uri.fsPath, text, settings.scan, root);
      if (document.isClosed || document.version !== version) return;
      const key = document.uri.toString();
      this.dependencies.set(key, new Set(dependencies));
      if (this.propagated.get(key) !== version) {
        // The worker now holds this text: importers see it from their next scan on.
        this.propagated.set(key, version);
        this.rescanImportersOf(document);
      }
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

  private rescanImportersOf(imported: { uri: vscode.Uri }): void {
    const path = imported.uri.fsPath;
    for (const importer of vscode.workspace.textDocuments) {
      if (importer.uri.toString() !== imported.uri.toString() && this.dependencies.get(importer.uri.toString())?.has(path)) {
        this.schedule(importer, 0);
      }
    }
  }

  /**
   * A closed imported file or package.json (node-redis version) changed on disk (a checkout, another tool): the open
   * files that read it are re-checked.
   */
  private watchImportedFiles(): vscode.Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,json}');
    const changed = (uri: vscode.Uri) => {
      if (!this.inWorker.has(uri.toString())) this.rescanImportersOf({ uri });
    };
    return vscode.Disposable.from(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
  }

  /**
   * Live-only findings leave with their editor; workspace-scan findings stay until the next workspace scan.
   * The worker drops the document, so importers read the file from disk again.
   */
  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.dependencies.delete(key);
    this.propagated.delete(key);
    if (this.inWorker.delete(key)) {
      this.deps.scanner.closeDocument(document.uri.fsPath).then(
        () => this.rescanImportersOf(document),
        (error: unknown) => this.deps.log.error(`closing ${document.uri.fsPath} in the scanner failed: ${error instanceof Error ? error.message : error}`),
      );
    }
    if (this.deps.store.get(document.uri)?.fromWorkspaceScan === false) this.deps.store.delete(document.uri);
  }
}
