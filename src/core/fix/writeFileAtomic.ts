import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, link, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file may not be written: no write permission bit is set, or this process may not write it. */
export class ReadOnlyFileError extends Error {
  override name = 'ReadOnlyFileError';
}

/**
 * Replaces a file's content without a window in which it is half written: the new text goes to a temporary file
 * in the same folder (same file system, so the rename is atomic), is flushed to disk, and then renamed over the
 * original, keeping its permission bits (and owner, when running as root). A symbolic link is followed, so the
 * link stays and its target changes. A read-only file is refused (ReadOnlyFileError): the rename would replace it
 * whenever the folder is writable, so its permissions are checked first.
 */
export async function writeFileAtomic(linkOrPath: string, text: string): Promise<void> {
  const path = await realpath(linkOrPath);
  const { mode, uid, gid } = await stat(path);
  // Root may write anything, so the permission bits count as well as what access() says.
  const writable = (mode & 0o222) !== 0 && (await access(path, constants.W_OK).then(() => true, () => false));
  if (!writable) throw new ReadOnlyFileError(`${path} is read-only`);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.amr-migrate.tmp`);
  const handle = await open(temp, 'wx', mode & 0o7777);
  try {
    try {
      if (process.getuid?.() === 0) await handle.chown(uid, gid);
      await handle.chmod(mode & 0o7777);
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Creates a file that must not exist yet, never visible half written: the text goes to a flushed temporary file
 * in the same folder, which is then hard-linked to the name (failing with EEXIST when something took it).
 */
export async function createFileAtomic(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.amr-migrate.tmp`);
  const handle = await open(temp, 'wx', 0o644);
  try {
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await link(temp, path);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
