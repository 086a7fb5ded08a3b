import * as vscode from 'vscode';
import type { FindingStore } from './findingStore';

/** `amrMigrate.hasSafeFixes`: the "Apply All Safe Fixes" command shows only when it would do something. */
export function trackContextKeys(store: FindingStore): vscode.Disposable {
  const update = () => {
    const hasSafeFixes = store.all().some((entry) => entry.findings.some((f) => f.fixes.some((fix) => fix.preferred)));
    void vscode.commands.executeCommand('setContext', 'amrMigrate.hasSafeFixes', hasSafeFixes);
  };
  update();
  return store.onDidChange(update);
}
