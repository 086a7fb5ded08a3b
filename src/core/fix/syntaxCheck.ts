import type * as TsMorph from 'ts-morph';
import { fileKindOf, type FileKind } from '../scan/fileKind';
import { isGrammarLoaded, loadGrammar, readSyntaxTree, type GrammarName } from '../scan/syntaxTree/grammars';
import { walk } from '../scan/syntaxTree/walk';
import { parseBicep } from '../scan/iac/bicep/bicepSyntax';

/** Kinds parsed with a tree-sitter grammar: their errors are ERROR and MISSING nodes. */
const TREE_GRAMMARS: Partial<Record<FileKind, GrammarName>> = { csharp: 'c-sharp', java: 'java', python: 'python', go: 'go', terraform: 'hcl' };

/** Loads the grammars `syntaxErrorCount` needs for these files (a scan of them has usually loaded them already). */
export async function prepareSyntaxCheck(paths: Iterable<string>): Promise<void> {
  const grammars = new Set<GrammarName>();
  for (const path of paths) {
    const kind = fileKindOf(path);
    const grammar = kind && TREE_GRAMMARS[kind];
    if (grammar) grammars.add(grammar);
  }
  await Promise.all([...grammars].map(loadGrammar));
}

function treeErrorCount(grammar: GrammarName, text: string): number {
  return readSyntaxTree(grammar, text, (root) => {
    if (!root.hasError) return 0;
    let errors = 0;
    walk(root, (node) => {
      if (node.isError || node.isMissing) errors++;
      return node.hasError;
    });
    return errors;
  });
}

/**
 * How many syntax errors the file `path` holding `text` has, for the kinds this project can parse (scripts with
 * the TypeScript parser, JSON, Bicep with our parser, C#, Java, Python, Go and Terraform with their tree-sitter grammars once loaded); undefined for any other kind. The compiler loads only when a script is checked,
 * so fixing configuration alone never pays for it.
 */
export function syntaxErrorCount(path: string, text: string): number | undefined {
  const kind = fileKindOf(path);
  if (kind === 'json') return parsesAsJson(text) ? 0 : 1;
  if (kind === 'bicep') return parseBicep(text).errors.length;
  const grammar = kind && TREE_GRAMMARS[kind];
  if (grammar) return isGrammarLoaded(grammar) ? treeErrorCount(grammar, text) : undefined;
  if (kind !== 'script') return undefined;
  const { ts } = require('ts-morph') as typeof TsMorph;
  // The parser keeps its syntax errors on the source file; the public API reaches them only through a program.
  const parsed = ts.createSourceFile(path, text, ts.ScriptTarget.Latest);
  return (parsed as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0;
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
