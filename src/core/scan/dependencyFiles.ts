import type { ProjectFile } from '../evidence/evidence';
import { separatorOf } from '../files/portablePath';

/** Project and dependency files a fix may add packages to, by name (lower case): every language's. */
export function isDependencyFileName(name: string): boolean {
  return /^(?:requirements\.txt|pyproject\.toml|go\.mod|pom\.xml|build\.gradle(?:\.kts)?)$|\.csproj$/.test(name);
}

/**
 * The dependency files in a folder, read beyond a scan's inputs; `undefined` for a folder outside `roots` (the scan's
 * roots and the current folder, or the editor's workspace folder), where the lookup stops. Each folder is listed and
 * read once per source, so one source serves one scan.
 */
export type DependencyFileSource = (folder: string) => readonly ProjectFile[] | undefined;

export function dependencyFileSource(
  roots: readonly string[],
  list: (folder: string) => readonly string[],
  read: (path: string) => string | undefined,
): DependencyFileSource {
  const trimmed = roots.map((root) => root.replace(/[\\/]+$/, ''));
  const within = (folder: string) => trimmed.some((root) =>
    folder === root || (folder.startsWith(root) && (folder[root.length] === '/' || folder[root.length] === '\\')) || root === '');
  const byFolder = new Map<string, readonly ProjectFile[]>();
  return (folder) => {
    const clean = folder.replace(/[\\/]+$/, '');
    if (!within(clean)) return undefined;
    let files = byFolder.get(clean);
    if (!files) {
      const separator = separatorOf(clean);
      files = list(clean).filter((name) => isDependencyFileName(name.toLowerCase())).flatMap((name) => {
        const file = `${clean}${separator}${name}`;
        const text = read(file);
        return text === undefined ? [] : [{ file, text }];
      });
      byFolder.set(clean, files);
    }
    return files;
  };
}
