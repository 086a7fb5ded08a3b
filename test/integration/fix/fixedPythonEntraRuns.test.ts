import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadGrammar } from '../../../src/core/scan/syntaxTree/grammars';
import { applyRuleFixes } from '../../helpers/clientFixes';
import { RedisTestEnv, type RedisServer } from '../../helpers/redisServers';

/**
 * The redis-py code the Entra ID fix writes runs with the real redis-py against a real redis-server with TLS and ACL
 * users, and re-authenticates when the provider streams a new token.
 *
 * What is real: redis-py (the release pip finds through this machine's package configuration; Debian's python3-redis
 * 4.3.4 predates `credential_provider`), its `StreamingCredentialProvider` interface and the re-AUTH of pooled
 * connections it registers for such providers, redis-server, TLS and ACL. What stands in: `redis_entraid`, which
 * neither Debian nor the npm registry offers (nor azure-identity, which it needs for a token). The stand-in below has
 * the real import path and factory (`redis_entraid.cred_provider.create_from_default_azure_credential(scopes)`); its
 * provider implements redis-py's real StreamingCredentialProvider and hands out an ACL user's name and password where
 * Entra ID would hand out the identity's object id and a token. So this checks that the fixed code builds a client
 * redis-py authenticates and re-authenticates through the provider, with the scope Azure expects; it does not check
 * redis-entraid's token acquisition, which needs Entra ID.
 */

const ACCESS_KEY = 'the-old-access-key';
const IDENTITY = { name: 'entra-object-id', password: 'first-token' };
const RENEWED = { name: 'entra-object-id-renewed', password: 'second-token' };

const SOURCE = `import os

import redis

client = redis.Redis(
    host=os.getenv("REDIS_HOST", "orders.redis.cache.windows.net"),
    port=int(os.getenv("REDIS_PORT", "6380")),
    password=os.getenv("REDIS_KEY"),
    ssl=True,
    socket_timeout=5,
)
client.set("amr:entra", "written with a token")
print(client.get("amr:entra").decode(), client.acl_whoami())
`;

/** redis-entraid's factory as the fixed code calls it, with a provider built on redis-py's real interface. */
const STAND_IN = `import os
import time

from redis.auth.token import SimpleToken
from redis.credentials import StreamingCredentialProvider

REDIS_SCOPE = ("https://redis.azure.com/.default",)


class EntraIdCredentialsProvider(StreamingCredentialProvider):
    """Stand-in for redis-entraid's provider: ACL users from the environment instead of Entra ID tokens."""

    def __init__(self):
        self._next = None
        self._streaming = False

    def get_credentials(self):
        self._streaming = True
        return os.environ["TOKEN_OID"], os.environ["TOKEN_VALUE"]

    async def get_credentials_async(self):
        return self.get_credentials()

    def on_next(self, callback):
        self._next = callback

    def on_error(self, callback):
        pass

    def is_streaming(self):
        return self._streaming

    def renew(self, oid, value):
        """What redis-entraid's token manager does before a token expires: pass the new one to redis-py."""
        now = time.time() * 1000
        self._next(SimpleToken(value, now + 3_600_000, now, {"oid": oid}))


PROVIDERS = []


def create_from_default_azure_credential(scopes, **kwargs):
    if tuple(scopes) != REDIS_SCOPE:
        raise ValueError(f"unexpected scopes {scopes!r}")
    provider = EntraIdCredentialsProvider()
    PROVIDERS.append(provider)
    return provider
`;

/** Appended to the fixed code: the provider streams a renewed token, and the client's next command runs as its user. */
const RENEWAL = `
from redis_entraid.cred_provider import PROVIDERS

PROVIDERS[0].renew(os.environ["RENEWED_OID"], os.environ["RENEWED_VALUE"])
print(client.get("amr:entra").decode(), client.acl_whoami())
`;

let env: RedisTestEnv;
let server: RedisServer;
let folder: string;
const python = 'python3';

/** Where installed redis-py releases are kept between runs, one folder per offered wheel and Python. */
const INSTALLED_RELEASES = join(tmpdir(), 'amr-migrate-test-redis-py');

/**
 * A folder holding a redis-py with `credential_provider`, as pip installs it (`--target`), or why there is none: when
 * the machine's package configuration offers none (unlike Debian's python3-redis, no CI step can install it), the test
 * skips, saying so. Installing takes seconds, so the folder is kept and reused by later runs while pip offers the same
 * wheels to the same Python (asked with a dry run). Concurrent runs each install into a folder of their own and
 * rename it into place; one that finds the place taken uses the folder already there.
 */
function redisPyFolder(scratch: string): { site: string } | { unavailable: string } {
  const pip = (...args: string[]) =>
    spawnSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--retries', '0', ...args, 'redis>=5.3'], { encoding: 'utf8', timeout: 300_000 });
  const offered = pip('--dry-run', '--report', '-', '--target', join(scratch, 'dry-run'));
  if (offered.error) return { unavailable: `${python} cannot be run: ${offered.error.message}` };
  if (offered.status !== 0) return { unavailable: `pip could not install redis-py >= 5.3: ${offered.stderr.trim().split('\n').at(-1)}` };
  const site = join(INSTALLED_RELEASES, releaseKey(JSON.parse(offered.stdout) as PipReport));
  if (existsSync(site)) return { site };
  mkdirSync(INSTALLED_RELEASES, { recursive: true });
  const staging = mkdtempSync(`${site}.installing-`);
  const installed = pip('--target', staging);
  if (installed.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    return { unavailable: `pip could not install redis-py >= 5.3: ${installed.stderr.trim().split('\n').at(-1)}` };
  }
  try {
    renameSync(staging, site);
  } catch (error) {
    // Another run put the same release in place first.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(site)) throw error;
  }
  return { site };
}

/** What `pip install --dry-run --report -` says it would install. */
interface PipReport {
  environment: { python_full_version: string };
  install: Array<{ metadata: { name: string; version: string }; download_info: { url: string; archive_info?: { hash?: string } } }>;
}

/** A folder name for the wheels pip offers and the Python they go to: the same name means the same installed files. */
function releaseKey(report: PipReport): string {
  const wheels = report.install.map(({ metadata, download_info: download }) => {
    const digest = createHash('sha256').update(download.archive_info?.hash ?? download.url).digest('hex').slice(0, 12);
    return `${metadata.name}-${metadata.version}-${digest}`;
  });
  return `python${report.environment.python_full_version}_${wheels.join('_')}`.replace(/[^\w.-]/g, '_');
}

let unavailable: string | undefined;
/** PYTHONPATH of the runs: the stand-in for redis_entraid (this run's), then redis-py (shared by runs). */
let pythonPath: string;

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'amr-entra-py-'));
  const redisPy = redisPyFolder(folder);
  if ('unavailable' in redisPy) {
    unavailable = redisPy.unavailable;
    return;
  }
  const standIn = join(folder, 'stand-in');
  mkdirSync(join(standIn, 'redis_entraid'), { recursive: true });
  writeFileSync(join(standIn, 'redis_entraid', '__init__.py'), '');
  writeFileSync(join(standIn, 'redis_entraid', 'cred_provider.py'), STAND_IN);
  pythonPath = [standIn, redisPy.site].join(delimiter);
  await loadGrammar('python');
  env = new RedisTestEnv();
  server = await env.startServer({
    tls: true,
    password: ACCESS_KEY,
    aclUsers: [IDENTITY, RENEWED].map((user) => ({ ...user, rules: ['~amr:*', '+@all'] })),
  });
});

after(async () => {
  await env?.dispose();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

function run(code: string, extra: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(python, ['-c', code], {
    encoding: 'utf8',
    timeout: 30_000,
    env: {
      ...process.env,
      PYTHONPATH: pythonPath,
      REDIS_HOST: server.host,
      REDIS_PORT: String(server.port),
      // redis-py verifies the server certificate against the default trust store, which this points at the test CA.
      SSL_CERT_FILE: server.tls!.caFile,
      ...extra,
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('redis-py code fixed for Microsoft Entra ID authenticates through the credential provider and re-authenticates on a renewed token', (t) => {
  if (unavailable) {
    t.skip(unavailable);
    return;
  }
  const { files, titles } = applyRuleFixes({ '/ws/app.py': SOURCE }, 'access-key-auth');
  const fixed = files['/ws/app.py']!;
  assert.equal(titles.length, 1);
  assert.match(titles[0]!, /Microsoft Entra ID/);
  assert.doesNotMatch(fixed, /password=|REDIS_KEY/);
  assert.match(fixed, /credential_provider=create_from_default_azure_credential\(\("https:\/\/redis\.azure\.com\/\.default",\)\)/);

  const version = run('import redis; print(redis.__version__)');
  assert.equal(version.status, 0, version.stderr);

  // The code as written authenticates with the key as the default user.
  const before = run(SOURCE, { REDIS_KEY: ACCESS_KEY });
  assert.equal(before.stderr, '');
  assert.equal(before.stdout.trim(), 'written with a token default');

  // The fixed code no longer reads the key: with the key gone from the environment it runs as the provider's user.
  const tokens = { TOKEN_OID: IDENTITY.name, TOKEN_VALUE: IDENTITY.password, RENEWED_OID: RENEWED.name, RENEWED_VALUE: RENEWED.password };
  const after = run(fixed + RENEWAL, tokens);
  assert.equal(after.stderr, '', `redis-py ${version.stdout.trim()}`);
  assert.equal(after.status, 0);
  assert.deepEqual(after.stdout.trim().split('\n'), [`written with a token ${IDENTITY.name}`, `written with a token ${RENEWED.name}`]);

  // A wrong token is refused by the server: the provider's credentials are what authenticates.
  const refused = run(fixed, { ...tokens, TOKEN_VALUE: 'not-the-token' });
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /AuthenticationError|WRONGPASS|invalid username-password/i);
});
