/**
 * One fully populated model of an Azure cache, whatever API or SDK it was read from.
 * The inventory maps ARM responses into it; the planner, the CLI and the tree only read it.
 * Unknown values are `undefined` only where Azure itself may omit them.
 */

export type CacheKind = 'AzureCacheForRedis' | 'RedisEnterprise';

/** Source tiers that retire, plus the four Azure Managed Redis tiers. */
export type CacheTier =
  | 'Basic'
  | 'Standard'
  | 'Premium'
  | 'Enterprise'
  | 'EnterpriseFlash'
  | 'Balanced'
  | 'MemoryOptimized'
  | 'ComputeOptimized'
  | 'FlashOptimized';

export const CLUSTERING_POLICIES = ['OSSCluster', 'EnterpriseCluster', 'NoCluster'] as const;
export type ClusteringPolicy = (typeof CLUSTERING_POLICIES)[number];

export interface GeoReplicationLink {
  /** Resource id of the linked cache or database. */
  id: string;
  /** 'passive' for ACR linked servers, 'active' for Enterprise/AMR active geo-replication. */
  mode: 'passive' | 'active';
  role?: string;
  location?: string;
}

export interface RedisDatabase {
  id: string;
  name: string;
  port: number;
  /** `clientProtocol` Encrypted → true. */
  tlsOnly: boolean;
  clusteringPolicy: ClusteringPolicy;
  evictionPolicy?: string;
  accessKeysAuthentication: boolean;
  persistence: { aof: boolean; rdb: boolean; aofFrequency?: string; rdbFrequency?: string };
  modules: { name: string; args?: string; version?: string }[];
  geoReplication: GeoReplicationLink[];
  keyspaceNotifications?: string;
  provisioningState?: string;
  resourceState?: string;
}

export interface CacheInfo {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  kind: CacheKind;
  tier: CacheTier;
  /** As the portal names it: `C3`, `P2`, `E10`, `F300`, `Balanced_B5`. */
  sku: string;
  /** ACR capacity (0–6) or Enterprise scale capacity; AMR has none. */
  capacity?: number;
  /** Total memory for the data (all shards), in GB. */
  memoryGB: number;
  /** Primary shards. ARM does not report them for Enterprise / Enterprise Flash, which then read 1. */
  shards: number;
  /** Replicas per primary. */
  replicas: number;
  zones: string[];
  hostName: string;
  /** AMR only: the old Azure Cache for Redis host name that Azure's automated migration switched to this cache. */
  migratedEndpoint?: string;
  /** TLS port: 6380 for ACR, 10000 for Enterprise/AMR. */
  sslPort?: number;
  /** Plain port when enabled (ACR 6379); undefined when TLS-only. */
  nonSslPort?: number;
  tlsOnly: boolean;
  minimumTlsVersion?: string;
  accessKeysAuthentication: boolean;
  entraAuthentication: boolean;
  highAvailability: boolean;
  clusteringPolicy?: ClusteringPolicy;
  persistence: { aof: boolean; rdb: boolean; aofFrequency?: string; rdbFrequency?: string };
  geoReplication: GeoReplicationLink[];
  privateEndpoints: string[];
  /** Subnet id when the cache is injected into a VNet (ACR Premium only). */
  subnetId?: string;
  publicNetworkAccess?: string;
  firewallRules: number;
  modules: string[];
  keyspaceNotifications?: string;
  /** ACR `databases` setting (default 16). */
  databaseCount?: number;
  redisVersion?: string;
  provisioningState?: string;
  /** Redis Enterprise / AMR databases; empty for ACR. */
  databases: RedisDatabase[];
  tags: Record<string, string>;
}
