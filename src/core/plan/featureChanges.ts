/** What the move gains, loses or changes for this cache, from the guide's feature tables (docs/design/amr-facts.md, Endpoints, ports and TLS). */
import { AMR_PORT } from '../amr/facts';
import type { CacheInfo } from '../azure/cacheModel';
import type { FeatureChange, UsageEvidence } from './planModel';
import {
  activeGeoLinks,
  CLUSTERING_LABEL,
  databaseCountOf,
  isAzureCacheForRedis,
  keyspaceNotificationsOf,
  modulesOf,
  passiveGeoLinks,
  persistenceText,
  plaintextPortOf,
  sourceClusteringPolicy,
  targetClusteringPolicy,
  usesOtherDatabases,
} from './sourceCache';

const AMR_REDIS_VERSION = '7.4';
const AMR_MODULES = 'RediSearch, RedisJSON, RedisBloom, RedisTimeSeries (chosen when the cache is created)';

function acrOnlyChanges(cache: CacheInfo, evidence: UsageEvidence): FeatureChange[] {
  const changes: FeatureChange[] = [
    { feature: 'Reboot', from: 'available', to: 'not available (use Flush to clear data)', impact: 'loss' },
    { feature: 'Scheduled updates', from: 'update schedule', to: 'not available', impact: 'loss' },
    { feature: 'Scaling down', from: 'available', to: 'not available (scale up or out only)', impact: 'loss' },
    { feature: 'Microsoft Entra ID RBAC', from: 'custom data access policies', to: 'built-in default policy only', impact: 'loss' },
    { feature: 'Redis modules', from: 'none', to: AMR_MODULES, impact: 'gain' },
  ];
  const databases = databaseCountOf(cache);
  if (databases !== undefined && databases > 1 && usesOtherDatabases(evidence)) changes.push({ feature: 'Databases', from: `${databases} databases`, to: 'database 0 only', impact: 'loss' });
  if (cache.tier !== 'Premium') {
    changes.push({ feature: 'Data persistence', from: 'not available', to: 'RDB or AOF', impact: 'gain' });
    changes.push({ feature: 'Import/Export', from: 'not available', to: 'RDB import and export', impact: 'gain' });
  }
  if (cache.tier === 'Standard' || cache.tier === 'Premium') {
    changes.push({ feature: 'Availability SLA', from: '99.9%', to: 'up to 99.999%', impact: 'gain' });
  }
  return changes;
}

export function findFeatureChanges(cache: CacheInfo, evidence: UsageEvidence): FeatureChange[] {
  const acr = isAzureCacheForRedis(cache);
  const changes: FeatureChange[] = [
    { feature: 'Redis version', from: cache.redisVersion ?? (acr ? '6' : '7.2'), to: AMR_REDIS_VERSION, impact: 'change' },
  ];
  const from = sourceClusteringPolicy(cache);
  const to = targetClusteringPolicy(cache);
  if (!from) {
    changes.push({ feature: 'Clustering policy', from: 'unknown (the database is not in the input)', to: 'the same policy as the source database (read it before creating the cache)', impact: 'change' });
  } else if (from !== to) {
    changes.push({ feature: 'Clustering policy', from: CLUSTERING_LABEL[from], to: `${CLUSTERING_LABEL[to]} (Enterprise and non-clustered policies also exist)`, impact: 'change' });
  }
  if (acr) changes.push(...acrOnlyChanges(cache, evidence));
  else changes.push({ feature: 'Non-high-availability mode', from: 'not available', to: 'available for dev/test (about half the price)', impact: 'gain' });
  changes.push(acr && cache.entraAuthentication
    ? { feature: 'Microsoft Entra ID authentication', from: 'enabled', to: 'enabled by default; access keys disabled by default', impact: 'change' }
    : { feature: 'Microsoft Entra ID authentication', from: acr ? 'not enabled' : 'not available', to: 'enabled by default; access keys disabled by default', impact: 'gain' });
  if (cache.tier !== 'Basic' && cache.zones.length < 2) {
    changes.push({ feature: 'Zone redundancy', from: 'not zone-redundant', to: 'zone-redundant by default (in regions with zones)', impact: 'gain' });
  }
  const passive = passiveGeoLinks(cache);
  const active = activeGeoLinks(cache);
  if (passive > 0) changes.push({ feature: 'Geo-replication', from: 'passive (one writable primary)', to: 'active (every member writable; set up at creation)', impact: 'change' });
  else if (active > 0) changes.push({ feature: 'Geo-replication', from: 'active', to: 'active (new group: create the caches together)', impact: 'change' });
  const persistence = persistenceText(cache.databases[0]?.persistence ?? cache.persistence);
  if (persistence) changes.push({ feature: 'Data persistence', from: persistence, to: 'configure again on the new cache (not carried over)', impact: 'change' });
  const modules = modulesOf(cache);
  if (!acr && modules.length > 0) {
    changes.push({ feature: 'Redis modules', from: modules.join(', '), to: 'the same modules, selected when the database is created (RediSearch needs the Enterprise clustering policy)', impact: 'change' });
  }
  const notifications = keyspaceNotificationsOf(cache);
  if (notifications) changes.push({ feature: 'Keyspace notifications', from: `"${notifications}"`, to: 'not available (preview only)', impact: 'loss' });
  const plaintextPort = plaintextPortOf(cache);
  if (plaintextPort !== undefined && acr) {
    changes.push({ feature: 'Non-TLS port', from: `${plaintextPort} alongside TLS`, to: `TLS or plaintext on ${AMR_PORT}, one mode per cache`, impact: 'change' });
  }
  if (cache.subnetId || cache.firewallRules > 0) {
    changes.push({ feature: 'Network isolation', from: cache.subnetId ? 'VNet injection' : 'IP firewall rules', to: 'Private Link only', impact: 'change' });
  }
  return changes;
}
