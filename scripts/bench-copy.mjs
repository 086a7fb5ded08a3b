// Copy throughput on loopback: redis-benchmark's pipelined SET rate (the ceiling for writing keys), a naive
// sequential GET/SET copy (the floor), the same copy algorithm over node-redis's own pipelining (what the hand-written
// RESP pipeline has to beat to be worth having), and the copy engine, all on the same 100,000 keys.
// Targets: engine ≥ 50% of the SET rate and ≥ 10× the naive copy. Run with `npm run bench:copy [-- --rounds N]`.
// The three are measured in turn, round after round, and judged on medians: on a shared machine one round says little.
// Rates on a shared machine swing with what else runs, so the CPU time each method spends per key (its client and its
// servers) is printed too: it hardly depends on the load, and tells where the engine's time goes.
// The CPU target (this process ≤ the two servers, per key) is judged on a mixed-type copy of 100,000 keys and on the
// live phase (every key of it rewritten while the live copy follows).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createClient, RESP_TYPES } from 'redis';
import { RedisTestEnv } from '../out/test/helpers/redisServers.js';
import { copyData } from '../out/src/core/copy/copyEngine.js';
import { parseRedisUrl } from '../out/src/core/copy/endpoint.js';

const KEYS = 100_000;
/** The naive copy is sampled on this many keys: at one round trip per command it would take minutes on all of them. */
const NAIVE_SAMPLE = 5_000;
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 3;
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error('--rounds takes a positive whole number');

const env = new RedisTestEnv();
try {
  const [scratch, source, naiveTarget, engineTarget, nodeRedisTarget, mixedSource] = await Promise.all([env.startServer(), env.startServer(),
    env.startServer(), env.startServer(), env.startServer(), env.startServer()]);

  // The same 100,000 keys for both copies: redis-benchmark's key shape and 3-byte values.
  const pipe = Array.from({ length: KEYS }, (_, i) => `SET key:${String(i).padStart(12, '0')} xxx\r\n`).join('');
  execFileSync('redis-cli', ['-h', source.host, '-p', String(source.port), '--pipe'], { input: pipe, stdio: ['pipe', 'ignore', 'inherit'] });
  // The same key names with mixed types: half strings, the rest small hashes, lists and sets; a third with a TTL.
  const mixedCommands = Array.from({ length: KEYS }, (_, i) => {
    const key = `key:${String(i).padStart(12, '0')}`;
    const write = i % 2 === 0 ? `SET ${key} xxx` : i % 6 === 1 ? `HSET ${key} a 1 b 2` : i % 6 === 3 ? `RPUSH ${key} a b c` : `SADD ${key} a b c`;
    return i % 3 === 0 ? `${write}\r\nEXPIRE ${key} 3000\r\n` : `${write}\r\n`;
  });
  execFileSync('redis-cli', ['-h', mixedSource.host, '-p', String(mixedSource.port), '--pipe'], { input: mixedCommands.join(''),
    stdio: ['pipe', 'ignore', 'inherit'] });

  const rounds = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const load = loadavg()[0];
    const setCpu = cpuMeter([scratch], true);
    const setRate = redisBenchmarkSet(scratch);
    const setMicros = (setCpu() * 1e6) / KEYS;
    const naiveRate = await naiveCopy(source, naiveTarget);
    nodeRedisTarget.cli('FLUSHALL');
    const nodeRedisCpu = cpuMeter([source, nodeRedisTarget], false);
    const nodeRedisRate = await nodeRedisPipelinedCopy(source, nodeRedisTarget);
    const nodeRedisMicros = (nodeRedisCpu() * 1e6) / KEYS;
    engineTarget.cli('FLUSHALL'); // the bench's own server: each round copies into an empty target
    const engineCpu = cpuMeter([source, engineTarget], false);
    const started = process.hrtime.bigint();
    const result = await copyData({ source: parseRedisUrl(source.url()), target: parseRedisUrl(engineTarget.url()), verify: 'none' });
    const engineSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const engineMicros = (engineCpu() * 1e6) / KEYS;
    if (result.counts.copied !== KEYS) throw new Error(`engine copied ${result.counts.copied} of ${KEYS} keys`);
    // The CPU target: the mixed-type copy, this process against the two servers.
    engineTarget.cli('FLUSHALL');
    const mixedCpu = cpuMeter([mixedSource, engineTarget], false);
    const mixedStarted = process.hrtime.bigint();
    const mixed = await copyData({ source: parseRedisUrl(mixedSource.url()), target: parseRedisUrl(engineTarget.url()), verify: 'none' });
    const mixedSeconds = Number(process.hrtime.bigint() - mixedStarted) / 1e9;
    if (mixed.counts.copied !== KEYS) throw new Error(`engine copied ${mixed.counts.copied} of ${KEYS} mixed keys`);
    const mixedSplit = mixedCpu.split();
    const engineClientMicros = (mixedSplit.own * 1e6) / KEYS;
    const engineServerMicros = (mixedSplit.servers * 1e6) / KEYS;
    engineTarget.cli('FLUSHALL');
    const live = await liveCopy(mixedSource, engineTarget, round);
    rounds.push({ setRate, naiveRate, nodeRedisRate, engineRate: KEYS / engineSeconds, load, setMicros, nodeRedisMicros, engineMicros,
      mixedRate: KEYS / mixedSeconds, engineClientMicros, engineServerMicros, ...live });
    console.log(`round ${round}/${ROUNDS} (load average ${load.toFixed(2)}): SET ${rate(setRate)}, naive ${rate(naiveRate)}, `
      + `node-redis pipelined ${rate(nodeRedisRate)}, engine ${rate(KEYS / engineSeconds)} keys/s (${engineSeconds.toFixed(2)} s), `
      + `live ${rate(live.liveRate)} changed keys/s; CPU per key: SET ${setMicros.toFixed(1)} µs, node-redis ${nodeRedisMicros.toFixed(1)} µs, `
      + `engine ${engineMicros.toFixed(1)} µs; mixed types ${rate(KEYS / mixedSeconds)} keys/s, ${engineClientMicros.toFixed(1)} µs client + ${engineServerMicros.toFixed(1)} µs servers, `
      + `live ${live.liveClientMicros.toFixed(1)} µs client + ${live.liveServerMicros.toFixed(1)} µs servers`);
  }

  const median = (pick) => {
    const values = rounds.map(pick).sort((a, b) => a - b);
    const middle = Math.floor(values.length / 2);
    return values.length % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  };
  const row = (label, value) => `${label.padEnd(48)} ${rate(value).padStart(10)} keys/s`;
  const verdict = (ok) => (ok ? 'PASS' : 'MISS');
  // Ratios are taken within a round (the three ran under the same load), then the median over rounds.
  const ofSet = median((r) => r.engineRate / r.setRate);
  const ofNaive = median((r) => r.engineRate / r.naiveRate);
  console.log(`medians of ${ROUNDS} round(s), load average ${median((r) => r.load).toFixed(2)} (1 min, at each round's start):`);
  console.log(row('redis-benchmark SET -P 16 (ceiling)', median((r) => r.setRate)));
  console.log(row(`naive sequential GET/SET (${NAIVE_SAMPLE} keys)`, median((r) => r.naiveRate)));
  console.log(row(`same copy over node-redis pipelining (${KEYS} keys)`, median((r) => r.nodeRedisRate)));
  console.log(row(`amr-migrate copy engine (${KEYS} keys)`, median((r) => r.engineRate)));
  console.log(`CPU per key (client + servers): redis-benchmark SET ${median((r) => r.setMicros).toFixed(1)} µs, `
    + `node-redis pipelined ${median((r) => r.nodeRedisMicros).toFixed(1)} µs, engine ${median((r) => r.engineMicros).toFixed(1)} µs `
    + '(this process, source and target)');
  console.log(`engine vs node-redis pipelining: ${median((r) => r.engineRate / r.nodeRedisRate).toFixed(1)}× the rate`);
  const client = median((r) => r.engineClientMicros);
  const servers = median((r) => r.engineServerMicros);
  console.log(`one-shot, mixed types: ${rate(median((r) => r.mixedRate))} keys/s; CPU per key ${client.toFixed(1)} µs in this process, ${servers.toFixed(1)} µs in the two servers`);
  const liveClient = median((r) => r.liveClientMicros);
  const liveServers = median((r) => r.liveServerMicros);
  console.log(`live: ${rate(median((r) => r.liveRate))} changed keys/s copied again; CPU per changed key ${liveClient.toFixed(1)} µs in this process, `
    + `${liveServers.toFixed(1)} µs in the two servers (the source's includes taking the write and publishing its notifications)`);
  console.log(`${verdict(client <= servers)}  one-shot client CPU per key ≤ servers': ${client.toFixed(1)} ≤ ${servers.toFixed(1)} µs`);
  console.log(`${verdict(liveClient <= liveServers)}  live client CPU per changed key ≤ servers': ${liveClient.toFixed(1)} ≤ ${liveServers.toFixed(1)} µs`);
  console.log(`${verdict(ofSet >= 0.5)}  engine ≥ 50% of SET rate: ${(100 * ofSet).toFixed(0)}%`);
  console.log(`${verdict(ofNaive >= 10)}  engine ≥ 10× naive copy: ${ofNaive.toFixed(1)}×`);
} finally {
  await env.dispose();
}

function rate(value) {
  return Math.round(value).toLocaleString('en-US');
}

/**
 * CPU seconds spent from now until the returned function is called, by the given servers (INFO cpu) and either this
 * process or its finished child processes (redis-benchmark; /proc/self/stat, 10 ms ticks).
 */
function cpuMeter(servers, children) {
  const serverCpu = () => servers.reduce((sum, server) => {
    const info = server.cli('INFO', 'cpu');
    return sum + Number(/used_cpu_user:([\d.]+)/.exec(info)[1]) + Number(/used_cpu_sys:([\d.]+)/.exec(info)[1]);
  }, 0);
  const ownCpu = () => {
    if (!children) {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1e6;
    }
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime
  };
  const [servers0, own0] = [serverCpu(), ownCpu()];
  const split = () => {
    const own = ownCpu() - own0;
    const servers = serverCpu() - servers0;
    return { own, servers, total: own + servers };
  };
  return Object.assign(() => split().total, { split });
}

/**
 * The live phase: once the live copy follows, redis-cli rewrites every key of the source (new values, pipelined), and
 * the copy copies them again as the notifications name them. CPU is measured from before the writes until nothing
 * waits; the source's share includes the writes themselves and publishing their notifications.
 */
async function liveCopy(source, target, round) {
  const previous = source.cli('CONFIG', 'GET', 'notify-keyspace-events').split('\n')[1] ?? '';
  source.cli('CONFIG', 'SET', 'notify-keyspace-events', 'KEA'); // the bench's own server; the copy never does this
  const cutOver = new AbortController();
  let status;
  let following;
  const followed = new Promise((resolve) => (following = resolve));
  const copy = copyData({ source: parseRedisUrl(source.url()), target: parseRedisUrl(target.url()), verify: 'none',
    live: { cutOver: cutOver.signal, statusIntervalMs: 20, onStatus: (s) => ((status = s), following()) } });
  copy.catch(() => following());
  await followed;
  // Each key keeps its type and gets a new value (another one each round).
  const pipe = Array.from({ length: KEYS }, (_, i) => {
    const key = `key:${String(i).padStart(12, '0')}`;
    return i % 2 === 0 ? `SET ${key} y${round}\r\n` : i % 6 === 1 ? `HSET ${key} a ${round}\r\n` : i % 6 === 3 ? `LSET ${key} 0 r${round}\r\n` : `SADD ${key} s${round}\r\n`;
  }).join('');
  const writer = heldWriter(source, join(env.dir, `live-writes-${round}.txt`), pipe);
  const cpu = cpuMeter([source, target], false);
  const started = process.hrtime.bigint();
  await writer.go();
  while (status.liveCopied < KEYS || status.waiting > 0) {
    if (Number(process.hrtime.bigint() - started) > 120e9) throw new Error(`live copy stalled: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { own, servers } = cpu.split();
  cutOver.abort();
  const result = await copy;
  source.cli('CONFIG', 'SET', 'notify-keyspace-events', previous);
  const copied = result.live.liveCopied;
  return { liveRate: copied / seconds, liveClientMicros: (own * 1e6) / copied, liveServerMicros: (servers * 1e6) / copied };
}

function redisBenchmarkSet(server) {
  const output = execFileSync('redis-benchmark', ['-h', server.host, '-p', String(server.port), '-t', 'set', '-P', '16', '-n', String(KEYS), '-q'],
    { encoding: 'utf8' });
  const setRate = Number(/SET: ([\d.]+) requests per second/.exec(output.replace(/\r/g, '\n'))?.[1]);
  if (!setRate) throw new Error(`could not read redis-benchmark output:\n${output}`);
  return setRate;
}

/**
 * The engine's algorithm without its RESP pipeline: SCAN 1,000 keys, PTTL + DUMP each, RESTORE … ABSTTL on the target,
 * four batches in flight, every command through node-redis (which pipelines commands issued together on one socket).
 */
async function nodeRedisPipelinedCopy(source, target) {
  const options = { commandOptions: { typeMapping: { [RESP_TYPES.BLOB_STRING]: Buffer } } };
  const from = createClient({ url: source.url(), ...options });
  const to = createClient({ url: target.url(), ...options });
  await Promise.all([from.connect(), to.connect()]);
  const copyBatch = async (keys) => {
    const sentAt = Date.now();
    const reads = await Promise.all(keys.map((key) => Promise.all([from.sendCommand(['PTTL', key]), from.sendCommand(['DUMP', key])])));
    const midpoint = Math.round((sentAt + Date.now()) / 2);
    await Promise.all(reads.map(([pttl, payload], i) => (payload === null ? undefined
      : to.sendCommand(Number(pttl) > 0 ? ['RESTORE', keys[i], String(midpoint + Number(pttl)), payload, 'ABSTTL'] : ['RESTORE', keys[i], '0', payload]))));
    return keys.length;
  };
  try {
    const started = process.hrtime.bigint();
    const inFlight = [];
    let copied = 0;
    let cursor = '0';
    do {
      const [next, keys] = await from.sendCommand(['SCAN', cursor, 'COUNT', '1000']);
      cursor = next.toString();
      inFlight.push(copyBatch(keys));
      while (inFlight.length >= 4) copied += await inFlight.shift();
    } while (cursor !== '0');
    for (const batch of inFlight) copied += await batch;
    if (copied !== KEYS) throw new Error(`node-redis copy moved ${copied} of ${KEYS} keys`);
    return KEYS / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    await Promise.all([from.quit(), to.quit()]);
  }
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

/**
 * redis-cli --pipe reading `input` from a file, started now and held until `go()`: the live copy follows while the
 * writes go in, and this process's CPU measured in between is the copy's alone — not the bench's cost of forking the
 * writer and feeding it megabytes through a pipe (which the application, not the copy, pays in real life).
 */
function heldWriter(server, file, input) {
  writeFileSync(file, input);
  const child = spawn('sh', ['-c', 'read go && exec redis-cli -h "$1" -p "$2" --pipe < "$3"', 'sh', server.host, String(server.port), file],
    { stdio: ['pipe', 'ignore', 'inherit'] });
  const exited = new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`redis-cli --pipe exited with ${code}`)))));
  return { go: () => (child.stdin.end('go\n'), exited) };
}
