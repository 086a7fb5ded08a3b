/**
 * Writes to Azure Resource Manager as raw REST calls with an explicit api-version, for the APIs the JS SDKs at hand
 * predate (AMR clusters at 2025-07-01, migrations). They go through the same bare pipeline the inventory reads the
 * tenant with (bearer token for the cloud, the origin check, retries that honour Retry-After on 429), and follow
 * long-running operations by `Azure-AsyncOperation` or `Location`. Waiting can be cancelled; cancelling only stops
 * waiting (Azure keeps going), it never sends a DELETE. Nothing here logs a header, so the token never reaches a log.
 */

import type { TokenCredential } from '@azure/core-auth';
import { createPipelineRequest, createHttpHeaders, isRestError } from '@azure/core-rest-pipeline';
import type { PipelineResponse, TlsSettings } from '@azure/core-rest-pipeline';
import { isJsonObject } from './armJson';
import { ArmOperationError, WaitCancelledError } from './armErrors';
import { assertArmOrigin } from './armOrigin';
import { armPipeline } from './armPipeline';
import type { RequestSender } from './armReader';
import { attemptTimeoutPolicy } from './attemptTimeoutPolicy';
import type { AzureCloud } from './clouds';

export { ArmOperationError, WaitCancelledError };

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'PATCH';

/** One request as it is sent and as `--dry-run` and "Export target" show it: path with api-version, JSON body. */
export interface ArmRequest {
  method: HttpMethod;
  /** Path from the Resource Manager endpoint, query included. */
  url: string;
  body?: unknown;
}

export interface ArmResponse {
  status: number;
  headers: Record<string, string>;
  json: unknown;
}

export interface ArmRestOptions {
  cloud: AzureCloud;
  tlsOptions?: TlsSettings;
  signal?: AbortSignal;
  /** Longest wait for one request, all its retries and Retry-After pauses included (default 120 s). */
  requestBudgetMs?: number;
  /** Longest wait for one HTTP attempt (default 30 s). */
  attemptTimeoutMs?: number;
  /** Pause between polls when Azure sends no Retry-After (default 10 s). */
  defaultPollMs?: number;
  /** Longest wait for a long-running operation (default 60 min: Azure takes ~30 min to create a large cluster). */
  operationBudgetMs?: number;
}

/** Azure's terminal states of an operation status; `Canceled` and `Cancelled` are both seen. */
const TERMINAL_OPERATION_STATES = new Set(['succeeded', 'failed', 'canceled', 'cancelled']);

export interface PollProgress {
  /** `status` of the operation status document, or `provisioningState` of the polled resource. */
  status: string;
  /** How many polls so far. */
  polls: number;
}

export interface LroOptions {
  /** What the operation is, for messages: "creating cluster amr1". */
  what: string;
  /** Where the final resource is read: the request's own URL (PUT) or the Location header (POST actions). */
  finalStateVia: 'original-uri' | 'location';
  onProgress?: (progress: PollProgress) => void;
}

const MAX_MESSAGE = 600;

export class ArmRestClient {
  private readonly endpoint: string;

  constructor(
    private readonly sender: RequestSender,
    private readonly options: ArmRestOptions,
  ) {
    this.endpoint = options.cloud.resourceManagerEndpoint;
  }

  /** A client on the inventory's bare ARM pipeline for `credential`. */
  static create(credential: TokenCredential, options: ArmRestOptions): ArmRestClient {
    const client = armPipeline(credential, options.cloud, options.tlsOptions);
    client.pipeline.addPolicy(attemptTimeoutPolicy(options.attemptTimeoutMs ?? 30_000), { afterPhase: 'Retry' });
    return new ArmRestClient(client, options);
  }

  /** Sends one request; a non-2xx answer becomes an ArmOperationError that explains it. 404 on GET is returned, not thrown. */
  async send(request: ArmRequest): Promise<ArmResponse> {
    const url = this.resolve(request.url);
    const label = `${request.method} ${new URL(url).pathname}`;
    const budgetMs = this.options.requestBudgetMs ?? 120_000;
    const budget = AbortSignal.timeout(budgetMs);
    const abortSignal = this.options.signal ? AbortSignal.any([this.options.signal, budget]) : budget;
    const headers = createHttpHeaders({ accept: 'application/json' });
    if (request.body !== undefined) headers.set('content-type', 'application/json');
    let response: PipelineResponse;
    try {
      response = await this.sender.sendRequest(
        createPipelineRequest({ url, method: request.method, headers, abortSignal, body: request.body === undefined ? undefined : JSON.stringify(request.body) }),
      );
    } catch (error) {
      this.options.signal?.throwIfAborted();
      if (budget.aborted) throw new ArmOperationError(null, undefined, `${label} got no answer within ${budgetMs / 1000}s (including retries)`);
      const message = error instanceof Error ? error.message : String(error);
      throw new ArmOperationError(isRestError(error) ? (error.statusCode ?? null) : null, undefined, `${label} failed: ${message}`);
    }
    const text = response.bodyAsText ?? '';
    let json: unknown;
    if (text.trim() !== '') {
      try {
        json = JSON.parse(text) as unknown;
      } catch {
        if (response.status < 300) throw new ArmOperationError(null, undefined, `${label} answered ${response.status} with a body that is not JSON`);
      }
    }
    const plainHeaders: Record<string, string> = {};
    for (const [name, value] of response.headers) plainHeaders[name.toLowerCase()] = value;
    if (response.status === 404 && request.method === 'GET') return { status: 404, headers: plainHeaders, json };
    if (response.status < 200 || response.status > 299) throw explainFailure(label, response.status, json, text);
    return { status: response.status, headers: plainHeaders, json };
  }

  /** GET of a resource; undefined when it does not exist. */
  async get(url: string): Promise<unknown> {
    const response = await this.send({ method: 'GET', url });
    return response.status === 404 ? undefined : response.json;
  }

  /**
   * Follows the long-running operation an answer started until it ends, and returns the final resource (or the
   * final answer's body). A failed operation throws Azure's `error.code` and message.
   */
  async waitFor(request: ArmRequest, first: ArmResponse, lro: LroOptions): Promise<unknown> {
    const asyncUrl = first.headers['azure-asyncoperation'];
    const locationUrl = first.headers['location'];
    if (!asyncUrl && !locationUrl) return first.json;
    const started = Date.now();
    let retryAfter = first.headers['retry-after'];
    let polls = 0;
    for (;;) {
      await this.pauseForPoll(lro.what, retryAfter, started);
      polls++;
      if (asyncUrl) {
        const status = await this.send({ method: 'GET', url: asyncUrl });
        const state = operationState(status.json);
        lro.onProgress?.({ status: state ?? 'unknown', polls });
        retryAfter = status.headers['retry-after'];
        if (state === undefined || !TERMINAL_OPERATION_STATES.has(state.toLowerCase())) continue;
        if (state.toLowerCase() !== 'succeeded') throw operationFailure(lro.what, state, status.json);
        if (lro.finalStateVia === 'location' && locationUrl) return (await this.send({ method: 'GET', url: locationUrl })).json;
        return lro.finalStateVia === 'original-uri' ? this.get(request.url) : status.json;
      }
      const answer = await this.send({ method: 'GET', url: locationUrl! });
      retryAfter = answer.headers['retry-after'];
      if (answer.status === 202) {
        lro.onProgress?.({ status: 'InProgress', polls });
        continue;
      }
      lro.onProgress?.({ status: 'Succeeded', polls });
      return lro.finalStateVia === 'original-uri' ? this.get(request.url) : answer.json;
    }
  }

  /** Sends a write and, when it starts a long-running operation, waits for it. */
  async write(request: ArmRequest, lro: LroOptions): Promise<unknown> {
    const first = await this.send(request);
    return this.waitFor(request, first, lro);
  }

  /** Waits as Azure asks (Retry-After seconds), else the default; cancellable, within the operation budget. */
  async pauseForPoll(what: string, retryAfter: string | undefined, started: number): Promise<void> {
    const seconds = retryAfter === undefined ? NaN : Number(retryAfter);
    const ms = Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, 120_000) : (this.options.defaultPollMs ?? 10_000);
    const budgetMs = this.options.operationBudgetMs ?? 60 * 60_000;
    if (Date.now() - started + ms > budgetMs) {
      throw new ArmOperationError(null, undefined, `${what} did not finish within ${Math.round(budgetMs / 60_000)} min; it may still finish in Azure (run the command again to continue waiting)`);
    }
    await sleep(ms, this.options.signal, what);
  }

  /** An absolute URL on the Resource Manager origin; the token never goes anywhere else. */
  private resolve(pathOrUrl: string): string {
    const url = new URL(pathOrUrl, this.endpoint).href;
    try {
      assertArmOrigin(url, this.endpoint);
    } catch (error) {
      throw new ArmOperationError(null, undefined, (error as Error).message);
    }
    return url;
  }
}

function sleep(ms: number, signal: AbortSignal | undefined, what: string): Promise<void> {
  if (signal?.aborted) return Promise.reject(new WaitCancelledError(what));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new WaitCancelledError(what));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function operationState(json: unknown): string | undefined {
  if (!isJsonObject(json)) return undefined;
  if (typeof json.status === 'string') return json.status;
  const properties = isJsonObject(json.properties) ? json.properties : undefined;
  return typeof properties?.provisioningState === 'string' ? properties.provisioningState : undefined;
}

function azureError(json: unknown): { code?: string; message?: string } {
  const error = isJsonObject(json) && isJsonObject(json.error) ? json.error : undefined;
  return {
    code: typeof error?.code === 'string' ? error.code : undefined,
    message: typeof error?.message === 'string' ? error.message.slice(0, MAX_MESSAGE) : undefined,
  };
}

function operationFailure(what: string, state: string, json: unknown): ArmOperationError {
  const { code, message } = azureError(json);
  const detail = code || message ? `: ${[code, message].filter(Boolean).join(': ')}` : ' (Azure gave no reason)';
  return new ArmOperationError(null, code, `${what} ended ${state}${detail}`);
}

/** The action and scope of an ARM `AuthorizationFailed` message, when it names them. */
export function missingPermission(message: string): { action: string; scope?: string } | undefined {
  const match = /perform action '([^']+)'(?: over scope '([^']+)')?/i.exec(message);
  return match ? { action: match[1], scope: match[2] } : undefined;
}

/** A refused request in words that say what to do: the permission to ask for, the operation in the way, Azure's reason. */
export function explainFailure(label: string, status: number, json: unknown, text: string): ArmOperationError {
  const { code, message } = azureError(json);
  const azure = message ? `${code ? `${code}: ` : ''}${message}` : text.trim() === '' ? 'empty body' : `body starts with ${JSON.stringify(text.slice(0, 60))}`;
  if (status === 403) {
    const permission = message ? missingPermission(message) : undefined;
    const need = permission
      ? `the permission '${permission.action}'${permission.scope ? ` on ${permission.scope}` : ''} is missing`
      : 'a permission is missing';
    return new ArmOperationError(status, code, `${label} was refused (403): ${need}. Ask for the Contributor role (or a role with that action) on the resource or its resource group. Azure said: ${azure}`);
  }
  if (status === 409) {
    return new ArmOperationError(status, code, `${label} conflicts with the resource's current state (409): another operation is probably running on it (creating, scaling, migrating). Wait until it ends, then run the same command again; it continues where it stopped. Azure said: ${azure}`);
  }
  if (status === 429) {
    return new ArmOperationError(status, code, `${label} was throttled by Azure (429) and retrying within the time budget did not get through; try again in a few minutes. Azure said: ${azure}`);
  }
  return new ArmOperationError(status, code, `${label} answered ${status}: ${azure}`);
}
