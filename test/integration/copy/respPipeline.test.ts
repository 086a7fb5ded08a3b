import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { encodeCommands, RespProtocolError, RespReplyError } from '../../../src/core/copy/respProtocol';
import { RespAuthError, RespConnectionError, RespPipeline, type RespPipelineOptions } from '../../../src/core/copy/respPipeline';
import { isConnectionError } from '../../../src/core/copy/retry';
import { RedisTestEnv, type RedisServer } from '../../helpers/redisServers';

const WRITER = { name: 'writer', password: 'writer-pw', rules: ['~*', '+@all', '-flushall'] };

describe('RESP pipeline against redis-server', () => {
  const env = new RedisTestEnv();
  let tlsServer: RedisServer;
  const open: RespPipeline[] = [];

  const tlsPipeline = (options: Partial<RespPipelineOptions> = {}) => {
    const pipeline = new RespPipeline({
      host: tlsServer.host, port: tlsServer.port, db: 0,
      tls: { servername: tlsServer.tls!.servername, ca: readFileSync(tlsServer.tls!.caFile) },
      credentials: () => ({ username: WRITER.name, password: WRITER.password }),
      ...options,
    });
    open.push(pipeline);
    return pipeline;
  };

  before(async () => {
    tlsServer = await env.startServer({ tls: true, password: 'default-pw', aclUsers: [WRITER] });
  });
  after(async () => {
    await Promise.allSettled(open.map((pipeline) => pipeline.close()));
    await env.dispose();
  });

  test('TLS + ACL user + database: a batch keeps binary keys intact and a refused command fails only its own reply', async () => {
    const pipeline = tlsPipeline({ db: 3 });
    await pipeline.connect();
    const key = Buffer.from([0xff, 0x00, 0x0d, 0x0a, 0x80]);
    const replies = await pipeline.send([['SET', key, 'v1'], ['FLUSHALL'], ['GET', key], ['ACL', 'WHOAMI'], ['PTTL', key], ['GET', 'missing']]);
    assert.equal(replies[0], 'OK');
    assert.ok(replies[1] instanceof RespReplyError && /NOPERM/.test(replies[1].message), `FLUSHALL refused: ${String(replies[1])}`);
    assert.deepEqual(replies.slice(2), [Buffer.from('v1'), Buffer.from(WRITER.name), -1, null]);
    assert.equal(tlsServer.cli('-n', '3', 'DBSIZE').trim(), '1', 'written into database 3');
    assert.equal(tlsServer.cli('-n', '0', 'DBSIZE').trim(), '0');
  });

  test('many batches in flight at once resolve in order with their own replies', async () => {
    const pipeline = tlsPipeline({ maxBytesInFlight: 4096 });
    const batches = await Promise.all(Array.from({ length: 50 }, (_, n) =>
      pipeline.send(Array.from({ length: 40 }, (_, i) => ['ECHO', `${n}:${i}:${'p'.repeat(i)}`]))));
    batches.forEach((replies, n) => assert.deepEqual(replies.map(String), Array.from({ length: 40 }, (_, i) => `${n}:${i}:${'p'.repeat(i)}`)));
  });

  test('a wrong password fails the connect with an authentication error that does not echo it', async () => {
    const pipeline = tlsPipeline({ credentials: () => ({ username: WRITER.name, password: 'not-the-password' }) });
    await assert.rejects(pipeline.connect(), (error: Error) => {
      assert.ok(error instanceof RespAuthError, String(error));
      assert.match(error.message, /WRONGPASS/);
      assert.doesNotMatch(error.message, /not-the-password/);
      assert.equal(isConnectionError(error), false, 'not retried: a wrong password stays wrong');
      return true;
    });
  });

  test('re-AUTH on the live socket: an accepted password is silent, a refused one is reported', async () => {
    const rotating = await env.startServer({ aclUsers: [{ name: 'rot', password: 'first', rules: ['~*', '+@all'] }] });
    const authErrors: Error[] = [];
    const pipeline = new RespPipeline({
      host: rotating.host, port: rotating.port, db: 0, credentials: () => ({ username: 'rot', password: 'first' }), onAuthError: (e) => authErrors.push(e),
    });
    open.push(pipeline);
    await pipeline.connect();
    rotating.cli('ACL', 'SETUSER', 'rot', '>second');
    pipeline.reauthenticate({ username: 'rot', password: 'second' });
    pipeline.reauthenticate({ username: 'rot', password: 'wrong' });
    await pipeline.send([['PING']]); // replies come in order: both AUTHs are answered by now
    assert.equal(authErrors.length, 1);
    assert.match(authErrors[0]!.message, /re-AUTH on .* refused: WRONGPASS/);
    assert.equal(Number(/cmdstat_auth:calls=(\d+)/.exec(rotating.cli('INFO', 'commandstats'))?.[1]), 3, 'the first AUTH and two re-AUTHs');
  });

  test('the server dying mid-batch fails the batch with a retryable connection error; the next batch reconnects', async () => {
    const server = await env.startServer({ password: 'pw' });
    const pipeline = new RespPipeline({ host: server.host, port: server.port, db: 0, credentials: () => ({ password: 'pw' }) });
    open.push(pipeline);
    await pipeline.send([['SET', 'before', '1']]);
    const big = Array.from({ length: 200_000 }, (_, i) => ['SET', `k:${i}`, 'x'.repeat(50)]);
    const inFlight = pipeline.send(big).then(() => assert.fail('the batch cannot finish'), (error: Error) => error);
    await server.kill();
    const error = await inFlight;
    assert.ok(error instanceof RespConnectionError, String(error));
    assert.ok(isConnectionError(error), `retryable: ${error.message}`);
    await assert.rejects(pipeline.send([['PING']]), (error: Error) => isConnectionError(error) && /ECONNREFUSED/.test(error.message),
      'while the server is down: refused, and retryable');
    await server.restart();
    assert.deepEqual(await pipeline.send([['PING'], ['DBSIZE']]), ['PONG', 0], 'reconnected and authenticated again (no persistence: empty)');
  });

  test('close lets the batches in flight finish, then refuses new ones', async () => {
    const pipeline = tlsPipeline();
    await pipeline.connect();
    const pending = pipeline.send(Array.from({ length: 5000 }, (_, i) => ['ECHO', String(i)]));
    await pipeline.close();
    assert.equal((await pending).length, 5000);
    await assert.rejects(pipeline.send([['PING']]), /shut down/);
  });
});

test('back-pressure: no more than maxBytesInFlight unanswered bytes reach the server (one batch alone may exceed it)', async () => {
  let received = 0;
  let client: Socket | undefined;
  const server = createServer((socket) => {
    client = socket;
    socket.on('data', (chunk) => (received += chunk.length));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const pipeline = new RespPipeline({ host: '127.0.0.1', port, db: 0, credentials: () => undefined, maxBytesInFlight: 1000 });
  try {
    const value = 'v'.repeat(600);
    const size = encodeCommands([['SET', 'a', value]]).length;
    const batches = [pipeline.send([['SET', 'a', value]]), pipeline.send([['SET', 'b', value]]), pipeline.send([['SET', 'c', value]])];
    await waitUntil(() => received > 0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(received, size, 'only the first batch was written: a second would pass the bound');
    client!.write('+OK\r\n');
    await batches[0];
    await waitUntil(() => received === 2 * size);
    client!.write('+OK\r\n');
    await waitUntil(() => received === 3 * size);
    client!.write('+OK\r\n');
    assert.deepEqual(await Promise.all(batches), [['OK'], ['OK'], ['OK']]);
  } finally {
    client?.destroy();
    await pipeline.close();
    server.close();
  }
});

async function waitUntil(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('a server that accepts but never answers fails the batch with a retryable timeout once the reply timeout passes', async () => {
  const sockets: Socket[] = [];
  const server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const pipeline = new RespPipeline({ host: '127.0.0.1', port, db: 0, credentials: () => undefined, replyTimeoutMs: 300 });
  try {
    const startedAt = Date.now();
    const error = await pipeline.send([['PING']]).then(() => assert.fail('nothing answered'), (e: Error) => e);
    assert.ok(error instanceof RespConnectionError && isConnectionError(error), String(error));
    assert.match(error.message, /sent no reply for 0 s with commands waiting/);
    assert.ok(Date.now() - startedAt < 5000);
    // A server that trickles a long reply is not silent: no timeout while bytes keep coming.
    const slow = pipeline.send([['GET', 'k']]);
    await waitUntil(() => sockets.length === 2);
    const reply = '$6\r\nabcdef\r\n';
    for (const char of reply) {
      sockets[1]!.write(char);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual(await slow, [Buffer.from('abcdef')]);
  } finally {
    for (const socket of sockets) socket.destroy();
    await pipeline.close();
    server.close();
  }
});

test('a corrupt reply from the socket (a bulk string longer than declared) fails the batch as a protocol error, not retried', async () => {
  const server = createServer((socket) => socket.once('data', () => socket.write('$3\r\nabcXY\r\n')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const pipeline = new RespPipeline({ host: '127.0.0.1', port, db: 0, credentials: () => undefined });
  try {
    const error = await pipeline.send([['GET', 'k']]).then((replies) => assert.fail(`misread as ${String(replies[0])}`), (e: Error) => e);
    assert.ok(error instanceof RespProtocolError, String(error));
    assert.equal(isConnectionError(error), false);
  } finally {
    await pipeline.close();
    server.close();
  }
});

test('closing while a batch is in flight and the server drops the socket meanwhile ends, instead of waiting forever for a second close', async () => {
  const sockets: Socket[] = [];
  const server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const pipeline = new RespPipeline({ host: '127.0.0.1', port, db: 0, credentials: () => undefined });
  try {
    const unanswered = pipeline.send([['PING']]).catch((error: Error) => error);
    await waitUntil(() => sockets.length === 1);
    // close() waits for the PING; the server's drop fails it (as a token expiry does), and close() must still finish.
    const closing = pipeline.close();
    sockets[0]!.destroy();
    assert.ok((await unanswered) instanceof RespConnectionError);
    const outcome = await Promise.race([closing.then(() => 'closed'), new Promise((resolve) => setTimeout(resolve, 5000, 'still waiting'))]);
    assert.equal(outcome, 'closed');
  } finally {
    server.close();
  }
});
