import { AMR_DATABASE_NAME } from '../../amr/facts';
import type { CacheReference, CacheResourceEvidence } from '../../evidence/evidence';
import type { AmrTarget } from './amrTarget';
import { EXISTING_NOTE, indentLines, indentUnitOf, type IacWriter } from './iacWriter';

/**
 * Terraform for Azure Managed Redis: `azurerm_managed_redis` with its inline `default_database` (azurerm 4.50+;
 * arguments in docs/design/iac-mapping.md) keeps the old local name, so only the type in references changes; ports
 * and keys are read from `default_database[0]`. Lines are aligned as `terraform fmt` aligns them.
 */
export const MANAGED_REDIS_TYPE = 'azurerm_managed_redis';
const ACCESS_POLICY_TYPE = 'azurerm_managed_redis_access_policy_assignment';
const OLD_TYPE = 'azurerm_redis_cache';
const DATABASE = 'default_database[0]';

/** `key = value` lines with the `=` aligned, as `terraform fmt` writes consecutive attributes. */
function aligned(pairs: ReadonlyArray<[string, string]>, indent: string): string[] {
  const width = Math.max(...pairs.map(([key]) => key.length));
  return pairs.map(([key, value]) => `${indent}${key.padEnd(width)} = ${value}`);
}

function localName(resource: Pick<CacheResourceEvidence, 'symbol'>): string {
  return resource.symbol.slice(resource.symbol.indexOf('.') + 1);
}

/** The reference with the new type and without its attribute: `azurerm_managed_redis.c["k"]`. */
function renamedBase(reference: CacheReference): { base: string; attribute: string | undefined } {
  // A loop variable over the cache (`c.hostname`) keeps its name; a data source's reference starts with `data.`.
  const prefix = reference.text.startsWith('data.') ? 'data.' : '';
  const typed = reference.text.startsWith(`${prefix}${OLD_TYPE}.`);
  const renamed = typed ? prefix + MANAGED_REDIS_TYPE + reference.text.slice(prefix.length + OLD_TYPE.length) : reference.text;
  const attribute = /\.([A-Za-z_][\w-]*)$/.exec(renamed);
  // `azurerm_redis_cache.c` alone (depends_on) has no attribute: its last part is the name.
  const bare = typed && renamed.split('.').length === (prefix ? 3 : 2) && !/[[\]]/.test(renamed);
  return bare || !attribute ? { base: renamed, attribute: undefined } : { base: renamed.slice(0, attribute.index), attribute: attribute[1] };
}

/** `public_network_access`: a literal, or the source's boolean `public_network_access_enabled` expression turned into one. */
function publicNetworkAccessOf(target: AmrTarget): string {
  const access = target.publicNetworkAccess;
  return 'literal' in access ? `"${access.literal}"` : `${access.source.text} ? "Enabled" : "Disabled"`;
}

/**
 * A Redis Enterprise cluster and its database as one `azurerm_managed_redis` under the cluster's local name: the
 * database's protocol, clustering, eviction, geo-replication group and modules (as written) go to `default_database`.
 * Meta-arguments of the database that name the cluster are dropped (the cluster is the resource itself now).
 */
export function managedRedisFromEnterprise(cluster: CacheResourceEvidence, database: CacheResourceEvidence, target: AmrTarget, comments: readonly string[]): string {
  const unit = indentUnitOf(cluster);
  const { name, resourceGroup, location, tags } = cluster.settings;
  const db = database.settings;
  const main: Array<[string, string]> = [
    ...(name ? [['name', name.text] as [string, string]] : []),
    ...(resourceGroup ? [['resource_group_name', resourceGroup.text] as [string, string]] : []),
    ...(location ? [['location', location.text] as [string, string]] : []),
    ['sku_name', `"${target.sku}"`],
    ...(target.highAvailability ? [] : [['high_availability_enabled', 'false'] as [string, string]]),
    ['public_network_access', publicNetworkAccessOf(target)],
  ];
  const settings: Array<[string, string]> = [
    ['access_keys_authentication_enabled', String(target.accessKeysAuthentication === 'Enabled')],
    ['client_protocol', db.clientProtocol?.text ?? '"Encrypted"'],
    ['clustering_policy', db.clusteringPolicy?.text ?? `"${target.clusteringPolicy}"`],
    ...(db.evictionPolicy ? [['eviction_policy', db.evictionPolicy.text] as [string, string]] : []),
    ...(db.geoReplicationGroup ? [['geo_replication_group_name', db.geoReplicationGroup.text] as [string, string]] : []),
  ];
  // Module blocks move one level deeper: from the database's body into default_database.
  const bodyIndent = database.indent + indentUnitOf(database);
  const modules = db.modules ? db.modules.text.split(/\r?\n/).map((line) => (line.trim() === '' ? '' : unit + unit + (line.startsWith(bodyIndent) ? line.slice(bodyIndent.length) : line.trimStart()))) : [];
  const clusterMeta = new Set(cluster.keep.lines.map((line) => /^\w+/.exec(line)![0]));
  const databaseMeta = database.keep.lines.filter((line) => !line.includes(cluster.symbol) && !clusterMeta.has(/^\w+/.exec(line)![0]));
  const kept = [...cluster.keep.lines, ...databaseMeta];
  const lines = [
    ...comments.map((line) => `# ${line}`),
    `resource "${MANAGED_REDIS_TYPE}" "${localName(cluster)}" {`,
    ...aligned(main, unit),
    '',
    `${unit}default_database {`,
    ...aligned(settings, unit + unit),
    ...(modules.length > 0 ? ['', ...modules] : []),
    `${unit}}`,
    ...(tags ? ['', `${unit}tags = ${tags.text}`] : []),
    ...(kept.length > 0 ? ['', ...kept.map((line) => unit + line)] : []),
    '}',
  ];
  return indentLines(lines, cluster.indent, cluster.newline).slice(cluster.indent.length);
}

/**
 * A reference to a converted Redis Enterprise cluster or database, read from the `azurerm_managed_redis` that
 * replaces both: the cluster's attributes are the resource's, the database's are its `default_database`'s.
 */
export function enterpriseReference(reference: CacheReference, resource: CacheResourceEvidence, cluster: CacheResourceEvidence): string {
  const base = `${MANAGED_REDIS_TYPE}.${localName(cluster)}`;
  const rest = reference.text.slice(resource.symbol.length);
  if (resource === cluster || rest === '') return base + rest;
  const attribute = rest.slice(1);
  switch (attribute) {
    case 'id':
      return `"\${${base}.id}/databases/${AMR_DATABASE_NAME}"`;
    case 'name':
      return `"${AMR_DATABASE_NAME}"`;
    case 'cluster_id':
      return `${base}.id`;
    default:
      return `${base}.${DATABASE}.${attribute}`;
  }
}

/** What `azurerm_managed_redis` exports of the attributes of `azurerm_redis_cache` (the AVM module's `resource` output). */
const MODULE_RESOURCE_ATTRIBUTES = new Set([
  'id', 'name', 'location', 'resource_group_name', 'tags', 'hostname', 'ssl_port', 'port',
  'primary_access_key', 'secondary_access_key', 'primary_connection_string', 'secondary_connection_string',
]);

/**
 * A reference to an output of the AVM module `Azure/avm-res-cache-redis/azurerm` read as the same reference to the
 * `azurerm_redis_cache` it wraps (`module.r.resource.hostname` → `azurerm_redis_cache.r.hostname`, `resource_id` →
 * `.id`), so it converts as one; undefined for outputs azurerm_managed_redis has no counterpart of.
 */
export function moduleOutputAsCache(reference: CacheReference): CacheReference | undefined {
  const match = /^module\.([\w-]+)((?:\[[^\]]*\])?)(?:\.(resource_id|resource\.([\w-]+)))?$/.exec(reference.text);
  if (!match) return undefined;
  const [, name, index, output, attribute] = match;
  if (attribute !== undefined && !MODULE_RESOURCE_ATTRIBUTES.has(attribute)) return undefined;
  if (output !== undefined && output !== 'resource_id' && attribute === undefined) return undefined;
  const read = output === 'resource_id' ? '.id' : attribute !== undefined ? `.${attribute}` : '';
  return { ...reference, text: `${OLD_TYPE}.${name}${index}${read}` };
}

export const terraformWriter: IacWriter = {
  cache(resource, target, comments) {
    const unit = indentUnitOf(resource);
    const settings = resource.settings;
    const meta = resource.keep.lines.filter((line) => /^(for_each|count|provider)\b/.test(line));
    const trailing = resource.keep.lines.filter((line) => !meta.includes(line));
    const main: Array<[string, string]> = [
      ...(['name', 'resource_group_name', 'location'] as const).flatMap((key): Array<[string, string]> => {
        const value = settings[key === 'resource_group_name' ? 'resourceGroup' : key];
        return value ? [[key, value.text]] : [];
      }),
      ['sku_name', `"${target.sku}"`],
      ...(target.highAvailability ? [] : [['high_availability_enabled', 'false'] as [string, string]]),
      ['public_network_access', publicNetworkAccessOf(target)],
    ];
    const database: Array<[string, string]> = [
      ['access_keys_authentication_enabled', String(target.accessKeysAuthentication === 'Enabled')],
      ['client_protocol', '"Encrypted"'],
      ['clustering_policy', `"${target.clusteringPolicy}"`],
      ...(target.evictionPolicy ? [['eviction_policy', `"${target.evictionPolicy}"`] as [string, string]] : []),
      ...(target.persistence?.kind === 'aof' ? [['persistence_append_only_file_backup_frequency', '"1s"'] as [string, string]] : []),
      ...(target.persistence?.kind === 'rdb' ? [['persistence_redis_database_backup_frequency', `"${target.persistence.frequency}"`] as [string, string]] : []),
    ];
    const lines = [
      ...comments.map((line) => `# ${line}`),
      `resource "${MANAGED_REDIS_TYPE}" "${localName(resource)}" {`,
      ...meta.map((line) => unit + line),
      ...(meta.length > 0 ? [''] : []),
      ...aligned(main, unit),
      '',
      `${unit}default_database {`,
      ...aligned(database, unit + unit),
      `${unit}}`,
      ...(settings.identity ? ['', unit + settings.identity.text] : []),
      ...(settings.tags ? ['', `${unit}tags = ${settings.tags.text}`] : []),
      ...(trailing.length > 0 ? ['', ...trailing.map((line) => unit + line)] : []),
      '}',
    ];
    return indentLines(lines, resource.indent, resource.newline).slice(resource.indent.length);
  },
  reference(reference) {
    const { base, attribute } = renamedBase(reference);
    switch (reference.property) {
      case 'hostName':
      case 'other':
        return attribute ? `${base}.${attribute}` : base;
      case 'sslPort':
      case 'port':
        return `${base}.${DATABASE}.port`;
      case 'keys':
        return `${base}.${DATABASE}.${attribute}`;
      case 'connectionString':
        return `format("%s:%d,password=%s,ssl=True,abortConnect=False", ${base}.hostname, ${base}.${DATABASE}.port, ${base}.${DATABASE}.${attribute?.startsWith('secondary') ? 'secondary' : 'primary'}_access_key)`;
    }
  },
  dropChild(child, why) {
    const lines = child.text.split(/\r?\n/);
    const commented = [`# ${why} (amr-migrate):`, ...lines.map((line, index) => (index === 0 ? `${child.indent}# ${line}` : `${child.indent}# ${line.startsWith(child.indent) ? line.slice(child.indent.length) : line}`))];
    return { span: child.at, newText: commented.join(child.newline) };
  },
  existing(resource) {
    // The azurerm_managed_redis data source takes the same name and resource_group_name and exports what the resource does.
    return [
      { span: { ...resource.at, end: resource.at.start }, newText: `# This ${EXISTING_NOTE}${resource.newline}${resource.indent}` },
      { span: resource.typeSpan, newText: MANAGED_REDIS_TYPE },
    ];
  },
  accessPolicyAssignment(child, cache) {
    const objectId = child.settings.objectId;
    if (!objectId) return undefined;
    const inside = cache.references.find((reference) => reference.span.start >= child.at.start && reference.span.end <= child.at.end);
    const managedRedisId = inside ? `${renamedBase(inside).base}.id` : `${MANAGED_REDIS_TYPE}.${localName(cache)}.id`;
    const unit = indentUnitOf(child);
    const lines = [
      `resource "${ACCESS_POLICY_TYPE}" "${localName(child)}" {`,
      ...child.keep.lines.map((line) => unit + line),
      ...(child.keep.lines.length > 0 ? [''] : []),
      ...aligned([['managed_redis_id', managedRedisId], ['object_id', objectId.text], ['database_name', `"${AMR_DATABASE_NAME}"`]], unit),
      '}',
    ];
    return indentLines(lines, child.indent, child.newline).slice(child.indent.length);
  },
};
