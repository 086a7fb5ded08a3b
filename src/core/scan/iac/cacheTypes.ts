import { ACR_PLAINTEXT_PORT, ACR_TLS_PORT } from '../../amr/facts';
import type { CacheReference, CacheResourceEvidence, CacheSetting, Endpoint, FileEvidence } from '../../evidence/evidence';
import { matchCase } from '../connectionText';

/**
 * Which resource types declare an Azure Cache for Redis, one of its children, or a Redis Enterprise cluster on a
 * retiring SKU (resource types: https://learn.microsoft.com/azure/templates/microsoft.cache/redis and
 * …/redisenterprise; Terraform azurerm resource names from the provider's documentation).
 */
const CACHE_CHILDREN = new Set(['firewallrules', 'patchschedules', 'linkedservers', 'accesspolicies', 'accesspolicyassignments', 'privateendpointconnections']);
const ENTERPRISE_SKU = /^Enterprise(Flash)?_/i;

/**
 * The role of an ARM/Bicep resource type (`Microsoft.Cache/redis@2024-11-01`; a nested Bicep child writes only
 * `firewallRules`, its parent's type completes it), or undefined for any other type.
 */
export function classifyCacheType(type: string, parentType: string | undefined, skuName: unknown): { fullType: string; role: CacheResourceEvidence['role'] } | undefined {
  const name = type.split('@')[0]!;
  const fullType = parentType && !name.includes('/') ? `${parentType}/${name}` : name;
  const lower = fullType.toLowerCase();
  if (lower === 'microsoft.cache/redis') return { fullType, role: 'cache' };
  const child = /^microsoft\.cache\/redis\/([a-z]+)$/.exec(lower)?.[1];
  if (child && CACHE_CHILDREN.has(child)) return { fullType, role: 'child' };
  if (lower === 'microsoft.cache/redisenterprise' && typeof skuName === 'string' && ENTERPRISE_SKU.test(skuName)) return { fullType, role: 'enterprise' };
  return undefined;
}

/** Terraform azurerm resource types by role. */
export const TERRAFORM_CACHE_TYPES: Readonly<Record<string, CacheResourceEvidence['role']>> = {
  azurerm_redis_cache: 'cache',
  azurerm_redis_firewall_rule: 'child',
  azurerm_redis_linked_server: 'child',
  azurerm_redis_cache_access_policy: 'child',
  azurerm_redis_cache_access_policy_assignment: 'child',
  azurerm_redis_enterprise_cluster: 'enterprise',
  azurerm_redis_enterprise_database: 'enterprise-database',
};

/** AVM modules of Azure Cache for Redis: Bicep registry path, or the Terraform registry module. */
export function isAvmCacheModule(source: string): boolean {
  return /avm\/res\/cache\/redis(?::|$)/i.test(source) || /avm-res-cache-redis\/azurerm$/i.test(source);
}

/** `enableNonSslPort: true` as the TLS switch the non-tls-connection rule judges (its fix writes `false`). */
export function nonTlsSwitch(resource: CacheResourceEvidence): Endpoint | undefined {
  const setting = resource.settings.nonTlsPort;
  if (setting?.literal !== true || !/^["']?true["']?$/i.test(setting.text)) return undefined;
  const bare = setting.text.replace(/^["']|["']$/g, '');
  const offset = setting.text.indexOf(bare);
  const span = { file: setting.span.file, start: setting.span.start + offset, end: setting.span.start + offset + bare.length };
  return { at: setting.span, source: `${resource.type.split('@')[0]} plaintext port setting`, host: { kind: 'unknown' }, tls: { value: false, span, enableText: matchCase(bare, 'false') } };
}

/** What the access-key, port and TLS rules see in a reference to a cache: a key read, port 6380 or 6379. */
export function cacheReferenceEvidence(evidence: FileEvidence, reference: CacheReference): void {
  const source = `reference to the cache (${reference.text.length > 60 ? `${reference.text.slice(0, 57)}…` : reference.text})`;
  if (reference.property === 'keys' || reference.property === 'connectionString') {
    evidence.credentials.push({ at: reference.span, source });
  } else if (reference.property === 'sslPort' || reference.property === 'port') {
    const value = reference.property === 'sslPort' ? ACR_TLS_PORT : ACR_PLAINTEXT_PORT;
    evidence.endpoints.push({ at: reference.span, source, host: { kind: 'unknown' }, port: { value, span: reference.span } });
  }
}

/** Adds the resources to the evidence with what the other rules judge in them: plaintext switches and references. */
export function withResources(evidence: FileEvidence, resources: CacheResourceEvidence[]): FileEvidence {
  for (const resource of resources) {
    const tls = nonTlsSwitch(resource);
    if (tls) evidence.endpoints.push(tls);
    for (const reference of resource.references) cacheReferenceEvidence(evidence, reference);
  }
  evidence.resources = resources;
  return evidence;
}

/** Properties of `Microsoft.Cache/redis` (under `properties`, ARM and Bicep alike) by the setting they carry. */
export const ARM_CACHE_PROPERTIES: ReadonlyArray<[string, CacheSetting]> = [
  ['shardCount', 'shardCount'],
  ['replicasPerPrimary', 'replicas'],
  ['replicasPerMaster', 'replicas'],
  ['enableNonSslPort', 'nonTlsPort'],
  ['minimumTlsVersion', 'minimumTlsVersion'],
  ['publicNetworkAccess', 'publicNetworkAccess'],
  ['subnetId', 'subnetId'],
  ['staticIP', 'staticIp'],
  ['redisVersion', 'redisVersion'],
  ['tenantSettings', 'tenantSettings'],
];
