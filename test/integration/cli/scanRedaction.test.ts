import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../../src/cli/runCli';
import { captureIo } from '../../helpers/captureIo';
import { tempTree } from '../../helpers/tempTree';

// Made-up keys in the shape of Azure Cache for Redis access keys (44 base64 characters).
const URL_KEY = 'UrlKey0aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789=';
const OPTION_KEY = 'OptKey1aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789=';
const JSON_KEY = 'JsnKey2aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789=';
const XML_KEY = 'XmlKey3aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789=';
const ENV_KEY = 'EnvKey4aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789=';
const KEYS = [URL_KEY, OPTION_KEY, JSON_KEY, XML_KEY, ENV_KEY];

// Every place a key is written that a fix copies or a message could quote: the cluster fixes of node-redis and
// ioredis carry the URL and the options object (key included) into the new construction.
const PROJECT = {
  'src/orders.js':
    "const { createClient } = require('redis');\n" +
    `const client = createClient({ url: 'rediss://:${URL_KEY}@orders.redis.cache.windows.net:6380' });\n` +
    'module.exports = client;\n',
  'src/sessions.js':
    "const Redis = require('ioredis');\n" +
    `const redis = new Redis(6380, 'sessions.redis.cache.windows.net', { password: '${OPTION_KEY}', tls: {} });\n` +
    'module.exports = redis;\n',
  'appsettings.json': `{ "ConnectionStrings": { "Redis": "orders.redis.cache.windows.net:6380,password=${JSON_KEY},ssl=True" } }\n`,
  'Web.config':
    '<configuration><appSettings>\n' +
    `  <add key="RedisCache" value="orders.redis.cache.windows.net:6380,password=${XML_KEY},ssl=True" />\n` +
    '</appSettings></configuration>\n',
  '.env': `REDIS_HOST=orders.redis.cache.windows.net\nREDIS_PASSWORD=${ENV_KEY}\n`,
};

async function scanIn(root: string, args: string[]) {
  const io = captureIo({ cwd: root });
  const code = await runCli(['scan', ...args], io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

/** A test body that runs `check` on a fresh copy of PROJECT, removed afterwards. */
function inProject(check: (root: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const tree = tempTree(PROJECT);
    try {
      await check(tree.root);
    } finally {
      tree.cleanup();
    }
  };
}

function assertNoKey(output: string, what: string) {
  for (const key of KEYS) assert.ok(!output.includes(key), `${what} shows the key ${key}`);
}

test('the JSON report shows no access key, not even in the fix texts that carry one', inProject(async (root) => {
  const json = await scanIn(root, ['--format', 'json']);
  const report = JSON.parse(json.stdout);
  // The fixes are there, with the key shown as ***: a reader still sees what the fix writes.
  type Edit = { newText: string; redacted?: boolean };
  const edits: Edit[] = report.findings.flatMap((f: { fixes: Array<{ edits: Edit[] }> }) => f.fixes.flatMap((fix) => fix.edits));
  const newTexts = edits.map((edit) => edit.newText);
  // An edit whose text was masked says so, so no one applies it from the report; the others do not.
  for (const edit of edits) assert.equal(edit.redacted === true, edit.newText.includes('***'), edit.newText);
  assert.ok(newTexts.some((text) => text.includes("url: 'rediss://:***@orders.redis.cache.windows.net:6380'")), newTexts.join('\n'));
  assert.ok(newTexts.some((text) => text.includes("password: '***'")), newTexts.join('\n'));
  assertNoKey(json.stdout + json.stderr, 'JSON');
}));

test('the SARIF and text reports show no access key', inProject(async (root) => {
  const sarif = await scanIn(root, ['--format', 'sarif']);
  assert.equal(JSON.parse(sarif.stdout).version, '2.1.0');
  assert.match(sarif.stdout, /rediss:\/\/:\*\*\*@orders/);
  const replacements = JSON.parse(sarif.stdout).runs[0].results.flatMap((r: { fixes: Array<{ artifactChanges: Array<{ replacements: unknown[] }> }> }) =>
    r.fixes.flatMap((fix) => fix.artifactChanges.flatMap((change) => change.replacements))) as Array<{ insertedContent: { text: string }; properties?: { redacted: boolean } }>;
  assert.ok(replacements.some((r) => r.insertedContent.text.includes('***') && r.properties?.redacted === true));
  assertNoKey(sarif.stdout + sarif.stderr, 'SARIF');

  const text = await scanIn(root, []);
  assertNoKey(text.stdout + text.stderr, 'text');
}));

test('--fix still writes the real key where the fix moves it; its summary shows none', inProject(async (root) => {
  const fixed = await scanIn(root, ['--fix', '--fix-rules', 'non-cluster-client', '--format', 'json']);
  assertNoKey(fixed.stdout + fixed.stderr, 'the --fix run');
  const orders = readFileSync(join(root, 'src/orders.js'), 'utf8');
  assert.match(orders, /createCluster\(/);
  assert.ok(orders.includes(`rediss://:${URL_KEY}@orders.redis.cache.windows.net:`), orders);
  const sessions = readFileSync(join(root, 'src/sessions.js'), 'utf8');
  assert.match(sessions, /Redis\.Cluster\(/);
  assert.ok(sessions.includes(`password: '${OPTION_KEY}'`), sessions);
}));
