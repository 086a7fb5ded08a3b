/** Builds the whole migration plan for one source cache; pure, so the CLI, the tree and the webview share it. */
import type { CacheInfo } from '../azure/cacheModel';
import { findBlockers, findChecks } from './blockers';
import { findClientChanges } from './clientChanges';
import { findDataStrategies } from './dataStrategies';
import { findFeatureChanges } from './featureChanges';
import type { CacheMetrics, MigrationPlan, UsageEvidence } from './planModel';
import { planSteps } from './planSteps';
import { recommendSkus } from './recommendSku';
import { retirementOf, targetClusteringPolicy, unknownFactsOf } from './sourceCache';

/**
 * Plans the move of a Basic/Standard/Premium/Enterprise/Enterprise Flash cache; AMR caches have nothing to plan.
 * `evidence` is what a scan of the applications showed (without it, use of databases other than 0 is a check).
 */
export function buildPlan(cache: CacheInfo, metrics?: CacheMetrics, evidence: UsageEvidence = {}): MigrationPlan {
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
    blockers: findBlockers(cache, recommendations, evidence),
    featureChanges: findFeatureChanges(cache, evidence),
    clientChanges: findClientChanges(cache, evidence),
    dataStrategies: findDataStrategies(cache),
    // Extensions of the contract's plan shape follow its fields.
    ...(metrics ? { metrics } : {}),
    targetClusteringPolicy: targetClusteringPolicy(cache),
    unknownFacts: unknownFactsOf(cache),
    checks: findChecks(cache, recommendations, evidence),
    retirement,
  };
  return { ...parts, steps: planSteps(cache, parts) };
}
