/** The ordered checklist that closes a plan, written from the plan's own parts. */
import type { CacheInfo } from '../azure/cacheModel';
import { TIER_LABEL } from '../amr/facts';
import type { RecommendedDataStrategyId } from './dataStrategies';
import { recommendedDataStrategy } from './dataStrategies';
import type { MigrationPlan } from './planModel';
import { CLUSTERING_LABEL, modulesOf, persistenceText } from './sourceCache';

type PlanParts = Omit<MigrationPlan, 'steps'>;

const CLUSTER_POLICY_FLAG = { OSSCluster: ' --cluster-policy oss', EnterpriseCluster: ' --cluster-policy enterprise', NoCluster: ' --cluster-policy none', unknown: '' } as const;

function createStep(cache: CacheInfo, plan: PlanParts): string | undefined {
  const target = plan.recommendations.find((r) => r.recommended);
  if (!target) return undefined;
  const settings = [
    `${target.highAvailability ? 'high availability' : 'no high availability'}`,
    plan.targetClusteringPolicy === 'unknown'
      ? 'the clustering policy of the source database (read it first: the input does not hold it)'
      : `${CLUSTERING_LABEL[plan.targetClusteringPolicy]} clustering policy`,
    'TLS',
    'Microsoft Entra ID',
  ];
  if (cache.privateEndpoints.length > 0 || cache.subnetId || cache.firewallRules > 0) settings.push('a private endpoint in the application\'s network');
  const persistence = persistenceText(cache.databases[0]?.persistence ?? cache.persistence);
  if (persistence) settings.push(`persistence (${persistence})`);
  const modules = modulesOf(cache);
  if (modules.length > 0) settings.push(`modules ${modules.join(', ')}`);
  if (cache.geoReplication.length > 0) settings.push('an active geo-replication group with the linked region');
  return `Create the Azure Managed Redis cache ${target.sku} (${TIER_LABEL[target.tier]}, ${target.memoryGB} GB) in ${cache.location} with ${settings.join(', ')}.`;
}

const DATA_STEP: Record<RecommendedDataStrategyId, string> = {
  'rdb-export-import': 'Move the data: export an RDB snapshot of the source to a storage account, then import it into the new cache (pause writes during the export, or accept losing later writes).',
  'programmatic-copy': 'Move the data: `amr-migrate copy --from rediss://… --to rediss://… --verify sample` from a machine near the source; repeat for keys written meanwhile or pause writes for the final pass.',
};

export function planSteps(cache: CacheInfo, plan: PlanParts): string[] {
  const steps: string[] = [];
  const errors = plan.blockers.filter((b) => b.severity === 'error');
  const warnings = plan.blockers.filter((b) => b.severity === 'warning');
  if (errors.length > 0) steps.push(`Resolve the blockers: ${errors.map((b) => b.id).join(', ')}.`);
  if (warnings.length > 0) steps.push(`Check the warnings: ${warnings.map((b) => b.id).join(', ')}.`);
  if (plan.checks.length > 0) steps.push(`Confirm what the inputs do not show: ${plan.checks.map((c) => c.id).join(', ')}.`);
  const policyLater = plan.targetClusteringPolicy === 'unknown' ? ' (add --cluster-policy once the database\'s policy is known)' : '';
  steps.push(`Scan the code and configuration that use ${cache.name}: \`amr-migrate scan${CLUSTER_POLICY_FLAG[plan.targetClusteringPolicy]}\`${policyLater}, and fix what it finds.`);
  const create = createStep(cache, plan);
  if (create) steps.push(create);
  if (plan.clientChanges.some((c) => c.id === 'access-key-auth')) {
    steps.push('Give the application identities (managed identity or service principal) data access on the new cache (built-in default policy) and switch clients to Entra ID tokens.');
  }
  steps.push(DATA_STEP[recommendedDataStrategy(cache)]);
  const connection = plan.clientChanges.filter((c) => ['legacy-hostname', 'legacy-tls-port', 'non-tls-connection'].includes(c.id));
  steps.push(`Point the clients at the new cache (${connection.map((c) => `${c.from} → ${c.to}`).join('; ')}); publish the change in off-hours, because connections blip.`);
  steps.push('Verify the application against the new cache and watch used memory and server load for a few days.');
  steps.push(`Delete ${cache.name} once no client uses it — before ${plan.retirement.retiresOn}, when ${TIER_LABEL[cache.tier]} retires.`);
  return steps;
}
