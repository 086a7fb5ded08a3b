import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ts } from 'ts-morph';
import { DEFAULT_SCAN_SETTINGS, type ScanSettings } from '../../../src/core/findings';
import { changeRange, ScanSession } from '../../../src/core/scan/scanSession';
import { prepareScan, scanSources } from '../../../src/core/scan/scanner';
import { seededRandom } from '../../helpers/seededRandom';
import { RULES } from '../../../src/core/rules';

/**
 * A live session re-parses incrementally and re-walks only changed statements; whatever the edits, its
 * findings must be the ones a fresh one-shot scan (which keeps no cache) of the same text gives.
 */

const SNIPPETS = [
  "createClient({ url: 'rediss://orders.redis.cache.windows.net:6380' });\n", 'new Redis(6380, HOST);\n',
  "client.mGet(['a', 'b']);\n", "await client.del(`{u}:a`, `{u}:b`);\n", 'const tx = client.multi();\ntx.set(k1, 1);\n',
  'tx.exec();\n', "const HOST = 'cache.redis.cache.windows.net';\n", 'port: 6379,', 'tls: false,', '{', '}', '(', ')', '`${',
  '`', "'", '"', '//', '/*', '*/', ';', ',', '\n', '  ', 'function f(client: RedisClientType) {\n', 'return ',
  'export const PORT = 6380;\n', 'import { PORT } from "./config";\n', 'select(2)', '"notify-keyspace-events"', '\u{1F600}',
];

const SEED_FILE = [
  "import { createClient, createCluster } from 'redis';",
  "import Redis from 'ioredis';",
  "const HOST = process.env.REDIS_HOST ?? 'orders.redis.cache.windows.net';",
  'const client = createClient({ socket: { host: HOST, port: 6380, tls: true }, password: process.env.KEY });',
  "const sessions = new Redis({ host: HOST, port: 6379, db: 2 });",
  'export async function load(ids: string[]) {',
  "  const tx = client.multi();",
  "  tx.set('a', '1');",
  "  tx.get('b');",
  '  await tx.exec();',
  "  return client.mGet(ids.map((id) => `order:${id}`));",
  '}',
  "client.configSet('notify-keyspace-events', 'Ex');",
  "await sessions.del('x', 'y');",
  "createCluster({ rootNodes: [{ url: 'redis://other.redis.cache.windows.net:6379' }] });",
].join('\n');

function edit(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const roll = next();
  if (roll < 0.45) return text.slice(0, at) + SNIPPETS[Math.floor(next() * SNIPPETS.length)] + text.slice(at);
  const end = Math.min(text.length, at + 1 + Math.floor(next() * 40));
  if (roll < 0.8) return text.slice(0, at) + text.slice(end);
  return text.slice(0, at) + SNIPPETS[Math.floor(next() * SNIPPETS.length)] + text.slice(end);
}

function assertSameAsOneShot(session: ScanSession, path: string, text: string, settings: ScanSettings, step: string): void {
  assert.deepEqual(session.scan(path, settings).result, scanSources([{ path, text }], settings, RULES), step);
}

test('random edit sequences: every session scan equals a fresh scan of the same text', () => {
  for (const seed of [1, 2, 3, 4]) {
    const next = seededRandom(seed);
    const path = `/ws/src/orders${seed}.ts`;
    const session = new ScanSession(RULES);
    let text = SEED_FILE;
    for (let step = 0; step < 120; step++) {
      text = edit(text, next);
      session.update(path, text);
      assertSameAsOneShot(session, path, text, DEFAULT_SCAN_SETTINGS, `seed ${seed}, step ${step}`);
    }
  }
});

test('edits that keep most statements: typing a statement at spots through a larger file', () => {
  const base = readFileSync('demo/workspace/src/redisClient.ts', 'utf8');
  const path = '/ws/src/cache.ts';
  const session = new ScanSession(RULES);
  let text = Array.from({ length: 20 }, () => base).join('\n');
  session.update(path, text);
  session.scan(path, DEFAULT_SCAN_SETTINGS);
  for (let i = 0; i < 40; i++) {
    const lines = text.split('\n');
    const at = (i * 7919) % lines.length;
    lines.splice(at, 0, i % 3 === 0 ? "const extra = createClient({ url: 'redis://x.redis.cache.windows.net:6379' });" : `const edit${i} = ${i};`);
    text = lines.join('\n');
    session.update(path, text);
    assertSameAsOneShot(session, path, text, DEFAULT_SCAN_SETTINGS, `edit ${i}`);
  }
});

/**
 * A session remembers per statement what it read without looking outside the statement; these edits change
 * what a remembered statement means without touching its text, so each must show in the next scan.
 */
const FAR = [
  "import { createClient } from 'redis';",
  "import Redis from 'ioredis';",
  "import { TAG } from './keys';",
  "const PREFIX = 'order:{eu}:';",
  "const client = createClient({ url: 'rediss://orders.redis.cache.windows.net:6380' });",
  "const sessions = new Redis({ host: 'sessions.redis.cache.windows.net', port: 6380 });",
  ...Array.from({ length: 30 }, (_, i) => `export function filler${i}(n: number): number { return n * ${i}; }`),
  'export async function byPrefix(id: string) { return client.mGet([`${PREFIX}${id}`, `${PREFIX}x`]); }',
  'export async function local(id: string) { await sessions.del(`s:${id}`, `a:${id}`); }',
  "export async function pairs() { await client.mSet({ 'k1': '1', 'k2': '2' }); }",
  'export async function tagged() { return client.mGet([`${TAG}a`, `${TAG}b`]); }',
].join('\n');
const KEYS = "export const TAG = '{t}:';\n";

function multiKeyLines(findings: ReadonlyArray<{ ruleId: string; file: string; line: number }>): number[] {
  return findings.filter((f) => f.ruleId === 'multi-key-command').map((f) => f.line);
}

test('edits that change what an untouched statement means: a far constant, a client declaration, an import', () => {
  const path = '/ws/src/far.ts';
  const files = { [path]: FAR, '/ws/src/keys.ts': KEYS };
  const session = new ScanSession(RULES, disk(files).read);
  const oneShot = (text: string, keys = KEYS) =>
    scanSources([{ path, text }, { path: '/ws/src/keys.ts', text: keys }], DEFAULT_SCAN_SETTINGS, RULES).findings.filter((f) => f.file === path);
  const scan = (text: string) => {
    session.update(path, text);
    return session.scan(path, DEFAULT_SCAN_SETTINGS).result.findings.filter((f) => f.file === path);
  };
  const before = scan(FAR);
  assert.deepEqual(before, oneShot(FAR));
  const byPrefixLine = FAR.split('\n').findIndex((line) => line.includes('byPrefix')) + 1;
  const taggedLine = FAR.split('\n').findIndex((line) => line.includes('tagged')) + 1;
  assert.ok(!multiKeyLines(before).includes(byPrefixLine), 'keys sharing the {eu} tag of a far constant');
  assert.ok(!multiKeyLines(before).includes(taggedLine), 'keys sharing the {t} tag of an imported constant');

  const untagged = FAR.replace("'order:{eu}:'", "'order:'");
  const afterConstant = scan(untagged);
  assert.deepEqual(afterConstant, oneShot(untagged));
  assert.ok(multiKeyLines(afterConstant).includes(byPrefixLine), 'the far constant lost its hash tag');

  const notAClient = untagged.replace("const client = createClient({ url: 'rediss://orders.redis.cache.windows.net:6380' });", 'const client = new Map();');
  const afterDeclaration = scan(notAClient);
  assert.deepEqual(afterDeclaration, oneShot(notAClient));
  assert.ok(!multiKeyLines(afterDeclaration).includes(byPrefixLine), 'client is a Map now');

  scan(FAR);
  session.update('/ws/src/keys.ts', "export const TAG = 't:';\n");
  const afterImport = session.scan(path, DEFAULT_SCAN_SETTINGS).result.findings.filter((f) => f.file === path);
  assert.deepEqual(afterImport, oneShot(FAR, "export const TAG = 't:';\n"));
  assert.ok(multiKeyLines(afterImport).includes(taggedLine), 'the imported constant lost its hash tag');
});

test('statements that move keep exact spans and fixes, under either clustering policy', () => {
  const path = '/ws/src/far.ts';
  const session = new ScanSession(RULES, disk({ '/ws/src/keys.ts': KEYS }).read);
  const enterprise: ScanSettings = { ...DEFAULT_SCAN_SETTINGS, clusterPolicy: 'enterprise' };
  let text = FAR;
  for (let i = 0; i < 24; i++) {
    // Insert or delete lines above and between the remembered statements, so they move both ways.
    const lines = text.split('\n');
    const at = 6 + ((i * 7) % (lines.length - 10));
    if (i % 3 === 2) lines.splice(at, 1);
    else lines.splice(at, 0, `const moved${i} = ${'x'.repeat(i)}'';`.replace(/x+/, (run) => `'${run}' + `));
    text = lines.join('\n');
    const settings = i % 2 ? enterprise : DEFAULT_SCAN_SETTINGS;
    session.update(path, text);
    const inputs = [{ path, text }, { path: '/ws/src/keys.ts', text: KEYS }];
    const expected = scanSources(inputs, settings, RULES).findings.filter((f) => f.file === path);
    assert.deepEqual(session.scan(path, settings).result.findings.filter((f) => f.file === path), expected, `edit ${i}`);
    assert.ok(expected.some((f) => f.fixes.length > 0), 'the file keeps findings with fixes');
  }
});

test('the same text with other settings is judged again', () => {
  const session = new ScanSession(RULES);
  session.update('/ws/a.ts', SEED_FILE);
  const enterprise: ScanSettings = { ...DEFAULT_SCAN_SETTINGS, clusterPolicy: 'enterprise' };
  const oss = session.scan('/ws/a.ts', DEFAULT_SCAN_SETTINGS).result.findings.map((f) => f.ruleId);
  const notOss = session.scan('/ws/a.ts', enterprise).result.findings.map((f) => f.ruleId);
  assert.ok(oss.includes('non-cluster-client'));
  assert.ok(!notOss.includes('non-cluster-client'));
  assertSameAsOneShot(session, '/ws/a.ts', SEED_FILE, enterprise, 'enterprise');
});

test('changeRange spans exactly what differs between two texts', () => {
  const cases: Array<[string, string, [number, number, number]]> = [
    ['abcdef', 'abXYef', [2, 2, 2]],
    ['abc', 'abc', [3, 0, 0]],
    ['', 'abc', [0, 0, 3]],
    ['aaaa', 'aa', [2, 2, 0]],
    ['abcabc', 'abc', [3, 3, 0]],
  ];
  for (const [before, after, [start, length, newLength]] of cases) {
    const range = changeRange(before, after);
    assert.deepEqual([range.span.start, range.span.length, range.newLength], [start, length, newLength], `${before} → ${after}`);
    const applied = before.slice(0, start) + after.slice(start, start + newLength) + before.slice(start + length);
    assert.equal(applied, after);
  }
  assert.equal(ts.textChangeRangeIsUnchanged(changeRange('x', 'x')), true);
});

test('changeRange on long texts: the range is exact and as small as the common prefix and suffix allow', () => {
  const next = seededRandom(7);
  const base = Array.from({ length: 2000 }, (_, i) => `const v${i} = ${i};\n`).join('');
  for (let round = 0; round < 200; round++) {
    const at = Math.floor(next() * base.length);
    const removed = Math.floor(next() * (round % 2 ? 3 : 900));
    const inserted = 'x'.repeat(Math.floor(next() * 600));
    const after = base.slice(0, at) + inserted + base.slice(at + removed);
    const range = changeRange(base, after);
    const { start, length } = range.span;
    assert.equal(base.slice(0, start) + after.slice(start, start + range.newLength) + base.slice(start + length), after, `round ${round}`);
    const shorter = Math.min(base.length, after.length);
    assert.ok(start === shorter || base[start] !== after[start], `prefix not maximal in round ${round}`);
    const suffix = base.length - start - length;
    assert.ok(suffix === shorter - start || base[base.length - 1 - suffix] !== after[after.length - 1 - suffix], `suffix not maximal in round ${round}`);
  }
});

/** A workspace on "disk": the session's reader for files that are not open. */
function disk(files: Record<string, string>): { read: (path: string) => string | undefined; reads: string[] } {
  const reads: string[] = [];
  return { read: (path) => { reads.push(path); return files[path]; }, reads };
}

const CONFIG = "export const REDIS_HOST = 'orders.redis.cache.windows.net';\nexport const REDIS_PORT = 6380;\n";
const APP =
  "import { createClient } from 'redis';\nimport { REDIS_HOST, REDIS_PORT } from './config';\n" +
  'createClient({ socket: { host: REDIS_HOST, port: REDIS_PORT, tls: false } });\n';

function rulesIn(findings: ReadonlyArray<{ ruleId: string; file: string; line: number; column: number }>, file: string): string[] {
  return findings.filter((f) => f.file === file).map((f) => `${f.ruleId}@${f.line}:${f.column}`);
}

test('imports of an open document resolve from disk: the findings equal the workspace scan of both files', () => {
  const files = { '/ws/src/config.ts': CONFIG, '/ws/src/app.ts': APP };
  const { read } = disk(files);
  const session = new ScanSession(RULES, read);
  session.update('/ws/src/app.ts', APP);
  const { result, dependencies } = session.scan('/ws/src/app.ts', DEFAULT_SCAN_SETTINGS);
  const workspace = scanSources(Object.entries(files).map(([path, text]) => ({ path, text })), DEFAULT_SCAN_SETTINGS, RULES);
  assert.deepEqual(result.findings, workspace.findings);
  assert.deepEqual(rulesIn(result.findings, '/ws/src/config.ts'), ['legacy-hostname@1:28', 'legacy-tls-port@2:27']);
  assert.ok(rulesIn(result.findings, '/ws/src/app.ts').includes('non-tls-connection@3:67'));
  assert.ok(dependencies.includes('/ws/src/config.ts'));
  assert.deepEqual(rulesIn(scanSources([{ path: '/ws/src/app.ts', text: APP }], DEFAULT_SCAN_SETTINGS, RULES).findings, '/ws/src/config.ts'), [],
    'scanned alone, the imported constants are unknown');
});

test('an open imported document wins over disk, and closing it falls back to disk', () => {
  const { read } = disk({ '/ws/src/config.ts': CONFIG });
  const session = new ScanSession(RULES, read);
  session.update('/ws/src/app.ts', APP);
  session.update('/ws/src/config.ts', CONFIG.replace('orders.redis.cache.windows.net', 'localhost'));
  const edited = session.scan('/ws/src/app.ts', DEFAULT_SCAN_SETTINGS).result.findings;
  assert.deepEqual(rulesIn(edited, '/ws/src/app.ts'), [], 'a local host: no TLS or cluster finding');
  session.close('/ws/src/config.ts');
  const saved = session.scan('/ws/src/app.ts', DEFAULT_SCAN_SETTINGS).result.findings;
  assert.deepEqual(rulesIn(saved, '/ws/src/app.ts'), ['non-cluster-client@3:1', 'non-tls-connection@3:67']);
});

test('imported files over the size limit, binary or not scripts are not read as constants', () => {
  const settings: ScanSettings = { ...DEFAULT_SCAN_SETTINGS, maxFileBytes: 200 };
  const big = CONFIG + `// ${'x'.repeat(300)}\n`;
  for (const config of [big, CONFIG.replace(';', ';\0')]) {
    const session = new ScanSession(RULES, disk({ '/ws/src/config.ts': config }).read);
    session.update('/ws/src/app.ts', APP);
    assert.deepEqual(rulesIn(session.scan('/ws/src/app.ts', settings).result.findings, '/ws/src/config.ts'), []);
  }
  const { read, reads } = disk({ '/ws/src/config.json': '{}' });
  const session = new ScanSession(RULES, read);
  session.update('/ws/src/app.ts', APP.replace("'./config'", "'./config.json'"));
  session.scan('/ws/src/app.ts', settings);
  // package.json files are read for the node-redis version and the dependencies a fix adds, never as constants.
  assert.deepEqual(reads.filter((path) => !/\.[mc]?[jt]sx?$/.test(path) && !path.endsWith('/package.json')), []);
});

test('the nearest package.json on disk gives the node-redis version: v4 gets the helper fix, v5 the credentials provider', () => {
  const app = "import { createClient } from 'redis';\nexport const client = createClient({ url: process.env.REDIS_URL, password: process.env.REDIS_KEY });\n";
  const fixTitle = (manifests: Record<string, string>) => {
    const session = new ScanSession(RULES, disk(manifests).read);
    session.update('/ws/api/src/app.ts', app);
    const { result, dependencies } = session.scan('/ws/api/src/app.ts', DEFAULT_SCAN_SETTINGS);
    const finding = result.findings.find((candidate) => candidate.ruleId === 'access-key-auth')!;
    return { title: finding.fixes[0]?.title, dependencies };
  };
  const v4 = fixTitle({ '/ws/api/package.json': '{ "dependencies": { "redis": "^4.7.0" } }', '/ws/package.json': '{ "dependencies": { "redis": "^5.8.0" } }' });
  assert.match(v4.title!, /^Authenticate with Microsoft Entra ID \(token as password, renewed before expiry; creates redisEntraAuth\.ts\)/);
  assert.match(v4.title!, /adds @azure\/identity to package\.json$/);
  assert.deepEqual(v4.dependencies, ['/ws/api/package.json'], 'the manifest read counts: editing it changes the result');
  assert.match(fixTitle({ '/ws/package.json': '{ "dependencies": { "redis": "^5.8.0" } }' }).title!, /@redis\/entraid credentials provider/);
  assert.match(fixTitle({}).title!, /@redis\/entraid credentials provider/, 'no package.json: v5 is assumed');
});

test('a Python document\'s Entra ID fix edits the requirements.txt on disk nearest it, within its workspace folder only', async () => {
  const app = 'import os\nimport redis\nr = redis.Redis(host="orders.westus2.redis.azure.net", port=10000, ssl=True, password=os.environ["K"])\n';
  const files: Record<string, string> = { '/ws/svc/requirements.txt': 'flask\n', '/ws/svc/app/cache.py': app };
  const list = (folder: string) => Object.keys(files).filter((path) => path.slice(0, path.lastIndexOf('/')) === folder).map((path) => path.slice(path.lastIndexOf('/') + 1));
  await prepareScan([{ path: '/ws/svc/app/cache.py', text: app }], DEFAULT_SCAN_SETTINGS);
  const entraFix = (root: string | undefined) => {
    const session = new ScanSession(RULES, disk(files).read, list);
    session.update('/ws/svc/app/cache.py', app);
    const { result } = session.scan('/ws/svc/app/cache.py', DEFAULT_SCAN_SETTINGS, root);
    return result.findings.find((finding) => finding.ruleId === 'access-key-auth')!.fixes[0]!;
  };
  const fix = entraFix('/ws');
  assert.deepEqual(fix.dependencies, { manifest: '/ws/svc/requirements.txt', packages: { 'redis-entraid': '>=1.1.0' } });
  assert.deepEqual(fix.edits.filter((edit) => edit.file.endsWith('requirements.txt')), [
    { file: '/ws/svc/requirements.txt', start: 6, end: 6, newText: 'redis-entraid>=1.1.0\n' },
  ]);
  assert.equal(entraFix('/ws/svc/app').dependencies, undefined, 'above the workspace folder: not the project\'s');
  assert.equal(entraFix(undefined).dependencies, undefined);
});

test('memory stays bounded: closed documents leave, imported trees are capped', () => {
  const files: Record<string, string> = {};
  const imports: string[] = [];
  for (let i = 0; i < 100; i++) {
    files[`/ws/lib/c${i}.ts`] = `export const P${i} = ${6000 + i};\n`;
    imports.push(`import { P${i} } from '../lib/c${i}';\ncreateClient({ socket: { host: process.env.H, port: P${i} } });`);
  }
  const session = new ScanSession(RULES, disk(files).read);
  const app = "import { createClient } from 'redis';\n" + imports.join('\n');
  session.update('/ws/src/app.ts', app);
  const { dependencies } = session.scan('/ws/src/app.ts', DEFAULT_SCAN_SETTINGS);
  assert.equal(dependencies.length, 100);
  assert.ok(session.treeCount <= 1 + 64, `${session.treeCount} trees`);
  session.close('/ws/src/app.ts');
  assert.equal(session.documentCount, 0);
  assert.throws(() => session.scan('/ws/src/app.ts', DEFAULT_SCAN_SETTINGS), /not an open document/);
});
