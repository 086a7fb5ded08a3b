import * as vscode from 'vscode';

/**
 * Where a rule's documentation lives: docs/rules/<id>.md in the repository named by package.json, so the link
 * in a diagnostic's code opens the page for the version the user has.
 */
export function ruleDocsLinker(packageJson: { repository?: { url?: string } | string; version?: string }): (ruleId: string) => vscode.Uri {
  const raw = typeof packageJson.repository === 'string' ? packageJson.repository : packageJson.repository?.url;
  if (!raw) throw new Error('package.json has no repository URL for rule documentation links');
  const repository = raw.replace(/^git\+/, '').replace(/\.git$/, '');
  return (ruleId) => vscode.Uri.parse(`${repository}/blob/main/docs/rules/${encodeURIComponent(ruleId)}.md`);
}
