// A writer for live-copy tests: changes, expires, persists, renames and deletes keys of every type on the source, in
// rounds, until stopped. Keys of one round share a hash tag, so a cluster takes the multi-key commands (RENAME).
import type { TestClient } from './dataset';

type Arg = string | Buffer;

/** The commands of round `n`: every type changed, a TTL set, one removed, a key renamed, one deleted, one soon expiring. */
export function writerRound(n: number): Arg[][] {
  const tag = `{w${n % 16}}`;
  const seeded = (i: number) => `k:${i}`; // dataset.ts: k:<i> has type i % 6 (string, hash, list, set, zset, stream)
  const base = (n * 6) % 600;
  return [
    ['SET', `${tag}:s:${n}`, `v${n}`],
    ['APPEND', seeded(base), `+${n}`],
    ['HSET', seeded(base + 1), 'live', String(n)],
    ['HDEL', seeded(base + 1), 'name'],
    ['RPUSH', seeded(base + 2), `r${n}`],
    ['LPOP', seeded(base + 2)],
    ['SADD', seeded(base + 3), `s${n}`],
    ['SREM', seeded(base + 3), `m${base + 3}`],
    ['ZINCRBY', seeded(base + 4), '2.5', `z${n}`],
    ['XADD', seeded(base + 5), '*', 'live', String(n)],
    ['HSET', `${tag}:h:${n}`, 'a', String(n), 'b', 'x'],
    ['PEXPIRE', `${tag}:h:${n}`, '60000'],
    ['SET', `${tag}:brief:${n}`, 'gone soon', 'PX', '150'],
    ['SET', `${tag}:from:${n}`, `renamed ${n}`, 'EX', '120'],
    ['RENAME', `${tag}:from:${n}`, `${tag}:to:${n}`],
    ['PERSIST', `${tag}:to:${n}`],
    ['ZADD', `${tag}:z:${n}`, '1', 'a', '2', 'b'],
    ['DEL', `${tag}:s:${n - 1}`],
    ['UNLINK', `${tag}:z:${n - 3}`],
  ];
}

/**
 * As a cluster-aware application would: a multi-key command caught by a slot half moved, or a key being moved to a
 * primary its client does not know yet (node-redis cannot follow an ASK to a node owning no slot), is sent again shortly after.
 */
async function sendRetryingTryAgain(client: TestClient, command: Arg[]): Promise<void> {
  for (;;) {
    try {
      await client.sendForKey(command[1]!, command);
      return;
    } catch (error) {
      if (!/^TRYAGAIN|^Cannot find node/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

/** Runs rounds back to back (a few ms apart) until `stop()`; resolves with the number of rounds once stopped. */
export function startWriter(client: TestClient, first = 1): { stop(): Promise<number>; rounds(): number } {
  let stopped = false;
  let n = first;
  const running = (async () => {
    while (!stopped) {
      const round = writerRound(n++);
      for (const command of round) await sendRetryingTryAgain(client, command);
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    return n - first;
  })();
  return {
    stop: async () => {
      stopped = true;
      return running;
    },
    rounds: () => n - first,
  };
}
