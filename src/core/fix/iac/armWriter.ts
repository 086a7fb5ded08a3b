import { AMR_API_VERSION, AMR_CLUSTER_TYPE, AMR_DATABASE_NAME, AMR_MINIMUM_TLS_VERSION, AMR_PORT } from '../../amr/facts';
import { elementRemoval } from '../../scan/iac/iacText';
import { ZONES_NOT_CARRIED, type AmrTarget } from './amrTarget';
import { indentLines, indentUnitOf, olderThanAmrApi, type IacWriter } from './iacWriter';

/**
 * ARM template JSON for Azure Managed Redis: a cluster and its `default` database (which depends on it) in place of
 * the cache. Template expressions that read the cache move to the database (keys, port) or the cluster (host name).
 * Resource `comments` carry what was not carried over, since JSON has no comments everywhere it is read.
 */
const json = (value: unknown) => JSON.stringify(value);

/** `"orders/default"` for a literal name, a `format()` expression for a computed one. */
function databaseName(symbol: string): string {
  const literal = /^'((?:[^']|'')*)'$/.exec(symbol)?.[1];
  return literal !== undefined ? json(`${literal.replace(/''/g, "'")}/${AMR_DATABASE_NAME}`) : json(`[format('{0}/${AMR_DATABASE_NAME}', ${symbol})]`);
}

/** Comment lines as one `comments` string: the heading, the items separated by semicolons, then the notes. */
function sentences(lines: readonly string[]): string {
  const items = lines.filter((line) => line.startsWith('- ')).map((line) => line.slice(2));
  const rest = lines.filter((line) => !line.startsWith('- '));
  const heading = rest.find((line) => line.endsWith(':'));
  const notes = rest.filter((line) => line !== heading);
  return [...(heading ? [`${heading} ${items.join('; ')}.`] : []), ...notes.map((note) => `${note}.`)].join(' ');
}

/** The cluster's `resourceId(…)` from its name expression. */
export function armClusterId(symbol: string): string {
  return `resourceId('${AMR_CLUSTER_TYPE}', ${symbol})`;
}

/** The `default` database's `resourceId(…)` from the cluster's name expression. */
export function armDatabaseId(symbol: string): string {
  return `resourceId('${AMR_CLUSTER_TYPE}/databases', ${symbol}, '${AMR_DATABASE_NAME}')`;
}

function persistenceOf(target: AmrTarget): Record<string, unknown> | undefined {
  if (!target.persistence) return undefined;
  return target.persistence.kind === 'aof' ? { aofEnabled: true, aofFrequency: '1s' } : { rdbEnabled: true, rdbFrequency: target.persistence.frequency };
}

export const armWriter: IacWriter = {
  cache(resource, target, comments) {
    const unit = indentUnitOf(resource);
    const settings = resource.settings;
    const access = 'literal' in target.publicNetworkAccess ? json(target.publicNetworkAccess.literal) : target.publicNetworkAccess.source.text;
    const kept = resource.keep.lines.filter((line) => !/^"dependsOn"/.test(line));
    const dependsOn = resource.keep.lines.find((line) => /^"dependsOn"/.test(line));
    const loop = kept.filter((line) => /^"(condition|copy)"/.test(line));
    const cluster = [
      '{',
      `${unit}"type": ${json(AMR_CLUSTER_TYPE)},`,
      `${unit}"apiVersion": ${json(AMR_API_VERSION)},`,
      ...(['name', 'location', 'tags', 'identity'] as const).flatMap((key) => (settings[key] ? [`${unit}${json(key)}: ${settings[key].text},`] : [])),
      ...(comments.length > 0 ? [`${unit}"comments": ${json(sentences(comments))},`] : []),
      ...kept.map((line) => `${unit}${line},`),
      ...(dependsOn ? [`${unit}${dependsOn},`] : []),
      `${unit}"sku": {`,
      `${unit}${unit}"name": ${json(target.sku)}`,
      `${unit}},`,
      `${unit}"properties": {`,
      `${unit}${unit}"highAvailability": ${json(target.highAvailability ? 'Enabled' : 'Disabled')},`,
      `${unit}${unit}"minimumTlsVersion": ${json(AMR_MINIMUM_TLS_VERSION)},`,
      `${unit}${unit}"publicNetworkAccess": ${access}`,
      `${unit}}`,
      '}',
    ];
    const properties = {
      clientProtocol: 'Encrypted',
      port: AMR_PORT,
      clusteringPolicy: target.clusteringPolicy,
      ...(target.evictionPolicy ? { evictionPolicy: target.evictionPolicy } : {}),
      ...(target.persistence ? { persistence: persistenceOf(target) } : {}),
      accessKeysAuthentication: target.accessKeysAuthentication,
    };
    const database = [
      '{',
      `${unit}"type": ${json(`${AMR_CLUSTER_TYPE}/databases`)},`,
      `${unit}"apiVersion": ${json(AMR_API_VERSION)},`,
      `${unit}"name": ${databaseName(resource.symbol)},`,
      // A copy loop's name is unique in a template: the database's loop gets its own.
      ...loop.map((line) => `${unit}${line.replace(/("name"\s*:\s*")([^"]*)"/, '$1$2Database"')},`),
      `${unit}"dependsOn": [`,
      // Language version 2.0 depends on symbolic names.
      `${unit}${unit}${json(resource.symbolicName ?? `[${armClusterId(resource.symbol)}]`)}`,
      `${unit}],`,
      `${unit}"properties": {`,
      ...JSON.stringify(properties, undefined, unit).split('\n').slice(1, -1).map((line) => unit + line),
      `${unit}}`,
      '}',
    ];
    // In language version 2.0 the resources are an object's properties: the database is one more, after the cluster.
    const next = resource.symbolicName === undefined ? database : [`${json(`${resource.symbolicName}Database`)}: {`, ...database.slice(1)];
    return indentLines([...cluster.slice(0, -1), `},`, ...next], resource.indent, resource.newline).slice(resource.indent.length);
  },
  reference(reference, resource) {
    const access = /\)(\.\w+)$/.exec(reference.text)?.[1] ?? '';
    const symbol = resource.symbol;
    switch (reference.property) {
      case 'keys':
        return `listKeys(${armDatabaseId(symbol)}, '${AMR_API_VERSION}')${access}`;
      case 'sslPort':
      case 'port':
        return `reference(${armDatabaseId(symbol)}, '${AMR_API_VERSION}').port`;
      case 'hostName':
        return `reference(${armClusterId(symbol)}, '${AMR_API_VERSION}')${access}`;
      default:
        return /^resourceId/i.test(reference.text) ? armClusterId(symbol) : `reference(${armClusterId(symbol)}, '${AMR_API_VERSION}')${access}`;
    }
  },
  dropChild(child) {
    return { span: child.removal, newText: '' };
  },
  enterprise(resource, target) {
    const unit = indentUnitOf(resource);
    const { newline, indent, settings } = resource;
    const member = `${newline}${indent}${unit}`;
    const access = `"publicNetworkAccess": "Enabled"`;
    const version = settings.apiVersion;
    const bump = version !== undefined && typeof version.literal === 'string' && olderThanAmrApi(version.literal);
    const properties = settings.properties;
    const missingAccess = bump && !settings.publicNetworkAccess;
    const edits = [
      ...(bump ? [{ span: version.span, newText: json(AMR_API_VERSION) }] : []),
      { span: settings.sku!.span, newText: `{ "name": ${json(target.sku)} }` + (missingAccess && !properties ? `,${member}"properties": { ${access} }` : '') },
    ];
    if (missingAccess && properties) {
      const at = properties.span.start + 1;
      const empty = properties.text.slice(1, -1).trim() === '';
      edits.push({ span: { ...properties.span, start: at, end: at }, newText: (properties.text.includes('\n') ? member + unit : ' ') + access + (empty ? ' ' : ',') });
    }
    const zones = settings.zones;
    if (zones) {
      // JSON has no comments: the resource's `comments` says what went, unless it has one already.
      const relative = zones.span.start - resource.at.start;
      const key = resource.text.lastIndexOf('"zones"', relative);
      const note = json(`Not carried over to Azure Managed Redis (amr-migrate): ${ZONES_NOT_CARRIED}.`);
      const span = /"comments"\s*:/.test(resource.text)
        ? elementRemoval(zones.span.file, resource.text, key, zones.span.end - resource.at.start)
        : { file: zones.span.file, start: key, end: zones.span.end - resource.at.start };
      const newText = /"comments"\s*:/.test(resource.text) ? '' : `"comments": ${note}`;
      edits.push({ span: { ...span, start: span.start + resource.at.start, end: span.end + resource.at.start }, newText });
    }
    return edits;
  },
};
