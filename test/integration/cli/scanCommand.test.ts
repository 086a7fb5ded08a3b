import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv-draft-04';
import { runCli } from '../../../src/cli/runCli';
import { RULES } from '../../../src/core/rules';
import { mayHoldFindings } from '../../../src/core/scan/script/prefilter';
import { captureIo } from '../../helpers/captureIo';
import { tempTree } from '../../helpers/tempTree';

// A small service: a .env with a plaintext URL on the old host and TLS port, a settings file naming the old host,
// and a script with nothing to report.
const PROJECT = {
  '.env': 'REDIS_URL=redis://orders.redis.cache.windows.net:6380\n',
  'config/appsettings.json': '{"cache": {"host": "orders.redis.cache.windows.net"}}\n',
  'src/ok.ts': 'export const answer = 42;\n',
};

async function scanIn(root: string, args: string[], signal?: AbortSignal) {
  const io = captureIo({ cwd: root, ...(signal ? { signal } : {}) });
  const code = await runCli(['scan', ...args], io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

test('--format json: findings with paths relative to the current folder, fixes, summary and skipped', async () => {
  const tree = tempTree({ ...PROJECT, 'src/blob.ts': Buffer.from('const a = 1;\0\0') });
  try {
    const { code, stdout } = await scanIn(tree.root, ['--format', 'json']);
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.deepEqual(
      report.findings.map((f: { ruleId: string; file: string; line: number; column: number }) => [f.ruleId, f.file, f.line, f.column]),
      [
        ['non-tls-connection', '.env', 1, 11],
        ['legacy-hostname', '.env', 1, 19],
        ['legacy-tls-port', '.env', 1, 50],
        ['legacy-hostname', 'config/appsettings.json', 1, 21],
      ],
    );
    const port = report.findings[2];
    assert.deepEqual(port.fixes, [{ title: 'Use port 10000', preferred: true, edits: [{ file: '.env', start: 49, end: 53, newText: '10000' }] }]);
    assert.equal(PROJECT['.env'].slice(port.fixes[0].edits[0].start, port.fixes[0].edits[0].end), '6380');
    assert.equal(report.summary.filesScanned, 3);
    assert.equal(report.summary.filesSkipped, 1);
    assert.equal(typeof report.summary.durationMs, 'number');
    assert.deepEqual(report.skipped, [{ file: 'src/blob.ts', reason: 'binary file (contains NUL bytes)' }]);
  } finally {
    tree.cleanup();
  }
});

test('files the prefilter leaves unread still lend an imported constant and count as neighbours', async () => {
  // Neither config.ts nor the existing Entra ID helper names a Redis token, so the scan does not hold their texts.
  const unread = {
    'src/config.ts': '// Which logical database the orders service uses.\nexport const DB = 2;\n',
    'src/redisEntraAuth.ts': 'export {};\n',
  };
  const tree = tempTree({
    ...unread,
    'src/cache.ts':
      "import Redis from 'ioredis';\nimport { DB } from './config';\n" +
      "export const client = new Redis({ host: 'orders.redis.cache.windows.net', port: 6380, password: process.env.CACHE_KEY, tls: {}, db: DB });\n",
  });
  try {
    for (const text of Object.values(unread)) assert.ok(!mayHoldFindings(text));
    const report = JSON.parse((await scanIn(tree.root, ['--format', 'json'])).stdout);
    const database = report.findings.find((finding: { ruleId: string }) => finding.ruleId === 'database-select');
    assert.deepEqual([database?.file, database?.line, database?.column], ['src/config.ts', 2, 19]);
    // The helper module is there already: the Entra ID fix imports it instead of creating it.
    const access = report.findings.find((finding: { ruleId: string }) => finding.ruleId === 'access-key-auth');
    const edited = access.fixes.flatMap((fix: { edits: Array<{ file: string }> }) => fix.edits.map((edit) => edit.file));
    assert.deepEqual([...new Set(edited)], ['src/cache.ts']);
    assert.equal(report.summary.filesScanned, 3);
  } finally {
    tree.cleanup();
  }
});

test('--format sarif: a valid SARIF 2.1.0 log with every rule, the results and their fixes', async () => {
  const tree = tempTree(PROJECT);
  try {
    const { code, stdout } = await scanIn(tree.root, ['--format', 'sarif']);
    assert.equal(code, 1);
    const log = JSON.parse(stdout);
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const validate = new Ajv({ strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);
    assert.equal(validate(log), true, JSON.stringify(validate.errors));
    const run = log.runs[0];
    assert.deepEqual(run.tool.driver.rules.map((r: { id: string }) => r.id), RULES.map((rule) => rule.meta.id));
    for (const rule of run.tool.driver.rules) {
      assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.markdown, rule.id);
      assert.match(rule.helpUri, new RegExp(`/docs/rules/${rule.id}\\.md$`));
    }
    assert.equal(run.results.length, 4);
    const port = run.results.find((r: { ruleId: string }) => r.ruleId === 'legacy-tls-port');
    assert.equal(port.level, 'error');
    assert.deepEqual(port.locations[0].physicalLocation.artifactLocation, { uri: '.env', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(port.fixes[0].artifactChanges[0].replacements, [
      { deletedRegion: { charOffset: 49, charLength: 4 }, insertedContent: { text: '10000' } },
    ]);
  } finally {
    tree.cleanup();
  }
});

test('text format: findings grouped by file and a summary line, colours only on a terminal', async () => {
  const tree = tempTree(PROJECT);
  try {
    const { stdout } = await scanIn(tree.root, ['.']);
    assert.match(stdout, /^\.env:1:50  error    legacy-tls-port  Port 6380/m);
    assert.match(stdout, /^ {4}fix: Use port 10000$/m);
    assert.match(stdout, /^4 findings \(2 errors, 2 warnings\) in 2 files; 3 files scanned, 0 skipped; \d+ ms$/m);
    assert.doesNotMatch(stdout, /\x1b\[/);
    const terminal = captureIo({ cwd: tree.root, isTTY: true });
    await runCli(['scan'], terminal);
    assert.match(terminal.stdout(), /\x1b\[31merror/);
    const toFile = captureIo({ cwd: tree.root, isTTY: true });
    await runCli(['scan', '--output', 'report.txt'], toFile);
    assert.doesNotMatch(readFileSync(join(tree.root, 'report.txt'), 'utf8'), /\x1b\[/);
  } finally {
    tree.cleanup();
  }
});

test('the exit code follows --fail-on: 1 when a finding is at or above it, 0 otherwise', async () => {
  const warningsOnly = tempTree({ 'appsettings.json': PROJECT['config/appsettings.json'] });
  const withErrors = tempTree(PROJECT);
  const clean = tempTree({ 'src/ok.ts': PROJECT['src/ok.ts'] });
  try {
    const expected: [string, string | undefined, number][] = [
      [warningsOnly.root, undefined, 1],
      [warningsOnly.root, 'error', 0],
      [warningsOnly.root, 'warning', 1],
      [warningsOnly.root, 'info', 1],
      [warningsOnly.root, 'never', 0],
      [withErrors.root, 'error', 1],
      [withErrors.root, 'never', 0],
      [clean.root, 'info', 0],
    ];
    for (const [root, failOn, code] of expected) {
      const args = ['--format', 'json', ...(failOn ? ['--fail-on', failOn] : [])];
      assert.equal((await scanIn(root, args)).code, code, `${root} --fail-on ${failOn}`);
    }
  } finally {
    warningsOnly.cleanup();
    withErrors.cleanup();
    clean.cleanup();
  }
});

test('usage errors exit 2 with a message that names the problem', async () => {
  const tree = tempTree(PROJECT);
  writeFileSync(join(tree.root, 'bad-map.json'), '{"orders": "orders.redis.cache.windows.net"}');
  try {
    const cases: [string[], RegExp][] = [
      [['--format', 'xml'], /--format must be one of text, json, sarif/],
      [['--fail-on', 'critical'], /--fail-on must be one of error, warning, info, never/],
      [['--cluster-policy', 'sharded'], /--cluster-policy must be one of oss, enterprise, none/],
      [['--frobnicate'], /Unknown option '--frobnicate'/],
      [['--output'], /--output/],
      [['no-such-folder'], /cannot scan 'no-such-folder': no such file or directory/],
      [['--fix', '--host-map', 'missing.json'], /cannot read the --host-map file: no such file or directory/],
      [['--fix', '--host-map', 'bad-map.json'], /not an Azure Managed Redis host name/],
    ];
    for (const [args, message] of cases) {
      const { code, stdout, stderr } = await scanIn(tree.root, args);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, message, args.join(' '));
      assert.equal(stdout, '', args.join(' '));
    }
    assert.equal(readFileSync(join(tree.root, '.env'), 'utf8'), PROJECT['.env'], 'a usage error changes nothing');
  } finally {
    tree.cleanup();
  }
});

test('--help prints the options and exits 0', async () => {
  const { code, stdout } = await scanIn(process.cwd(), ['--help']);
  assert.equal(code, 0);
  for (const option of ['--format', '--output', '--cluster-policy', '--fail-on', '--fix', '--host-map']) assert.ok(stdout.includes(option), option);
});

test('.gitignore is honoured and node_modules is never scanned', async () => {
  const tree = tempTree({
    ...PROJECT,
    '.gitignore': 'config/\n',
    'node_modules/lib/index.js': 'const url = "redis://x.redis.cache.windows.net:6380";\n',
  });
  try {
    const report = JSON.parse((await scanIn(tree.root, ['--format', 'json'])).stdout);
    assert.deepEqual([...new Set(report.findings.map((f: { file: string }) => f.file))], ['.env']);
    assert.equal(report.summary.filesScanned, 2);
  } finally {
    tree.cleanup();
  }
});

test('binary and oversized files are listed as skipped with the reason', async () => {
  const huge = `{"pad": "${'x'.repeat(1024 * 1024)}"}`;
  const tree = tempTree({
    'a.ts': PROJECT['src/ok.ts'],
    'logo.js': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
    'huge.json': huge,
  });
  try {
    const report = JSON.parse((await scanIn(tree.root, ['--format', 'json'])).stdout);
    assert.deepEqual(report.skipped, [
      { file: 'huge.json', reason: `larger than the size limit (${huge.length} bytes > 1048576 bytes)` },
      { file: 'logo.js', reason: 'binary file (contains NUL bytes)' },
    ]);
    assert.equal(report.summary.filesScanned, 1);
  } finally {
    tree.cleanup();
  }
});

test('--fix applies the safe fixes, says what it left alone, and a second run changes nothing', async () => {
  const tree = tempTree(PROJECT);
  const env = join(tree.root, '.env');
  try {
    const first = await scanIn(tree.root, ['--fix']);
    assert.equal(readFileSync(env, 'utf8'), 'REDIS_URL=rediss://orders.redis.cache.windows.net:10000\n');
    assert.match(first.stdout, /^Fixed 2 findings in 1 file:\n {2}\.env {2}2 fixes\n {4}1:11 {2}Use 'rediss:\/\/'\n {4}1:50 {2}Use port 10000\n/);
    assert.match(first.stdout, /2 legacy-hostname findings left alone: no target host; give one with --host-map FILE/);
    // The report after the fix shows what is left: the two host names.
    assert.match(first.stdout, /^2 findings \(2 warnings\) in 2 files/m);
    assert.equal(first.code, 1);

    const second = await scanIn(tree.root, ['--fix']);
    assert.match(second.stdout, /^No changes: nothing to fix automatically\./);
    assert.equal(readFileSync(env, 'utf8'), 'REDIS_URL=rediss://orders.redis.cache.windows.net:10000\n');
  } finally {
    tree.cleanup();
  }
});

test('--fix leaves access keys alone: their Entra ID fixes stop authentication until the code changes', async () => {
  const key = 'Zm9vYmFyYmF6cXV4c2VjcmV0a2V5MTIzNDU2Nzg5MDE=';
  const files = {
    '.env': `REDIS_HOST=orders.westus2.redis.azure.net\nREDIS_PASSWORD=${key}\n`,
    'appsettings.json': `{ "Redis": "orders.westus2.redis.azure.net:10000,password=${key},ssl=True" }\n`,
  };
  const tree = tempTree(files);
  try {
    const listed = JSON.parse((await scanIn(tree.root, ['--format', 'json'])).stdout);
    const accessKeys = listed.findings.filter((f: { ruleId: string }) => f.ruleId === 'access-key-auth');
    // The fixes are offered (the editor shows them), just never applied unasked.
    assert.equal(accessKeys.length, 2);
    for (const finding of accessKeys) {
      assert.match(finding.fixes[0].title, /Microsoft Entra ID \(the code must then/);
      assert.equal(finding.fixes[0].preferred, false);
    }

    const { stdout } = await scanIn(tree.root, ['--fix']);
    assert.match(stdout, /^No changes: nothing to fix automatically\./);
    assert.match(stdout, /2 findings with no automatic fix \(access-key-auth 2\)/);
    for (const [file, text] of Object.entries(files)) assert.equal(readFileSync(join(tree.root, file), 'utf8'), text);
  } finally {
    tree.cleanup();
  }
});

test('--fix with --host-map rewrites the hosts it has a target for', async () => {
  const tree = tempTree({ ...PROJECT, 'hosts.json': '{"orders": "orders.westus2.redis.azure.net"}' });
  try {
    const { code } = await scanIn(tree.root, ['--fix', '--host-map', 'hosts.json', '--format', 'json']);
    assert.equal(code, 0);
    assert.equal(readFileSync(join(tree.root, '.env'), 'utf8'), 'REDIS_URL=rediss://orders.westus2.redis.azure.net:10000\n');
    assert.equal(
      readFileSync(join(tree.root, 'config/appsettings.json'), 'utf8'),
      '{"cache": {"host": "orders.westus2.redis.azure.net"}}\n',
    );
  } finally {
    tree.cleanup();
  }
});

test('--fix with a machine format keeps standard output parseable and prints the changes on standard error', async () => {
  const tree = tempTree(PROJECT);
  try {
    const { stdout, stderr } = await scanIn(tree.root, ['--fix', '--format', 'json']);
    assert.equal(JSON.parse(stdout).findings.length, 2);
    assert.match(stderr, /^Fixed 2 findings in 1 file:/);
  } finally {
    tree.cleanup();
  }
});

test('--output writes the report to the file, and a later scan does not report the report itself', async () => {
  const tree = tempTree(PROJECT);
  try {
    const { code, stdout } = await scanIn(tree.root, ['--format', 'json', '--output', 'amr-report.json']);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    const written = JSON.parse(readFileSync(join(tree.root, 'amr-report.json'), 'utf8'));
    assert.equal(written.findings.length, 4);
    const again = JSON.parse((await scanIn(tree.root, ['--format', 'json'])).stdout);
    assert.equal(again.findings.length, 4);
    assert.deepEqual(again.skipped, [{ file: 'amr-report.json', reason: 'a report written by amr-migrate' }]);
  } finally {
    tree.cleanup();
  }
});

test('an interrupted scan exits 130 and writes no report', async () => {
  const tree = tempTree(PROJECT);
  const controller = new AbortController();
  controller.abort();
  try {
    const { code, stdout, stderr } = await scanIn(tree.root, ['--fix', '--output', 'out.txt'], controller.signal);
    assert.equal(code, 130);
    assert.equal(stdout, '');
    assert.match(stderr, /interrupted; no report written/);
    assert.equal(existsSync(join(tree.root, 'out.txt')), false);
    assert.equal(readFileSync(join(tree.root, '.env'), 'utf8'), PROJECT['.env']);
  } finally {
    tree.cleanup();
  }
});

test('--cluster-policy decides which multi-key commands are findings', async () => {
  const tree = tempTree({
    'jobs.ts':
      "import { createCluster } from 'redis';\n" +
      "const cluster = createCluster({ rootNodes: [{ url: process.env.REDIS_URL }] });\n" +
      "export const both = () => cluster.mGet(['user:1', 'user:2']);\n",
  });
  try {
    const rules = async (policy: string) =>
      JSON.parse((await scanIn(tree.root, ['--format', 'json', '--cluster-policy', policy])).stdout).findings.map(
        (f: { ruleId: string }) => f.ruleId,
      );
    assert.ok((await rules('oss')).includes('multi-key-command'));
    assert.ok(!(await rules('none')).includes('multi-key-command'));
  } finally {
    tree.cleanup();
  }
});

test('--fix --fix-rules access-key-auth applies the Entra ID fix: helper module created, package.json extended, idempotent', async () => {
  const tree = tempTree({
    'package.json': '{\n  "name": "orders",\n  "dependencies": {\n    "ioredis": "^5.4.0"\n  }\n}\n',
    'src/cache.ts': "import Redis from 'ioredis';\nexport const redis = new Redis({ host: process.env.REDIS_HOST, port: 10000, password: process.env.REDIS_KEY, tls: {} });\n",
  });
  try {
    const plain = await scanIn(tree.root, ['--fix']);
    assert.match(plain.stdout, /access-key-auth 1/, 'without --fix-rules the review fix is left alone');
    assert.equal(existsSync(join(tree.root, 'src', 'redisEntraAuth.ts')), false);

    const first = await scanIn(tree.root, ['--fix', '--fix-rules', 'access-key-auth']);
    assert.match(first.stdout, /^Fixed 1 finding in 3 files:$/m);
    assert.match(first.stdout, /^ {2}src\/redisEntraAuth\.ts {2}1 fix \(new file\)$/m);
    assert.match(readFileSync(join(tree.root, 'src', 'cache.ts'), 'utf8'), /^export const redis = withEntraId\(new Redis\(\{ host: process\.env\.REDIS_HOST, port: 10000, lazyConnect: true, tls: \{\} \}\)\);$/m);
    assert.match(readFileSync(join(tree.root, 'src', 'redisEntraAuth.ts'), 'utf8'), /^export function withEntraId</m);
    assert.equal(readFileSync(join(tree.root, 'package.json'), 'utf8'),
      '{\n  "name": "orders",\n  "dependencies": {\n    "@azure/identity": "^4.13.1",\n    "ioredis": "^5.4.0"\n  }\n}\n');
    assert.doesNotMatch(first.stdout, /access-key-auth/, 'no access-key finding is left');

    const snapshot = ['package.json', 'src/cache.ts', 'src/redisEntraAuth.ts'].map((file) => readFileSync(join(tree.root, file), 'utf8'));
    const second = await scanIn(tree.root, ['--fix', '--fix-rules', 'access-key-auth']);
    assert.match(second.stdout, /^No changes: nothing to fix automatically\./);
    assert.deepEqual(['package.json', 'src/cache.ts', 'src/redisEntraAuth.ts'].map((file) => readFileSync(join(tree.root, file), 'utf8')), snapshot);
  } finally {
    tree.cleanup();
  }
});

test('one --fix run makes both the Entra ID and the cluster fix of one client, whose edits overlap; a second run changes nothing', async () => {
  const tree = tempTree({
    'package.json': '{ "dependencies": { "ioredis": "^5.4.0" } }\n',
    'cache.ts': "import Redis from 'ioredis';\nexport const redis = new Redis({ host: process.env.REDIS_HOST, port: 10000, password: process.env.REDIS_KEY, tls: {} });\n",
  });
  try {
    const first = await scanIn(tree.root, ['--fix', '--fix-rules', 'access-key-auth,non-cluster-client']);
    assert.match(first.stdout, /^Fixed 2 findings in 3 files:$/m);
    assert.match(first.stdout, /^ {2}cache\.ts {2}2 fixes$/m);
    assert.doesNotMatch(first.stdout, /overlapping another fix/);
    assert.equal(readFileSync(join(tree.root, 'cache.ts'), 'utf8'), "import Redis from 'ioredis';\nimport { withEntraId } from './redisEntraAuth';\n" +
      'export const redis = withEntraId(new Redis.Cluster([{ host: process.env.REDIS_HOST, port: 10000 }], ' +
      '{ dnsLookup: (address, callback) => callback(null, address), lazyConnect: true, redisOptions: { tls: { servername: process.env.REDIS_HOST } } }));\n');
    assert.doesNotMatch(first.stdout, /access-key-auth|non-cluster-client/, 'no finding of either rule is left');

    const snapshot = readFileSync(join(tree.root, 'cache.ts'), 'utf8');
    const second = await scanIn(tree.root, ['--fix', '--fix-rules', 'access-key-auth,non-cluster-client']);
    assert.match(second.stdout, /^No changes: nothing to fix automatically\./);
    assert.equal(readFileSync(join(tree.root, 'cache.ts'), 'utf8'), snapshot);
  } finally {
    tree.cleanup();
  }
});

test('--fix-rules takes only rules with fixes to review, and only with --fix', async () => {
  const tree = tempTree(PROJECT);
  try {
    for (const [args, message] of [
      [['--fix', '--fix-rules', 'legacy-hostname'], /--fix-rules takes access-key-auth, non-cluster-client \(rule 1 of the list is not one of them\)/],
      [['--fix-rules', 'access-key-auth'], /--fix-rules needs --fix/],
    ] as const) {
      const { code, stderr } = await scanIn(tree.root, [...args]);
      assert.equal(code, 2);
      assert.match(stderr, message);
    }
  } finally {
    tree.cleanup();
  }
});
