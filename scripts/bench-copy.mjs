// Copy throughput on loopback, in one run: redis-benchmark's pipelined SET rate (the ceiling for writing keys), a naive
// sequential GET/SET copy (the floor), and the copy engine, all on the same 100,000 keys.
// Targets: engine ≥ 50% of the SET rate and ≥ 10× the naive copy. Run with `npm run bench:copy`.
import { execFileSync } from 'node:child_process';
import { createClient } from 'redis';
import { RedisTestEnv } from '../out/test/helpers/redisServers.js';
import { copyData } from '../out/src/core/copy/copyEngine.js';
import { parseRedisUrl } from '../out/src/core/copy/endpoint.js';

const KEYS = 100_000;
/** The naive copy is sampled on this many keys: at one round trip per command it would take minutes on all of them. */
const NAIVE_SAMPLE = 5_000;

const env = new RedisTestEnv();
try {
  const [scratch, source, naiveTarget, engineTarget] = await Promise.all([env.startServer(), env.startServer(), env.startServer(), env.startServer()]);

  const benchmark = execFileSync('redis-benchmark', ['-h', scratch.host, '-p', String(scratch.port), '-t', 'set', '-P', '16', '-n', String(KEYS), '-q'],
    { encoding: 'utf8' });
  const setRate = Number(/SET: ([\d.]+) requests per second/.exec(benchmark.replace(/\r/g, '\n'))?.[1]);
  if (!setRate) throw new Error(`could not read redis-benchmark output:\n${benchmark}`);

  // The same 100,000 keys for both copies: redis-benchmark's key shape and 3-byte values.
  const pipe = Array.from({ length: KEYS }, (_, i) => `SET key:${String(i).padStart(12, '0')} xxx\r\n`).join('');
  execFileSync('redis-cli', ['-h', source.host, '-p', String(source.port), '--pipe'], { input: pipe, stdio: ['pipe', 'ignore', 'inherit'] });

  const naiveRate = await naiveCopy(source, naiveTarget);

  const started = process.hrtime.bigint();
  const result = await copyData({ source: parseRedisUrl(source.url()), target: parseRedisUrl(engineTarget.url()), verify: 'none' });
  const engineSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.counts.copied !== KEYS) throw new Error(`engine copied ${result.counts.copied} of ${KEYS} keys`);
  const engineRate = KEYS / engineSeconds;

  const row = (label, rate) => `${label.padEnd(44)} ${Math.round(rate).toLocaleString('en-US').padStart(10)} keys/s`;
  const verdict = (ok) => (ok ? 'PASS' : 'MISS');
  console.log(row('redis-benchmark SET -P 16 (ceiling)', setRate));
  console.log(row(`naive sequential GET/SET (${NAIVE_SAMPLE} keys)`, naiveRate));
  console.log(row(`amr-migrate copy engine (${KEYS} keys, ${engineSeconds.toFixed(2)} s)`, engineRate));
  console.log(`${verdict(engineRate >= setRate / 2)}  engine ≥ 50% of SET rate: ${((100 * engineRate) / setRate).toFixed(0)}%`);
  console.log(`${verdict(engineRate >= naiveRate * 10)}  engine ≥ 10× naive copy: ${(engineRate / naiveRate).toFixed(1)}×`);
} finally {
  await env.dispose();
}

async function naiveCopy(source, target) {
  const from = createClient({ url: source.url() });
  const to = createClient({ url: target.url() });
  await Promise.all([from.connect(), to.connect()]);
  try {
    const keys = [];
    for await (const batch of from.scanIterator({ COUNT: 1000 })) {
      keys.push(...batch);
      if (keys.length >= NAIVE_SAMPLE) break;
    }
    const started = process.hrtime.bigint();
    for (const key of keys.slice(0, NAIVE_SAMPLE)) await to.set(key, await from.get(key));
    return NAIVE_SAMPLE / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    await Promise.all([from.quit(), to.quit()]);
  }
}
