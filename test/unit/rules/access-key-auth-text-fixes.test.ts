import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { DEFAULT_SCAN_SETTINGS, type Finding } from '../../../src/core/findings';
import { planFixes } from '../../../src/core/fix/planFixes';
import { applyEdits } from '../../../src/core/scan/applyEdits';
import { scanSources } from '../../../src/core/scan/scanner';
import { loadGrammar } from '../../../src/core/scan/syntaxTree/grammars';
import { RULES } from '../../../src/core/rules';

// These cases scan C#, Java and Python files synchronously: their grammars load first.
before(() => Promise.all([loadGrammar('c-sharp'), loadGrammar('java'), loadGrammar('python')]));

/**
 * The Microsoft Entra ID fixes of access keys written in config and text files: per format, the text before and after
 * applying the fix of every access-key-auth finding of the file. None is preferred (authentication stops until the
 * code gets tokens), and the key itself never shows up in a title or an edit.
 */

const KEY = 'Zm9vYmFyYmF6cXV4c2VjcmV0a2V5MTIzNDU2Nzg5MDE=';
const HOST = 'orders.redis.cache.windows.net';
const ENV_NOTE =
  'access key removed for Microsoft Entra ID (amr-migrate). The application must now get tokens instead (node-redis: ' +
  '@redis/entraid; .NET: Microsoft.Azure.StackExchangeRedis; Python: redis-entraid; Java: redis-authx-entraid).';
const CLIENT_ID_PLACEHOLDER =
  '# For a user-assigned managed identity, set its client ID (DefaultAzureCredential reads it):\n# AZURE_CLIENT_ID=';

interface Case {
  name: string;
  file: string;
  before: string;
  after: string;
  /** The fix titles offered, in finding order. */
  titles: RegExp[];
}

const CASES: Case[] = [
  {
    name: 'StackExchange connection string in appsettings.json',
    file: '/ws/appsettings.json',
    before: `{\n  "ConnectionStrings": {\n    "Redis": "${HOST}:6380,password=${KEY},ssl=True,abortConnect=False"\n  }\n}\n`,
    after: `{\n  "ConnectionStrings": {\n    "Redis": "${HOST}:6380,ssl=True,abortConnect=False"\n  }\n}\n`,
    titles: [/^Remove the access key from the connection string .*ConfigureForAzureWithTokenCredentialAsync/],
  },
  {
    name: 'password setting next to a host in appsettings.json (value emptied, the key stays)',
    file: '/ws/appsettings.Production.json',
    before: `{ "Redis": { "Host": "${HOST}", "Password": "${KEY}", "Port": 10000 } }\n`,
    after: `{ "Redis": { "Host": "${HOST}", "Password": "", "Port": 10000 } }\n`,
    titles: [/^Empty the access key setting for Microsoft Entra ID \(the code must then get tokens\)$/],
  },
  {
    name: 'connection string and key setting in web.config',
    file: '/ws/Web.config',
    before:
      '<appSettings>\n' +
      `  <add key="RedisConnection" value="${HOST}:6380,password=${KEY},ssl=True" />\n` +
      `  <add key="RedisAccessKey" value="${KEY}" />\n` +
      '</appSettings>\n',
    after:
      '<appSettings>\n' +
      `  <add key="RedisConnection" value="${HOST}:6380,ssl=True" />\n` +
      '  <add key="RedisAccessKey" value="" />\n' +
      '</appSettings>\n',
    titles: [/connection string/, /^Empty the access key setting/],
  },
  {
    name: 'connection string starting with the password',
    file: '/ws/Program.cs',
    before: `var options = ConfigurationOptions.Parse("password=${KEY},${HOST}:6380,ssl=True");\n`,
    after: `var options = ConfigurationOptions.Parse("${HOST}:6380,ssl=True");\n`,
    titles: [/connection string/],
  },
  {
    name: 'Python URL with the key as password, in a setting',
    file: '/ws/worker.py',
    before: `REDIS_URL = "rediss://:${KEY}@${HOST}:6380/0"\n`,
    after: `REDIS_URL = "rediss://${HOST}:6380/0"\n`,
    titles: [/^Remove the access key from the URL for Microsoft Entra ID \(the code must then supply tokens\)$/],
  },
  {
    name: 'Java URL with user and key (the user goes too: Entra ID sends the object id)',
    file: '/ws/Cache.java',
    before: `JedisPooled jedis = new JedisPooled(URI.create("rediss://default:${KEY}@${HOST}:6380"));\n`,
    after: `JedisPooled jedis = new JedisPooled(URI.create("rediss://${HOST}:6380"));\n`,
    titles: [/from the URL/],
  },
  {
    name: '.env key entry and URL: the entry becomes a note with the client-id placeholder, the URL loses its key',
    file: '/ws/.env',
    before: `REDIS_HOST=${HOST}\nREDIS_PASSWORD=${KEY}\nREDIS_URL=rediss://:${KEY}@${HOST}:6380\n`,
    after: `REDIS_HOST=${HOST}\n# REDIS_PASSWORD: ${ENV_NOTE}\n${CLIENT_ID_PLACEHOLDER}\nREDIS_URL=rediss://${HOST}:6380\n`,
    titles: [/^Comment out the access key for Microsoft Entra ID \(the code must then get tokens\)$/, /from the URL/],
  },
  {
    name: '.env with CRLF, export, quotes and two keys: the placeholder is written once',
    file: '/ws/.env.production',
    before: `export REDIS_PRIMARY_KEY="${KEY}"\r\nREDIS_HOST=${HOST}\r\n  REDIS_SECONDARY_KEY=${KEY}\r\n`,
    after:
      `# REDIS_PRIMARY_KEY: ${ENV_NOTE}\r\n${CLIENT_ID_PLACEHOLDER.replace('\n', '\r\n')}\r\nREDIS_HOST=${HOST}\r\n` +
      `  # REDIS_SECONDARY_KEY: ${ENV_NOTE}\r\n`,
    titles: [/^Comment out/, /^Comment out/],
  },
  {
    name: '.env connection string after a NAME= (the name is not part of the string)',
    file: '/ws/.env',
    before: `AZURE_CLIENT_ID=x\nREDIS_CONNECTION=${HOST}:6380,password=${KEY},ssl=True\n`,
    after: `AZURE_CLIENT_ID=x\nREDIS_CONNECTION=${HOST}:6380,ssl=True\n`,
    titles: [/connection string/],
  },
  {
    name: '.env that already names AZURE_CLIENT_ID gets no second placeholder',
    file: '/ws/.env',
    before: `AZURE_CLIENT_ID=11111111-2222-3333-4444-555555555555\nREDIS_KEY=${KEY}\n`,
    after: `AZURE_CLIENT_ID=11111111-2222-3333-4444-555555555555\n# REDIS_KEY: ${ENV_NOTE}\n`,
    titles: [/^Comment out/],
  },
  {
    name: 'Spring application.properties',
    file: '/ws/application.properties',
    before: `spring.data.redis.host=${HOST}\nspring.data.redis.password=${KEY}\nspring.data.redis.ssl.enabled=true\n`,
    after:
      `spring.data.redis.host=${HOST}\n# spring.data.redis.password: access key removed for Microsoft Entra ID (amr-migrate). ` +
      'The application must now get tokens instead (Jedis / Lettuce: redis-authx-entraid).\nspring.data.redis.ssl.enabled=true\n',
    titles: [/^Comment out/],
  },
  {
    name: 'YAML: a nested password and a compose environment entry',
    file: '/ws/docker-compose.yml',
    before:
      'services:\n  app:\n    environment:\n' +
      `      - REDIS_HOST=${HOST}\n      - REDIS_PASSWORD=${KEY}\nredis:\n  host: ${HOST}\n  password: ${KEY}  # rotate yearly\n`,
    after:
      'services:\n  app:\n    environment:\n' +
      `      - REDIS_HOST=${HOST}\n      - REDIS_PASSWORD=\nredis:\n  host: ${HOST}\n  password: ""  # rotate yearly\n`,
    titles: [/^Empty the access key setting/, /^Empty the access key setting/],
  },
  {
    name: 'YAML quoted key',
    file: '/ws/values.yaml',
    before: `redis:\n  host: ${HOST}\n  accessKey: '${KEY}'\n`,
    after: `redis:\n  host: ${HOST}\n  accessKey: ''\n`,
    titles: [/^Empty the access key setting/],
  },
];

function accessKeyFindings(file: string, text: string): Finding[] {
  const result = scanSources([{ path: file, text }], DEFAULT_SCAN_SETTINGS, RULES);
  assert.deepEqual(result.skipped, []);
  return result.findings.filter((finding) => finding.ruleId === 'access-key-auth');
}

/** Applies the (only) fix of every access-key-auth finding, as a user choosing each quick fix would. */
function applyEntraFixes(file: string, text: string): { text: string; findings: Finding[] } {
  const findings = accessKeyFindings(file, text);
  const edits = findings.flatMap((finding) => finding.fixes.flatMap((fix) => fix.edits));
  const applied = applyEdits(text, edits);
  assert.deepEqual(applied.skipped, []);
  return { text: applied.text, findings };
}

for (const testCase of CASES) {
  test(`access-key-auth Entra ID fix: ${testCase.name}`, () => {
    const { text, findings } = applyEntraFixes(testCase.file, testCase.before);
    assert.equal(text, testCase.after);
    assert.equal(findings.length, testCase.titles.length, JSON.stringify(findings.map((f) => f.message)));
    findings.forEach((finding, index) => {
      assert.equal(finding.fixes.length, 1);
      const fix = finding.fixes[0]!;
      assert.match(fix.title, testCase.titles[index]!);
      assert.equal(fix.preferred, false, 'removing the key breaks authentication until the code changes');
      for (const shown of [fix.title, finding.message, ...fix.edits.map((edit) => edit.newText)]) {
        assert.ok(!shown.includes(KEY.slice(0, 12)), `the key shows in: ${shown}`);
      }
    });
  });

  test(`access-key-auth Entra ID fix is idempotent: ${testCase.name}`, () => {
    const once = applyEntraFixes(testCase.file, testCase.before).text;
    const twice = applyEntraFixes(testCase.file, once);
    assert.deepEqual(twice.findings.map((f) => f.message), []);
    assert.equal(twice.text, once);
  });
}

test('the Entra ID fixes are never among the fixes --fix applies', () => {
  const inputs = CASES.map((testCase) => ({ path: testCase.file, text: testCase.before }));
  const { findings } = scanSources(inputs, DEFAULT_SCAN_SETTINGS, RULES);
  const plan = planFixes(findings);
  const applied = [...plan.files.values()].flatMap((file) => file.fixes.map((planned) => planned.finding.ruleId));
  assert.ok(!applied.includes('access-key-auth'));
  assert.ok(plan.unfixable.filter((finding) => finding.ruleId === 'access-key-auth').length >= CASES.length);
});

test('ARM listKeys gets no text fix, and a redis-py password= argument gets the client code fix instead of one', () => {
  const python = accessKeyFindings('/ws/app.py', `import redis\nr = redis.Redis(host="${HOST}", port=6380, ssl=True, password="${KEY}")\n`);
  const arm = accessKeyFindings('/ws/main.json',
    `{ "value": "[listKeys(resourceId('Microsoft.Cache/redis', parameters('name')), '2024-03-01').primaryKey]" }\n`);
  assert.equal(arm.length, 1);
  assert.deepEqual(arm.flatMap((finding) => finding.fixes), []);
  assert.deepEqual(python.flatMap((finding) => finding.fixes.map((fix) => fix.title.replace(/ instead.*/, ''))), [
    'Authenticate with Microsoft Entra ID (redis-entraid credential_provider, DefaultAzureCredential)',
  ]);
  assert.ok(!python[0]!.fixes[0]!.edits.some((edit) => edit.newText.includes(KEY.slice(0, 12))));
});
