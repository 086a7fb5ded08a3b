/**
 * Raw JSON reads from Azure Resource Manager through an SDK client's pipeline (auth, retries with Retry-After,
 * TLS settings), so that resources are read at the API version we choose rather than the one the SDK models know.
 */

import { createPipelineRequest, isRestError } from '@azure/core-rest-pipeline';
import type { PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import { isJsonObject } from './armJson';
import { assertArmOrigin } from './armOrigin';
import { armPages } from './armPaging';
import type { ConcurrencyLimiter } from './concurrencyLimiter';

/** What an SDK client (a core-client ServiceClient) offers for raw requests. */
export interface RequestSender {
  sendRequest(request: PipelineRequest): Promise<PipelineResponse>;
}

/** A failed ARM request; `statusCode` is null when no HTTP answer came (timeout, network, malformed body). */
export class ArmRequestError extends Error {
  constructor(
    readonly statusCode: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'ArmRequestError';
  }
}

export interface ArmReaderOptions {
  /** Resource Manager origin; nextLinks elsewhere are refused so the bearer token never leaves it. */
  endpoint: string;
  /** Cancels everything in flight. */
  signal?: AbortSignal;
  /** Longest wait for one request including every retry and Retry-After pause, counted once it has a slot. */
  requestBudgetMs: number;
  /** Shared bound on requests in flight. */
  limiter: ConcurrencyLimiter;
}

const MAX_MESSAGE = 400;

export class ArmReader {
  constructor(
    private readonly client: RequestSender,
    private readonly options: ArmReaderOptions,
  ) {}

  /**
   * Runs one request (or one SDK call) within the request budget and turns every failure into an ArmRequestError;
   * cancellation by the caller's signal is rethrown as is.
   */
  run<T>(label: string, work: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    return this.options.limiter.run(async () => {
      const budget = AbortSignal.timeout(this.options.requestBudgetMs);
      const abortSignal = this.options.signal ? AbortSignal.any([this.options.signal, budget]) : budget;
      try {
        return await work(abortSignal);
      } catch (error) {
        this.options.signal?.throwIfAborted();
        if (error instanceof ArmRequestError) throw error;
        if (budget.aborted) {
          throw new ArmRequestError(null, `${label} got no answer within ${this.options.requestBudgetMs / 1000}s (including retries)`);
        }
        // The SDK pipeline parses JSON bodies itself; a body it cannot parse is a malformed answer, not an HTTP status.
        if (isRestError(error) && error.code === 'PARSE_ERROR') throw new ArmRequestError(null, `${label} answered a body that is not JSON`);
        const message = error instanceof Error ? error.message : String(error);
        throw new ArmRequestError(isRestError(error) ? (error.statusCode ?? null) : null, `${label} failed: ${message}`);
      }
    }, this.options.signal);
  }

  /** Sends one request (path from the endpoint, or an absolute URL on it) and returns its JSON body. */
  async json(pathOrUrl: string, method: 'GET' | 'POST' = 'GET'): Promise<unknown> {
    const url = this.resolve(pathOrUrl);
    const label = `${method} ${new URL(url).pathname}`;
    const response = await this.run(label, (abortSignal) =>
      this.client.sendRequest(createPipelineRequest({ url, method, abortSignal })),
    );
    const text = response.bodyAsText ?? '';
    if (response.status < 200 || response.status > 299) {
      throw new ArmRequestError(response.status, `${label} answered ${response.status}: ${armErrorMessage(text)}`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ArmRequestError(null, `${label} answered ${response.status} with a body that is not JSON (${describeBody(text)})`);
    }
  }

  /** Every item of a list operation, following `nextLink` until it ends. */
  async list(path: string): Promise<unknown[]> {
    const items: unknown[] = [];
    const label = (url: string) => `GET ${new URL(this.resolve(url)).pathname}`;
    const nextLinkOf = (page: unknown, url: string) => {
      const nextLink = isJsonObject(page) ? page.nextLink : undefined;
      if (nextLink !== undefined && nextLink !== null && typeof nextLink !== 'string') throw new ArmRequestError(null, `${label(url)} answered a 'nextLink' that is not a string`);
      return nextLink || undefined;
    };
    const endless = () => new ArmRequestError(null, `paging of ${path} does not end (nextLink repeats)`);
    for await (const { page, url } of armPages(path, (next) => this.json(next), nextLinkOf, endless)) {
      if (!isJsonObject(page) || !Array.isArray(page.value)) throw new ArmRequestError(null, `${label(url)} answered a list without a 'value' array`);
      items.push(...page.value);
    }
    return items;
  }

  private resolve(pathOrUrl: string): string {
    const url = new URL(pathOrUrl, this.options.endpoint).href;
    try {
      assertArmOrigin(url, this.options.endpoint);
    } catch (error) {
      throw new ArmRequestError(null, (error as Error).message);
    }
    return url;
  }
}

/** The `error.code: error.message` of an ARM error body, else a short description of the body. */
function armErrorMessage(text: string): string {
  try {
    const body = JSON.parse(text) as unknown;
    const error = isJsonObject(body) && isJsonObject(body.error) ? body.error : undefined;
    if (error && typeof error.message === 'string') {
      const code = typeof error.code === 'string' ? `${error.code}: ` : '';
      return `${code}${error.message}`.slice(0, MAX_MESSAGE);
    }
  } catch {
    // Not JSON: described below.
  }
  return describeBody(text);
}

function describeBody(text: string): string {
  if (text.trim() === '') return 'empty body';
  return `body starts with ${JSON.stringify(text.slice(0, 60))}`;
}
