import { isAscii, isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { SkippedFile, SourceFileInput } from '../findings';
import { formatBytes } from '../formatBytes';
import { describeError } from './describeError';

/** Most source files fit: they are read with one system call and no buffer of their own. */
const SCRATCH_BYTES = 64 * 1024;
const scratch = Buffer.allocUnsafeSlow(SCRATCH_BYTES);

/**
 * Reads one file for the scanner, or says why it is not scanned: too large, binary (NUL bytes), not UTF-8 text
 * (decoding it would change bytes, so offsets and `--fix` writes could corrupt it), or not readable. A BOM stays
 * in the text: offsets then match the file as read, and `--fix` writes it back.
 * Synchronous: for thousands of small files, one blocking read each is several times faster than the four
 * thread-pool round trips of an asynchronous open, stat, read and close.
 */
export function readSourceFile(path: string, maxFileBytes: number): SourceFileInput | SkippedFile {
  return readKept(path, maxFileBytes, undefined) as SourceFileInput | SkippedFile;
}

/**
 * Which texts a read of many files keeps. A scan of thousands of files finds something in few of them: the others
 * are read and checked, but neither decoded whole nor held (held, every text is copied by each garbage collection).
 */
export interface ReadFilter {
  /** From a readable file's bytes (its UTF-8, NUL-free content): false leaves it unread, without decoding it. */
  bytes(path: string, bytes: Buffer): boolean;
  /** From its text: false leaves it unread. */
  text(path: string, text: string): boolean;
}

/** A readable file whose text a ReadFilter turned down. */
interface UnreadFile {
  unread: string;
}

function readKept(path: string, maxFileBytes: number, filter: ReadFilter | undefined): SourceFileInput | SkippedFile | UnreadFile {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    return { file: path, reason: `not readable (${describeError(error)})` };
  }
  try {
    const bytes = readBytes(fd, maxFileBytes);
    if (typeof bytes === 'string') return { file: path, reason: bytes };
    if (bytes.includes(0)) return { file: path, reason: 'binary file (contains NUL bytes)' };
    // Most source files are ASCII, which Latin-1 decodes to the same text by copying bytes, about twice as fast
    // as V8's UTF-8 decoder.
    const ascii = isAscii(bytes);
    if (!ascii && !isUtf8(bytes)) return { file: path, reason: 'not UTF-8 text' };
    if (filter && !filter.bytes(path, bytes)) return { unread: path };
    const text = bytes.toString(ascii ? 'latin1' : 'utf8');
    return filter && !filter.text(path, text) ? { unread: path } : { path, text };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') return { file: path, reason: 'not a regular file' };
    return { file: path, reason: `not readable (${describeError(error)})` };
  } finally {
    closeSync(fd);
  }
}

/**
 * The bytes of an open file (a view of the scratch buffer, valid until the next read), or why they are not read.
 * A regular file shorter than the scratch buffer comes back whole from one read (a short read of a regular file
 * is its end); anything longer is measured first, so an oversized file is never read.
 */
function readBytes(fd: number, maxFileBytes: number): Buffer | string {
  const first = readSync(fd, scratch, 0, SCRATCH_BYTES, 0);
  if (first < SCRATCH_BYTES) return first > maxFileBytes ? tooLarge(first, maxFileBytes) : scratch.subarray(0, first);
  const info = fstatSync(fd);
  if (!info.isFile()) return 'not a regular file';
  if (info.size > maxFileBytes) return tooLarge(info.size, maxFileBytes);
  const bytes = Buffer.allocUnsafe(info.size);
  scratch.copy(bytes, 0, 0, SCRATCH_BYTES);
  let length = SCRATCH_BYTES;
  for (let read = 1; read > 0 && length < bytes.length; length += read) read = readSync(fd, bytes, length, bytes.length - length, length);
  return bytes.subarray(0, length);
}

function tooLarge(size: number, maxFileBytes: number): string {
  const [shown, limit] = [formatBytes(size), formatBytes(maxFileBytes)];
  const sizes = shown === limit ? `${size} bytes > ${maxFileBytes} bytes` : `${shown} > ${limit}`;
  return `larger than the size limit (${sizes})`;
}

/** Files read between two turns of the event loop, so Ctrl+C is noticed within a few milliseconds. */
const FILES_PER_TURN = 64;

/**
 * Reads many files in order. Gives the event loop a turn every few files and throws the abort reason once
 * `signal` is aborted. With a `filter`, the readable files it turns down are listed in `unread`, in order.
 */
export async function readSourceFiles(
  paths: readonly string[],
  maxFileBytes: number,
  signal?: AbortSignal,
  filter?: ReadFilter,
): Promise<{ inputs: SourceFileInput[]; skipped: SkippedFile[]; unread: string[] }> {
  const inputs: SourceFileInput[] = [];
  const skipped: SkippedFile[] = [];
  const unread: string[] = [];
  for (const [index, path] of paths.entries()) {
    if (index % FILES_PER_TURN === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
    }
    const result = readKept(path, maxFileBytes, filter);
    if ('unread' in result) unread.push(result.unread);
    else if ('reason' in result) skipped.push(result);
    else inputs.push(result);
  }
  return { inputs, skipped, unread };
}
