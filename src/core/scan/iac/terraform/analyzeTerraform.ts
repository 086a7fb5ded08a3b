import type { Node } from '@vscode/tree-sitter-wasm';
import { emptyEvidence, type CacheReference, type CacheResourceEvidence, type CacheSetting, type FileEvidence, type IacValue } from '../../../evidence/evidence';
import { addConfigurationEntry, connectionTextIn, indentAt, newlineOf, privateLinksIn, wholeLines } from '../iacText';
import { isAvmCacheModule, withResources, TERRAFORM_CACHE_TYPES } from '../cacheTypes';

/**
 * Terraform (HCL through the tree-sitter grammar): azurerm Redis resources, `data` sources and the AVM module,
 * with the expressions that read them (`azurerm_redis_cache.c.primary_access_key`). Argument names are those of the
 * azurerm provider 4.x documentation of `azurerm_redis_cache`.
 */
const ARGUMENTS: Readonly<Record<string, CacheSetting>> = {
  name: 'name',
  resource_group_name: 'resourceGroup',
  location: 'location',
  tags: 'tags',
  sku_name: 'skuName',
  family: 'skuFamily',
  capacity: 'skuCapacity',
  shard_count: 'shardCount',
  replicas_per_master: 'replicas',
  replicas_per_primary: 'replicas',
  non_ssl_port_enabled: 'nonTlsPort',
  enable_non_ssl_port: 'nonTlsPort',
  minimum_tls_version: 'minimumTlsVersion',
  public_network_access_enabled: 'publicNetworkAccess',
  subnet_id: 'subnetId',
  private_static_ip_address: 'staticIp',
  zones: 'zones',
  redis_version: 'redisVersion',
  access_keys_authentication_enabled: 'accessKeys',
  tenant_settings: 'tenantSettings',
  object_id: 'objectId',
  access_policy_name: 'accessPolicy',
  // azurerm_redis_enterprise_database
  cluster_id: 'clusterId',
  client_protocol: 'clientProtocol',
  clustering_policy: 'clusteringPolicy',
  eviction_policy: 'evictionPolicy',
  port: 'port',
  linked_database_group_nickname: 'geoReplicationGroup',
  linked_database_id: 'linkedDatabases',
};
/** Arguments of the AVM module `Azure/avm-res-cache-redis/azurerm` (its variables.tf) by setting. */
const MODULE_ARGUMENTS: Readonly<Record<string, CacheSetting>> = {
  name: 'name',
  location: 'location',
  resource_group_name: 'resourceGroup',
  tags: 'tags',
  sku_name: 'skuName',
  capacity: 'skuCapacity',
  shard_count: 'shardCount',
  replicas_per_master: 'replicas',
  replicas_per_primary: 'replicas',
  enable_non_ssl_port: 'nonTlsPort',
  non_ssl_port_enabled: 'nonTlsPort',
  minimum_tls_version: 'minimumTlsVersion',
  public_network_access_enabled: 'publicNetworkAccess',
  access_keys_authentication_enabled: 'accessKeys',
  subnet_resource_id: 'subnetId',
  subnet_id: 'subnetId',
  private_static_ip_address: 'staticIp',
  zones: 'zones',
  redis_version: 'redisVersion',
  tenant_settings: 'tenantSettings',
  patch_schedule: 'patchSchedule',
};
/** Module arguments that say which module it is, or change nothing a conversion must carry. */
const MODULE_OWN_ARGUMENTS = new Set(['source', 'version', 'redis_configuration', 'enable_telemetry']);
/** The module's `redis_configuration = { maxmemory_policy = "allkeys-lru", … }`, entry by entry. */
function objectEntries(value: Node): Array<{ key: string; value: Node }> {
  const object = value.children[0]?.type === 'collection_value' ? value.children[0].children[0] : undefined;
  if (object?.type !== 'object') return [];
  return object.children.flatMap((element) => {
    if (element?.type !== 'object_elem') return [];
    const [key, , entryValue] = element.children;
    const name = key?.children[0]?.type === 'literal_value' ? labelOf(key.children[0].children[0]) : key?.text;
    return name && entryValue ? [{ key: name, value: entryValue }] : [];
  });
}

/** Meta-arguments and blocks a conversion keeps as written. */
const KEPT = new Set(['for_each', 'count', 'provider', 'depends_on', 'lifecycle']);

const REFERENCE_ATTRIBUTES: Readonly<Record<string, CacheReference['property']>> = {
  hostname: 'hostName',
  ssl_port: 'sslPort',
  port: 'port',
  primary_access_key: 'keys',
  secondary_access_key: 'keys',
  primary_connection_string: 'connectionString',
  secondary_connection_string: 'connectionString',
};
/**
 * What references to a Redis Enterprise cluster or database read. Its port is 10000 already (not one the port rules
 * judge): any other attribute is 'other' and the conversion rewrites it by name.
 */
const ENTERPRISE_REFERENCE_ATTRIBUTES: Readonly<Record<string, CacheReference['property']>> = {
  hostname: 'hostName',
  primary_access_key: 'keys',
  secondary_access_key: 'keys',
};
const REFERENCED_TYPES: Readonly<Record<string, Readonly<Record<string, CacheReference['property']>>>> = {
  azurerm_redis_cache: REFERENCE_ATTRIBUTES,
  azurerm_redis_enterprise_cluster: ENTERPRISE_REFERENCE_ATTRIBUTES,
  azurerm_redis_enterprise_database: ENTERPRISE_REFERENCE_ATTRIBUTES,
};

const AMR_KEY_READ = /^azurerm_managed_redis\.[\w-]+(\[[^\]]*\])?\.default_database\[0\]\.(primary|secondary)_access_key$/;

type Constants = ReadonlyMap<string, string | number | boolean>;

function labelOf(node: Node | null | undefined): string | undefined {
  if (node?.type !== 'string_lit') return undefined;
  const parts = node.children.filter((child) => child?.type === 'template_literal');
  return node.children.length === 2 ? '' : parts.length === 1 && node.children.length === 3 ? parts[0]!.text : undefined;
}

function bodyOf(block: Node): Node | undefined {
  return block.children.find((child) => child?.type === 'body') ?? undefined;
}

function attributesOf(body: Node | undefined): Array<{ name: string; node: Node; value: Node }> {
  return (body?.children ?? []).flatMap((child) => {
    if (child?.type !== 'attribute') return [];
    const name = child.children[0]?.text;
    const value = child.children.find((c) => c?.type === 'expression');
    return name && value ? [{ name, node: child, value }] : [];
  });
}

function blocksOf(body: Node | undefined, type?: string): Node[] {
  return (body?.children ?? []).filter((child): child is Node => child?.type === 'block' && (type === undefined || child.children[0]?.text === type));
}

function literalOf(value: Node, constants: Constants): string | number | boolean | undefined {
  const inner = value.children[0];
  if (inner?.type === 'literal_value') {
    const literal = inner.children[0];
    if (literal?.type === 'numeric_lit') return Number(literal.text);
    if (literal?.type === 'bool_lit') return literal.text === 'true';
    if (literal?.type === 'string_lit') return labelOf(literal);
  }
  if (inner?.type === 'variable_expr' && inner.text === 'var' && value.children.length === 2 && value.children[1]?.type === 'get_attr') {
    return constants.get(value.children[1].children[1]?.text ?? '');
  }
  return undefined;
}

export function analyzeTerraform(root: Node, file: string, text: string): FileEvidence {
  const evidence = emptyEvidence(file);
  const { endpoints, keyspace } = connectionTextIn(file, text);
  evidence.endpoints.push(...endpoints);
  evidence.keyspace.push(...keyspace);
  evidence.privateLinks = privateLinksIn(file, text);
  const top = root.children.find((child) => child?.type === 'body') ?? undefined;
  const constants = new Map<string, string | number | boolean>();
  for (const variable of blocksOf(top, 'variable')) {
    const fallback = attributesOf(bodyOf(variable)).find((a) => a.name === 'default');
    const literal = fallback && literalOf(fallback.value, constants);
    const name = labelOf(variable.children[1]);
    if (name && literal !== undefined) constants.set(name, literal);
  }
  const valueOf = (node: Node): IacValue => ({ text: node.text, span: { file, start: node.startIndex, end: node.endIndex }, literal: literalOf(node, constants) });

  const resources: CacheResourceEvidence[] = [];
  for (const block of blocksOf(top)) {
    const keyword = block.children[0]?.text;
    const type = labelOf(block.children[1]);
    const name = labelOf(block.children[2]);
    if (!type || name === undefined) {
      if (keyword === 'module' && type !== undefined) {
        const source = attributesOf(bodyOf(block)).find((a) => a.name === 'source');
        const sourceText = source && literalOf(source.value, constants);
        if (typeof sourceText === 'string' && isAvmCacheModule(sourceText)) resources.push(terraformResource(file, text, block, 'module', sourceText, source!.value, type, valueOf, MODULE_ARGUMENTS));
      }
      continue;
    }
    const role = TERRAFORM_CACHE_TYPES[type];
    if ((keyword !== 'resource' && keyword !== 'data') || !role) continue;
    const resource = terraformResource(file, text, block, role, type, block.children[1]!, name, valueOf, ARGUMENTS);
    if (keyword === 'data') {
      resource.existing = true;
      resource.symbol = `data.${type}.${name}`;
    }
    resources.push(resource);
  }

  const caches = new Map(resources.filter((r) => r.role === 'cache').map((r) => [r.symbol, r]));
  const referenced = new Map(resources.filter((r) => r.role !== 'child').map((r) => [r.symbol, r]));
  const visit = (node: Node) => {
    if (node.type === 'for_intro' && node.parent) {
      const loop = loopOverCache(node, caches, file);
      if (loop) loop.cache.references.push(...loop.references);
    }
    if (node.type === 'expression') {
      const reference = referenceOf(node, file) ?? moduleReferenceOf(node, file);
      const cache = reference && referenced.get(reference.symbol);
      if (cache) cache.references.push(reference.reference);
      // Keys read from an Azure Managed Redis database are access keys still: the access-key rule judges them too.
      if (AMR_KEY_READ.test(node.text)) evidence.credentials.push({ at: { file, start: node.startIndex, end: node.endIndex }, source: 'access key of the database' });
    }
    for (const child of node.children) if (child) visit(child);
  };
  visit(root);
  return withResources(evidence, resources);
}

function terraformResource(
  file: string,
  text: string,
  block: Node,
  role: CacheResourceEvidence['role'],
  type: string,
  typeNode: Node,
  symbol: string,
  valueOf: (node: Node) => IacValue,
  argumentNames: Readonly<Record<string, CacheSetting>>,
): CacheResourceEvidence {
  const body = bodyOf(block);
  const resource: CacheResourceEvidence = {
    language: 'terraform',
    role,
    type,
    typeSpan: { file, start: typeNode.startIndex + (typeNode.type === 'string_lit' ? 1 : 0), end: typeNode.endIndex - (typeNode.type === 'string_lit' ? 1 : 0) },
    symbol: role === 'module' ? `module.${symbol}` : `${type}.${symbol}`,
    at: { file, start: block.startIndex, end: block.endIndex },
    text: block.text,
    removal: wholeLines(file, text, block.startIndex, block.endIndex),
    indent: indentAt(text, block.startIndex),
    newline: newlineOf(text),
    settings: {},
    otherSettings: [],
    keep: { lines: [] },
    references: [],
  };
  for (const attribute of attributesOf(body)) {
    if (KEPT.has(attribute.name)) resource.keep.lines.push(attribute.node.text);
    const setting = Object.hasOwn(argumentNames, attribute.name) ? argumentNames[attribute.name] : undefined;
    if (role === 'module' && attribute.name === 'redis_configuration') {
      const entries = objectEntries(attribute.value);
      for (const entry of entries) addConfigurationEntry(resource, entry.key, valueOf(entry.value));
      if (entries.length === 0) resource.otherSettings.push('module argument redis_configuration (computed)');
    } else if (role === 'module' && !setting && !KEPT.has(attribute.name) && !MODULE_OWN_ARGUMENTS.has(attribute.name)) {
      resource.otherSettings.push(`module argument ${attribute.name}`);
    }
    if (role === 'module' && attribute.name === 'providers') resource.notConvertible = 'it passes providers to the module, which a resource names otherwise';
    // A module argument set to null or an empty list or map is the module's default: nothing to carry.
    if (!setting || (role === 'module' && /^(null|\[\s*\]|\{\s*\})$/.test(attribute.value.text))) continue;
    const value = valueOf(attribute.value);
    resource.settings[setting] = setting === 'publicNetworkAccess' && typeof value.literal === 'boolean' ? { ...value, literal: value.literal ? 'Enabled' : 'Disabled' } : value;
  }
  const modules: Node[] = [];
  for (const nested of blocksOf(body)) {
    const name = nested.children[0]?.text ?? '';
    const range = { file, start: nested.startIndex, end: nested.endIndex };
    if (KEPT.has(name)) resource.keep.lines.push(nested.text);
    else if (name === 'identity') resource.settings.identity = { text: nested.text, span: range };
    else if (name === 'patch_schedule') resource.settings.patchSchedule = { text: nested.text, span: range };
    else if (name === 'module') modules.push(nested);
    else if (name === 'redis_configuration') {
      for (const entry of attributesOf(bodyOf(nested))) addConfigurationEntry(resource, entry.name, valueOf(entry.value));
    }
  }
  // A database's module blocks, as whole lines: a conversion moves them into another block.
  if (modules.length > 0) {
    const start = modules[0]!.startIndex;
    const end = modules[modules.length - 1]!.endIndex;
    // A blank line between two blocks stays.
    const separated = modules.map((module, i) => (i > 0 && /\n[ \t]*\r?\n/.test(text.slice(modules[i - 1]!.endIndex, module.startIndex)) ? '\n' : '') + indentAt(text, module.startIndex) + module.text);
    resource.settings.modules = { text: separated.join('\n'), span: { file, start, end } };
  }
  return resource;
}

/**
 * `for k, c in azurerm_redis_cache.cache : … c.hostname …`: the loop variable's reads of the cache's attributes, which
 * are references to it as much as `azurerm_redis_cache.cache["k"].hostname` is.
 */
function loopOverCache(intro: Node, caches: ReadonlyMap<string, CacheResourceEvidence>, file: string): { cache: CacheResourceEvidence; references: CacheReference[] } | undefined {
  const parts = intro.children.filter((child): child is Node => child !== null);
  const inAt = parts.findIndex((part) => part.type === 'in');
  const variable = parts.slice(0, inAt).filter((part) => part.type === 'identifier').pop()?.text;
  const collection = parts[inAt + 1];
  const found = collection?.type === 'expression' ? referenceOf(collection, file) : undefined;
  const cache = found && found.reference.property === 'other' && found.reference.span.end === collection!.endIndex ? caches.get(found.symbol) : undefined;
  if (!variable || !cache) return undefined;
  const references: CacheReference[] = [];
  const visit = (node: Node) => {
    const [head, attribute] = node.children;
    if (node.type === 'expression' && head?.type === 'variable_expr' && head.text === variable && attribute?.type === 'get_attr') {
      const name = attribute.children[1]?.text ?? '';
      references.push({ property: REFERENCE_ATTRIBUTES[name] ?? 'other', span: { file, start: node.startIndex, end: attribute.endIndex }, text: `${variable}.${name}` });
    }
    for (const child of node.children) if (child && child !== intro) visit(child);
  };
  visit(intro.parent!);
  return { cache, references };
}

/**
 * `module.redis.resource_id`, `module.redis[0].resource.hostname`: a module's output, and for its `resource` output
 * (the whole azurerm_redis_cache) the attribute read from it.
 */
function moduleReferenceOf(expression: Node, file: string): { symbol: string; reference: CacheReference } | undefined {
  const parts = expression.children.filter((child): child is Node => child !== null);
  if (parts[0]?.type !== 'variable_expr' || parts[0].text !== 'module' || parts[1]?.type !== 'get_attr') return undefined;
  const symbol = `module.${parts[1].children[1]?.text ?? ''}`;
  const rest = parts.slice(2);
  const at = rest[0]?.type === 'index' ? 1 : 0;
  const output = rest[at];
  const attribute = output?.type === 'get_attr' && output.children[1]?.text === 'resource' && rest[at + 1]?.type === 'get_attr' ? rest[at + 1] : undefined;
  const last = attribute ?? (output?.type === 'get_attr' ? output : (rest[at - 1] ?? parts[1]));
  const name = attribute?.children[1]?.text ?? '';
  const property = attribute && Object.hasOwn(REFERENCE_ATTRIBUTES, name) ? REFERENCE_ATTRIBUTES[name]! : 'other';
  return { symbol, reference: { property, span: { file, start: expression.startIndex, end: last.endIndex }, text: expression.text.slice(0, last.endIndex - expression.startIndex) } };
}

/**
 * `azurerm_redis_cache.c.hostname`, `azurerm_redis_cache.c["k"].primary_access_key`, `data.azurerm_redis_cache.d.port`:
 * the symbol and what it reads (the attribute after the name and any index).
 */
function referenceOf(expression: Node, file: string): { symbol: string; reference: CacheReference } | undefined {
  const parts = expression.children.filter((child): child is Node => child !== null);
  const head = parts[0];
  if (head?.type !== 'variable_expr') return undefined;
  const names: string[] = [head.text];
  let attribute: Node | undefined;
  for (const part of parts.slice(1)) {
    if (part.type === 'get_attr') {
      const name = part.children[1]?.text ?? '';
      const symbolLength = names[0] === 'data' ? 3 : 2;
      if (names.length < symbolLength) names.push(name);
      else {
        attribute = part;
        break;
      }
    } else if (part.type !== 'index' || names.length < (names[0] === 'data' ? 3 : 2)) {
      return undefined;
    }
  }
  const symbol = names.join('.');
  const type = names[0] === 'data' ? names[1] : names[0];
  const attributes = type !== undefined && Object.hasOwn(REFERENCED_TYPES, type) ? REFERENCED_TYPES[type] : undefined;
  if (!attributes || names.length < (names[0] === 'data' ? 3 : 2)) return undefined;
  const end = attribute?.endIndex ?? parts[parts.length - 1]!.endIndex;
  const name = attribute?.children[1]?.text ?? '';
  const property = Object.hasOwn(attributes, name) ? attributes[name]! : 'other';
  const text = expression.text.slice(0, end - expression.startIndex);
  return { symbol, reference: { property, span: { file, start: expression.startIndex, end }, text } };
}
