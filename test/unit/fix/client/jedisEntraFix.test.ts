import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { DEFAULT_SCAN_SETTINGS } from '../../../../src/core/findings';
import { RULES } from '../../../../src/core/rules';
import { applyEdits } from '../../../../src/core/scan/applyEdits';
import { scanSources } from '../../../../src/core/scan/scanner';
import { loadGrammar } from '../../../../src/core/scan/syntaxTree/grammars';

before(() => loadGrammar('java'));

const HOST = 'orders.westus2.redis.azure.net';
const FILE = '/ws/src/Cache.java';

function accessKeyFindings(body: string) {
  const text = `import redis.clients.jedis.*;\n\nclass Cache {\n  Object make(ConnectionPoolConfig poolConfig, JedisPoolConfig jedisPoolConfig, String key) {\n${body}  }\n}\n`;
  const { findings } = scanSources([{ path: FILE, text }], DEFAULT_SCAN_SETTINGS, RULES);
  return { text, findings: findings.filter((finding) => finding.ruleId === 'access-key-auth') };
}

/** The call a fix writes, on one line, or the reason the finding gives for offering none. */
function outcome(body: string): string {
  const { text, findings } = accessKeyFindings(body);
  assert.equal(findings.length, 1, JSON.stringify(findings.map((finding) => finding.message)));
  const [finding] = findings;
  const fix = finding!.fixes[0];
  if (!fix) return `no fix: ${/No automatic fix: (.*)$/.exec(finding!.message)?.[1] ?? finding!.message}`;
  const fixed = applyEdits(text, fix.edits.filter((edit) => edit.file === FILE)).text;
  return /return (.*);/.exec(fixed)?.[1] ?? fixed;
}

const AUTHX = 'authXManager(new AuthXManager(AzureTokenAuthConfigBuilder.builder().defaultAzureCredential(new DefaultAzureCredentialBuilder().build()).build()))';

const CASES: Array<{ name: string; body: string; expected: string | RegExp }> = [
  {
    name: 'JedisPooled(host, port, user, key): the user goes, the token names it',
    body: `    return new JedisPooled("${HOST}", 10000, "app", key);\n`,
    expected: `new JedisPooled(new HostAndPort("${HOST}", 10000), DefaultJedisClientConfig.builder().${AUTHX}.build())`,
  },
  {
    name: 'JedisPooled with pool settings, one timeout, key, database and TLS',
    body: `    return new JedisPooled(poolConfig, "${HOST}", 10000, 2000, key, 0, true);\n`,
    expected: `new JedisPooled(new HostAndPort("${HOST}", 10000), DefaultJedisClientConfig.builder().timeoutMillis(2000).database(0).ssl(true).${AUTHX}.build(), poolConfig)`,
  },
  {
    name: 'JedisPooled with connection and socket timeouts and a user',
    body: `    return new JedisPooled(poolConfig, "${HOST}", 10000, 2000, 5000, "app", key, true);\n`,
    expected: `new JedisPooled(new HostAndPort("${HOST}", 10000), DefaultJedisClientConfig.builder().connectionTimeoutMillis(2000).socketTimeoutMillis(5000).ssl(true).${AUTHX}.build(), poolConfig)`,
  },
  {
    name: 'JedisPooled with pool settings, a user and the key, no timeout',
    body: `    return new JedisPooled(poolConfig, "${HOST}", 10000, "app", key);\n`,
    expected: `new JedisPooled(new HostAndPort("${HOST}", 10000), DefaultJedisClientConfig.builder().${AUTHX}.build(), poolConfig)`,
  },
  {
    name: 'a client config for a JedisPooled',
    body: `    return new JedisPooled(new HostAndPort("${HOST}", 10000), DefaultJedisClientConfig.builder().ssl(true).password(key).build());\n`,
    expected: `new JedisPooled(new HostAndPort("${HOST}", 10000), DefaultJedisClientConfig.builder().ssl(true).${AUTHX}.build())`,
  },
  {
    name: 'JedisPool with the key: its connections would never get a token',
    body: `    return new JedisPool(jedisPoolConfig, "${HOST}", 10000, 2000, key, true);\n`,
    expected: /^no fix: Jedis and JedisPool connections never start the AuthXManager/,
  },
  {
    name: 'a client config for a Jedis, declared before the client',
    body: `    JedisClientConfig config = DefaultJedisClientConfig.builder().ssl(true).password(key).build();\n    return new Jedis(new HostAndPort("${HOST}", 10000), config);\n`,
    expected: /^no fix: the config goes to a Jedis: Jedis and JedisPool connections never start/,
  },
  {
    name: 'auth() on a Jedis',
    body: `    Jedis jedis = new Jedis("${HOST}", 10000, true);\n    jedis.auth(key);\n    return jedis;\n`,
    expected: /^no fix: a token must come from the client's configuration, not an auth\(\) call/,
  },
  {
    name: 'a JedisPooled with arguments in no form the fix reads',
    body: `    return new JedisPooled(poolConfig, "${HOST}", 10000, 2000, key, 0, "client-name", true);\n`,
    expected: /^no fix: the arguments of this JedisPooled constructor are not in a form the fix reads/,
  },
];

for (const { name, body, expected } of CASES) {
  test(`Jedis Entra ID fix: ${name}`, () => {
    const result = outcome(body);
    if (typeof expected === 'string') assert.equal(result, expected);
    else assert.match(result, expected);
  });
}

test('a wildcard import of the package covers the classes the Jedis fix needs from it', () => {
  const { findings } = accessKeyFindings(`    return new JedisPooled("${HOST}", 10000, "app", key);\n`);
  const imports = findings[0]!.fixes[0]!.edits.map((edit) => edit.newText).filter((textAdded) => textAdded.startsWith('import '));
  assert.deepEqual(imports.join('').trim().split('\n'), [
    'import redis.clients.jedis.authentication.AuthXManager;',
    'import redis.clients.authentication.entraid.AzureTokenAuthConfigBuilder;',
    'import com.azure.identity.DefaultAzureCredentialBuilder;',
  ]);
});
