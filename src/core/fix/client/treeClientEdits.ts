import type { Fix, TextEdit } from '../../findings';
import type { ProjectFile, Span, TreeClientSyntax, TreeOption } from '../../evidence/evidence';
import { baseName } from '../../files/portablePath';
import { projectDependencyEdits } from './projectDependencies';

/** Edit helpers shared by the Python and Go client fixes: options and imports of a TreeClientSyntax. */

export function option(syntax: TreeClientSyntax, name: string): TreeOption | undefined {
  return syntax.options.find((entry) => entry.name === name);
}

export function replaceSpan(span: Span, newText: string): TextEdit {
  return { file: span.file, start: span.start, end: span.end, newText };
}

export function removeOption(entry: TreeOption): TextEdit {
  return replaceSpan(entry.removal, '');
}

/** An edit adding an option after the last one (or into the empty call / literal). */
export function addOption(syntax: TreeClientSyntax, text: string): TextEdit {
  const { at, before, after } = syntax.optionInsert;
  return { file: syntax.call.file, start: at, end: at, newText: `${before}${text}${after}` };
}

/** One edit adding these import lines (Python statements, Go import specs) where the file's imports end. */
export function addImports(syntax: TreeClientSyntax, lines: string[]): TextEdit[] {
  if (lines.length === 0) return [];
  const { at, before, after } = syntax.importInsert;
  return [{ file: syntax.call.file, start: at, end: at, newText: lines.map((line) => `${before}${line}${after}`).join('') }];
}

/** What adding packages to the nearest dependency file takes: its edits, how the fix title says so, and the packages. */
export function dependencyEdit(
  syntax: { manifests: ProjectFile[] },
  packages: Record<string, string>,
  label: string,
): { edits: TextEdit[]; note: string; dependencies?: Fix['dependencies'] } {
  const manifest = syntax.manifests[0];
  if (!manifest) return { edits: [], note: `; add ${label} to the project's dependencies` };
  const edits = projectDependencyEdits(manifest.file, manifest.text, packages);
  const name = baseName(manifest.file);
  if (!edits) return { edits: [], note: `; add ${label} to ${name}` };
  const dependencies = { manifest: manifest.file, packages };
  return { edits, note: edits.length === 0 ? '' : `; adds ${label} to ${name}`, dependencies };
}
