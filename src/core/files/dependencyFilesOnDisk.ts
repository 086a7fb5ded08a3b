import { readdirSync } from 'node:fs';
import { dependencyFileSource, type DependencyFileSource } from '../scan/dependencyFiles';
import { readSourceFile } from './readSourceFile';

/** The names in a folder; none when it cannot be listed. */
export function listFolder(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

/**
 * Dependency files on disk for `scan --fix`, looked up from each fixed file's folder up to `roots` (the scanned
 * folders and the current one). `texts` keeps what the scans read, latest first: the fixes' edits were computed on
 * those texts, so writing them checks the file did not change in between, as for the scanned files.
 */
export class DependencyFilesOnDisk {
  readonly texts = new Map<string, string>();

  constructor(private readonly roots: readonly string[], private readonly maxFileBytes: number) {}

  /** A source for one scan: each scan reads the files afresh (a fix pass may have changed them). */
  source(): DependencyFileSource {
    return dependencyFileSource(this.roots, listFolder, (path) => {
      const read = readSourceFile(path, this.maxFileBytes);
      if (!('text' in read)) return undefined;
      this.texts.set(path, read.text);
      return read.text;
    });
  }
}
