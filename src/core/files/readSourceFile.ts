import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import type { SkippedFile, SourceFileInput } from '../findings';
import { formatBytes } from '../formatBytes';
import { describeError } from './describeError';

// A BOM stays in the text: offsets then match the file as read, and `--fix` writes it back.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads one file for the scanner, or says why it is not scanned: too large, binary (NUL bytes), not UTF-8 text
 * (decoding it would change bytes, so offsets and `--fix` writes could corrupt it), or not readable.
 * Synchronous: for thousands of small files, one blocking read each is several times faster than the four
 * thread-pool round trips of an asynchronous open, stat, read and close.
 */
export function readSourceFile(path: string, maxFileBytes: number): SourceFileInput | SkippedFile {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    return { file: path, reason: `not readable (${describeError(error)})` };
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { file: path, reason: 'not a regular file' };
    if (info.size > maxFileBytes) {
      const [size, limit] = [formatBytes(info.size), formatBytes(maxFileBytes)];
      const sizes = size === limit ? `${info.size} bytes > ${maxFileBytes} bytes` : `${size} > ${limit}`;
      return { file: path, reason: `larger than the size limit (${sizes})` };
    }
    const bytes = readFileSync(fd);
    if (bytes.includes(0)) return { file: path, reason: 'binary file (contains NUL bytes)' };
    try {
      return { path, text: utf8.decode(bytes) };
    } catch {
      return { file: path, reason: 'not UTF-8 text' };
    }
  } catch (error) {
    return { file: path, reason: `not readable (${describeError(error)})` };
  } finally {
    closeSync(fd);
  }
}

function isSkipped(result: SourceFileInput | SkippedFile): result is SkippedFile {
  return 'reason' in result;
}

/** Files read between two turns of the event loop, so Ctrl+C is noticed within a few milliseconds. */
const FILES_PER_TURN = 64;

/**
 * Reads many files in order. Gives the event loop a turn every few files and throws the abort reason once
 * `signal` is aborted.
 */
export async function readSourceFiles(
  paths: readonly string[],
  maxFileBytes: number,
  signal?: AbortSignal,
): Promise<{ inputs: SourceFileInput[]; skipped: SkippedFile[] }> {
  const inputs: SourceFileInput[] = [];
  const skipped: SkippedFile[] = [];
  for (const [index, path] of paths.entries()) {
    if (index % FILES_PER_TURN === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
    }
    const result = readSourceFile(path, maxFileBytes);
    if (isSkipped(result)) skipped.push(result);
    else inputs.push(result);
  }
  return { inputs, skipped };
}
