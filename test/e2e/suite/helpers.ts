import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { CachesTreeProvider } from '../../../src/vscode/caches/cachesTree';

export const EXTENSION_ID = 'amr-migrate.amr-migrate';
const WAIT_MS = 30_000;
const CHANGE_WAIT_MS = 10_000;

export async function api(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in the extension host`);
  return extension.activate();
}

export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e suite needs the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'amr-migrate');
}

export function ruleOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** `rule@line:col` (1-based), sorted: compact enough to compare whole diagnostic lists in one assertion. */
/**
 * Clicks a button of a webview (the plan panel's), through the code-server harness: the extension host cannot reach
 * into a webview's document, Playwright can (scripts/e2e-run.mjs). False where no harness listens (desktop VS Code).
 */
export function clickWebviewButton(name: string): boolean {
  if (process.env.AMR_E2E_WEBVIEW_CLICKS !== '1') return false;
  console.log(`amr-e2e: click webview button "${name}"`);
  return true;
}

export function summarize(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics
    .map((d) => `${ruleOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1}`)
    .sort();
}

/**
 * Resolves with the diagnostics of `uri` once `done` holds for them, checking now and on every diagnostics change
 * event (no polling, no sleeps). Fails with the last diagnostics seen if that takes longer than `WAIT_MS`.
 */
export function waitForDiagnostics(uri: vscode.Uri, done: (diagnostics: vscode.Diagnostic[]) => boolean,
  what = 'the expected diagnostics'): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = ours(uri);
      if (!done(current)) return false;
      finish();
      resolve(current);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`timed out waiting for ${what} on ${vscode.workspace.asRelativePath(uri)}; `
        + `have: ${JSON.stringify(summarize(ours(uri)))}`));
    }, WAIT_MS);
    function finish() {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

/** Opens a fixture file in an editor and waits until its diagnostics equal `expected` (see `summarize`). */
export async function openAndWait(relativePath: string, expected: readonly string[]): Promise<vscode.TextDocument> {
  const uri = workspaceUri(relativePath);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  try {
    await waitForDiagnostics(uri, (d) => JSON.stringify(summarize(d)) === JSON.stringify([...expected].sort()),
      JSON.stringify([...expected].sort()));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n(version ${document.version}, dirty ${document.isDirty}) text:\n${document.getText()}`);
  }
  return document;
}

/** The pristine fixture in the extension's own folder (the workspace under test is a copy that tests change). */
function pristine(uri: vscode.Uri): string {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  return path.join(extension.extensionPath, 'test', 'e2e', 'fixtures', 'workspace', vscode.workspace.asRelativePath(uri, false));
}

/**
 * Puts every fixture document a test changed back to the pristine fixture text, and saves it, so the next test
 * starts from the fixture whatever was edited or saved before.
 */
export async function restoreFixtures(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file')) {
    const original = await readFile(pristine(document.uri), 'utf8').catch(() => undefined);
    if (original === undefined || (original === document.getText() && !document.isDirty)) continue;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), original);
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    assert.equal(await document.save(), true);
  }
}

/** Applies the quick fix titled `title` offered on the diagnostic `target` (`rule@line:col`). */
export async function applyFix(document: vscode.TextDocument, target: string, title: string): Promise<void> {
  const diagnostic = ours(document.uri).find((d) => summarize([d])[0] === target);
  assert.ok(diagnostic, `no diagnostic ${target}`);
  const actions = await quickFixes(document, diagnostic.range);
  const action = actions.find((a) => a.title === title);
  assert.ok(action?.edit, `no quick fix "${title}" on ${target}; offered: ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.equal(await vscode.workspace.applyEdit(action.edit), true);
}

export function expectAfterFix(document: vscode.TextDocument, expected: readonly string[]): Promise<vscode.Diagnostic[]> {
  const want = JSON.stringify([...expected].sort());
  return waitForDiagnostics(document.uri, (d) => JSON.stringify(summarize(d)) === want, want);
}

/** The quick fixes VS Code offers on `range`, from every provider. */
export async function quickFixes(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider', document.uri, range, vscode.CodeActionKind.QuickFix.value);
  // Actions come back without their diagnostics; the fixture has no other problems, so every quick fix is ours.
  return actions;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Changes a setting and waits for the view to refresh because of it (it must, without a Refresh command). */
export async function changeSetting(tree: CachesTreeProvider, name: string, value: unknown): Promise<void> {
  const refreshed = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the Caches view did not refresh after amrMigrate.${name} changed`)), CHANGE_WAIT_MS);
    const subscription = tree.onDidChangeTreeData(() => {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
  await vscode.workspace.getConfiguration('amrMigrate').update(name, value, vscode.ConfigurationTarget.Global);
  await refreshed;
}
