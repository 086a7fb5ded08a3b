import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { prepareScan, scanSources } from '../../../src/core/scan/scanner';
import { DEFAULT_SCAN_SETTINGS, type Finding, type SourceFileInput } from '../../../src/core/findings';
import { syntaxErrorCount } from '../../../src/core/fix/syntaxCheck';
import { applyEdits } from '../../../src/core/scan/applyEdits';
import { seededRandom as random } from '../../helpers/seededRandom';
import { RULES } from '../../../src/core/rules';

/**
 * Generated inputs: the scanner must never throw, must answer every file within a time bound, must only report
 * ranges inside the files it was given, and no fix may add a syntax error to a file. A seeded generator keeps
 * failures reproducible.
 */

/**
 * Bounds generous enough for a loaded CI machine (small files take a few ms), yet far below what a
 * quadratic pattern or a runaway evaluation costs (one such JSON input once took 105 s).
 */
const PER_FILE_MS = 1500;
const PATHOLOGICAL_MS = 5000;

const TOKENS = [
  'createClient(', 'createCluster(', 'new Redis(', 'new Redis.Cluster([', 'client.mGet([', 'redis.mget(', '.multi()', '.exec()',
  "'rediss://", "'redis://:", '@', 'x.redis.cache.windows.net', ':6380', ':6379', '/3', ',password=', ',ssl=False', '{', '}',
  '(', ')', '[', ']', '`${', '`', "'", '"', ',', ';', '\n', ' ', 'process.env.X ?? ', '|| 6380', 'port:', 'host:', 'tls: false',
  'db: 2', 'select(', '__keyevent@0__:expired', 'notify-keyspace-events', "import { createClient } from 'redis';\n",
  "import Redis from 'ioredis';\n", "import { createClient } from 'redis'; ", 'export const A = ', 'A', '{tag}', 'sendCommand([', "'MGET'", '...keys', '\\', '/*', '*/',
  '//', 'REDIS_PORT=', 'spring.redis.port: ', '- name: REDIS_HOST\n  value: ', '"\u{1F600}"', '\r\n', '\t', '\u2028', '0x1F',
];
const EXTENSIONS = ['ts', 'tsx', 'js', 'mjs', 'json', 'yaml', 'properties', 'config', 'py', 'cs', 'java', 'env'];

function fileName(index: number, extension: string): string {
  return extension === 'env' ? `/gen/${index}/.env` : `/gen/${index}/file.${extension}`;
}

function generated(count: number, next: () => number): SourceFileInput[] {
  return Array.from({ length: count }, (_, index) => {
    const length = 1 + Math.floor(next() * 120);
    const text = Array.from({ length }, () => TOKENS[Math.floor(next() * TOKENS.length)]).join('');
    return { path: fileName(index, EXTENSIONS[index % EXTENSIONS.length]!), text };
  });
}

function demoFiles(): SourceFileInput[] {
  const walk = (directory: string): string[] =>
    readdirSync(directory).flatMap((name) => {
      const path = join(directory, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return walk('demo/workspace').map((path) => ({ path: `/demo/${path}`, text: readFileSync(path, 'utf8') }));
}

function mutate(text: string, next: () => number): string {
  let result = text;
  for (let round = 0; round < 1 + Math.floor(next() * 4); round++) {
    const at = Math.floor(next() * (result.length + 1));
    const to = Math.min(result.length, at + Math.floor(next() * 40));
    const choice = next();
    if (choice < 0.3) result = result.slice(0, at) + result.slice(to);
    else if (choice < 0.6) result = result.slice(0, at) + TOKENS[Math.floor(next() * TOKENS.length)] + result.slice(at);
    else if (choice < 0.8) result = result.slice(0, at) + result.slice(at, to).repeat(3) + result.slice(to);
    else result = result.slice(0, at) + String.fromCharCode(Math.floor(next() * 0xffff)) + result.slice(at);
  }
  return result;
}

/** Each fix of `finding`, applied on its own, leaves every file it edits that parsed still parsing. */
function assertFixesParse(finding: Finding, texts: ReadonlyMap<string, string>): void {
  for (const fix of finding.fixes) {
    const files = new Set(fix.edits.filter((edit) => !edit.create).map((edit) => edit.file));
    for (const file of files) {
      const before = texts.get(file) ?? '';
      if (syntaxErrorCount(file, before) !== 0) continue;
      const { text: after } = applyEdits(before, fix.edits.filter((edit) => edit.file === file));
      assert.equal(syntaxErrorCount(file, after), 0, `'${fix.title}' breaks the syntax of ${file}:\n${after}`);
    }
  }
}

/** Scans each file on its own (and all together once) and checks the invariants. */
function check(inputs: SourceFileInput[], perFileMs: number): void {
  const texts = new Map(inputs.map((input) => [input.path, input.text]));
  const verify = (result: ReturnType<typeof scanSources>) => {
    for (const finding of result.findings) {
      const text = texts.get(finding.file);
      assert.ok(text !== undefined, `finding in a file not given: ${finding.file}`);
      assert.ok(finding.start >= 0 && finding.start <= finding.end && finding.end <= text.length, `${finding.file}: bad range`);
      assert.ok(finding.line >= 1 && finding.column >= 1);
      for (const edit of finding.fixes.flatMap((fix) => fix.edits)) assert.ok(edit.end <= (texts.get(edit.file) ?? '').length);
      assertFixesParse(finding, texts);
    }
  };
  // The first script that passes the prefilter loads the compiler, once per process: the bound is on scanning.
  scanSources([{ path: '/warm-up.ts', text: "import { createClient } from 'redis';\n" }], DEFAULT_SCAN_SETTINGS, RULES);
  for (const input of inputs) {
    const started = performance.now();
    const result = scanSources([input], DEFAULT_SCAN_SETTINGS, RULES);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < perFileMs, `${input.path} took ${elapsed.toFixed(0)} ms (${input.text.slice(0, 60)}…)`);
    verify(result);
  }
  verify(scanSources(inputs, DEFAULT_SCAN_SETTINGS, RULES));
}

test('random token soup in every file type never throws and stays fast', () => {
  check(generated(1000, random(1)), PER_FILE_MS);
});

const IAC_TOKENS = [
  "resource r 'Microsoft.Cache/redis@2024-11-01' = {", 'resource "azurerm_redis_cache" "c" {', '"type": "Microsoft.Cache/redis",', '{', '}', '[', ']',
  "sku: { name: 'Premium', family: 'P', capacity: 1 }", 'shardCount: 2', 'enableNonSslPort: true', "'maxmemory-policy': 'allkeys-lru'",
  'r.listKeys().primaryKey', 'r.properties.sslPort', 'azurerm_redis_cache.c.primary_access_key', 'non_ssl_port_enabled = true',
  "groupIds: ['redisCache']", 'privatelink.redis.cache.windows.net', '[for x in xs: ', 'if (c) ', 'for_each = var.m', 'capacity = 1',
  'sku_name = "Standard"', 'family = "C"', "'", '"', '${', '\n', '\n', ' ', ':', '=', ',', '//', '#', '/*', '*/',
  '"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",', '"resources": [',
  "\"[listKeys(resourceId('Microsoft.Cache/redis', 'c'), '2024-11-01').primaryKey]\"", '"properties": {', '"sku": {"name": "Basic", "family": "C", "capacity": 1}',
];

test('random infrastructure-as-code soup (Bicep, Terraform, ARM) never throws, stays fast, and no fix breaks the syntax', async () => {
  const next = random(3);
  const inputs = Array.from({ length: 600 }, (_, index) => {
    const text = Array.from({ length: 1 + Math.floor(next() * 60) }, () => IAC_TOKENS[Math.floor(next() * IAC_TOKENS.length)]).join('');
    const extension = ['bicep', 'tf', 'json'][index % 3]!;
    return { path: `/iac/${index}/main.${extension}`, text: extension === 'json' ? `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", ${text}` : text };
  });
  await prepareScan(inputs, DEFAULT_SCAN_SETTINGS);
  check(inputs, PER_FILE_MS);
});

test('mutations of the demo workspace never throw and stay fast', () => {
  const next = random(2);
  const demo = demoFiles();
  const mutated = Array.from({ length: 1000 }, (_, index) => {
    const source = demo[index % demo.length]!;
    return { path: source.path.replace(/(\.\w+)?$/, `.m${index}$1`), text: mutate(source.text, next) };
  });
  check(mutated, PER_FILE_MS);
});

test('pathological inputs are scanned or skipped within a bound, never thrown', () => {
  const deepParens = `import { createClient } from 'redis';\ncreateClient({ url: ${'('.repeat(20000)}'redis://x.redis.cache.windows.net'${')'.repeat(20000)} });\n`;
  const longConcat = `import Redis from 'ioredis';\nnew Redis(${Array.from({ length: 30000 }, () => "'a'").join(' + ')});\n`;
  const longChain = `const redis = new Redis();\nredis${'.multi()'.repeat(3000)}.mget('a', 'b').exec();\n`;
  const inputs: SourceFileInput[] = [
    { path: '/p/deep.ts', text: deepParens },
    { path: '/p/concat.ts', text: longConcat },
    { path: '/p/chain.ts', text: longChain },
    { path: '/p/cycle.ts', text: "import { createClient } from 'redis';\nconst a = b;\nconst b = a;\ncreateClient({ url: a });\n" },
    { path: '/p/hyphens.env', text: `REDIS_HOST=${'a-'.repeat(300000)}` },
    { path: '/p/comments.json', text: '/*'.repeat(100000) },
    { path: '/p/spaces.yaml', text: `redis:${' '.repeat(200000)}x\n  port: 6380${' '.repeat(100000)}\n` },
    { path: '/p/quotes.json', text: '"\\'.repeat(200000) },
    { path: '/p/attributes.config', text: `<add type="Redis"${' host="x"'.repeat(50000)}` },
    { path: '/p/comments.config', text: '<!--<add key="RedisPort" value="6380" />'.repeat(20000) },
    { path: '/p/urls.yaml', text: `url: rediss://${'<a>'.repeat(100000)}` },
    { path: '/p/kwargs.py', text: 'import redis\n' + 'redis.Redis(port=6380, '.repeat(20000) },
    { path: '/p/urls.ts', text: `const u = '${'redis://'.repeat(50000)}';\nconst redis = 1;\n` },
    { path: '/p/unterminated.ts', text: "import { createClient } from 'redis';\ncreateClient({ url: `rediss://${" },
  ];
  check(inputs, PATHOLOGICAL_MS);
});

test('binary, oversized and unknown files are skipped with a reason', () => {
  const result = scanSources(
    [
      { path: '/p/blob.ts', text: 'const a = 1;\0\0\0' },
      { path: '/p/big.json', text: `{"a": "${'x'.repeat(2000)}"}` },
      { path: '/p/image.png', text: 'PNG' },
      { path: '/p/types.d.ts', text: 'export declare const x: string;' },
    ],
    { ...DEFAULT_SCAN_SETTINGS, maxFileBytes: 1000 },
    RULES,
  );
  assert.deepEqual(result.findings, []);
  assert.deepEqual(
    result.skipped.map((s) => `${s.file}: ${s.reason}`),
    [
      '/p/blob.ts: binary content (NUL bytes)',
      '/p/big.json: larger than 1000 bytes',
      '/p/image.png: not a file type the scanner reads',
      '/p/types.d.ts: not a file type the scanner reads',
    ],
  );
});

test('maxFileBytes counts UTF-8 bytes, not characters', () => {
  const text = `// ${'é'.repeat(600)}\n`;
  const result = scanSources([{ path: '/p/a.ts', text }], { ...DEFAULT_SCAN_SETTINGS, maxFileBytes: 1000 }, RULES);
  assert.equal(result.skipped.length, 1);
});
