/** Builds the whole migration plan for one source cache; pure, so the CLI, the tree and the webview share it. */
import type { CacheInfo } from '../azure/cacheModel';
import { findBlockers } from './blockers';
import { findClientChanges } from './clientChanges';
import { findDataStrategies } from './dataStrategies';
import { findFeatureChanges } from './featureChanges';
import type { CacheMetrics, MigrationPlan } from './planModel';
import { planSteps } from './planSteps';
import { recommendSkus } from './recommendSku';
import { retirementOf, targetClusteringPolicy } from './sourceCache';

/** Plans the move of a Basic/Standard/Premium/Enterprise/Enterprise Flash cache; AMR caches have nothing to plan. */
export function buildPlan(cache: CacheInfo, metrics?: CacheMetrics): MigrationPlan {
  const retirement = retirementOf(cache);
  if (!retirement) throw new Error(`${cache.name} is already an Azure Managed Redis cache (${cache.tier}); there is nothing to migrate.`);
  const recommendations = recommendSkus(cache, metrics);
  const parts: Omit<MigrationPlan, 'steps'> = {
    source: {
      id: cache.id,
      name: cache.name,
      tier: cache.tier,
      sku: cache.sku,
      memoryGB: cache.memoryGB,
      shards: cache.shards,
      replicas: cache.replicas,
      location: cache.location,
    },
    recommendations,
    blockers: findBlockers(cache, recommendations.length > 0),
    featureChanges: findFeatureChanges(cache),
    clientChanges: findClientChanges(cache),
    dataStrategies: findDataStrategies(cache),
    // Extensions of the contract's plan shape follow its fields.
    ...(metrics ? { metrics } : {}),
    targetClusteringPolicy: targetClusteringPolicy(cache),
    retirement,
  };
  return { ...parts, steps: planSteps(cache, parts) };
}
