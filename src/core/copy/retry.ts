/** How often and how patiently to retry after a dropped connection. */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long to keep waiting for a server that answers `LOADING` (restarted or failed over, reading its data back). */
  loadingPatienceMs?: number;
  /**
   * How long a server may send nothing while commands wait for its replies before the connection counts as lost (and
   * is retried like one): a server that stopped answering (frozen VM, dropped route) would otherwise be waited on forever.
   */
  replyTimeoutMs?: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 200, maxDelayMs: 5_000 };

/** Errors that mean "the connection went away" — worth a retry — as opposed to a command the server refused. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN'].includes(code)) return true;
  return /SocketClosedUnexpectedly|ClientClosed|ClientOffline|ConnectionTimeout|SocketTimeout|socket closed|client is closed|client is offline|connection (is )?closed|Socket closed/i
    .test(`${error.name} ${error.constructor.name} ${error.message}`);
}

/**
 * `-LOADING`: the server restarted (or took over from a failed primary) and is reading its data set back. It answers
 * normally once done, so the command is worth repeating, not a refusal to act on.
 */
export function isLoadingError(error: unknown): boolean {
  return error instanceof Error && /^LOADING\b/.test(error.message);
}

/** A large data set takes minutes to load; a copy that waited that long can still resume from its checkpoint. */
const DEFAULT_LOADING_PATIENCE_MS = 5 * 60_000;

export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

export class ConnectionLostError extends Error {
  override name = 'ConnectionLostError';
  constructor(message: string, readonly attempts: number, override readonly cause: unknown) {
    super(message);
  }
}

/**
 * Runs `operation`, retrying connection errors with exponential backoff and `LOADING` replies for as long as the
 * policy's loading patience (without using up attempts: loading is progress, not failure); other errors pass through.
 */
export async function withRetry<T>(operation: () => Promise<T>, policy: RetryPolicy, what: string, signal?: AbortSignal): Promise<T> {
  let loadingSince: number | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (isLoadingError(error)) {
        loadingSince ??= Date.now();
        const waited = Date.now() - loadingSince;
        if (waited >= (policy.loadingPatienceMs ?? DEFAULT_LOADING_PATIENCE_MS)) {
          throw new ConnectionLostError(`${what}: the server was still loading its data after ${Math.round(waited / 1000)} s (${(error as Error).message})`,
            attempt, error);
        }
        attempt--;
        await sleep(Math.min(policy.maxDelayMs, 1000), signal);
        continue;
      }
      if (!isConnectionError(error)) throw error;
      if (attempt >= policy.attempts) {
        throw new ConnectionLostError(`${what}: connection lost and still failing after ${attempt} attempts (${(error as Error).message})`, attempt, error);
      }
      await sleep(backoffDelay(attempt, policy), signal);
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
