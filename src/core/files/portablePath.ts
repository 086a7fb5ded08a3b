/**
 * Path pieces for paths written with either separator: the CLI passes platform paths, the editor and tests may pass
 * `/` paths on Windows, so `/` and `\` both separate.
 */

export function lastSeparator(path: string): number {
  return Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
}

export function baseName(path: string): string {
  return path.slice(lastSeparator(path) + 1);
}

/** The separator to join onto `path` with: `\` only for a path written with `\` alone. */
export function separatorOf(path: string): '/' | '\\' {
  return path.includes('\\') && !path.includes('/') ? '\\' : '/';
}
