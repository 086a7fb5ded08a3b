import * as vscode from 'vscode';
import type { RuleId } from '../../core/findings';
import { ruleDocsUrl } from '../../core/report/ruleDocsUrl';

/** The rule's documentation page as a link for a diagnostic's code: the same page SARIF's helpUri names. */
export function ruleDocsUri(ruleId: RuleId): vscode.Uri {
  return vscode.Uri.parse(ruleDocsUrl(ruleId));
}
