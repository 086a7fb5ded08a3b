import type { SourceFileInput } from '../../findings';
import { baseName, lastSeparator } from '../../files/portablePath';

/**
 * The dependency files named `names` (requirements.txt, go.mod…) among the inputs, nearest first: in the file's
 * folder or one above it. A fix that adds a package edits the first.
 */
export function nearbyProjectFiles(file: string, inputs: readonly SourceFileInput[], names: readonly string[]): Array<{ file: string; text: string }> {
  const folders: string[] = [];
  for (let path = file; lastSeparator(path) > 0; ) {
    path = path.slice(0, lastSeparator(path));
    folders.push(path);
  }
  const found = inputs.filter((input) => names.includes(baseName(input.path).toLowerCase()));
  const depth = (path: string) => folders.indexOf(path.slice(0, Math.max(lastSeparator(path), 0)));
  return found
    .filter((input) => depth(input.path) >= 0)
    .sort((a, b) => depth(a.path) - depth(b.path) || names.indexOf(baseName(a.path).toLowerCase()) - names.indexOf(baseName(b.path).toLowerCase()))
    .map((input) => ({ file: input.path, text: input.text }));
}
