import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay, ConnectionLostError, isConnectionError, withRetry } from '../../../src/core/copy/retry';

const policy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 4 };
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });

test('connection errors are told apart from refused commands', () => {
  assert.ok(isConnectionError(refused()));
  assert.ok(isConnectionError(Object.assign(new Error('x'), { name: 'SocketClosedUnexpectedlyError' })));
  assert.ok(isConnectionError(new Error('The client is closed')));
  assert.ok(!isConnectionError(new Error('WRONGPASS invalid username-password pair')));
  assert.ok(!isConnectionError(new Error('OOM command not allowed when used memory > maxmemory')));
  assert.ok(!isConnectionError('ECONNRESET'));
});

test('backoff doubles up to the cap', () => {
  assert.deepEqual([1, 2, 3, 4, 5].map((n) => backoffDelay(n, { attempts: 9, baseDelayMs: 100, maxDelayMs: 500 })), [100, 200, 400, 500, 500]);
});

test('withRetry retries connection errors a bounded number of times, then names what failed', async () => {
  let calls = 0;
  assert.equal(await withRetry(async () => (++calls < 3 ? Promise.reject(refused()) : 'ok'), policy, 'SCAN'), 'ok');
  assert.equal(calls, 3);

  calls = 0;
  await assert.rejects(withRetry(async () => (calls++, Promise.reject(refused())), policy, 'SCAN on h:1'), (error: Error) => {
    assert.ok(error instanceof ConnectionLostError);
    assert.match(error.message, /SCAN on h:1: connection lost and still failing after 3 attempts \(connect ECONNREFUSED/);
    return true;
  });
  assert.equal(calls, 3);
});

test('withRetry passes other errors through at once, and stops when aborted', async () => {
  let calls = 0;
  await assert.rejects(withRetry(async () => (calls++, Promise.reject(new Error('OOM'))), policy, 'x'), /^Error: OOM$/);
  assert.equal(calls, 1);
  const controller = new AbortController();
  controller.abort(new Error('stopped by user'));
  await assert.rejects(withRetry(() => Promise.reject(refused()), { ...policy, baseDelayMs: 10_000 }, 'x', controller.signal), /stopped by user/);
});

test('withRetry waits out LOADING replies without using up attempts, for as long as the loading patience', async () => {
  const loading = () => new Error('LOADING Redis is loading the dataset in memory');
  let calls = 0;
  assert.equal(await withRetry(async () => (++calls <= 5 ? Promise.reject(loading()) : 'ok'), policy, 'SCAN'), 'ok');
  assert.equal(calls, 6, 'more LOADING replies than attempts');

  await assert.rejects(withRetry(() => Promise.reject(loading()), { ...policy, loadingPatienceMs: 20 }, 'SCAN on h:1'), (error: Error) => {
    assert.ok(error instanceof ConnectionLostError);
    assert.match(error.message, /SCAN on h:1: the server was still loading its data after \d+ s \(LOADING/);
    return true;
  });
});
