import type * as TsMorph from 'ts-morph';
import { fileKindOf } from '../scan/fileKind';
import { isGrammarLoaded, readSyntaxTree } from '../scan/syntaxTree/grammars';
import { walkTree } from '../scan/syntaxTree/walk';

/**
 * How many syntax errors the file `path` holding `text` has, for the kinds this project can parse (scripts with
 * the TypeScript parser, JSON, Python and Go with their tree-sitter grammars); undefined for any other kind. The compiler loads only when a script is checked,
 * so fixing configuration alone never pays for it.
 */
export function syntaxErrorCount(path: string, text: string): number | undefined {
  const kind = fileKindOf(path);
  if (kind === 'json') return parsesAsJson(text) ? 0 : 1;
  if (kind === 'python' || kind === 'go') return treeSyntaxErrors(kind, text);
  if (kind !== 'script') return undefined;
  const { ts } = require('ts-morph') as typeof TsMorph;
  // The parser keeps its syntax errors on the source file; the public API reaches them only through a program.
  const parsed = ts.createSourceFile(path, text, ts.ScriptTarget.Latest);
  return (parsed as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0;
}

/**
 * Error and missing nodes of the tree-sitter parse; undefined when the grammar is not loaded (a scan that found the
 * fix parsed the file, so it is).
 */
function treeSyntaxErrors(grammar: 'python' | 'go', text: string): number | undefined {
  if (!isGrammarLoaded(grammar)) return undefined;
  return readSyntaxTree(grammar, text, (root) => {
    if (!root.hasError) return 0;
    let count = 0;
    walkTree(root, (_type, at) => {
      const node = at();
      if (node.isError || node.isMissing) count++;
      return node.hasError;
    });
    return count;
  });
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
