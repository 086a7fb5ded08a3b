import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RuleId } from '../../src/core/findings';

/** The golden cases under test/fixtures/client-fixes (tests run from out/test/...). */
export const CLIENT_FIX_FIXTURES = join(resolve(__dirname, '..', '..', '..'), 'test', 'fixtures', 'client-fixes');

/** Scanned files live under this folder, as in a workspace. */
export const WORKSPACE = '/ws';

export interface ClientFixCase {
  id: string;
  /** Whose fixes are applied, in one `--fix --fix-rules` run. */
  rules: readonly RuleId[];
  name: string;
}

export const CLIENT_FIX_CASES: ClientFixCase[] = [
  { id: 'entra-node-redis-v5', rules: ['access-key-auth'], name: 'node-redis v5: password and username become an @redis/entraid credentials provider; package.json gains both packages' },
  { id: 'entra-node-redis-commonjs', rules: ['access-key-auth'], name: 'node-redis v5 in CommonJS on one line: the identity require is extended, the entraid one added' },
  { id: 'entra-node-redis-v4', rules: ['access-key-auth'], name: 'node-redis v4 (from package.json) with a URL in TypeScript: wrapped in the helper module, password removed' },
  { id: 'entra-node-redis-v4-socket', rules: ['access-key-auth'], name: 'node-redis v4 in CommonJS with socket options, a user name and a comment: both credentials leave, the helper .js is CommonJS' },
  { id: 'entra-node-redis-v4-cluster', rules: ['access-key-auth'], name: 'node-redis v4 createCluster gets no fix, and says why' },
  { id: 'entra-ioredis-typescript', rules: ['access-key-auth'], name: 'ioredis in TypeScript: the helper module is created, the client wrapped and connected lazily' },
  { id: 'entra-ioredis-mjs-lazy', rules: ['access-key-auth'], name: 'ioredis in an ES module (.mjs) with lazyConnect and a username: helper .mjs, connecting left to the code' },
  { id: 'entra-ioredis-existing-helper', rules: ['access-key-auth'], name: 'ioredis in CommonJS next to an existing helper: reused, not created again; two clients import it once' },
  { id: 'entra-ioredis-cluster', rules: ['access-key-auth'], name: 'ioredis Cluster in TypeScript: the password leaves redisOptions, the cluster connects lazily and is wrapped' },
  { id: 'entra-ioredis-cluster-commonjs', rules: ['access-key-auth'], name: 'ioredis Redis.Cluster in CommonJS with lazyConnect false and redisOptions holding only credentials' },
  { id: 'entra-options-variable', rules: ['access-key-auth'], name: 'options passed as a variable get no fix' },
  { id: 'cluster-node-redis-env-url', rules: ['non-cluster-client'], name: 'node-redis: createClient with a URL from the environment becomes createCluster with a node address map' },
  { id: 'cluster-node-redis-namespace', rules: ['non-cluster-client'], name: 'node-redis namespace import with a literal URL and socket options (JavaScript)' },
  { id: 'cluster-node-redis-socket', rules: ['non-cluster-client'], name: 'node-redis with socket host and port, createClient imported under another name' },
  { id: 'cluster-node-redis-local-client', rules: ['non-cluster-client'], name: 'node-redis: createClient still used by a local client stays imported beside createCluster' },
  { id: 'cluster-node-redis-v3', rules: ['non-cluster-client'], name: 'node-redis v3 positional arguments get no fix' },
  { id: 'cluster-ioredis-options', rules: ['non-cluster-client'], name: 'ioredis options object becomes Redis.Cluster with dnsLookup and tls.servername' },
  { id: 'cluster-ioredis-positional-url', rules: ['non-cluster-client'], name: 'ioredis positional port and host, and a rediss:// URL literal' },
  { id: 'cluster-ioredis-wrapped', rules: ['non-cluster-client'], name: 'an ioredis client wrapped in the Entra ID helper stays wrapped; lazyConnect becomes the cluster\'s' },
  { id: 'entra-and-cluster-ioredis', rules: ['access-key-auth', 'non-cluster-client'], name: 'ioredis needing Entra ID and a cluster client: one run makes both' },
  { id: 'entra-and-cluster-node-redis', rules: ['access-key-auth', 'non-cluster-client'], name: 'node-redis v5 needing Entra ID and a cluster client: one run makes both' },
];

/** The files of `<case>/<side>` as workspace path → text. */
export function readCaseFiles(id: string, side: 'before' | 'after'): Record<string, string> {
  const root = join(CLIENT_FIX_FIXTURES, id, side);
  const files: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const name of readdirSync(join(root, relative))) {
      const path = relative ? `${relative}/${name}` : name;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else files[`${WORKSPACE}/${path}`] = readFileSync(join(root, path), 'utf8');
    }
  };
  walk('');
  return files;
}
