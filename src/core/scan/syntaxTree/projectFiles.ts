import type { Node } from '@vscode/tree-sitter-wasm';
import { baseName, lastSeparator } from '../../files/portablePath';
import type { ProjectFile, SourceImports } from '../../evidence/evidence';
import type { ScanInputs } from '../frontEnd';

/** The project file nearest to `file` among the scan's inputs: in its folder, else in the closest folder above. */
export function nearestProjectFile(file: string, inputs: ScanInputs, isProject: (name: string) => boolean): ProjectFile | undefined {
  let best: ProjectFile | undefined;
  let bestFolder = -1;
  for (const input of inputs.all) {
    if (!isProject(baseName(input.path).toLowerCase())) continue;
    const folder = input.path.slice(0, lastSeparator(input.path) + 1);
    if (file.startsWith(folder) && folder.length > bestFolder) {
      best = { file: input.path, text: input.text };
      bestFolder = folder.length;
    }
  }
  return best;
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
