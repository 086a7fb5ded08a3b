import { RestError } from '@azure/core-rest-pipeline';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';

/**
 * Bounds each HTTP attempt (headers and body) and reports a stalled attempt as ETIMEDOUT, which the retry
 * policy retries like any other transient network error. Used instead of the request's own `timeout`,
 * whose timer core-rest-pipeline leaves running when a request fails, keeping a CLI process alive.
 */
export function attemptTimeoutPolicy(timeoutMs: number): PipelinePolicy {
  return {
    name: 'amrMigrateAttemptTimeout',
    async sendRequest(request, next) {
      const outer = request.abortSignal;
      const attempt = new AbortController();
      const cancel = () => attempt.abort();
      outer?.addEventListener('abort', cancel);
      if (outer?.aborted) attempt.abort();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        attempt.abort();
      }, timeoutMs);
      request.abortSignal = attempt.signal;
      try {
        return await next(request);
      } catch (error) {
        if (timedOut) throw new RestError(`no answer within ${timeoutMs / 1000}s`, { code: 'ETIMEDOUT', request });
        throw error;
      } finally {
        clearTimeout(timer);
        outer?.removeEventListener('abort', cancel);
        request.abortSignal = outer;
      }
    },
  };
}
