/** What "Copy Target Settings" puts on the clipboard: how clients reach the recommended AMR cache; never a secret. */
import type { CacheInfo } from '../../core/azure/cacheModel';
import { AMR_PORT, TIER_LABEL } from '../../core/amr/facts';
import type { MigrationPlan } from '../../core/plan/planModel';
import { amrHostName, CLUSTERING_LABEL } from '../../core/plan/sourceCache';

export function targetSettingsText(cache: CacheInfo, plan: MigrationPlan): string {
  const target = plan.recommendations.find((r) => r.recommended);
  return [
    `Azure Managed Redis target for ${cache.name}`,
    `SKU: ${target ? target.sku : 'none — no Azure Managed Redis size can hold this cache'}`,
    `Tier: ${target ? TIER_LABEL[target.tier] : '—'}`,
    `Host: ${amrHostName(cache)}`,
    `Port: ${AMR_PORT}`,
    'TLS: required',
    'Authentication: Microsoft Entra ID (disable access keys)',
    `Clustering policy: ${CLUSTERING_LABEL[plan.targetClusteringPolicy]}`,
  ].join('\n') + '\n';
}
