/** The ways to move this cache's data (docs/design/amr-facts.md, Data-migration strategies), exactly one recommended. */
import type { CacheInfo } from '../azure/cacheModel';
import type { DataStrategy, DataStrategyId } from './planModel';
import { activeGeoLinks, isAzureCacheForRedis, passiveGeoLinks } from './sourceCache';

function automatedMigration(cache: CacheInfo): { available: boolean; why: string } {
  if (cache.tier === 'EnterpriseFlash') {
    return { available: false, why: 'The in-place conversion to Azure Managed Redis is documented for the Enterprise tier, not Enterprise Flash.' };
  }
  if (cache.tier === 'Enterprise') {
    return { available: true, why: 'The portal\'s "Migrate to Azure Managed Redis" converts the cluster in place: the host name and access key keep working, but the data is not preserved (tag amr-migration-data-preserve=False) and management is locked while it runs.' };
  }
  const obstacles: string[] = [];
  if (cache.privateEndpoints.length > 0) obstacles.push('private endpoints');
  if (cache.subnetId) obstacles.push('VNet injection');
  if (passiveGeoLinks(cache) + activeGeoLinks(cache) > 0) obstacles.push('geo-replication');
  if (cache.provisioningState && cache.provisioningState !== 'Succeeded') obstacles.push(`state ${cache.provisioningState} (must be running)`);
  if (obstacles.length > 0) return { available: false, why: `Not possible with ${obstacles.join(', ')}.` };
  return { available: true, why: 'Azure repoints this host name to a pre-created AMR cache in the same region and subscription, so clients keep the host name and access key; no data is copied (preview), every client moves at once, and the old host name will be retired later.' };
}

function rdbExportImport(cache: CacheInfo): { available: boolean; why: string } {
  if (cache.tier === 'Premium') return { available: true, why: 'Export an RDB snapshot to a storage account and import it into the new cache; writes after the export are lost unless writes pause.' };
  if (!isAzureCacheForRedis(cache)) return { available: true, why: 'Export the database to a storage account and import it into the new cache; module data travels with it; writes after the export are lost unless writes pause.' };
  return { available: false, why: 'Only Premium caches can export an RDB file.' };
}

/** The strategies that can be recommended: both keep the data without changing the application. */
export type RecommendedDataStrategyId = Extract<DataStrategyId, 'rdb-export-import' | 'programmatic-copy'>;

/** RDB where the source can export (it runs inside Azure, no key-by-key copy); else this tool's copy. */
export function recommendedDataStrategy(cache: CacheInfo): RecommendedDataStrategyId {
  return rdbExportImport(cache).available ? 'rdb-export-import' : 'programmatic-copy';
}

const BECAUSE: Record<RecommendedDataStrategyId, string> = {
  'rdb-export-import': 'Recommended because it keeps the data and runs inside Azure, with no machine near the cache and no key-by-key copy. ',
  'programmatic-copy': 'Recommended because it keeps the data and this cache cannot export an RDB file. ',
};

export function findDataStrategies(cache: CacheInfo): DataStrategy[] {
  const rdb = rdbExportImport(cache);
  const recommended = recommendedDataStrategy(cache);
  const strategies: Omit<DataStrategy, 'recommended'>[] = [
    { id: 'new-cache', available: true, why: 'Simplest: start empty and let the application refill it; fine when the cache only holds data it can rebuild (look-aside caching).' },
    { id: 'rdb-export-import', ...rdb },
    { id: 'dual-write', available: true, why: 'No data loss or downtime: the application writes to both caches and switches reads once the new one holds every live key (e.g. after the longest TTL); needs a code change and two caches for a while.' },
    { id: 'programmatic-copy', available: true, why: `\`amr-migrate copy --from … --to …\` copies every key with its TTL and verifies the result; run it near the source${cache.subnetId || cache.privateEndpoints.length > 0 ? ' inside its network' : ''}, and repeat or pause writes for keys written meanwhile.` },
    { id: 'automated-migration', ...automatedMigration(cache) },
  ];
  return strategies.map((strategy) => ({
    ...strategy,
    recommended: strategy.id === recommended,
    why: strategy.id === recommended ? BECAUSE[recommended] + strategy.why : strategy.why,
  }));
}
