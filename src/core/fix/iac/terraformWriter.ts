import { AMR_DATABASE_NAME } from '../../amr/facts';
import type { CacheReference, CacheResourceEvidence } from '../../evidence/evidence';
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

export const terraformWriter: IacWriter = {
  cache(resource, target, comments) {
    const unit = indentUnitOf(resource);
    const settings = resource.settings;
    const meta = resource.keep.lines.filter((line) => /^(for_each|count|provider)\b/.test(line));
    const trailing = resource.keep.lines.filter((line) => !meta.includes(line));
    const access =
      'literal' in target.publicNetworkAccess ? `"${target.publicNetworkAccess.literal}"` : `${target.publicNetworkAccess.source.text} ? "Enabled" : "Disabled"`;
    const main: Array<[string, string]> = [
      ...(['name', 'resource_group_name', 'location'] as const).flatMap((key): Array<[string, string]> => {
        const value = settings[key === 'resource_group_name' ? 'resourceGroup' : key];
        return value ? [[key, value.text]] : [];
      }),
      ['sku_name', `"${target.sku}"`],
      ...(target.highAvailability ? [] : [['high_availability_enabled', 'false'] as [string, string]]),
      ['public_network_access', access],
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
