/** What in a source cache's configuration must be resolved (errors) or checked (warnings) before it moves to AMR. */
import { AMR_PORT } from '../amr/facts';
import type { CacheInfo } from '../azure/cacheModel';
import type { Blocker } from './planModel';
import { databaseCountOf, isAzureCacheForRedis, keyspaceNotificationsOf, passiveGeoLinks, plaintextPortOf } from './sourceCache';

export function findBlockers(cache: CacheInfo, hasRecommendation: boolean): Blocker[] {
  const blockers: Blocker[] = [];
  if (!hasRecommendation) {
    blockers.push({ id: 'too-large', severity: 'error', message: `${cache.name} holds ${cache.memoryGB} GB, more than the largest Azure Managed Redis size of its tier: split the data over several caches.` });
  }
  const notifications = keyspaceNotificationsOf(cache);
  if (notifications) {
    blockers.push({ id: 'keyspace-notifications', severity: 'error', message: `Keyspace notifications are configured (notify-keyspace-events = "${notifications}"). Azure Managed Redis does not offer them generally (only a preview, API 2026-02-01-preview): subscribers to __keyspace@/__keyevent@ channels would receive nothing. Replace them (for example with streams) or validate the preview first.` });
  }
  if (cache.subnetId) {
    blockers.push({ id: 'vnet-injection', severity: 'error', message: `The cache is injected into the subnet ${cache.subnetId}. Azure Managed Redis has no VNet injection: give the new cache a private endpoint (Private Link) in that network and move DNS and network rules to it.` });
  }
  if (cache.firewallRules > 0) {
    blockers.push({ id: 'firewall-rules', severity: 'error', message: `${cache.firewallRules} IP firewall rule(s) restrict access today. Azure Managed Redis has no IP firewall: restrict access with a private endpoint and disabled public network access instead.` });
  }
  const passive = passiveGeoLinks(cache);
  if (passive > 0) {
    blockers.push({ id: 'passive-geo-replication', severity: 'error', message: `The cache has ${passive} passive geo-replication link(s). Azure Managed Redis has active geo-replication only, set up as a group when the caches are created; unlink before migrating and design the failover anew (both regions accept writes).` });
  }
  const databases = databaseCountOf(cache);
  if (databases !== undefined && databases > 1) {
    blockers.push({ id: 'multiple-databases', severity: 'warning', message: `The cache allows ${databases} databases; Azure Managed Redis has database 0 only. The setting does not prove the application uses other databases: check INFO keyspace on the cache and run \`amr-migrate scan\` (rule database-select); data in other databases must move to key prefixes in database 0.` });
  }
  const plaintextPort = plaintextPortOf(cache);
  if (plaintextPort !== undefined) {
    const today = isAzureCacheForRedis(cache) ? `The non-TLS port ${plaintextPort} is enabled.` : `The database serves plaintext on port ${plaintextPort}.`;
    blockers.push({ id: 'non-tls-port', severity: 'warning', message: `${today} Azure Managed Redis serves either TLS or plaintext on port ${AMR_PORT}, chosen when the cache is created, and Microsoft Entra ID needs TLS: move every client to TLS first (\`amr-migrate scan\`, rule non-tls-connection).` });
  }
  return blockers;
}
