/**
 * What the applications' connection code must change, keyed by the scanner rule that finds it
 * (docs/design/contracts.md rule ids) so a surface can join the plan with scan findings.
 */
import { ACR_TLS_PORT, AMR_PORT } from '../amr/facts';
import type { CacheInfo } from '../azure/cacheModel';
import type { ClientChange, UsageEvidence } from './planModel';
import {
  accessKeysOf,
  amrHostName,
  databaseCountOf,
  isAzureCacheForRedis,
  keyspaceNotificationsOf,
  plaintextPortOf,
  sourceClusteringPolicy,
  targetClusteringPolicy,
  usesOtherDatabases,
} from './sourceCache';

/** AMR's non-clustered policy is limited to 25 GB (docs/design/amr-facts.md, SKUs and clustering policies). */
const NON_CLUSTERED_MAX_GB = 25;

export function findClientChanges(cache: CacheInfo, evidence: UsageEvidence): ClientChange[] {
  const changes: ClientChange[] = [{ id: 'legacy-hostname', from: cache.hostName, to: amrHostName(cache) }];
  if (isAzureCacheForRedis(cache)) {
    changes.push({ id: 'legacy-tls-port', from: String(cache.sslPort ?? ACR_TLS_PORT), to: String(AMR_PORT) });
  }
  const plaintextPort = plaintextPortOf(cache);
  if (plaintextPort !== undefined) {
    changes.push({ id: 'non-tls-connection', from: `plaintext on ${plaintextPort}`, to: `TLS on ${AMR_PORT}` });
  }
  const accessKeys = accessKeysOf(cache);
  if (accessKeys !== false) {
    // Unknown is kept: the Enterprise tiers have no Entra ID, so their clients almost always hold a key.
    const from = accessKeys ? 'access key' : 'access key (unknown: the database was not read)';
    changes.push({ id: 'access-key-auth', from, to: 'Microsoft Entra ID token (access keys are disabled by default on AMR)' });
  }
  const from = sourceClusteringPolicy(cache);
  if (from !== undefined && from !== 'OSSCluster' && targetClusteringPolicy(cache) === 'OSSCluster') {
    // Both single-endpoint policies avoid the client change; non-clustered is a preview limited to 25 GB.
    const singleEndpoint = cache.memoryGB <= NON_CLUSTERED_MAX_GB ? 'the Enterprise or the non-clustered (preview) policy' : 'the Enterprise clustering policy';
    changes.push({ id: 'non-cluster-client', from: 'single-endpoint client', to: `cluster-aware client (createCluster / Redis.Cluster), or ${singleEndpoint} to keep one endpoint` });
    changes.push({ id: 'multi-key-command', from: 'multi-key commands over any keys', to: 'all keys of one command in one hash slot (a shared {hash tag})' });
  }
  const databases = databaseCountOf(cache);
  if (databases !== undefined && databases > 1 && usesOtherDatabases(evidence)) {
    changes.push({ id: 'database-select', from: 'SELECT of databases 1–' + (databases - 1), to: 'key prefixes in database 0' });
  }
  if (keyspaceNotificationsOf(cache)) {
    changes.push({ id: 'keyspace-notifications', from: '__keyspace@/__keyevent@ subscriptions', to: 'another change feed (not available on AMR)' });
  }
  return changes;
}
