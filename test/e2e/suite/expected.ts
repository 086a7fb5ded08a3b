/**
 * What the scanner must report on the fixture workspace (test/e2e/fixtures/workspace) under the default settings
 * plus the fixture's .vscode/settings.json (host map for cache "orders"), as `rule@line:column`.
 */
export const EXPECTED_OSS: Record<string, readonly string[]> = {
  'src/cache.ts': [
    'non-cluster-client@4:23', 'legacy-hostname@5:20', 'legacy-tls-port@5:59', 'access-key-auth@6:13',
  ],
  'src/orders.ts': [
    'non-cluster-client@3:19', 'legacy-hostname@3:34', 'legacy-tls-port@3:73',
    'non-cluster-client@4:21', 'legacy-hostname@4:36', 'legacy-tls-port@4:83',
    'multi-key-command@8:18',
  ],
  'config/.env': ['non-tls-connection@1:11', 'legacy-hostname@1:19', 'non-tls-connection@1:50'],
  'src/session.ts': ['non-cluster-client@4:29', 'access-key-auth@4:92'],
  // node-redis 4, as src/v4/package.json says.
  'src/v4/queue.ts': ['non-cluster-client@4:22', 'access-key-auth@4:75'],
  // StackExchange.Redis follows an OSS cluster by itself: no non-cluster-client finding.
  'src/orderCache.cs': ['legacy-hostname@6:40', 'legacy-tls-port@6:71'],
  // Infrastructure as code: the cache declarations (their host-name outputs are rewritten by the conversion).
  'infra/cache.bicep': ['legacy-cache-resource@3:17'],
  'infra/cache.tf': ['legacy-cache-resource@1:11'],
  // redis-py, read through its syntax tree; src/py/requirements.txt is where its Entra ID fix adds redis-entraid.
  'src/py/orders_cache.py': ['non-cluster-client@6:10', 'legacy-hostname@6:28', 'legacy-tls-port@6:66', 'access-key-auth@6:91'],
};

/** Scanned files without findings: .vscode/settings.json, tsconfig.json, src/v4/package.json. */
export const FILES_WITHOUT_FINDINGS = 3;

/** Files a workspace scan must leave out: .gitignore, files.exclude and amrMigrate.exclude respectively. */
export const EXCLUDED_FILES = ['ignored/old.ts', 'generated/client.ts', 'legacy/notes.ts'];

/** src/orders.ts once the clustering policy is not OSS: single-node clients and MGET across slots are fine. */
export const ORDERS_NOT_OSS = EXPECTED_OSS['src/orders.ts']!
  .filter((entry) => !entry.startsWith('non-cluster-client') && !entry.startsWith('multi-key-command'));

/** The rules EXPECTED_OSS names: one node each at the top of the Findings view. */
export const EXPECTED_RULES = new Set(Object.values(EXPECTED_OSS).flat().map((entry) => entry.split('@')[0]));

export function without(list: readonly string[], ...removed: string[]): string[] {
  return list.filter((entry) => !removed.includes(entry));
}
