import type { TextEdit } from '../../findings';
import type { Span, TreeClientSyntax, TreeOption } from '../../evidence/evidence';

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

/** What adding a dependency to the nearest dependency file takes: its edit and how the fix title says so. */
export function dependencyEdit(
  syntax: TreeClientSyntax,
  present: RegExp,
  add: (text: string, newline: string) => { at: number; newText: string } | undefined,
  package_: string,
): { edits: TextEdit[]; note: string } {
  const manifest = syntax.manifests[0];
  if (!manifest) return { edits: [], note: `; add ${package_} to the project's dependencies` };
  if (present.test(manifest.text)) return { edits: [], note: '' };
  const name = manifest.file.slice(Math.max(manifest.file.lastIndexOf('/'), manifest.file.lastIndexOf('\\')) + 1);
  const insertion = add(manifest.text, /\r\n/.test(manifest.text) ? '\r\n' : '\n');
  if (!insertion) return { edits: [], note: `; add ${package_} to ${name}` };
  return { edits: [{ file: manifest.file, start: insertion.at, end: insertion.at, newText: insertion.newText }], note: `; adds ${package_} to ${name}` };
}
