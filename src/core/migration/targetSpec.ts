/**
 * The Azure Managed Redis cache to create for a source: its settings (taken from the plan unless the user chose
 * otherwise) and the exact ARM requests that create it. The same requests are what `--dry-run` prints, what the
 * editor shows before asking, and what "Export target" writes. Facts: docs/design/provisioning-and-migration.md.
 */

import type { ArmRequest } from '../azure/armRest';
import { parseArmResourceId } from '../azure/armResourceId';
import { CLUSTERING_POLICIES, type CacheInfo, type ClusteringPolicy } from '../azure/cacheModel';
import { AMR_PORT } from '../amr/facts';
import { API_VERSIONS } from '../azure/apiVersions';
import { recommendSkus } from '../plan/recommendSku';
import { regionName, targetClusteringPolicy } from '../plan/sourceCache';

/** The newest stable Microsoft.Cache/redisEnterprise API: publicNetworkAccess required on create, keys off by default. */
export const AMR_API_VERSION = API_VERSIONS.redisEnterprise;

/** AMR cluster names: 1–60 letters, digits and single hyphens, starting and ending with a letter or digit. */
const CLUSTER_NAME = /^(?=.{1,60}$)[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/;
/** Access policy assignment names: 1–60 letters and digits. */
const ASSIGNMENT_NAME = /^[A-Za-z0-9]{1,60}$/;
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RESOURCE_GROUP = /^[-\w.()]{1,90}$/;

export const EVICTION_POLICIES = ['AllKeysLFU', 'AllKeysLRU', 'AllKeysRandom', 'VolatileLRU', 'VolatileLFU', 'VolatileTTL', 'VolatileRandom', 'NoEviction'] as const;
export type EvictionPolicy = (typeof EVICTION_POLICIES)[number];
export const AMR_MODULES = ['RedisBloom', 'RedisTimeSeries', 'RediSearch', 'RedisJSON'] as const;

/** Tags on the cluster (databases and access policy assignments are its children and carry no tags of their own). */
export const CREATED_BY_TAG = 'created-by';
export const CREATED_BY_VALUE = 'amr-migrate';
export const SOURCE_TAG = 'amr-migrate-source';

export interface TargetSpec {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  /** ARM region name (`westus2`); the automated migration needs the source's. */
  location: string;
  sku: string;
  highAvailability: boolean;
  clusteringPolicy: ClusteringPolicy;
  evictionPolicy: EvictionPolicy;
  persistence: 'none' | 'aof' | 'rdb';
  modules: string[];
  publicNetworkAccess: 'Enabled' | 'Disabled';
  /** Off by default: Entra ID is the way in; on only while applications still authenticate with keys. */
  accessKeysAuthentication: boolean;
  /** Entra object ids granted data access (the signed-in user and the applications' identities). */
  grants: string[];
  /** Resource id of the cache this one replaces, recorded in a tag. */
  sourceId?: string;
}

/** Why `name` cannot be an AMR cluster name, or undefined when it can. */
export function clusterNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'the name is empty';
  if (name.length > 60) return `the name has ${name.length} characters; at most 60 are allowed`;
  if (!CLUSTER_NAME.test(name)) return 'use letters, digits and single hyphens only, starting and ending with a letter or digit';
  return undefined;
}

/** Where the new cache would be, as far as its name is concerned. */
export type NamedTarget = Pick<TargetSpec, 'name' | 'location' | 'subscriptionId' | 'resourceGroup' | 'sourceId'>;

/**
 * A listed cluster whose host name the new cache would share: same name, same region (AMR host names are
 * NAME.REGION.redis.azure.net). The cluster a re-run continues (same id, created by amr-migrate for this source)
 * is not in the way. Azure's Redis Enterprise API has no checkNameAvailability action (Microsoft.Cache's one is
 * defined for Azure Cache for Redis names only), so only the caches the signed-in user can list are checked; a clash
 * elsewhere surfaces as Azure's error when the PUT is sent.
 */
export function hostNameTakenBy(target: NamedTarget, listed: readonly CacheInfo[]): CacheInfo | undefined {
  const region = regionName(target.location);
  const ownId = clusterId(target).toLowerCase();
  return listed.find((cache) => cache.kind === 'RedisEnterprise' && cache.name.toLowerCase() === target.name.toLowerCase() && regionName(cache.location) === region
    && !(cache.id.toLowerCase() === ownId && createdFor(cache.tags, target)));
}

/** Whether `tags` say amr-migrate created the cluster for the target's source. */
export function createdFor(tags: Readonly<Record<string, unknown>>, target: Pick<TargetSpec, 'sourceId'>): boolean {
  const expected = target.sourceId === undefined ? undefined : sourceTag(target.sourceId);
  return tags[CREATED_BY_TAG] === CREATED_BY_VALUE && (expected === undefined || String(tags[SOURCE_TAG] ?? '').toLowerCase() === expected.toLowerCase());
}

/** Tag values hold at most 256 characters; a longer id is recorded by its name. */
function sourceTag(sourceId: string): string {
  return sourceId.length <= 256 ? sourceId : (parseArmResourceId(sourceId)?.segments.at(-1)?.[1] ?? '');
}

/** The spec's problems, one message per field; empty when it can be sent. */
export function targetSpecProblems(spec: TargetSpec): string[] {
  const problems: string[] = [];
  const nameProblem = clusterNameProblem(spec.name);
  if (nameProblem) problems.push(`name: ${nameProblem}`);
  if (!RESOURCE_GROUP.test(spec.resourceGroup) || spec.resourceGroup.endsWith('.')) problems.push('resource group: 1–90 letters, digits, _ - . ( ), not ending in a period');
  if (!/^[a-z0-9]+$/.test(spec.location)) problems.push(`location: '${spec.location}' is not an Azure region name such as westus2`);
  if (!/^(Balanced|MemoryOptimized|ComputeOptimized|FlashOptimized)_[ABMX]\d+$/.test(spec.sku)) problems.push(`sku: '${spec.sku}' is not an Azure Managed Redis SKU such as Balanced_B5`);
  if (!CLUSTERING_POLICIES.includes(spec.clusteringPolicy)) problems.push('clustering policy: OSSCluster, EnterpriseCluster or NoCluster');
  if (!EVICTION_POLICIES.includes(spec.evictionPolicy)) problems.push(`eviction policy: one of ${EVICTION_POLICIES.join(', ')}`);
  for (const module of spec.modules) if (!(AMR_MODULES as readonly string[]).includes(module)) problems.push(`module '${module}': one of ${AMR_MODULES.join(', ')}`);
  for (const id of spec.grants) if (!OBJECT_ID.test(id)) problems.push(`grant '${id}': an Entra object id is a GUID such as 6497c918-11ad-41e7-1b0f-7c518a87d0b0`);
  // Azure refuses these only after the cluster is created, when the database PUT fails.
  if (spec.modules.includes('RediSearch') && spec.clusteringPolicy !== 'EnterpriseCluster') problems.push('modules: RediSearch needs the EnterpriseCluster clustering policy');
  if (spec.clusteringPolicy === 'NoCluster' && spec.sku.startsWith('FlashOptimized_')) problems.push('clustering policy: Flash Optimized sizes cannot be non-clustered');
  return problems;
}

export interface SpecChoices {
  name: string;
  resourceGroup?: string;
  location?: string;
  sku?: string;
  clusteringPolicy?: ClusteringPolicy;
  grants?: string[];
}

/** The target the plan recommends for `source`, with the user's choices on top. Throws when no AMR size fits. */
export function targetSpecFor(source: CacheInfo, choices: SpecChoices): TargetSpec {
  const recommended = recommendSkus(source).find((r) => r.recommended);
  const sku = choices.sku ?? recommended?.sku;
  if (!sku) throw new Error(`no Azure Managed Redis size holds ${source.name} (${source.memoryGB} GB); choose one with --sku`);
  const planned = targetClusteringPolicy(source);
  return {
    subscriptionId: source.subscriptionId,
    resourceGroup: choices.resourceGroup ?? source.resourceGroup,
    name: choices.name,
    location: choices.location ?? regionName(source.location),
    sku,
    highAvailability: recommended?.highAvailability ?? source.tier !== 'Basic',
    clusteringPolicy: choices.clusteringPolicy ?? (planned === 'unknown' ? 'OSSCluster' : planned),
    evictionPolicy: evictionOf(source),
    persistence: source.persistence.aof ? 'aof' : source.persistence.rdb ? 'rdb' : 'none',
    modules: source.modules.filter((m) => (AMR_MODULES as readonly string[]).includes(m)),
    publicNetworkAccess: source.privateEndpoints.length > 0 || source.publicNetworkAccess === 'Disabled' ? 'Disabled' : 'Enabled',
    accessKeysAuthentication: false,
    grants: choices.grants ?? [],
    sourceId: source.id,
  };
}

/** AMR eviction names for the source's `maxmemory-policy` (Enterprise databases carry it already); AMR's default otherwise. */
function evictionOf(source: CacheInfo): EvictionPolicy {
  const database = source.databases[0]?.evictionPolicy;
  const match = EVICTION_POLICIES.find((p) => p.toLowerCase() === database?.replace(/-/g, '').toLowerCase());
  return match ?? 'VolatileLRU';
}

export function clusterId(spec: Pick<TargetSpec, 'subscriptionId' | 'resourceGroup' | 'name'>): string {
  return `/subscriptions/${spec.subscriptionId}/resourceGroups/${spec.resourceGroup}/providers/Microsoft.Cache/redisEnterprise/${spec.name}`;
}

/** A deterministic name per object id, so a re-run finds the assignment it made. */
export function assignmentName(objectId: string): string {
  const name = `amrmigrate${objectId.replace(/-/g, '').toLowerCase()}`;
  if (!ASSIGNMENT_NAME.test(name)) throw new Error(`cannot name an access policy assignment for '${objectId}'`);
  return name;
}

const versioned = (path: string) => `${path}?api-version=${AMR_API_VERSION}`;

export function tagsFor(spec: TargetSpec): Record<string, string> {
  const tags: Record<string, string> = { [CREATED_BY_TAG]: CREATED_BY_VALUE };
  if (spec.sourceId) tags[SOURCE_TAG] = sourceTag(spec.sourceId);
  return tags;
}

export function clusterRequest(spec: TargetSpec): ArmRequest {
  return {
    method: 'PUT',
    url: versioned(clusterId(spec)),
    body: {
      location: spec.location,
      sku: { name: spec.sku },
      properties: {
        minimumTlsVersion: '1.2',
        publicNetworkAccess: spec.publicNetworkAccess,
        highAvailability: spec.highAvailability ? 'Enabled' : 'Disabled',
      },
      tags: tagsFor(spec),
    },
  };
}

export function databaseRequest(spec: TargetSpec): ArmRequest {
  const persistence =
    spec.persistence === 'aof' ? { aofEnabled: true, aofFrequency: '1s' } : spec.persistence === 'rdb' ? { rdbEnabled: true, rdbFrequency: '1h' } : { aofEnabled: false, rdbEnabled: false };
  return {
    method: 'PUT',
    url: versioned(`${clusterId(spec)}/databases/default`),
    body: {
      properties: {
        clientProtocol: 'Encrypted',
        port: AMR_PORT,
        clusteringPolicy: spec.clusteringPolicy,
        evictionPolicy: spec.evictionPolicy,
        persistence,
        modules: spec.modules.map((name) => ({ name })),
        accessKeysAuthentication: spec.accessKeysAuthentication ? 'Enabled' : 'Disabled',
      },
    },
  };
}

export function accessPolicyRequest(spec: TargetSpec, objectId: string): ArmRequest {
  return {
    method: 'PUT',
    url: versioned(`${clusterId(spec)}/databases/default/accessPolicyAssignments/${assignmentName(objectId)}`),
    body: { properties: { accessPolicyName: 'default', user: { objectId } } },
  };
}

/** Every request that creates the target, in the order they are sent. */
export function provisionRequests(spec: TargetSpec): ArmRequest[] {
  return [clusterRequest(spec), databaseRequest(spec), ...[...new Set(spec.grants.map((g) => g.toLowerCase()))].map((id) => accessPolicyRequest(spec, id))];
}

/** Why each setting is what it is, for the confirmation and the plan panel. */
export function explainTargetSpec(spec: TargetSpec): string[] {
  const lines = [
    `${spec.name} in ${spec.resourceGroup}, ${spec.location}: ${spec.sku}${spec.highAvailability ? '' : ', without high availability'}.`,
    spec.clusteringPolicy === 'OSSCluster'
      ? 'OSS cluster: clients must be cluster-aware and keep multi-key commands in one hash slot; the fastest option.'
      : spec.clusteringPolicy === 'EnterpriseCluster'
        ? 'Enterprise cluster: a proxy hides the shards, so single-node clients keep working; some multi-key commands stay limited.'
        : 'Non-clustered: works like a single node; sizes up to 25 GB only, and the policy can later move to a clustered one.',
    `Eviction ${spec.evictionPolicy}; persistence ${spec.persistence === 'none' ? 'off' : spec.persistence.toUpperCase()}${spec.modules.length ? `; modules ${spec.modules.join(', ')}` : ''}.`,
    spec.publicNetworkAccess === 'Disabled'
      ? 'Public network access off: reach it through a private endpoint (private DNS zone privatelink.redis.azure.net), created separately.'
      : 'Public network access on: AMR has no IP firewall, so access is limited by authentication only; use a private endpoint to keep it off the internet.',
    spec.accessKeysAuthentication
      ? 'Access keys on: only while applications still authenticate with keys; turn them off once they use Microsoft Entra ID.'
      : 'Access keys off: applications sign in with Microsoft Entra ID (the scan fixes the code).',
    spec.grants.length ? `Data access for ${spec.grants.length} Entra identit${spec.grants.length === 1 ? 'y' : 'ies'}: ${spec.grants.join(', ')}.` : 'No Entra identity is granted data access yet.',
    `Tagged ${Object.entries(tagsFor(spec)).map(([k, v]) => `${k}=${v}`).join(', ')}.`,
  ];
  return lines;
}
