import type { CacheResourceEvidence, IacLanguage, Span } from '../../evidence/evidence';
import type { Fix, TextEdit } from '../../findings';
import { amrTargetOf, enterpriseTargetOf, type AmrTarget } from './amrTarget';
import { armWriter } from './armWriter';
import { bicepWriter, moduleOutputOf } from './bicepWriter';
import { commentLines, indentUnitOf, type IacWriter } from './iacWriter';
import { enterpriseReference, managedRedisFromEnterprise, MANAGED_REDIS_TYPE, moduleOutputAsCache, terraformWriter } from './terraformWriter';

const WRITERS: Readonly<Record<IacLanguage, IacWriter>> = { bicep: bicepWriter, arm: armWriter, terraform: terraformWriter };

/** Why each kind of child cannot be carried over, by the last part of its type. */
const CHILD_LOSSES: ReadonlyArray<[RegExp, string]> = [
  [/firewall/i, 'firewall rule: Azure Managed Redis has no IP firewall; use a private endpoint and network security groups'],
  [/patchschedule/i, 'patch schedule: Azure Managed Redis maintenance windows are in preview'],
  [/linked_?server/i, 'linked server (passive geo-replication): Azure Managed Redis has active geo-replication, set up on new databases'],
  [/privateendpointconnection/i, 'private endpoint connection: create the private endpoint for group redisEnterprise'],
  [/access_?polic(y|ies)$/i, 'custom access policy: Azure Managed Redis assigns the default access policy only'],
  [/access_?policy_?assignment/i, 'access policy assignment: Azure Managed Redis assigns the default access policy only'],
];

function lossOf(type: string): string {
  return CHILD_LOSSES.find(([pattern]) => pattern.test(type))?.[1] ?? `${type}: no Azure Managed Redis equivalent`;
}

export function childLoss(child: CacheResourceEvidence): string {
  return lossOf(child.type.split('@')[0]!);
}

function isAssignment(child: CacheResourceEvidence): boolean {
  return /access_?policy_?assignment/i.test(child.type);
}

/** The children of `cache` declared outside it (Bicep `parent:`, a Terraform reference, ARM's single cache). */
function childrenOf(cache: CacheResourceEvidence, resources: readonly CacheResourceEvidence[]): CacheResourceEvidence[] {
  const caches = resources.filter((r) => r.role === 'cache' && !r.existing);
  return resources.filter((child) => {
    if (child.role !== 'child' || within(child.at, cache.at)) return false;
    if (child.language === 'bicep') return child.parent === cache.symbol;
    if (child.language === 'terraform') return cache.references.some((reference) => within(reference.span, child.at));
    return caches.length === 1;
  });
}

function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

export interface CacheConversion {
  fix: Fix;
  target: AmrTarget;
  /** What the conversion does not carry over, for the finding's message. */
  notCarried: string[];
}

/**
 * The fix that replaces a declared Azure Cache for Redis with Azure Managed Redis, rewrites the references to it and
 * takes out its children (converting access policy assignments); a reason when it cannot be converted.
 */
export function convertCache(cache: CacheResourceEvidence, resources: readonly CacheResourceEvidence[]): CacheConversion | string {
  if (cache.existing) return 'it refers to an existing cache; convert the cache where it is declared';
  if (cache.notConvertible) return cache.notConvertible;
  const target = amrTargetOf(cache);
  if (typeof target === 'string') return target;
  const writer = WRITERS[cache.language];
  const edits: TextEdit[] = [];
  const dropped: string[] = [];
  const nested = resources.filter((r) => r.role === 'child' && r !== cache && within(r.at, cache.at));
  for (const child of nested) dropped.push(childLoss(child));
  const replaced: Span[] = [cache.at];
  for (const child of childrenOf(cache, resources)) {
    const assignment = isAssignment(child) ? writer.accessPolicyAssignment?.(child, cache) : undefined;
    if (assignment !== undefined) {
      edits.push({ file: child.at.file, start: child.at.start, end: child.at.end, newText: assignment });
      replaced.push(child.at);
      if (typeof child.settings.accessPolicy?.literal === 'string' && !/owner/i.test(child.settings.accessPolicy.literal)) {
        dropped.push(`access policy '${child.settings.accessPolicy.literal}' of ${child.symbol}: Azure Managed Redis assigns the default (full access) policy`);
      }
      continue;
    }
    const loss = childLoss(child);
    dropped.push(loss);
    const removal = writer.dropChild(child, `Not carried over to Azure Managed Redis: ${loss}`);
    edits.push({ ...removal.span, newText: removal.newText });
    replaced.push(removal.span);
  }
  const comments = commentLines(target, dropped);
  edits.push({ file: cache.at.file, start: cache.at.start, end: cache.at.end, newText: writer.cache(cache, target, comments) });
  for (const reference of cache.references) {
    if (replaced.some((span) => reference.span.start < span.end && reference.span.end > span.start)) continue;
    const newText = writer.reference(reference, cache);
    if (newText !== undefined && newText !== reference.text) edits.push({ file: reference.span.file, start: reference.span.start, end: reference.span.end, newText });
  }
  edits.sort((a, b) => a.start - b.start);
  const title = `Convert to Azure Managed Redis ${target.sku} (${target.clusteringPolicy})`;
  return { fix: { title, edits: withoutOverlaps(edits), preferred: true }, target, notCarried: [...target.notCarried, ...dropped] };
}

function withoutOverlaps(sorted: TextEdit[]): TextEdit[] {
  const kept: TextEdit[] = [];
  for (const edit of sorted) {
    const last = kept[kept.length - 1];
    if (!last || edit.start >= last.end) kept.push(edit);
  }
  return kept;
}

/**
 * An AVM `avm/res/cache/redis` module becomes the plain Azure Managed Redis resources the conversion writes for a
 * declared cache, not the AVM `redis-enterprise` module: that module's version would be a guess made offline (a wrong
 * one fails the deployment), it pins a preview API older than the one that requires `publicNetworkAccess`, and its
 * parameters differ from these one by one. References to the module's outputs move to the resources.
 */
export function convertModule(module: CacheResourceEvidence): CacheConversion | string {
  if (module.notConvertible) return module.notConvertible;
  if (module.language === 'terraform') return convertTerraformModule(module);
  const unknown = module.references.find((reference) => moduleOutputOf(reference) === undefined);
  if (unknown) return `it reads the module output ${unknown.text}, which the resources that replace it do not have`;
  const target = amrTargetOf(module);
  if (typeof target === 'string') return target;
  const dropped = module.otherSettings.filter((name) => name.startsWith('module parameter ')).map((name) => `${name}: set its equivalent on the resources by hand`);
  // Parameters sit one level deeper than the resource's properties: their continuation lines move out one step.
  const unit = indentUnitOf(module);
  const settings = Object.fromEntries(Object.entries(module.settings).map(([key, value]) => [key, { text: value.text.split('\n').map((line, i) => (i > 0 && line.startsWith(unit) ? line.slice(unit.length) : line)).join('\n') }]));
  // The module defaults its location to the resource group's; a resource must name one.
  const declaration = { ...module, settings: { location: { text: 'resourceGroup().location' }, ...settings } };
  const edits: TextEdit[] = [{ file: module.at.file, start: module.at.start, end: module.at.end, newText: bicepWriter.cache(declaration, target, commentLines(target, dropped)) }];
  for (const reference of module.references) {
    const newText = bicepWriter.reference(reference, module);
    if (newText !== undefined && newText !== reference.text) edits.push({ file: reference.span.file, start: reference.span.start, end: reference.span.end, newText });
  }
  edits.sort((a, b) => a.start - b.start);
  const title = `Convert to Azure Managed Redis ${target.sku} (${target.clusteringPolicy})`;
  return { fix: { title, edits: withoutOverlaps(edits), preferred: true }, target, notCarried: [...target.notCarried, ...dropped] };
}

/** What the AVM module's arguments that create more than the cache become (the same losses as the child resources). */
const MODULE_ARGUMENT_LOSSES: Readonly<Record<string, string>> = {
  cache_firewall_rules: lossOf('firewall_rule'),
  linked_redis_caches: lossOf('linked_server'),
  cache_access_policies: lossOf('access_policies'),
  cache_access_policy_assignments: 'access policy assignments: declare azurerm_managed_redis_access_policy_assignment for each',
  private_endpoints: 'private endpoints: declare azurerm_private_endpoint with subresource redisEnterprise and zone privatelink.redis.azure.net',
  managed_identities: 'managed identities: declare the identity block on azurerm_managed_redis',
};

/**
 * The Terraform AVM module `Azure/avm-res-cache-redis/azurerm` becomes `azurerm_managed_redis` under the module's
 * name, as a declared `azurerm_redis_cache` would, and references to its outputs read the resource. Unset SKU
 * arguments take the module's defaults (its variables.tf: `Premium`, capacity 2).
 */
function convertTerraformModule(module: CacheResourceEvidence): CacheConversion | string {
  const unknown = module.references.find((reference) => moduleOutputAsCache(reference) === undefined);
  if (unknown) return `it reads the module output ${unknown.text}, which azurerm_managed_redis does not have`;
  const defaults = { skuName: { text: '"Premium"', span: module.at, literal: 'Premium' }, skuCapacity: { text: '2', span: module.at, literal: 2 } };
  const declaration = { ...module, settings: { ...defaults, ...module.settings } };
  const target = amrTargetOf(declaration);
  if (typeof target === 'string') return target;
  const dropped = module.otherSettings.filter((name) => name.startsWith('module argument ')).map((name) => {
    const argument = name.slice('module argument '.length);
    return `${argument}: ${Object.hasOwn(MODULE_ARGUMENT_LOSSES, argument) ? MODULE_ARGUMENT_LOSSES[argument] : 'set its equivalent on azurerm_managed_redis by hand'}`;
  });
  const edits: TextEdit[] = [{ ...module.at, newText: terraformWriter.cache(declaration, target, commentLines(target, dropped)) }];
  for (const reference of module.references) {
    const newText = terraformWriter.reference(moduleOutputAsCache(reference)!, module);
    if (newText !== undefined && newText !== reference.text) edits.push({ ...reference.span, newText });
  }
  edits.sort((a, b) => a.start - b.start);
  const title = `Convert to Azure Managed Redis ${target.sku} (${target.clusteringPolicy})`;
  return { fix: { title, edits: withoutOverlaps(edits), preferred: true }, target, notCarried: [...target.notCarried, ...dropped] };
}

/**
 * A reference to an existing cache (Bicep `existing`, a Terraform `data` source) reads it as Azure Managed Redis of the
 * same name once it is migrated: the type becomes the AMR one, port and key reads move to its `default` database, and
 * a comment says the cache must be migrated first. ARM templates have no such declaration outside language version 2.0.
 */
export function convertExisting(cache: CacheResourceEvidence): Fix | string {
  const writer = WRITERS[cache.language];
  if (!writer.existing) return 'convert the cache where it is declared';
  if (cache.keep.prefix) return 'it is declared in a loop or under a condition, which the conversion does not rewrite';
  const needsDatabase = cache.references.some((reference) => reference.property === 'sslPort' || reference.property === 'port' || reference.property === 'keys');
  const edits: TextEdit[] = writer.existing(cache, needsDatabase).map(({ span, newText }) => ({ ...span, newText }));
  for (const reference of cache.references) {
    const newText = writer.reference(reference, cache);
    if (newText !== undefined && newText !== reference.text) edits.push({ file: reference.span.file, start: reference.span.start, end: reference.span.end, newText });
  }
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  return { title: 'Read it as Azure Managed Redis', edits: withoutOverlaps(edits), preferred: true };
}

/**
 * An Enterprise / Enterprise Flash cluster moves to Azure Managed Redis by its SKU alone in ARM and Bicep (the same
 * resource type; databases stay). Terraform has a resource type of its own for AMR, so there the cluster and its
 * database become one `azurerm_managed_redis`.
 */
export function convertEnterprise(cluster: CacheResourceEvidence, resources: readonly CacheResourceEvidence[]): CacheConversion | string {
  if (cluster.language === 'terraform') return convertTerraformEnterprise(cluster, resources);
  const target = amrTargetOf(cluster);
  if (typeof target === 'string') return target;
  const writer = WRITERS[cluster.language];
  if (!writer.enterprise || !cluster.settings.sku) return 'its SKU is not written as an object';
  const edits = writer.enterprise(cluster, target).map(({ span, newText }) => ({ ...span, newText }));
  edits.sort((a, b) => a.start - b.start);
  return { fix: { title: `Move to Azure Managed Redis ${target.sku}`, preferred: true, edits: withoutOverlaps(edits) }, target, notCarried: target.notCarried };
}

/** The Terraform Redis Enterprise database of `cluster`: the one whose arguments reference it. */
export function enterpriseDatabaseOf(cluster: CacheResourceEvidence, resources: readonly CacheResourceEvidence[]): CacheResourceEvidence[] {
  return resources.filter((r) => r.role === 'enterprise-database' && !r.existing && cluster.references.some((reference) => within(reference.span, r.at)));
}

const LOOPED = /^(for_each|count)\b/;

function convertTerraformEnterprise(cluster: CacheResourceEvidence, resources: readonly CacheResourceEvidence[]): CacheConversion | string {
  if (cluster.existing) return 'it reads an existing cluster; once it is migrated, read it with the azurerm_managed_redis data source';
  const databases = enterpriseDatabaseOf(cluster, resources);
  if (databases.length !== 1) return databases.length === 0 ? 'its database is not declared in this file' : 'more than one database names it';
  const database = databases[0]!;
  if ([cluster, database].some((r) => r.keep.lines.some((line) => LOOPED.test(line)))) return 'it is declared with for_each or count, which the conversion does not rewrite';
  const target = enterpriseTargetOf(cluster, database);
  if (typeof target === 'string') return target;
  const state = `migrating keeps the cluster's resource id: move the state (terraform state rm ${cluster.symbol} ${database.symbol}, then terraform import ${MANAGED_REDIS_TYPE}.${cluster.symbol.split('.')[1]}) instead of letting Terraform replace the cache`;
  const comments = [...commentLines(target, [], 'Redis Enterprise'), `Note: ${state}`];
  const edits: TextEdit[] = [
    { ...cluster.at, newText: managedRedisFromEnterprise(cluster, database, target, comments) },
    { ...database.removal, newText: `# ${database.symbol} is the default_database of ${MANAGED_REDIS_TYPE}.${cluster.symbol.split('.')[1]} now (amr-migrate)${database.newline}` },
  ];
  for (const resource of [cluster, database]) {
    for (const reference of resource.references) {
      if (within(reference.span, cluster.at) || within(reference.span, database.removal)) continue;
      edits.push({ ...reference.span, newText: enterpriseReference(reference, resource, cluster) });
    }
  }
  edits.sort((a, b) => a.start - b.start);
  return { fix: { title: `Convert to Azure Managed Redis ${target.sku} (${target.clusteringPolicy})`, edits: withoutOverlaps(edits), preferred: true }, target, notCarried: target.notCarried };
}
