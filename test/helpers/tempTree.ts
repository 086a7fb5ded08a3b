import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A temporary folder holding `files` (relative path → content); remove it with `cleanup()`. */
export function tempTree(files: Record<string, string | Buffer> = {}): { root: string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), 'amr-migrate-test-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
