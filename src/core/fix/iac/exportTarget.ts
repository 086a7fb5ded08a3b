import { AMR_API_VERSION } from '../../amr/facts';
import type { CacheInfo } from '../../azure/cacheModel';
import type { CacheMetrics } from '../../plan/planModel';
import { regionName } from '../../plan/sourceCache';
import { amrTargetForCache } from './amrTarget';
import { armClusterId, armDatabaseId, armWriter } from './armWriter';
import { bicepWriter } from './bicepWriter';
import { commentLines, databaseSymbol, type CacheDeclaration } from './iacWriter';
import type { TemplateFormat } from './templateFormats';
import { MANAGED_REDIS_TYPE, terraformWriter } from './terraformWriter';

/**
 * "Export target as Bicep / Terraform / ARM": a template of the Azure Managed Redis cache the plan recommends for a
 * cache read from Azure, written by the same writers as the conversion of a declared cache, so the SKU, clustering and
 * settings are those the conversion would write. Name, location (and tags) are parameters whose defaults are the
 * source's; the template outputs the host name and port clients need.
 */
const SYMBOL = 'cache';

function declaration(symbol: string, indent: string, settings: CacheDeclaration['settings']): CacheDeclaration {
  return { symbol, text: '', indent, newline: '\n', keep: { lines: [] }, settings };
}

const bicepString = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const hclString = (value: string) => JSON.stringify(value).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');

function heading(cache: CacheInfo): string {
  return `Azure Managed Redis to replace ${cache.name} (${cache.tier} ${cache.sku}), from its amr-migrate migration plan`;
}

function bicepTemplate(cache: CacheInfo, text: string): string {
  const tags = Object.entries(cache.tags);
  return [
    `// ${heading(cache)}.`,
    '',
    `param name string = ${bicepString(cache.name)}`,
    `param location string = ${bicepString(regionName(cache.location))}`,
    ...(tags.length > 0 ? ['param tags object = {', ...tags.map(([key, value]) => `  ${bicepString(key)}: ${bicepString(value)}`), '}'] : []),
    '',
    text,
    '',
    `output hostName string = ${SYMBOL}.properties.hostName`,
    `output port int = ${databaseSymbol(SYMBOL)}.properties.port`,
    '',
  ].join('\n');
}

function terraformTemplate(cache: CacheInfo, text: string): string {
  const variable = (name: string, type: string, value: string) => [`variable "${name}" {`, `  type    = ${type}`, `  default = ${value}`, '}', ''];
  const tags = Object.entries(cache.tags);
  const width = Math.max(0, ...tags.map(([key]) => hclString(key).length));
  return [
    `# ${heading(cache)}.`,
    '# azurerm_managed_redis needs the azurerm provider 4.50 or later.',
    '',
    ...variable('name', 'string', hclString(cache.name)),
    ...variable('resource_group_name', 'string', hclString(cache.resourceGroup)),
    ...variable('location', 'string', hclString(regionName(cache.location))),
    ...(tags.length > 0
      ? ['variable "tags" {', '  type    = map(string)', '  default = {', ...tags.map(([key, value]) => `    ${hclString(key).padEnd(width)} = ${hclString(value)}`), '  }', '}', '']
      : []),
    text,
    '',
    'output "hostname" {',
    `  value = ${MANAGED_REDIS_TYPE}.${SYMBOL}.hostname`,
    '}',
    '',
    'output "port" {',
    `  value = ${MANAGED_REDIS_TYPE}.${SYMBOL}.default_database[0].port`,
    '}',
    '',
  ].join('\n');
}

function armTemplate(cache: CacheInfo, text: string, symbol: string): string {
  const parameter = (type: string, defaultValue: unknown) => ({ type, defaultValue });
  const skeleton = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    metadata: { description: `${heading(cache)}.` },
    parameters: {
      name: parameter('string', cache.name),
      location: parameter('string', regionName(cache.location)),
      ...(Object.keys(cache.tags).length > 0 ? { tags: parameter('object', cache.tags) } : {}),
    },
    resources: ['\0'],
    outputs: {
      hostName: { type: 'string', value: `[reference(${armClusterId(symbol)}, '${AMR_API_VERSION}').hostName]` },
      port: { type: 'int', value: `[reference(${armDatabaseId(symbol)}, '${AMR_API_VERSION}').port]` },
    },
  };
  // The writer's resources go where the placeholder is, already indented for that place.
  return `${JSON.stringify(skeleton, undefined, 2).replace('"\\u0000"', () => text)}\n`;
}

/** The template of `format` for the cache the plan recommends in place of `cache`; a reason when there is none. */
export function exportTarget(cache: CacheInfo, format: TemplateFormat, metrics?: CacheMetrics): { text: string } | { problem: string } {
  const target = amrTargetForCache(cache, metrics);
  if (typeof target === 'string') return { problem: `${cache.name}: ${target}` };
  const comments = commentLines(target, []);
  const tags = Object.keys(cache.tags).length > 0;
  switch (format) {
    case 'bicep': {
      const text = bicepWriter.cache(declaration(SYMBOL, '', { name: { text: 'name' }, location: { text: 'location' }, ...(tags ? { tags: { text: 'tags' } } : {}) }), target, comments);
      return { text: bicepTemplate(cache, text) };
    }
    case 'terraform': {
      const settings = { name: { text: 'var.name' }, resourceGroup: { text: 'var.resource_group_name' }, location: { text: 'var.location' }, ...(tags ? { tags: { text: 'var.tags' } } : {}) };
      return { text: terraformTemplate(cache, terraformWriter.cache(declaration(`${MANAGED_REDIS_TYPE}.${SYMBOL}`, '', settings), target, comments)) };
    }
    case 'arm': {
      const symbol = "parameters('name')";
      const settings = { name: { text: `"[${symbol}]"` }, location: { text: `"[parameters('location')]"` }, ...(tags ? { tags: { text: `"[parameters('tags')]"` } } : {}) };
      return { text: armTemplate(cache, armWriter.cache(declaration(symbol, '    ', settings), target, comments), symbol) };
    }
  }
}
