/** How often and how patiently to retry after a dropped connection. */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
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

export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

export class ConnectionLostError extends Error {
  override name = 'ConnectionLostError';
  constructor(message: string, readonly attempts: number, override readonly cause: unknown) {
    super(message);
  }
}

/** Runs `operation`, retrying connection errors with exponential backoff; other errors pass straight through. */
export async function withRetry<T>(operation: () => Promise<T>, policy: RetryPolicy, what: string, signal?: AbortSignal): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
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
