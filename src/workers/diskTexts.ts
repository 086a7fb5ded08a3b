import { statSync } from 'node:fs';
import { readSourceFile } from '../core/files/readSourceFile';

/** Files read for imports are small source files; anything larger is not read at all (the scan limit applies too). */
const MAX_READ_BYTES = 4 * 1024 * 1024;
const MAX_ENTRIES = 256;

interface Entry {
  mtimeMs: number;
  size: number;
  text: string | undefined;
}

/**
 * Texts of files on disk that open documents import, kept between scans and read again when the file's
 * modification time or size changes (a save, a checkout), so each live scan costs one `stat` per import.
 */
export class DiskTexts {
  /** Least recently used first. */
  private readonly entries = new Map<string, Entry>();

  read(path: string): string | undefined {
    let stat;
    try {
      stat = statSync(path, { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
    if (!stat?.isFile()) {
      this.entries.delete(path);
      return undefined;
    }
    const known = this.entries.get(path);
    this.entries.delete(path);
    const entry = known && known.mtimeMs === stat.mtimeMs && known.size === stat.size
      ? known
      : { mtimeMs: stat.mtimeMs, size: stat.size, text: readText(path) };
    this.entries.set(path, entry);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return entry.text;
  }
}

/** Read as the workspace scan reads it: a binary, oversized or non-UTF-8 file has no text (offsets must match the bytes). */
function readText(path: string): string | undefined {
  const read = readSourceFile(path, MAX_READ_BYTES);
  return 'text' in read ? read.text : undefined;
}
