import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHttpHeaders } from '@azure/core-rest-pipeline';
import type { PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import { ArmReader, ArmRequestError } from '../../../src/core/azure/armReader';
import { ConcurrencyLimiter } from '../../../src/core/azure/concurrencyLimiter';

const ENDPOINT = 'https://management.example.net';

/** Answers each URL with a canned status and body, and records what was asked. */
function cannedSender(answers: Record<string, [number, string]>) {
  const asked: string[] = [];
  return {
    asked,
    sendRequest: async (request: PipelineRequest): Promise<PipelineResponse> => {
      asked.push(request.url);
      const [status, bodyAsText] = answers[request.url] ?? [404, '{"error":{"code":"NotFound","message":"nothing here"}}'];
      return { status, bodyAsText, headers: createHttpHeaders(), request };
    },
  };
}

const reader = (sender: ReturnType<typeof cannedSender>) => new ArmReader(sender, { endpoint: ENDPOINT, requestBudgetMs: 5000, limiter: new ConcurrencyLimiter(2) });

describe('ArmReader', () => {
  it('follows nextLink pages to the end', async () => {
    const sender = cannedSender({
      [`${ENDPOINT}/list?api-version=1`]: [200, JSON.stringify({ value: [1, 2], nextLink: `${ENDPOINT}/list?api-version=1&$skiptoken=2` })],
      [`${ENDPOINT}/list?api-version=1&$skiptoken=2`]: [200, JSON.stringify({ value: [3], nextLink: null })],
    });
    assert.deepEqual(await reader(sender).list('/list?api-version=1'), [1, 2, 3]);
    assert.equal(sender.asked.length, 2);
  });

  it('never sends the token to a nextLink on another host', async () => {
    const sender = cannedSender({
      [`${ENDPOINT}/list`]: [200, JSON.stringify({ value: [1], nextLink: 'https://attacker.example.com/steal' })],
    });
    await assert.rejects(reader(sender).list('/list'), /refusing to send a request to https:\/\/attacker\.example\.com/);
    assert.deepEqual(sender.asked, [`${ENDPOINT}/list`]);
  });

  it('stops a nextLink that points back to a page already read', async () => {
    const sender = cannedSender({ [`${ENDPOINT}/list`]: [200, JSON.stringify({ value: [1], nextLink: `${ENDPOINT}/list` })] });
    await assert.rejects(reader(sender).list('/list'), /paging of \/list does not end/);
  });

  it('reports ARM errors with status, code and message', async () => {
    const sender = cannedSender({ [`${ENDPOINT}/x`]: [403, '{"error":{"code":"AuthorizationFailed","message":"no read"}}'] });
    await assert.rejects(reader(sender).json('/x'), (error: unknown) => {
      assert.ok(error instanceof ArmRequestError);
      assert.equal(error.statusCode, 403);
      assert.equal(error.message, 'GET /x answered 403: AuthorizationFailed: no read');
      return true;
    });
  });

  it('reports malformed answers without an HTTP status', async () => {
    const sender = cannedSender({
      [`${ENDPOINT}/html`]: [200, '<html>'],
      [`${ENDPOINT}/novalue`]: [200, '{"items":[]}'],
      [`${ENDPOINT}/badlink`]: [200, '{"value":[],"nextLink":7}'],
      [`${ENDPOINT}/empty`]: [502, ''],
    });
    await assert.rejects(reader(sender).json('/html'), { statusCode: null, message: 'GET /html answered 200 with a body that is not JSON (body starts with "<html>")' });
    await assert.rejects(reader(sender).list('/novalue'), { statusCode: null, message: "GET /novalue answered a list without a 'value' array" });
    await assert.rejects(reader(sender).list('/badlink'), { message: "GET /badlink answered a 'nextLink' that is not a string" });
    await assert.rejects(reader(sender).json('/empty'), { statusCode: 502, message: 'GET /empty answered 502: empty body' });
  });

  it('bounds a request that never answers by the budget', async () => {
    // A real stalled socket keeps the process alive; this timer stands in for it (the budget timer is unref'd).
    const socket = setTimeout(() => undefined, 5000);
    const stalled = {
      sendRequest: (request: PipelineRequest) =>
        new Promise<PipelineResponse>((_, reject) => request.abortSignal?.addEventListener('abort', () => reject(new Error('aborted')))),
    };
    const started = Date.now();
    await assert.rejects(new ArmReader(stalled, { endpoint: ENDPOINT, requestBudgetMs: 200, limiter: new ConcurrencyLimiter(1) }).json('/slow'), {
      statusCode: null,
      message: 'GET /slow got no answer within 0.2s (including retries)',
    });
    assert.ok(Date.now() - started < 2000);
    clearTimeout(socket);
  });
});
