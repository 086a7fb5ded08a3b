import * as vscode from 'vscode';
import type { Finding, Severity } from '../../core/findings';
import { redactCredentials } from '../../core/report/redaction';

export const DIAGNOSTIC_SOURCE = 'amr-migrate';

const SEVERITIES: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** The finding's range; its 1-based line/column pairs are UTF-16 based like VS Code positions. */
export function findingRange(finding: Finding): vscode.Range {
  return new vscode.Range(finding.line - 1, finding.column - 1, finding.endLine - 1, finding.endColumn - 1);
}

/** The Problems view shows the message as reports do: credentials redacted. */
export function toDiagnostic(finding: Finding, ruleDocs: vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(findingRange(finding), redactCredentials(finding.message), SEVERITIES[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.ruleId, target: ruleDocs };
  return diagnostic;
}

export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

/**
 * Identifies a diagnostic across the round trip through the workbench (code actions receive copies, not the
 * objects we published): rule, range and message together.
 */
export function diagnosticKey(diagnostic: vscode.Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${ruleIdOf(diagnostic)}|${start.line}:${start.character}-${end.line}:${end.character}|${diagnostic.message}`;
}
