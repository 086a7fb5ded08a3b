import * as vscode from 'vscode';
import type { FindingStore } from './findingStore';
import { FINDINGS_VIEW_ID } from './findingsTree';

/** Status-bar count of current findings; a click opens the Findings view. */
export class FindingsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('amrMigrate.findingCount', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: FindingStore) {
    this.item.name = 'Azure Managed Redis findings';
    this.item.command = `${FINDINGS_VIEW_ID}.focus`;
    this.subscription = store.onDidChange(() => this.update());
    this.update();
    this.item.show();
  }

  update(): void {
    const count = this.store.findingCount();
    const files = this.store.all().filter((entry) => entry.findings.length > 0).length;
    this.item.text = `$(database) AMR: ${count}`;
    this.item.tooltip = count === 0
      ? 'Azure Managed Redis migration: no findings in scanned files. Click to open the Findings view.'
      : `Azure Managed Redis migration: ${count} finding(s) in ${files} file(s). Click to open the Findings view.`;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
