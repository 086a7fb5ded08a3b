import { randomBytes } from 'node:crypto';
import { open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces a file's content without a window in which it is half written: the new text goes to a temporary file
 * in the same folder (same file system, so the rename is atomic), is flushed to disk, and then renamed over the
 * original, keeping its permission bits (and owner, when running as root). A symbolic link is followed, so the
 * link stays and its target changes.
 */
export async function writeFileAtomic(linkOrPath: string, text: string): Promise<void> {
  const path = await realpath(linkOrPath);
  const { mode, uid, gid } = await stat(path);
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
