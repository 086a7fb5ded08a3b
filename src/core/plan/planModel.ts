/**
 * A migration plan for one source cache, shaped as the `amr-migrate plan --format json` contract
 * (docs/design/contracts.md) plus compatible extensions (`recommended`, `usableMemoryGB`, `steps`, …).
 */
import type { CacheTier, ClusteringPolicy } from '../azure/cacheModel';
import type { RuleId } from '../findings';
import type { AmrTier } from './amrSkus';

/** Peaks over the last 30 days, as Azure Monitor reports them (percent, 0–100). */
export interface CacheMetrics {
  usedMemoryPercentMax?: number;
  serverLoadPercentMax?: number;
}

export type RecommendationChoice = 'default' | 'cost-efficient' | 'abundant';

export interface SkuRecommendation {
  /** ARM SKU name, e.g. `Balanced_B5`. */
  sku: string;
  tier: AmrTier;
  memoryGB: number;
  /** Memory left for data once the ~20% reservation is taken. */
  usableMemoryGB: number;
  vCPUs: number;
  preview: boolean;
  highAvailability: boolean;
  choice: RecommendationChoice;
  /** (target − source) / target, as the migration guide's "Additional memory (%)" column. */
  additionalMemoryPercent: number;
  /** Exactly one recommendation of a plan is the one to take. */
  recommended: boolean;
  reasons: string[];
}

export type BlockerId =
  | 'keyspace-notifications'
  | 'vnet-injection'
  | 'firewall-rules'
  | 'passive-geo-replication'
  | 'multiple-databases'
  | 'non-tls-port'
  | 'too-large';

export interface Blocker {
  id: BlockerId;
  /** `error`: must be resolved before moving; `warning`: check, it may not apply. */
  severity: 'error' | 'warning';
  message: string;
}

export interface FeatureChange {
  feature: string;
  from: string;
  to: string;
  impact: 'gain' | 'loss' | 'change';
}

/** `id` is the scanner rule that finds the code to change, so surfaces can join plan and findings. */
export interface ClientChange {
  id: RuleId;
  from: string;
  to: string;
}

export type DataStrategyId = 'new-cache' | 'rdb-export-import' | 'dual-write' | 'programmatic-copy' | 'automated-migration';

export interface DataStrategy {
  id: DataStrategyId;
  available: boolean;
  recommended: boolean;
  why: string;
}

export interface PlanSource {
  id: string;
  name: string;
  tier: CacheTier;
  sku: string;
  memoryGB: number;
  shards: number;
  replicas: number;
  location: string;
}

export interface MigrationPlan {
  source: PlanSource;
  recommendations: SkuRecommendation[];
  /** Metrics the recommendation used; absent when none were given. */
  metrics?: CacheMetrics;
  targetClusteringPolicy: ClusteringPolicy;
  /** When the source tier stops being supported (docs/design/amr-facts.md, Retirement). */
  retirement: { retiresOn: string; disabledFrom: string };
  blockers: Blocker[];
  featureChanges: FeatureChange[];
  clientChanges: ClientChange[];
  dataStrategies: DataStrategy[];
  /** Ordered checklist. */
  steps: string[];
}
