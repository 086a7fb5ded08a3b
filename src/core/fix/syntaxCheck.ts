import type * as TsMorph from 'ts-morph';
import { fileKindOf } from '../scan/fileKind';
import { parseBicep } from '../scan/iac/bicep/bicepSyntax';
import { isGrammarLoaded, readSyntaxTree } from '../scan/syntaxTree/grammars';

/**
 * How many syntax errors the file `path` holding `text` has, for the kinds this project can parse (scripts with
 * the TypeScript parser, JSON, Bicep, Terraform); undefined for any other kind. The compiler loads only when a script is checked,
 * so fixing configuration alone never pays for it.
 */
export function syntaxErrorCount(path: string, text: string): number | undefined {
  const kind = fileKindOf(path);
  if (kind === 'json') return parsesAsJson(text) ? 0 : 1;
  if (kind === 'bicep') return parseBicep(text).errors.length;
  // A Terraform file is checked when the scan that found its fixes loaded the grammar, as it does for any .tf file.
  if (kind === 'terraform') return isGrammarLoaded('hcl') ? readSyntaxTree('hcl', text, (root) => hclErrors(root)) : undefined;
  if (kind !== 'script') return undefined;
  const { ts } = require('ts-morph') as typeof TsMorph;
  // The parser keeps its syntax errors on the source file; the public API reaches them only through a program.
  const parsed = ts.createSourceFile(path, text, ts.ScriptTarget.Latest);
  return (parsed as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0;
}

function hclErrors(node: { type: string; isMissing: boolean; children: ReadonlyArray<unknown> }): number {
  const own = node.type === 'ERROR' || node.isMissing ? 1 : 0;
  return own + node.children.reduce<number>((sum, child) => sum + (child ? hclErrors(child as typeof node) : 0), 0);
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
    return true;
  } catch {
    return false;
  }
}

/** Whether `after` has more syntax errors than `before` (a fix must never break a file that parsed). */
export function addsSyntaxErrors(path: string, before: string, after: string): boolean {
  const was = syntaxErrorCount(path, before);
  return was !== undefined && (syntaxErrorCount(path, after) ?? 0) > was;
}
