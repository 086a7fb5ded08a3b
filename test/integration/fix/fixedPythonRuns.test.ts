import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import type { RuleId } from '../../../src/core/findings';
import { loadGrammar } from '../../../src/core/scan/syntaxTree/grammars';
import { applyRuleFixes } from '../../helpers/clientFixes';
import { RedisTestEnv, type RedisServer } from '../../helpers/redisServers';

/**
 * Fixed Python code runs with the real redis-py (Debian's python3-redis) against a real redis-server with TLS and an
 * ACL user. The code takes host, port and credentials from the environment, with the old cache's values as
 * defaults: the fixes rewrite those defaults and turn TLS on, and the test points the environment at its server.
 *
 * The Entra ID fix needs a newer redis-py than Debian's (bookworm's python3-redis 4.3.4 has no `credential_provider`):
 * fixedPythonEntraRuns runs it with one pip installs, and a stand-in for redis-entraid.
 */

const PYTHON_CANDIDATES = ['/usr/bin/python3', 'python3'];
const USER = { name: 'orders-app', password: 'acl-user-password' };

/** A Python interpreter that can import the real redis-py. */
function pythonWithRedis(): string {
  for (const candidate of PYTHON_CANDIDATES) {
    const probe = spawnSync(candidate, ['-c', 'import redis; print(redis.__version__)'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  throw new Error('no python3 with the redis module (apt-get install python3-redis)');
}

const SOURCE = `import os

import redis

HOST = os.getenv("REDIS_HOST", "orders.redis.cache.windows.net")

client = redis.Redis(
    host=HOST,
    port=int(os.getenv("REDIS_PORT", "6380")),
    username=os.getenv("REDIS_USER"),
    password=os.getenv("REDIS_PASSWORD"),
    socket_timeout=5,
)
client.set("amr:python", "written by the fixed code")
print(client.get("amr:python").decode())
`;

let env: RedisTestEnv;
let server: RedisServer;
let python: string;

before(async () => {
  python = pythonWithRedis();
  await loadGrammar('python');
  env = new RedisTestEnv();
  server = await env.startServer({ tls: true, aclUsers: [{ ...USER, rules: ['~amr:*', '+@all'] }] });
});

after(async () => {
  await env?.dispose();
});

function run(code: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(python, ['-c', code], {
    encoding: 'utf8',
    timeout: 20_000,
    env: {
      ...process.env,
      REDIS_HOST: server.host,
      REDIS_PORT: String(server.port),
      REDIS_USER: USER.name,
      REDIS_PASSWORD: USER.password,
      // redis-py verifies the server certificate against the default trust store, which this points at the test CA.
      SSL_CERT_FILE: server.tls!.caFile,
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('redis-py code fixed for TLS, port and host connects to a TLS server as an ACL user; the code as written does not', () => {
  const rules: RuleId[] = ['non-tls-connection', 'legacy-tls-port', 'legacy-hostname'];
  const { files, titles } = applyRuleFixes({ '/ws/app.py': SOURCE }, rules, { hostMap: { orders: 'orders.westeurope.redis.azure.net' } });
  const fixed = files['/ws/app.py']!;
  assert.deepEqual(titles.sort(), ["Replace with 'orders.westeurope.redis.azure.net'", 'Turn TLS on', 'Use port 10000']);
  assert.match(fixed, /ssl=True/);
  assert.match(fixed, /"10000"/);

  const before = run(SOURCE);
  assert.notEqual(before.status, 0, 'the plaintext client reached the TLS server');
  const after = run(fixed);
  assert.equal(after.stderr, '');
  assert.equal(after.status, 0);
  assert.equal(after.stdout.trim(), 'written by the fixed code');
  assert.equal(server.cli('GET', 'amr:python').trim(), 'written by the fixed code');
});
