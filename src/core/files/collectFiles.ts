import { type Dirent, readdirSync, realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { SkippedFile } from '../findings';
import { describeError } from './describeError';
import { GitignoreRules } from './gitignoreRules';

/** Folders that are never scanned, whatever .gitignore says. */
const ALWAYS_SKIPPED_DIRS = new Set(['node_modules', '.git']);

/**
 * Folders are listed with blocking calls, which for thousands of small folders is several times faster than a
 * thread-pool round trip each; after this long the walk gives the event loop a turn (an editor stays responsive,
 * Ctrl+C is noticed).
 */
const MAX_BLOCKING_MS = 10;

/** `join` for a name read from a folder listing: the folder's path is normalised already, so there is nothing to do. */
function child(dir: string, name: string): string {
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

export interface CollectOptions {
  /** Whether a file is of a kind the scanner reads; other files found in folders are passed over silently. */
  isScannable(path: string): boolean;
  /** Checked between folders: once aborted, collecting stops and throws the abort reason. */
  signal?: AbortSignal;
}

export interface CollectedFiles {
  /** Absolute paths of the files to read, each once, in a stable order. */
  files: string[];
  skipped: SkippedFile[];
}

/**
 * Lists the files to scan under `roots` (absolute files or folders), honouring `.gitignore` files (nested ones
 * too) and never entering `node_modules` or `.git`. A root named explicitly is scanned even when ignored, as the
 * user asked for it. Symbolic links are followed, but every folder and file is visited once (by real path), so
 * link loops end.
 */
export async function collectFiles(roots: readonly string[], options: CollectOptions): Promise<CollectedFiles> {
  const files: string[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Set<string>();

  // Returns the real path when `path` was not visited yet, otherwise undefined. `real` is given when known: an
  // entry that is not a link, inside a folder whose real path is known, needs no system call.
  const firstVisit = (path: string, known?: string): string | undefined => {
    const real = known ?? realpathSync.native(path);
    if (seen.has(real)) return undefined;
    seen.add(real);
    return real;
  };

  const addFile = (path: string, explicit: boolean, real?: string) => {
    if (!options.isScannable(path)) {
      if (explicit) skipped.push({ file: path, reason: 'not a kind of file amr-migrate scans' });
      return;
    }
    if (firstVisit(path, real)) files.push(path);
  };

  let turnStarted = performance.now();
  const walk = async (dir: string, realDir: string, rules: GitignoreRules): Promise<void> => {
    if (performance.now() - turnStarted > MAX_BLOCKING_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      turnStarted = performance.now();
    }
    options.signal?.throwIfAborted();
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push({ file: dir, reason: `folder not readable (${describeError(error)})` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // Only a folder that lists a .gitignore is asked for one: a failed read per folder costs more than the listing.
    const inner = entries.some((entry) => entry.name === '.gitignore') ? rules.enter(dir) : rules;
    for (const entry of entries) {
      const path = child(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      const link = entry.isSymbolicLink();
      if (link) {
        try {
          const target = statSync(path);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch (error) {
          skipped.push({ file: path, reason: `broken symbolic link (${describeError(error)})` });
          continue;
        }
      }
      if (isDir) {
        if (ALWAYS_SKIPPED_DIRS.has(entry.name) || inner.ignores(path, true)) continue;
        const real = firstVisit(path, link ? undefined : child(realDir, entry.name));
        if (real) await walk(path, real, inner);
      } else if (isFile) {
        if (!inner.ignores(path, false)) addFile(path, false, link ? undefined : child(realDir, entry.name));
      } else if (options.isScannable(path)) {
        skipped.push({ file: path, reason: 'not a regular file' });
      }
    }
  };

  for (const root of roots.map((r) => resolve(r))) {
    let info;
    try {
      info = statSync(root);
    } catch (error) {
      skipped.push({ file: root, reason: `not readable (${describeError(error)})` });
      continue;
    }
    if (info.isDirectory()) {
      const real = firstVisit(root);
      if (real) await walk(root, real, GitignoreRules.above(root));
    } else if (info.isFile()) {
      addFile(root, true);
    } else {
      skipped.push({ file: root, reason: 'not a regular file' });
    }
  }
  return { files, skipped };
}
