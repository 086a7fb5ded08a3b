/**
 * Facts about Azure Cache for Redis and Azure Managed Redis that the scanner, planner, copy and editor share.
 * Sources: Microsoft Learn, "Migrate to Azure Managed Redis" (ports, host names) and the Azure Cache for Redis
 * retirement FAQ (2025-10-02: dates).
 */
import type { CacheTier } from '../azure/cacheModel';
import type { AzureCloudName } from '../azure/clouds';

/** Azure Cache for Redis serves TLS on this port. */
export const ACR_TLS_PORT = 6380;
/** Azure Cache for Redis serves plaintext on this port, when the non-TLS port is enabled. */
export const ACR_PLAINTEXT_PORT = 6379;
/** Redis Enterprise and Azure Managed Redis databases listen here (AMR: TLS or plaintext, one mode per cache). */
export const AMR_PORT = 10000;

/** A non-clustered Azure Managed Redis database holds at most this much (Microsoft Learn, AMR clustering policies). */
export const AMR_NON_CLUSTERED_MAX_GB = 25;

/**
 * Resource Manager facts of Azure Managed Redis for templates (docs/design/iac-mapping.md): the API version that
 * requires `publicNetworkAccess` and defaults access keys to Disabled, the only database name, the Private Link
 * group and zone of AMR, and those of Azure Cache for Redis they replace.
 */
export const AMR_API_VERSION = '2025-07-01';
export const AMR_CLUSTER_TYPE = 'Microsoft.Cache/redisEnterprise';
export const AMR_DATABASE_NAME = 'default';
export const AMR_PRIVATE_LINK_GROUP = 'redisEnterprise';
export const AMR_PRIVATE_DNS_ZONE = 'privatelink.redis.azure.net';
export const AMR_MINIMUM_TLS_VERSION = '1.2';

/** Host name suffix of Azure Cache for Redis (Basic, Standard, Premium) in each cloud. */
export const ACR_DNS_SUFFIX: Readonly<Record<AzureCloudName, string>> = {
  AzureCloud: '.redis.cache.windows.net',
  AzureChinaCloud: '.redis.cache.chinacloudapi.cn',
  AzureUSGovernment: '.redis.cache.usgovcloudapi.net',
};

/** Host name suffix of Redis Enterprise; a cloud without an entry has no suffix amr-migrate knows. */
export const ENTERPRISE_DNS_SUFFIX: Readonly<Partial<Record<AzureCloudName, string>>> = {
  AzureCloud: '.redisenterprise.cache.azure.net',
};

/** Host name suffix of Azure Managed Redis; a cloud without an entry has no suffix amr-migrate knows. */
export const AMR_DNS_SUFFIX: Readonly<Partial<Record<AzureCloudName, string>>> = {
  AzureCloud: '.redis.azure.net',
};

/** Every suffix of a host that retires (Azure Cache for Redis in any cloud, Redis Enterprise). */
export const LEGACY_DNS_SUFFIXES: readonly string[] = [...Object.values(ACR_DNS_SUFFIX), ...Object.values(ENTERPRISE_DNS_SUFFIX)];

/** The cloud whose Azure Cache for Redis or Redis Enterprise suffix `host` ends in, if any. */
export function cloudOfLegacyHost(host: string): AzureCloudName | undefined {
  const lower = host.toLowerCase();
  const ends = (suffix: string | undefined) => suffix !== undefined && lower.endsWith(suffix) && lower.length > suffix.length;
  return (Object.keys(ACR_DNS_SUFFIX) as AzureCloudName[]).find(
    (cloud) => ends(ACR_DNS_SUFFIX[cloud]) || ends(ENTERPRISE_DNS_SUFFIX[cloud]),
  );
}

/** `<name>.<region>.redis.azure.net`: the host Azure gives an Azure Managed Redis cache in the public cloud. */
export function buildAmrHostName(name: string, region: string): string {
  return `${name.toLowerCase()}.${region.toLowerCase()}${AMR_DNS_SUFFIX.AzureCloud}`;
}

/** The cache name and region of an Azure Managed Redis host name, or undefined when `host` is not one. */
export function parseAmrHostName(host: string): { name: string; region: string } | undefined {
  const match = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.([a-z0-9]+)\.redis\.azure\.net$/.exec(host.trim().toLowerCase());
  return match ? { name: match[1]!, region: match[2]! } : undefined;
}

/** The region a Redis Enterprise host names (`orders.westeurope.redisenterprise.cache.azure.net`); ACR hosts name none. */
export function regionOfEnterpriseHost(host: string): string | undefined {
  return /^[^.]+\.([a-z0-9]+)\.redisenterprise\.cache\.azure\.net$/.exec(host.toLowerCase())?.[1];
}

/** Tier names as the portal and the migration guide write them. */
export const TIER_LABEL: Readonly<Record<CacheTier, string>> = {
  Basic: 'Basic',
  Standard: 'Standard',
  Premium: 'Premium',
  Enterprise: 'Enterprise',
  EnterpriseFlash: 'Enterprise Flash',
  Balanced: 'Balanced',
  MemoryOptimized: 'Memory Optimized',
  ComputeOptimized: 'Compute Optimized',
  FlashOptimized: 'Flash Optimized',
};

export interface Retirement {
  /** Last day the tier is supported (ISO date). */
  retiresOn: string;
  /** First day caches of the tier are disabled. */
  disabledFrom: string;
}

/** The tiers that retire; Azure Managed Redis tiers have no entry. */
const RETIREMENT: Readonly<Partial<Record<CacheTier, Retirement>>> = {
  Basic: { retiresOn: '2028-09-30', disabledFrom: '2028-10-01' },
  Standard: { retiresOn: '2028-09-30', disabledFrom: '2028-10-01' },
  Premium: { retiresOn: '2028-09-30', disabledFrom: '2028-10-01' },
  Enterprise: { retiresOn: '2027-03-31', disabledFrom: '2027-04-01' },
  EnterpriseFlash: { retiresOn: '2027-03-31', disabledFrom: '2027-04-01' },
};

export function retirementOfTier(tier: CacheTier): Retirement | undefined {
  return RETIREMENT[tier];
}

/** An Azure Managed Redis tier (the four that do not retire). */
export function isAmrTier(tier: CacheTier): boolean {
  return RETIREMENT[tier] === undefined;
}
