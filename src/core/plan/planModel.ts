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

/** `unknown` when the source's policy was not read: the plan then keeps the source's policy without naming it. */
export type TargetClusteringPolicy = ClusteringPolicy | 'unknown';

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
  /**
   * Present when the size's usable memory is below what must fit: the source's memory, or its peak of used memory
   * when metrics give it (the guide's "0 % additional memory" rows, the cost-efficient rows, the largest Flash size).
   */
  memoryRisk?: MemoryRisk;
}

export interface MemoryRisk {
  /** `usableMemoryGB` of the recommendation. */
  usableMemoryGB: number;
  /** What must fit: the source's memory or its peak of used memory. */
  neededGB: number;
  basis: 'source-memory' | 'peak-used-memory';
  message: string;
}

/** What outside the cache's own ARM document shows about how it is used. */
export interface UsageEvidence {
  /** Findings of the scanner rule `database-select`: code that uses a database other than 0. */
  databaseSelectFindings?: number;
}

export type BlockerId =
  | 'keyspace-notifications'
  | 'vnet-injection'
  | 'firewall-rules'
  | 'passive-geo-replication'
  | 'multiple-databases'
  | 'non-tls-port'
  | 'too-large'
  | 'usable-memory-below-source';

export interface Blocker {
  id: BlockerId;
  /**
   * `error`: it rules out the recommended data strategy, so it must be resolved before moving; `warning`: it rules out
   * other strategies only, or needs a check or a setting on the new cache.
   */
  severity: 'error' | 'warning';
  /** The data strategies it rules out; empty when it rules out none. */
  blocks: DataStrategyId[];
  message: string;
}

/** Something the inputs cannot show, to confirm once; not a blocker. */
export interface PlanCheck {
  id: 'multiple-databases' | 'database-not-read';
  message: string;
}

/** Facts of a Redis Enterprise cluster that live on its database, unknown when the database was not read. */
export type UnknownFact = 'access-keys' | 'clustering-policy' | 'tls' | 'modules' | 'persistence' | 'keyspace-notifications' | 'geo-replication';

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
  targetClusteringPolicy: TargetClusteringPolicy;
  /** Facts of the source the input did not hold; empty when it held them all. */
  unknownFacts: UnknownFact[];
  /** What to confirm once, because no input shows it either way. */
  checks: PlanCheck[];
  /** When the source tier stops being supported (docs/design/amr-facts.md, Retirement). */
  retirement: { retiresOn: string; disabledFrom: string };
  blockers: Blocker[];
  featureChanges: FeatureChange[];
  clientChanges: ClientChange[];
  dataStrategies: DataStrategy[];
  /** Ordered checklist. */
  steps: string[];
}
