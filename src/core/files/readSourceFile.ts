import { open } from 'node:fs/promises';
import type { SkippedFile, SourceFileInput } from '../findings';
import { describeError } from './describeError';

// A BOM stays in the text: offsets then match the file as read, and `--fix` writes it back.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads one file for the scanner, or says why it is not scanned: too large, binary (NUL bytes), not UTF-8 text
 * (decoding it would change bytes, so offsets and `--fix` writes could corrupt it), or not readable.
 */
export async function readSourceFile(path: string, maxFileBytes: number): Promise<SourceFileInput | SkippedFile> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return { file: path, reason: `not readable (${describeError(error)})` };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { file: path, reason: 'not a regular file' };
    if (info.size > maxFileBytes) {
      const [size, limit] = [formatBytes(info.size), formatBytes(maxFileBytes)];
      const sizes = size === limit ? `${info.size} bytes > ${maxFileBytes} bytes` : `${size} > ${limit}`;
      return { file: path, reason: `larger than the size limit (${sizes})` };
    }
    const bytes = await handle.readFile();
    if (bytes.includes(0)) return { file: path, reason: 'binary file (contains NUL bytes)' };
    try {
      return { path, text: utf8.decode(bytes) };
    } catch {
      return { file: path, reason: 'not UTF-8 text' };
    }
  } catch (error) {
    return { file: path, reason: `not readable (${describeError(error)})` };
  } finally {
    await handle.close();
  }
}

function isSkipped(result: SourceFileInput | SkippedFile): result is SkippedFile {
  return 'reason' in result;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Files read at once: enough to hide disk latency, few enough to stay far from the open-file limit. */
const CONCURRENT_READS = 16;

/**
 * Reads many files with a few reads in flight, keeping the input order. Checks `signal` before each read and
 * throws its reason once aborted.
 */
export async function readSourceFiles(
  paths: readonly string[],
  maxFileBytes: number,
  signal?: AbortSignal,
): Promise<{ inputs: SourceFileInput[]; skipped: SkippedFile[] }> {
  const results: (SourceFileInput | SkippedFile)[] = new Array(paths.length);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      signal?.throwIfAborted();
      const index = next++;
      results[index] = await readSourceFile(paths[index]!, maxFileBytes);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_READS, paths.length) }, worker));
  const inputs: SourceFileInput[] = [];
  const skipped: SkippedFile[] = [];
  for (const result of results) {
    if (isSkipped(result)) skipped.push(result);
    else inputs.push(result);
  }
  return { inputs, skipped };
}
