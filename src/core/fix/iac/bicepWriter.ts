import { AMR_API_VERSION, AMR_CLUSTER_TYPE, AMR_DATABASE_NAME, AMR_MINIMUM_TLS_VERSION, AMR_PORT } from '../../amr/facts';
import type { CacheReference } from '../../evidence/evidence';
import { ZONES_NOT_CARRIED, type AmrTarget } from './amrTarget';
import { databaseSymbol, EXISTING_NOTE, indentLines, indentUnitOf, lineRange, olderThanAmrApi, type CacheDeclaration, type IacWriter } from './iacWriter';

/**
 * Bicep for Azure Managed Redis (resource types from https://learn.microsoft.com/azure/templates/microsoft.cache/redisenterprise):
 * the cluster keeps the old symbolic name, so `redis.properties.hostName` and `redis.id` stay valid; the database is
 * `<name>Database`, which ports and keys are read from.
 */
const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The prefix of a looped database, which needs the loop's index to name its parent. */
function loopWithIndex(resource: CacheDeclaration): { prefix: string; parent: string } {
  const { prefix = '', loopIndex } = resource.keep;
  if (!prefix.trimStart().startsWith('[')) return { prefix, parent: resource.symbol };
  if (loopIndex) return { prefix, parent: `${resource.symbol}[${loopIndex}]` };
  const index = resource.text.includes('cacheIndex') ? `cacheIndex${resource.symbol}` : 'cacheIndex';
  return { prefix: prefix.replace(/^(\s*\[\s*for\s+)([A-Za-z_]\w*)(\s+in\b)/, `$1($2, ${index})$3`), parent: `${resource.symbol}[${index}]` };
}

function clusterLines(resource: CacheDeclaration, target: AmrTarget, unit: string): string[] {
  const settings = resource.settings;
  const access = 'literal' in target.publicNetworkAccess ? quote(target.publicNetworkAccess.literal) : target.publicNetworkAccess.source.text;
  return [
    `resource ${resource.symbol} '${AMR_CLUSTER_TYPE}@${AMR_API_VERSION}' = ${resource.keep.prefix ?? ''}{`,
    ...(['name', 'location', 'tags', 'identity'] as const).flatMap((key) => (settings[key] ? [`${unit}${key}: ${settings[key].text}`] : [])),
    `${unit}sku: {`,
    `${unit}${unit}name: ${quote(target.sku)}`,
    `${unit}}`,
    `${unit}properties: {`,
    `${unit}${unit}highAvailability: ${quote(target.highAvailability ? 'Enabled' : 'Disabled')}`,
    `${unit}${unit}minimumTlsVersion: ${quote(AMR_MINIMUM_TLS_VERSION)}`,
    `${unit}${unit}publicNetworkAccess: ${access}`,
    `${unit}}`,
    ...resource.keep.lines.map((line) => unit + line),
    `}${resource.keep.suffix ?? ''}`,
  ];
}

function databaseLines(resource: CacheDeclaration, target: AmrTarget, unit: string): string[] {
  const { prefix, parent } = loopWithIndex(resource);
  const inner = unit + unit;
  const persistence =
    target.persistence?.kind === 'aof'
      ? [`${inner}persistence: {`, `${inner}${unit}aofEnabled: true`, `${inner}${unit}aofFrequency: '1s'`, `${inner}}`]
      : target.persistence
        ? [`${inner}persistence: {`, `${inner}${unit}rdbEnabled: true`, `${inner}${unit}rdbFrequency: ${quote(target.persistence.frequency)}`, `${inner}}`]
        : [];
  return [
    `resource ${databaseSymbol(resource.symbol)} '${AMR_CLUSTER_TYPE}/databases@${AMR_API_VERSION}' = ${prefix}{`,
    `${unit}parent: ${parent}`,
    `${unit}name: ${quote(AMR_DATABASE_NAME)}`,
    `${unit}properties: {`,
    `${inner}clientProtocol: 'Encrypted'`,
    `${inner}port: ${AMR_PORT}`,
    `${inner}clusteringPolicy: ${quote(target.clusteringPolicy)}`,
    ...(target.evictionPolicy ? [`${inner}evictionPolicy: ${quote(target.evictionPolicy)}`] : []),
    ...persistence,
    `${inner}accessKeysAuthentication: ${quote(target.accessKeysAuthentication)}`,
    `${unit}}`,
    `}${resource.keep.suffix ?? ''}`,
  ];
}

/** What each output of the AVM `avm/res/cache/redis` module reads on the resources that replace it. */
const MODULE_OUTPUTS: Readonly<Record<string, (cluster: string, database: string) => string>> = {
  hostName: (cluster) => `${cluster}.properties.hostName`,
  sslPort: (_cluster, database) => `${database}.properties.port`,
  port: (_cluster, database) => `${database}.properties.port`,
  resourceId: (cluster) => `${cluster}.id`,
  name: (cluster) => `${cluster}.name`,
  location: (cluster) => `${cluster}.location`,
};

/** The new text of a reference to a converted module's output (`redis.outputs.sslPort`), when it has one. */
export function moduleOutputOf(reference: CacheReference): string | undefined {
  const at = reference.text.lastIndexOf('.outputs.');
  const write = at < 0 ? undefined : MODULE_OUTPUTS[reference.text.slice(at + '.outputs.'.length)];
  if (!write) return undefined;
  // `redis` or `redis[i]`: the database's name is the cluster's with `Database` after the symbol.
  const cluster = reference.text.slice(0, at);
  const symbol = /^[A-Za-z_]\w*/.exec(cluster)![0];
  return write(cluster, databaseSymbol(symbol) + cluster.slice(symbol.length));
}

export const bicepWriter: IacWriter = {
  cache(resource, target, comments) {
    const unit = indentUnitOf(resource);
    const lines = [...comments.map((line) => `// ${line}`), ...clusterLines(resource, target, unit), '', ...databaseLines(resource, target, unit)];
    return indentLines(lines, resource.indent, resource.newline).slice(resource.indent.length);
  },
  reference(reference, resource) {
    if (resource.role === 'module') return moduleOutputOf(reference);
    if (reference.property !== 'sslPort' && reference.property !== 'port' && reference.property !== 'keys') return undefined;
    const renamed = databaseSymbol(resource.symbol) + reference.text.slice(resource.symbol.length);
    return reference.property === 'keys' ? renamed : renamed.replace(/\.properties\.\w+$/, '.properties.port');
  },
  dropChild(child, why) {
    const lines = child.text.split(/\r?\n/);
    const commented = [`// ${why} (amr-migrate):`, ...lines.map((line, index) => (index === 0 ? `${child.indent}// ${line}` : `${child.indent}// ${line.startsWith(child.indent) ? line.slice(child.indent.length) : line}`))];
    return { span: child.at, newText: commented.join(child.newline) };
  },
  accessPolicyAssignment(child, cache) {
    const { name, objectId } = child.settings;
    if (!name || !objectId || child.keep.prefix || cache.keep.prefix) return undefined;
    const unit = indentUnitOf(child);
    const lines = [
      `resource ${child.symbol} '${AMR_CLUSTER_TYPE}/databases/accessPolicyAssignments@${AMR_API_VERSION}' = {`,
      `${unit}parent: ${databaseSymbol(cache.symbol)}`,
      `${unit}name: ${typeof name.literal === 'string' ? quote(name.literal.replace(/[^A-Za-z0-9]/g, '').slice(0, 60) || 'assignment') : name.text}`,
      `${unit}properties: {`,
      `${unit}${unit}accessPolicyName: 'default'`,
      `${unit}${unit}user: {`,
      `${unit}${unit}${unit}objectId: ${objectId.text}`,
      `${unit}${unit}}`,
      `${unit}}`,
      `}`,
    ];
    return indentLines(lines, child.indent, child.newline).slice(child.indent.length);
  },
  existing(resource, needsDatabase) {
    const unit = indentUnitOf(resource);
    const { newline, indent } = resource;
    const database = [`resource ${databaseSymbol(resource.symbol)} '${AMR_CLUSTER_TYPE}/databases@${AMR_API_VERSION}' existing = {`, `${unit}parent: ${resource.symbol}`, `${unit}name: ${quote(AMR_DATABASE_NAME)}`, '}'];
    return [
      { span: { ...resource.at, end: resource.at.start }, newText: `// This ${EXISTING_NOTE}${newline}${indent}` },
      { span: resource.typeSpan, newText: `${AMR_CLUSTER_TYPE}@${AMR_API_VERSION}` },
      ...(needsDatabase ? [{ span: { ...resource.at, start: resource.at.end }, newText: newline + newline + indentLines(database, indent, newline) }] : []),
    ];
  },
  enterprise(resource, target) {
    const unit = indentUnitOf(resource);
    const { newline, indent, settings } = resource;
    const inner = `${newline}${indent}${unit}${unit}`;
    const access = `publicNetworkAccess: 'Enabled'`;
    const bump = olderThanAmrApi(resource.type.split('@')[1]);
    const properties = settings.properties;
    const missingAccess = bump && !settings.publicNetworkAccess;
    const edits = [
      ...(bump ? [{ span: resource.typeSpan, newText: `${AMR_CLUSTER_TYPE}@${AMR_API_VERSION}` }] : []),
      {
        span: settings.sku!.span,
        newText: `{${inner}name: ${quote(target.sku)}${newline}${indent}${unit}}` + (missingAccess && !properties ? `${newline}${indent}${unit}properties: {${inner}${access}${newline}${indent}${unit}}` : ''),
      },
    ];
    if (missingAccess && properties) {
      // A one-line object separates its properties with commas.
      const at = properties.span.start + 1;
      edits.push({ span: { ...properties.span, start: at, end: at }, newText: properties.text.includes('\n') ? inner + access : properties.text.slice(1, -1).trim() === '' ? ` ${access} ` : ` ${access},` });
    }
    const zones = settings.zones;
    if (zones) {
      const lines = lineRange(resource.text, zones.span.start - resource.at.start, zones.span.end - resource.at.start);
      const written = resource.text.slice(lines.start, lines.end).split(/\r?\n/);
      const lead = /^[ \t]*/.exec(written[0]!)![0];
      const commented = [`${lead}// Not carried over to Azure Managed Redis (amr-migrate): ${ZONES_NOT_CARRIED}`, ...written.map((line) => `${lead}// ${line.startsWith(lead) ? line.slice(lead.length) : line.trimStart()}`)];
      edits.push({ span: { file: zones.span.file, start: resource.at.start + lines.start, end: resource.at.start + lines.end }, newText: commented.join(newline) });
    }
    return edits;
  },
};
