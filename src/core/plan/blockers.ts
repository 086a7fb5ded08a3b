/**
 * What in a source cache's configuration must be resolved or checked before it moves to AMR. Each blocker names
 * the data strategies it rules out; it is an error only when it rules out the recommended one, so a limit of Azure's
 * automated migration does not read as a dead end for a new cache with a data copy.
 */
import { AMR_PORT } from '../amr/facts';
import type { CacheInfo } from '../azure/cacheModel';
import { recommendedDataStrategy } from './dataStrategies';
import type { Blocker, DataStrategyId, PlanCheck, SkuRecommendation, UsageEvidence } from './planModel';
import {
  databaseCountOf,
  databasesRead,
  isAzureCacheForRedis,
  keyspaceNotificationsOf,
  passiveGeoLinks,
  plaintextPortOf,
  UNKNOWN_FACT_LABEL,
  unknownFactsOf,
  usesOtherDatabases,
} from './sourceCache';

const EVERY_STRATEGY: DataStrategyId[] = ['new-cache', 'rdb-export-import', 'dual-write', 'programmatic-copy', 'automated-migration'];

export function findBlockers(cache: CacheInfo, recommendations: readonly SkuRecommendation[], evidence: UsageEvidence): Blocker[] {
  const found: Omit<Blocker, 'severity'>[] = [];
  if (recommendations.length === 0) {
    found.push({ id: 'too-large', blocks: EVERY_STRATEGY, message: `${cache.name} holds ${cache.memoryGB} GB, more than the largest Azure Managed Redis size of its tier: split the data over several caches.` });
  }
  const memoryRisk = recommendations.find((r) => r.recommended)?.memoryRisk;
  if (memoryRisk) found.push({ id: 'usable-memory-below-source', blocks: [], message: memoryRisk.message });
  const notifications = keyspaceNotificationsOf(cache);
  if (notifications) {
    found.push({ id: 'keyspace-notifications', blocks: EVERY_STRATEGY, message: `Keyspace notifications are configured (notify-keyspace-events = "${notifications}"). Azure Managed Redis does not offer them generally (only a preview, API 2026-02-01-preview): subscribers to __keyspace@/__keyevent@ channels would receive nothing. Replace them (for example with streams) or validate the preview first.` });
  }
  if (cache.subnetId) {
    found.push({ id: 'vnet-injection', blocks: ['automated-migration'], message: `The cache is injected into the subnet ${cache.subnetId}, which rules out Azure's automated migration. A new cache works: Azure Managed Redis has no VNet injection, so give it a private endpoint (Private Link) in that network and move DNS and network rules to it.` });
  }
  if (cache.firewallRules > 0) {
    found.push({ id: 'firewall-rules', blocks: [], message: `${cache.firewallRules} IP firewall rule(s) restrict access today. Azure Managed Redis has no IP firewall and no migration path carries the rules over: restrict access with a private endpoint and disabled public network access instead.` });
  }
  const passive = passiveGeoLinks(cache);
  if (passive > 0) {
    found.push({ id: 'passive-geo-replication', blocks: ['automated-migration'], message: `The cache has ${passive} passive geo-replication link(s), which rule out Azure's automated migration. A new cache works: Azure Managed Redis has active geo-replication only, set up as a group when the caches are created; design the failover anew (both regions accept writes).` });
  }
  const databases = databaseCountOf(cache);
  if (databases !== undefined && databases > 1 && usesOtherDatabases(evidence)) {
    found.push({ id: 'multiple-databases', blocks: [], message: `The scan found ${evidence.databaseSelectFindings} use(s) of a database other than 0 (rule database-select), and the cache allows ${databases}. Azure Managed Redis has database 0 only, and no migration path carries the others: move their data to key prefixes in database 0.` });
  }
  const plaintextPort = plaintextPortOf(cache);
  if (plaintextPort !== undefined) {
    const today = isAzureCacheForRedis(cache) ? `The non-TLS port ${plaintextPort} is enabled.` : `The database serves plaintext on port ${plaintextPort}.`;
    found.push({ id: 'non-tls-port', blocks: [], message: `${today} Azure Managed Redis serves either TLS or plaintext on port ${AMR_PORT}, chosen when the cache is created, and Microsoft Entra ID needs TLS: move every client to TLS first (\`amr-migrate scan\`, rule non-tls-connection).` });
  }
  const recommended = recommendedDataStrategy(cache);
  return found.map((blocker) => ({ ...blocker, severity: blocker.blocks.includes(recommended) ? 'error' : 'warning' }));
}

/** What to confirm once because no input shows it: databases other than 0 without a finding, an unread database. */
export function findChecks(cache: CacheInfo, recommendations: readonly SkuRecommendation[], evidence: UsageEvidence): PlanCheck[] {
  const checks: PlanCheck[] = [];
  const databases = databaseCountOf(cache);
  if (databases !== undefined && databases > 1 && !usesOtherDatabases(evidence)) {
    const scanned = evidence.databaseSelectFindings === 0 ? 'The scan found no use of another database' : 'Nothing given shows use of another database';
    checks.push({ id: 'multiple-databases', message: `The cache allows ${databases} databases (the setting, not a sign of use); Azure Managed Redis has database 0 only. ${scanned}: confirm with INFO keyspace on the cache that only db0 holds keys, and scan every application that uses it (\`amr-migrate scan\`, rule database-select).` });
  }
  if (!databasesRead(cache)) {
    const sku = recommendations.find((r) => r.recommended);
    const unknown = unknownFactsOf(cache).map((fact) => UNKNOWN_FACT_LABEL[fact]).join(', ');
    checks.push({ id: 'database-not-read', message: `The input holds the cluster without its database, so ${unknown} are unknown; the plan keeps every step that depends on them${sku ? ` and sizes ${sku.sku} from the cluster alone` : ''}. Read the database (\`az redisenterprise database show --cluster-name ${cache.name} --resource-group ${cache.resourceGroup}\`) and plan again with the cluster and the database in one file: { "value": [cluster, database] }.` });
  }
  return checks;
}
