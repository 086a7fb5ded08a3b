import { parseTree, type Node } from 'jsonc-parser';
import type { CacheReference, CacheResourceEvidence, CacheSetting, FileEvidence, IacValue } from '../../../evidence/evidence';
import { addConfigurationEntry, elementRemoval, indentAt, newlineOf, privateLinksIn } from '../iacText';
import { ARM_CACHE_PROPERTIES, cacheReferenceEvidence, classifyCacheType, nonTlsSwitch } from '../cacheTypes';

/**
 * ARM templates: JSON (with comments, as the ARM tooling accepts) whose `$schema` is a deployment template schema
 * (https://learn.microsoft.com/azure/azure-resource-manager/templates/syntax). Resources come from `resources` (an
 * array, or an object of symbolic names in language version 2.0), nested child resources and nested deployments.
 */
const TEMPLATE_SCHEMA = /deploymentTemplate\.json#?$/i;

export function parseJsonWithComments(text: string): { root: Node | undefined; errors: number } {
  const errors: Array<unknown> = [];
  const root = parseTree(text, errors as never[], { allowTrailingComma: true, disallowComments: false });
  return { root, errors: errors.length };
}

/** Whether `text` is an ARM deployment template (decided by its `$schema`, not its name). */
export function isArmTemplate(root: Node | undefined): boolean {
  const schema = member(root, '$schema');
  return schema?.type === 'string' && TEMPLATE_SCHEMA.test(String(schema.value));
}

function member(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== 'object') return undefined;
  const property = node.children?.find((child) => child.children?.[0]?.value?.toString().toLowerCase() === key.toLowerCase());
  return property?.children?.[1];
}

function propertyNode(node: Node | undefined, key: string): Node | undefined {
  return member(node, key)?.parent;
}

/** Resource properties a conversion keeps as written. */
const KEPT_PROPERTIES = ['condition', 'copy', 'dependsOn'];

type Constants = ReadonlyMap<string, string | number | boolean>;

/**
 * The cache resources of an ARM template and the expressions that read them (`listKeys(…)`, `reference(…).sslPort`);
 * the rest of the file is read by the config front end.
 */
export function addArmEvidence(evidence: FileEvidence, file: string, text: string, root: Node): void {
  evidence.privateLinks = privateLinksIn(file, text);
  const zones = new Set(evidence.privateLinks.filter((link) => link.kind === 'zone').map((link) => link.span.start));
  evidence.endpoints = evidence.endpoints.filter((endpoint) => !(endpoint.host.kind === 'known' && endpoint.host.span && zones.has(endpoint.host.span.start)));
  const constants = constantsOf(root);
  const resources: CacheResourceEvidence[] = [];
  const visit = (container: Node | undefined, parentType: string | undefined) => {
    const items = container?.type === 'array' ? (container.children ?? []) : container?.type === 'object' ? (container.children ?? []).map((p) => p.children?.[1]) : [];
    for (const item of items) {
      if (item?.type !== 'object') continue;
      const type = member(item, 'type');
      const skuName = literalOf(member(member(item, 'sku'), 'name'), constants);
      const classified = type?.type === 'string' ? classifyCacheType(String(type.value), parentType, skuName) : undefined;
      if (classified && type) {
        const resource = armResource(file, text, item, type, classified, constants);
        if (container?.type === 'object') resource.symbolicName = String(item.parent?.children?.[0]?.value);
        resources.push(resource);
      }
      visit(member(item, 'resources'), classified?.fullType ?? (type?.type === 'string' ? String(type.value) : undefined));
      // A nested deployment carries its own template.
      visit(member(member(member(item, 'properties'), 'template'), 'resources'), undefined);
    }
  };
  visit(member(root, 'resources'), undefined);

  const caches = resources.filter((resource) => resource.role === 'cache');
  for (const reference of expressionReferences(file, text, root, caches)) {
    reference.cache.references.push(reference.reference);
    // listKeys() reads are already credentials of the config reading of the file.
    if (reference.reference.property !== 'keys') cacheReferenceEvidence(evidence, reference.reference);
  }
  for (const resource of resources) {
    const tls = nonTlsSwitch(resource);
    // The config reading reports `"enableNonSslPort": true` already.
    if (tls && !evidence.endpoints.some((endpoint) => endpoint.tls?.span?.start === tls.tls?.span?.start)) evidence.endpoints.push(tls);
  }
  evidence.resources = resources;
}

function armResource(file: string, text: string, node: Node, type: Node, classified: { fullType: string; role: CacheResourceEvidence['role'] }, constants: Constants): CacheResourceEvidence {
  const value = (found: Node | undefined): IacValue | undefined =>
    found && { text: text.slice(found.offset, found.offset + found.length), span: { file, start: found.offset, end: found.offset + found.length }, literal: literalOf(found, constants) };
  const resource: CacheResourceEvidence = {
    language: 'arm',
    role: classified.role,
    type: String(type.value),
    typeSpan: { file, start: type.offset + 1, end: type.offset + type.length - 1 },
    symbol: expressionOf(member(node, 'name')) ?? '',
    at: { file, start: node.offset, end: node.offset + node.length },
    text: text.slice(node.offset, node.offset + node.length),
    // In language version 2.0 resources are properties of an object: the property goes with its value.
    removal: node.parent?.type === 'property' ? elementRemoval(file, text, node.parent.offset, node.offset + node.length) : elementRemoval(file, text, node.offset, node.offset + node.length),
    indent: indentAt(text, node.offset),
    newline: newlineOf(text),
    settings: {},
    otherSettings: [],
    keep: { lines: KEPT_PROPERTIES.flatMap((key) => {
      const property = propertyNode(node, key);
      return property ? [text.slice(property.offset, property.offset + property.length)] : [];
    }) },
    references: [],
  };
  const set = (setting: CacheSetting, found: Node | undefined) => {
    const read = value(found);
    if (read) resource.settings[setting] = read;
  };
  for (const key of ['name', 'location', 'tags', 'identity', 'zones'] as const) set(key, member(node, key));
  const properties = member(node, 'properties');
  set('properties', properties);
  set('apiVersion', member(node, 'apiVersion'));
  const sku = member(properties, 'sku') ?? member(node, 'sku');
  set('sku', sku);
  set('skuName', member(sku, 'name'));
  set('objectId', member(properties, 'objectId'));
  set('accessPolicy', member(properties, 'accessPolicyName'));
  set('skuFamily', member(sku, 'family'));
  set('skuCapacity', member(sku, 'capacity'));
  for (const [key, setting] of ARM_CACHE_PROPERTIES) set(setting, member(properties, key));
  const disableKeys = value(member(properties, 'disableAccessKeyAuthentication'));
  if (disableKeys) resource.settings.accessKeys = { ...disableKeys, literal: typeof disableKeys.literal === 'boolean' ? !disableKeys.literal : undefined };
  for (const entry of member(properties, 'redisConfiguration')?.children ?? []) {
    const [key, entryValue] = entry.children ?? [];
    if (key && entryValue) addConfigurationEntry(resource, String(key.value), value(entryValue)!);
  }
  return resource;
}

/** `parameters('x')` for `"[parameters('x')]"`, the JSON text of anything else. */
function expressionOf(node: Node | undefined): string | undefined {
  if (node?.type !== 'string') return undefined;
  const value = String(node.value);
  return value.startsWith('[') && !value.startsWith('[[') && value.endsWith(']') ? value.slice(1, -1).trim() : `'${value}'`;
}

function constantsOf(root: Node): Constants {
  const constants = new Map<string, string | number | boolean>();
  for (const parameter of member(root, 'parameters')?.children ?? []) {
    const literal = plainLiteral(member(parameter.children?.[1], 'defaultValue'));
    if (literal !== undefined) constants.set(`parameters('${String(parameter.children?.[0]?.value)}')`, literal);
  }
  for (const variable of member(root, 'variables')?.children ?? []) {
    const literal = plainLiteral(variable.children?.[1]);
    if (literal !== undefined) constants.set(`variables('${String(variable.children?.[0]?.value)}')`, literal);
  }
  return constants;
}

function plainLiteral(node: Node | undefined): string | number | boolean | undefined {
  if (node?.type === 'number' || node?.type === 'boolean') return node.value as number | boolean;
  if (node?.type === 'string' && !String(node.value).startsWith('[')) return String(node.value);
  if (node?.type === 'string' && String(node.value).startsWith('[[')) return String(node.value).slice(1);
  return undefined;
}

function literalOf(node: Node | undefined, constants: Constants): string | number | boolean | undefined {
  const plain = plainLiteral(node);
  if (plain !== undefined) return plain;
  const expression = expressionOf(node);
  return expression === undefined ? undefined : constants.get(expression.replace(/\s+/g, ''));
}

const PROPERTY_REFERENCES: Readonly<Record<string, CacheReference['property']>> = { hostname: 'hostName', sslport: 'sslPort', port: 'port', primarykey: 'keys', secondarykey: 'keys' };

/**
 * `listKeys(X, …)` and `reference(X, …).hostName|sslPort|port` in template expressions, where X names a cache
 * (`resourceId('Microsoft.Cache/redis', …)` or the cache's name expression), and other `resourceId` uses of it.
 */
function expressionReferences(file: string, text: string, root: Node, caches: readonly CacheResourceEvidence[]): Array<{ cache: CacheResourceEvidence; reference: CacheReference }> {
  const found: Array<{ cache: CacheResourceEvidence; reference: CacheReference }> = [];
  if (caches.length === 0) return found;
  const cacheOf = (argument: string): CacheResourceEvidence | undefined => {
    const normalized = argument.replace(/\s+/g, '');
    const byId = /^resourceId\('Microsoft\.Cache\/redis',(.*)\)$/i.exec(normalized)?.[1];
    const name = byId ?? normalized;
    // Language version 2.0 names a resource by its symbolic name too: reference('cache').
    return caches.find((cache) => cache.symbol.replace(/\s+/g, '') === name || (cache.symbolicName !== undefined && name === `'${cache.symbolicName}'`))
      ?? (byId !== undefined && caches.length === 1 ? caches[0] : undefined);
  };
  const strings: Node[] = [];
  const collect = (node: Node | undefined) => {
    if (!node) return;
    if (node.type === 'string' && /^"\[(?!\[)/.test(text.slice(node.offset, node.offset + 2))) strings.push(node);
    for (const child of node.children ?? []) collect(child);
  };
  collect(root);
  for (const node of strings) {
    const raw = text.slice(node.offset + 1, node.offset + node.length - 1);
    if (raw.includes('\\')) continue;
    const covered: Array<[number, number]> = [];
    for (const call of raw.matchAll(/\b(listKeys|reference|resourceId)\s*\(/gi)) {
      const open = call.index + call[0].length - 1;
      const close = closingParen(raw, open);
      if (close < 0 || covered.some(([a, b]) => call.index >= a && call.index < b)) continue;
      const args = splitArguments(raw.slice(open + 1, close));
      const fn = call[1]!.toLowerCase();
      const cache = fn === 'resourceid' ? cacheOf(raw.slice(call.index, close + 1)) : cacheOf(args[0] ?? '');
      if (!cache || (fn === 'resourceid' && !/Microsoft\.Cache\/redis'/i.test(args[0] ?? ''))) continue;
      let end = close + 1;
      let property: CacheReference['property'] = fn === 'listkeys' ? 'keys' : 'other';
      const access = /^\.(\w+)/.exec(raw.slice(end));
      if (access && fn !== 'resourceid') {
        property = fn === 'listkeys' ? 'keys' : (PROPERTY_REFERENCES[access[1]!.toLowerCase()] ?? 'other');
        end += access[0].length;
      }
      covered.push([call.index, end]);
      const start = node.offset + 1 + call.index;
      found.push({ cache, reference: { property, span: { file, start, end: node.offset + 1 + end }, text: raw.slice(call.index, end) } });
    }
  }
  return found;
}

/** Index of the `)` closing the `(` at `open` in an ARM expression (`'…'` strings, `''` escapes), or -1. */
function closingParen(expression: string, open: number): number {
  let depth = 0;
  for (let i = open; i < expression.length; i++) {
    const c = expression[i];
    if (c === "'") {
      i++;
      while (i < expression.length && !(expression[i] === "'" && expression[i + 1] !== "'")) i += expression[i] === "'" ? 2 : 1;
    } else if (c === '(') {
      depth++;
    } else if (c === ')' && --depth === 0) {
      return i;
    }
  }
  return -1;
}

/** Top-level arguments of an ARM function call, trimmed. */
function splitArguments(inside: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < inside.length; i++) {
    const c = inside[i];
    if (c === "'") {
      i++;
      while (i < inside.length && !(inside[i] === "'" && inside[i + 1] !== "'")) i += inside[i] === "'" ? 2 : 1;
    } else if (c === '(' || c === '[') {
      depth++;
    } else if (c === ')' || c === ']') {
      depth--;
    } else if (c === ',' && depth === 0) {
      args.push(inside.slice(from, i).trim());
      from = i + 1;
    }
  }
  args.push(inside.slice(from).trim());
  return args;
}
