import {
  emptyEvidence,
  type CacheReference,
  type CacheResourceEvidence,
  type CacheSetting,
  type FileEvidence,
  type IacValue,
} from '../../../evidence/evidence';
import { addConfigurationEntry, connectionTextIn, indentAt, newlineOf, privateLinksIn, wholeLines } from '../iacText';
import { ARM_CACHE_PROPERTIES, classifyCacheType, isAvmCacheModule, withResources } from '../cacheTypes';
import { bodyObject, expressionsIn, parseBicep, propertyOf, type Expression, type ResourceDeclaration, type Statement } from './bicepSyntax';

type ObjectExpression = Extract<Expression, { kind: 'object' }>;

/** Parameters of the AVM `avm/res/cache/redis` module by setting. */
const MODULE_PARAMETERS: ReadonlyArray<[string, CacheSetting]> = [
  ['name', 'name'],
  ['location', 'location'],
  ['skuName', 'skuName'],
  ['capacity', 'skuCapacity'],
  ['shardCount', 'shardCount'],
  ['replicasPerPrimary', 'replicas'],
  ['enableNonSslPort', 'nonTlsPort'],
  ['subnetResourceId', 'subnetId'],
  ['zones', 'zones'],
  ['tags', 'tags'],
  ['publicNetworkAccess', 'publicNetworkAccess'],
  ['redisVersion', 'redisVersion'],
  ['minimumTlsVersion', 'minimumTlsVersion'],
  ['disableAccessKeyAuthentication', 'accessKeys'],
];
/** Properties kept as written when the resource is converted (they do not depend on the resource type). */
const KEPT_PROPERTIES = ['dependsOn', 'scope'];

/** Bicep files: cache resources and the references to them, plus the connection text written in strings. */
export function analyzeBicep(file: string, text: string): FileEvidence {
  const evidence = emptyEvidence(file);
  const { endpoints, keyspace } = connectionTextIn(file, text);
  evidence.endpoints.push(...endpoints);
  evidence.keyspace.push(...keyspace);
  evidence.privateLinks = privateLinksIn(file, text);
  const parsed = parseBicep(text);
  const constants = constantsOf(parsed.statements);
  const value = (expression: Expression | undefined): IacValue | undefined =>
    expression && { text: text.slice(expression.start, expression.end), span: { file, start: expression.start, end: expression.end }, literal: literalOf(expression, constants) };

  const resources: CacheResourceEvidence[] = [];
  const visit = (declaration: ResourceDeclaration, parentType: string | undefined, parentSymbol: string | undefined) => {
    const body = bodyObject(declaration.value);
    const skuName = literalOf(propertyOf(objectOf(propertyOf(body, 'sku')?.value), 'name')?.value, constants);
    const classified = classifyCacheType(declaration.type, parentType, skuName);
    if (classified) {
      const resource = newResource(file, text, declaration, classified);
      resource.existing = declaration.existing || undefined;
      resource.parent = parentSymbol ?? parentOf(body);
      readSettings(resource, body, value);
      resources.push(resource);
    }
    for (const nested of body?.resources ?? []) visit(nested, classified?.fullType ?? declaration.type.split('@')[0], declaration.name);
  };
  for (const statement of parsed.statements) {
    if (statement.kind === 'resource') visit(statement, undefined, undefined);
    if (statement.kind === 'module' && isAvmCacheModule(statement.path)) resources.push(moduleResource(file, text, statement, value));
  }

  const caches = new Map(resources.filter((r) => r.role === 'cache' || r.role === 'module').map((r) => [r.symbol, r]));
  // Keys read from an Azure Managed Redis database are access keys still: the access-key rule judges them too.
  const databases = new Set(parsed.statements.filter((s) => s.kind === 'resource' && /^Microsoft\.Cache\/redisEnterprise\/databases@/i.test(s.type)).map((s) => (s as ResourceDeclaration).name));
  for (const statement of parsed.statements) {
    for (const root of statementExpressions(statement)) {
      for (const expression of expressionsIn(root)) {
        const reference = referenceOf(expression, caches, text, file);
        if (reference) caches.get(reference.symbol)!.references.push(reference.reference);
        const database = expression.kind === 'call' && expression.callee.kind === 'member' && expression.callee.name === 'listKeys' ? rootSymbol(expression.callee.object) : undefined;
        if (database && databases.has(database)) evidence.credentials.push({ at: { file, start: expression.start, end: expression.end }, source: 'listKeys() of the database' });
      }
    }
  }
  return withResources(evidence, resources);
}

type ModuleStatement = Extract<Statement, { kind: 'module' }>;

function newResource(file: string, text: string, declaration: ResourceDeclaration | ModuleStatement, classified: { fullType: string; role: CacheResourceEvidence['role'] }): CacheResourceEvidence {
  const body = bodyObject(declaration.value);
  const value = declaration.value;
  const keep: CacheResourceEvidence['keep'] = { lines: [] };
  if (body && value && value !== body) {
    keep.prefix = text.slice(value.start, body.start);
    keep.suffix = text.slice(body.end, value.end);
    if (value.kind === 'for') keep.loopIndex = value.index;
  }
  for (const name of KEPT_PROPERTIES) {
    const property = propertyOf(body, name);
    if (property) keep.lines.push(text.slice(property.start, property.end));
  }
  const typeRange = declaration.kind === 'module' ? declaration.pathRange : declaration.typeRange;
  return {
    language: 'bicep',
    role: classified.role,
    type: declaration.kind === 'module' ? declaration.path : declaration.type.includes('/') ? declaration.type : classified.fullType,
    typeSpan: { file, start: typeRange.start, end: typeRange.end },
    symbol: declaration.name,
    at: { file, start: declaration.keywordStart, end: declaration.end },
    text: text.slice(declaration.keywordStart, declaration.end),
    removal: wholeLines(file, text, declaration.start, declaration.end),
    indent: indentAt(text, declaration.keywordStart),
    newline: newlineOf(text),
    settings: {},
    otherSettings: [],
    keep,
    references: [],
  };
}

function moduleResource(file: string, text: string, statement: ModuleStatement, value: (e: Expression | undefined) => IacValue | undefined): CacheResourceEvidence {
  const resource = newResource(file, text, statement, { fullType: statement.path, role: 'module' });
  const parameters = objectOf(propertyOf(bodyObject(statement.value), 'params')?.value);
  for (const [name, setting] of MODULE_PARAMETERS) {
    const found = value(propertyOf(parameters, name)?.value);
    if (found) resource.settings[setting] = found;
  }
  const keys = resource.settings.accessKeys;
  if (keys) resource.settings.accessKeys = { ...keys, literal: typeof keys.literal === 'boolean' ? !keys.literal : undefined };
  const configuration = objectOf(propertyOf(parameters, 'redisConfiguration')?.value);
  for (const entry of configuration?.properties ?? []) addConfigurationEntry(resource, entry.key, value(entry.value)!);
  // What the conversion does not map is named, never dropped silently.
  const mapped = new Set([...MODULE_PARAMETERS.map(([name]) => name), 'redisConfiguration']);
  for (const property of parameters?.properties ?? []) if (!mapped.has(property.key)) resource.otherSettings.push(`module parameter ${property.key}`);
  if (!parameters && propertyOf(bodyObject(statement.value), 'params')) resource.notConvertible = 'its parameters are computed';
  if (propertyOf(bodyObject(statement.value), 'scope')) resource.notConvertible = 'it deploys to another scope, where a resource of this file cannot go';
  return resource;
}

function readSettings(resource: CacheResourceEvidence, body: ObjectExpression | undefined, value: (e: Expression | undefined) => IacValue | undefined): void {
  const set = (setting: CacheSetting, expression: Expression | undefined) => {
    const found = value(expression);
    if (found) resource.settings[setting] = found;
  };
  for (const name of ['name', 'location', 'tags', 'identity', 'zones'] as const) set(name, propertyOf(body, name)?.value);
  const properties = objectOf(propertyOf(body, 'properties')?.value);
  set('properties', properties);
  // `Microsoft.Cache/redis` has its SKU under `properties`, `Microsoft.Cache/redisEnterprise` at the top.
  const sku = objectOf(propertyOf(properties, 'sku')?.value) ?? objectOf(propertyOf(body, 'sku')?.value);
  set('sku', sku);
  set('skuName', propertyOf(sku, 'name')?.value);
  set('objectId', propertyOf(properties, 'objectId')?.value);
  set('accessPolicy', propertyOf(properties, 'accessPolicyName')?.value);
  set('skuFamily', propertyOf(sku, 'family')?.value);
  set('skuCapacity', propertyOf(sku, 'capacity')?.value);
  for (const [name, setting] of ARM_CACHE_PROPERTIES) set(setting, propertyOf(properties, name)?.value);
  const disableKeys = value(propertyOf(properties, 'disableAccessKeyAuthentication')?.value);
  if (disableKeys) resource.settings.accessKeys = { ...disableKeys, literal: typeof disableKeys.literal === 'boolean' ? !disableKeys.literal : undefined };
  const configuration = objectOf(propertyOf(properties, 'redisConfiguration')?.value);
  for (const entry of configuration?.properties ?? []) addConfigurationEntry(resource, entry.key, value(entry.value)!);
  if (configuration && configuration.properties.length === 0 && propertyOf(properties, 'redisConfiguration')) resource.otherSettings.push('redisConfiguration (computed)');
}

function objectOf(expression: Expression | undefined): ObjectExpression | undefined {
  return expression?.kind === 'object' ? expression : undefined;
}

function parentOf(body: ObjectExpression | undefined): string | undefined {
  const parent = propertyOf(body, 'parent')?.value;
  return parent?.kind === 'identifier' ? parent.name : undefined;
}

/** Literal values of parameters (their defaults) and variables, for settings written through them. */
function constantsOf(statements: readonly Statement[]): Map<string, string | number | boolean> {
  const constants = new Map<string, string | number | boolean>();
  for (const statement of statements) {
    const expression = statement.kind === 'param' ? statement.defaultValue : statement.kind === 'var' ? statement.value : undefined;
    if (statement.kind !== 'param' && statement.kind !== 'var') continue;
    const literal = literalOf(expression, constants);
    if (literal !== undefined) constants.set(statement.name, literal);
  }
  return constants;
}

function literalOf(expression: Expression | undefined, constants: ReadonlyMap<string, string | number | boolean>): string | number | boolean | undefined {
  switch (expression?.kind) {
    case 'string':
      return expression.expressions.length === 0 ? expression.parts.join('') : undefined;
    case 'number':
    case 'boolean':
      return expression.value;
    case 'identifier':
      return constants.get(expression.name);
    default:
      return undefined;
  }
}

function statementExpressions(statement: Statement): Expression[] {
  const roots = [...statement.decorators];
  if (statement.kind === 'param') roots.push(...(statement.defaultValue ? [statement.defaultValue] : []));
  else if (statement.kind !== 'other' && statement.value) roots.push(statement.value);
  return roots;
}

/** The symbol at the root of `redis.x` or `redis[i].x`. */
function rootSymbol(expression: Expression): string | undefined {
  if (expression.kind === 'identifier') return expression.name;
  if (expression.kind === 'index' && expression.object.kind === 'identifier') return expression.object.name;
  return undefined;
}

const PROPERTY_REFERENCES: Readonly<Record<string, CacheReference['property']>> = { hostname: 'hostName', sslport: 'sslPort', port: 'port' };

const OUTPUT_REFERENCES: Readonly<Record<string, CacheReference['property']>> = { hostName: 'hostName', sslPort: 'sslPort', port: 'port' };

/**
 * `redis.properties.hostName|sslPort|port` and `redis.listKeys()` (with `.primaryKey` after it); of an AVM module,
 * `redis.outputs.<name>`.
 */
function referenceOf(expression: Expression, caches: ReadonlyMap<string, CacheResourceEvidence>, text: string, file: string): { symbol: string; reference: CacheReference } | undefined {
  let symbol: string | undefined;
  let property: CacheReference['property'] | undefined;
  if (expression.kind === 'member' && expression.object.kind === 'member' && expression.object.name === 'properties') {
    symbol = rootSymbol(expression.object.object);
    property = PROPERTY_REFERENCES[expression.name.toLowerCase()];
  } else if (expression.kind === 'member' && expression.object.kind === 'member' && expression.object.name === 'outputs') {
    symbol = rootSymbol(expression.object.object);
    property = OUTPUT_REFERENCES[expression.name] ?? 'other';
  } else if (expression.kind === 'call' && expression.callee.kind === 'member' && expression.callee.name === 'listKeys') {
    symbol = rootSymbol(expression.callee.object);
    property = 'keys';
  }
  if (!symbol || !property || !caches.has(symbol)) return undefined;
  return { symbol, reference: { property, span: { file, start: expression.start, end: expression.end }, text: text.slice(expression.start, expression.end) } };
}
