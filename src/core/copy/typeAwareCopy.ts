import type { RedisConnection, RedisNode } from './connect';
import { sameSlotTempKey } from './keySlot';
import { readStreamState, streamStateCommands } from './streamState';
import { isCopyableType, readValueChunks, writeCommands, type CopyableType } from './values';

export type TypeAwareOutcome = 'copied' | 'exists' | 'vanished';

export class UnsupportedTypeError extends Error {
  override name = 'UnsupportedTypeError';
}

export interface TypeAwareCopy {
  source: RedisNode;
  target: RedisConnection;
  sourceKey: Buffer;
  targetKey: Buffer;
  /** Absolute expiry in ms since the epoch on the target's clock, undefined for none. */
  expireAt: number | undefined;
  overwrite: boolean;
  chunkSize: number;
  runId: string;
  /** Told what the copy could not carry (a stream's pending entries and consumers). */
  onLoss?: (message: string) => void;
}

/**
 * Recreates a key from its elements, slice by slice — the path for keys RESTORE refuses and for big keys. A stream
 * also gets its ID counters and consumer groups (not their pending entries: see streamStateCommands).
 * The slices go to a scratch key in the same slot that is renamed into place at the end, so a copy stopped halfway
 * never leaves a half-written key under the real name.
 */
export async function copyKeyByType(job: TypeAwareCopy): Promise<TypeAwareOutcome> {
  const type = String(await job.source.send(['TYPE', job.sourceKey]));
  if (type === 'none') return 'vanished';
  if (!isCopyableType(type)) throw new UnsupportedTypeError(`key ${printableKey(job.sourceKey)} has type ${type}, which cannot be copied element by element`);
  const send = (args: Array<string | Buffer>) => job.target.sendForKey(job.targetKey, args);
  if (!job.overwrite && Number(await send(['EXISTS', job.targetKey])) === 1) return 'exists';

  const scratch = sameSlotTempKey(job.targetKey, job.runId);
  const writeKey = scratch ?? job.targetKey;
  if (scratch || job.overwrite) await send(['DEL', writeKey]);
  let wroteAny = false;
  for await (const chunk of readValueChunks(job.source, job.sourceKey, type as CopyableType, job.chunkSize)) {
    await Promise.all(writeCommands(type as CopyableType, writeKey, chunk).map((command) => send(command)));
    wroteAny = true;
  }
  if (type === 'stream') {
    const state = await readStreamState(job.source, job.sourceKey);
    if (!state) {
      if (scratch && wroteAny) await send(['DEL', scratch]);
      return 'vanished';
    }
    for (const command of streamStateCommands(writeKey, state, !wroteAny, `amr-migrate-empty:${job.runId}`)) await send(command);
    wroteAny = true;
    const pending = state.groups.reduce((sum, group) => sum + group.pending, 0);
    const consumers = state.groups.reduce((sum, group) => sum + group.consumers, 0);
    if (pending + consumers > 0) {
      job.onLoss?.(`stream ${printableKey(job.sourceKey)}: its ${state.groups.length} consumer group(s) were created at their last-delivered IDs, `
        + `but their ${pending} pending entries and ${consumers} consumers are not carried by an element-by-element copy`);
    }
  }
  if (!wroteAny) {
    // Only an empty string (or stream, handled above) has no slices; anything else with none was deleted meanwhile.
    if (type !== 'string' || Number(await job.source.send(['EXISTS', job.sourceKey])) === 0) return 'vanished';
    await send(['SET', writeKey, '']);
  }
  if (scratch) {
    if (job.overwrite) {
      await send(['RENAME', scratch, job.targetKey]);
    } else if (Number(await send(['RENAMENX', scratch, job.targetKey])) === 0) {
      await send(['DEL', scratch]);
      return 'exists';
    }
  }
  if (job.expireAt !== undefined) await send(['PEXPIREAT', job.targetKey, String(job.expireAt)]);
  return 'copied';
}

/** A key for messages and reports: UTF-8 when it is printable, else base64 marked as such. */
export function printableKey(key: Buffer): string {
  const text = key.toString('utf8');
  return /^[\x20-\x7e\u00a0-\uffff]*$/.test(text) && !text.includes('\ufffd') ? text : `base64:${key.toString('base64')}`;
}
