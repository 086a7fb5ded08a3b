import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../../src/cli/runCli';
import { DEFAULT_SCAN_SETTINGS, type RuleId, type SourceFileInput } from '../../../src/core/findings';
import { changedSpan, changedSpans } from '../../../src/core/fix/changedSpan';
import { previewFixes, TextOverlay } from '../../../src/core/fix/previewFixes';
import { RULES } from '../../../src/core/rules';
import { scanSources } from '../../../src/core/scan/scanner';
import { captureIo } from '../../helpers/captureIo';
import { tempTree } from '../../helpers/tempTree';

// One construction both review fixes rewrite (Entra ID, then the cluster client in a second pass), a second one with
// a host and a port to fix, and configuration beside it.
const PROJECT = {
  'package.json': '{ "name": "orders", "dependencies": { "ioredis": "^5.4.0" } }\n',
  'src/cache.ts': "import Redis from 'ioredis';\nexport const redis = new Redis({ host: process.env.REDIS_HOST, port: 10000, password: process.env.REDIS_KEY, tls: {} });\n",
  'src/legacy.ts': "import Redis from 'ioredis';\nexport const old = new Redis({ host: 'orders.redis.cache.windows.net', port: 6380, tls: { servername: 'orders.redis.cache.windows.net' } });\n",
  '.env': 'REDIS_URL=redis://orders.redis.cache.windows.net:6380\n',
  'config/appsettings.json': '{"cache": {"host": "orders.redis.cache.windows.net:6380"}}\n',
};
const HOST_MAP = { orders: 'orders.westus2.redis.azure.net' };

function filesOf(root: string): Record<string, string> {
  return Object.fromEntries(readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name !== 'hosts.json')
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return [relative(root, path), readFileSync(path, 'utf8')];
    }));
}

/** The preview over the project's texts, and `amr-migrate scan --fix` over a copy of them on disk. */
async function previewAndCli(reviewRules: RuleId[]) {
  const [memory, disk] = [tempTree(PROJECT), tempTree({ ...PROJECT, 'hosts.json': JSON.stringify(HOST_MAP) })];
  try {
    const inputs: SourceFileInput[] = Object.entries(PROJECT).map(([name, text]) => ({ path: join(memory.root, name), text }));
    const settings = { ...DEFAULT_SCAN_SETTINGS, hostMap: HOST_MAP };
    const preview = await previewFixes({
      inputs,
      scan: (scanned) => scanSources(scanned, settings, RULES),
      readOther: (file) => readFile(file, 'utf8').catch(() => undefined),
      reviewRules,
    });
    assert.deepEqual(filesOf(memory.root), PROJECT, 'the preview writes nothing');
    const previewed = { ...PROJECT };
    for (const change of preview.changes) previewed[relative(memory.root, change.file) as keyof typeof PROJECT] = change.after;

    const fixRules = reviewRules.length > 0 ? ['--fix-rules', reviewRules.join(',')] : [];
    const code = await runCli(['scan', '--fix', '--host-map', 'hosts.json', ...fixRules, '--fail-on', 'never'], captureIo({ cwd: disk.root }));
    assert.equal(code, 0);
    return { preview, previewed, fixedOnDisk: filesOf(disk.root) };
  } finally {
    memory.cleanup();
    disk.cleanup();
  }
}

test('the preview of the safe fixes is what scan --fix writes', async () => {
  const { preview, previewed, fixedOnDisk } = await previewAndCli([]);
  assert.deepEqual(previewed, fixedOnDisk);
  assert.equal(preview.passes, 1);
  assert.match(previewed['src/legacy.ts'], /host: 'orders\.westus2\.redis\.azure\.net', port: 10000/);
  assert.equal(previewed['src/cache.ts'], PROJECT['src/cache.ts'], 'fixes to review are not safe fixes');
  const legacy = preview.changes.find((change) => change.file.endsWith('legacy.ts'));
  assert.deepEqual(legacy?.rules.sort(), ['legacy-hostname', 'legacy-hostname', 'legacy-tls-port']);
  assert.equal(legacy?.before, PROJECT['src/legacy.ts']);
});

test('fixes that overlap one just made come from a scan of the fixed texts, in further passes, as in scan --fix', async () => {
  const { preview, previewed, fixedOnDisk } = await previewAndCli(['access-key-auth', 'non-cluster-client']);
  assert.deepEqual(previewed, fixedOnDisk);
  assert.equal(preview.passes, 2);
  assert.match(previewed['src/cache.ts'], /withEntraId\(new Redis\.Cluster\(/);
  const created = preview.changes.filter((change) => change.before === undefined);
  assert.equal(created.length, 1, 'the Entra ID helper module is created');
  assert.deepEqual(preview.conflicting, []);
});

test('the overlay creates a file only where neither it nor the base holds one', async () => {
  const overlay = new TextOverlay(async (file) => (file === '/ws/a.ts' ? 'a' : undefined));
  await assert.rejects(overlay.create('/ws/a.ts', 'b'), { code: 'EEXIST' });
  await overlay.create('/ws/b.ts', 'b');
  await assert.rejects(overlay.create('/ws/b.ts', 'c'), { code: 'EEXIST' });
  await assert.rejects(overlay.read('/ws/c.ts'), { code: 'ENOENT' });
  await overlay.write('/ws/a.ts', 'a');
  assert.deepEqual(overlay.changed(), [{ file: '/ws/b.ts', after: 'b' }], 'a write of the same text is no change');
});

test('changedSpan: the one replacement between the common start and the common end', () => {
  const cases: [string, string, { start: number; end: number; newText: string }][] = [
    ['port: 6380', 'port: 10000', { start: 6, end: 9, newText: '1000' }],
    ['abc', 'abc', { start: 3, end: 3, newText: '' }],
    ['', 'new', { start: 0, end: 0, newText: 'new' }],
    ['aXa', 'aa', { start: 1, end: 2, newText: '' }],
    ['aa', 'aXa', { start: 1, end: 1, newText: 'X' }],
    ['host a; host b', 'host A; host B', { start: 5, end: 14, newText: 'A; host B' }],
  ];
  for (const [before, after, span] of cases) {
    assert.deepEqual(changedSpan(before, after), span, `${before} → ${after}`);
    assert.equal(before.slice(0, span.start) + span.newText + before.slice(span.end), after);
  }
});

test('changedSpans: one replacement per changed line when lines correspond, else the one span', () => {
  const apply = (before: string, spans: { start: number; end: number; newText: string }[]) =>
    [...spans].sort((a, b) => b.start - a.start).reduce((text, span) => text.slice(0, span.start) + span.newText + text.slice(span.end), before);
  const cases: [string, string, number][] = [
    ['host: a\nkeep\nport: 6380\n', 'host: b\nkeep\nport: 10000\n', 2],
    ['same\n', 'same\n', 0],
    ['one line 6380', 'one line 10000', 1],
    ['a\nb\n', 'a\nnew\nb\nc\n', 1],
  ];
  for (const [before, after, count] of cases) {
    const spans = changedSpans(before, after);
    assert.equal(spans.length, count, JSON.stringify([before, after]));
    assert.equal(apply(before, spans), after);
  }
  assert.deepEqual(changedSpans('host: a\nkeep\nport: 6380\n', 'host: b\nkeep\nport: 10000\n'),
    [{ start: 6, end: 7, newText: 'b' }, { start: 19, end: 22, newText: '1000' }]);
});
