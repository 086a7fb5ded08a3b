import { ts } from 'ts-morph';
import { fileKindOf } from '../scan/fileKind';

/**
 * How many syntax errors the file `path` holding `text` has, for the kinds this project can parse (scripts with
 * the TypeScript parser, JSON); undefined for any other kind.
 */
export function syntaxErrorCount(path: string, text: string): number | undefined {
  const kind = fileKindOf(path);
  // The parser keeps its syntax errors on the source file; the public API reaches them only through a program.
  const parsed = kind === 'script' ? ts.createSourceFile(path, text, ts.ScriptTarget.Latest) : kind === 'json' ? ts.parseJsonText(path, text) : undefined;
  return parsed ? ((parsed as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0) : undefined;
}

/** Whether `after` has more syntax errors than `before` (a fix must never break a file that parsed). */
export function addsSyntaxErrors(path: string, before: string, after: string): boolean {
  const was = syntaxErrorCount(path, before);
  return was !== undefined && (syntaxErrorCount(path, after) ?? 0) > was;
}
