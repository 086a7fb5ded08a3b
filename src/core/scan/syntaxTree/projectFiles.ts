import type { Node } from '@vscode/tree-sitter-wasm';
import type { ProjectFile, SourceImports } from '../../evidence/evidence';
import { baseName, lastSeparator } from '../../files/portablePath';
import type { ScanInputs } from '../frontEnd';

/**
 * The project or dependency files that lie in the folder of `file` or a folder above it, nearest first; in one folder,
 * in the order of `names` (requirements.txt before pyproject.toml), or as found when `names` is a test. The scan's
 * inputs come first; where the scan's host reads dependency files beyond them (the CLI, the editor), those of each
 * folder up to the scan's or workspace's root join them. A fix that adds a package edits the first.
 */
export function nearbyProjectFiles(
  file: string,
  inputs: ScanInputs,
  names: readonly string[] | ((name: string) => boolean),
): ProjectFile[] {
  const rank = typeof names === 'function' ? (name: string) => (names(name) ? 0 : -1) : (name: string) => names.indexOf(name);
  const folders: string[] = [];
  for (let path = file; lastSeparator(path) > 0; ) {
    path = path.slice(0, lastSeparator(path));
    folders.push(path);
  }
  const folderOf = (path: string) => path.slice(0, Math.max(lastSeparator(path), 0));
  const nameRank = (path: string) => rank(baseName(path).toLowerCase());
  const found = inputs.all
    .filter((input) => nameRank(input.path) >= 0 && folders.includes(folderOf(input.path)))
    .map((input) => ({ file: input.path, text: input.text }));
  const beyond = inputs.host?.dependencyFiles;
  if (beyond) {
    const known = new Set(found.map((entry) => entry.file));
    for (const folder of folders) {
      const files = beyond(folder);
      if (files === undefined) break;
      found.push(...files.filter((entry) => nameRank(entry.file) >= 0 && !known.has(entry.file)));
    }
  }
  const depth = (path: string) => folders.indexOf(folderOf(path));
  return found.sort((a, b) => depth(a.file) - depth(b.file) || nameRank(a.file) - nameRank(b.file));
}

/** The project file nearest to `file` (see nearbyProjectFiles): in its folder, else in the closest folder above. */
export function nearestProjectFile(file: string, inputs: ScanInputs, isProject: (name: string) => boolean): ProjectFile | undefined {
  return nearbyProjectFiles(file, inputs, isProject)[0];
}

/** Where imports are in a file: after the last of `nodes` (using directives, import declarations). */
export function sourceImports(text: string, nodes: Node[], name: (node: Node) => string | undefined): SourceImports {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const last = nodes.at(-1);
  const lineEnd = last ? text.indexOf('\n', last.endIndex) : -1;
  return {
    insertAt: last ? (lineEnd < 0 ? text.length : lineEnd + 1) : 0,
    present: nodes.map(name).filter((entry): entry is string => entry !== undefined),
    newline,
  };
}

/** The whitespace before `offset` on its line. */
export function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}
