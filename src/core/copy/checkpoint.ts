import { readFile, rename, writeFile } from 'node:fs/promises';

/** Totals of one copy; kept in the checkpoint so a resumed copy reports the whole run. */
export interface CopyCounts {
  /** Keys written to the target by this copy. */
  copied: number;
  /** …of which through the type-aware path because RESTORE was refused. */
  copiedByType: number;
  /** Keys the target already held with the same value (a resumed batch, or SCAN returning a key twice). */
  alreadyPresent: number;
  /** Keys the target already held with another value; left alone because overwrite was off. */
  conflicts: number;
  /** Keys that expired or were deleted on the source between SCAN and DUMP. */
  vanished: number;
  /** Serialized bytes read from the source. */
  bytes: number;
}

export const emptyCounts = (): CopyCounts => ({ copied: 0, copiedByType: 0, alreadyPresent: 0, conflicts: 0, vanished: 0, bytes: 0 });

/** Where the SCAN of one source primary stands. */
export interface NodeCursor {
  cursor: string;
  done: boolean;
  /**
   * The primary's `INFO server` run_id when `cursor` was read. A cursor only means something to the server process
   * that issued it: after a restart or failover (another run_id) the node is scanned again from 0.
   */
  runId?: string;
}

/** Everything needed to resume a stopped copy without starting over. Holds no secret. */
export interface CopyCheckpoint {
  version: 1;
  /** describeEndpoint() of each side: a resume must target the same servers. */
  source: string;
  target: string;
  keyPrefix: string;
  overwrite: boolean;
  /** Keyed by the primary's `host:port`. */
  nodes: Record<string, NodeCursor>;
  counts: CopyCounts;
  /** The first conflicting keys (base64, as keys are binary), bounded. */
  conflictKeys: string[];
  /**
   * The target held no key before the copy: everything on it came from the source (live mode may then delete a key the
   * source lacks). Absent in checkpoints from before live mode.
   */
  targetWasEmpty?: boolean;
  updatedAt: string;
}

export class CheckpointError extends Error {
  override name = 'CheckpointError';
}

/** Writes to a temp file and renames it over the old one, so a crash never leaves a torn checkpoint. */
export async function writeCheckpoint(file: string, checkpoint: CopyCheckpoint): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(checkpoint, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, file);
}

export async function readCheckpoint(file: string): Promise<CopyCheckpoint> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CheckpointError(`cannot read checkpoint ${file}: ${(error as Error).message}`);
  }
  return parseCheckpoint(text, file);
}

export function parseCheckpoint(text: string, file: string): CopyCheckpoint {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CheckpointError(`checkpoint ${file} is not JSON`);
  }
  const bad = (what: string): never => {
    throw new CheckpointError(`checkpoint ${file} is not an amr-migrate copy checkpoint: ${what}`);
  };
  if (typeof value !== 'object' || value === null) return bad('not an object');
  const c = value as Partial<CopyCheckpoint>;
  if (c.version !== 1) bad(`unknown version ${String(c.version)}`);
  if (typeof c.source !== 'string' || typeof c.target !== 'string') bad('source/target missing');
  if (typeof c.keyPrefix !== 'string' || typeof c.overwrite !== 'boolean') bad('keyPrefix/overwrite missing');
  if (typeof c.nodes !== 'object' || c.nodes === null) return bad('nodes missing');
  for (const [node, cursor] of Object.entries(c.nodes)) {
    if (typeof cursor?.cursor !== 'string' || !/^\d+$/.test(cursor.cursor) || typeof cursor.done !== 'boolean') bad(`bad cursor for ${node}`);
    if (cursor.runId !== undefined && typeof cursor.runId !== 'string') bad(`bad run_id for ${node}`);
  }
  const counts = c.counts as Partial<CopyCounts> | undefined;
  for (const key of Object.keys(emptyCounts()) as Array<keyof CopyCounts>) {
    if (typeof counts?.[key] !== 'number') bad(`counts.${key} missing`);
  }
  if (!Array.isArray(c.conflictKeys)) bad('conflictKeys missing');
  return c as CopyCheckpoint;
}
