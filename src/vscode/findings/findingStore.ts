import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { Finding, RuleId } from '../../core/findings';
import { diagnosticKey, toDiagnostic } from './diagnosticMapping';

/** The findings of one file, as scanned from one exact text. */
export interface FileFindings {
  uri: vscode.Uri;
  findings: Finding[];
  /** Hash of the scanned text: fixes carry offsets into it, so they apply only while the text is unchanged. */
  textHash: string;
  /** Set when a workspace scan produced the entry; it then outlives the file's editor. */
  fromWorkspaceScan: boolean;
}

export function hashText(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * The one owner of the current findings: publishes them as diagnostics (Problems panel) and remembers, per
 * diagnostic, the finding it came from, so code actions look fixes up instead of detecting again.
 */
export class FindingStore implements vscode.Disposable {
  private readonly files = new Map<string, { entry: FileFindings; byKey: Map<string, Finding> }>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly diagnostics: vscode.DiagnosticCollection,
    private readonly ruleDocsUri: (ruleId: RuleId) => vscode.Uri,
  ) {}

  set(entry: FileFindings): void {
    this.put(entry);
    this.changed.fire();
  }

  /** Replaces every workspace-scan entry with `entries`; live entries of files outside the scan stay. */
  replaceWorkspaceScan(entries: FileFindings[]): void {
    const scanned = new Set(entries.map((entry) => entry.uri.toString()));
    for (const [key, { entry }] of this.files) {
      if (entry.fromWorkspaceScan && !scanned.has(key)) this.remove(entry.uri);
    }
    for (const entry of entries) this.put(entry);
    this.changed.fire();
  }

  delete(uri: vscode.Uri): void {
    if (this.remove(uri)) this.changed.fire();
  }

  get(uri: vscode.Uri): FileFindings | undefined {
    return this.files.get(uri.toString())?.entry;
  }

  all(): FileFindings[] {
    return [...this.files.values()].map(({ entry }) => entry);
  }

  findingCount(): number {
    let count = 0;
    for (const { entry } of this.files.values()) count += entry.findings.length;
    return count;
  }

  /** The finding a diagnostic of ours was made from, or undefined when it is not (or no longer) ours. */
  findingFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Finding | undefined {
    return this.files.get(uri.toString())?.byKey.get(diagnosticKey(diagnostic));
  }

  dispose(): void {
    this.changed.dispose();
  }

  private put(entry: FileFindings): void {
    const byKey = new Map<string, Finding>();
    const diagnostics = entry.findings.map((finding) => {
      const diagnostic = toDiagnostic(finding, this.ruleDocsUri(finding.ruleId));
      byKey.set(diagnosticKey(diagnostic), finding);
      return diagnostic;
    });
    this.files.set(entry.uri.toString(), { entry, byKey });
    this.diagnostics.set(entry.uri, diagnostics);
  }

  private remove(uri: vscode.Uri): boolean {
    this.diagnostics.delete(uri);
    return this.files.delete(uri.toString());
  }
}
