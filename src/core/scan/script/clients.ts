import type { ts } from 'ts-morph';
import { isCallExpression, isIdentifier, isNewExpression, isPropertyAccessExpression, isStringLiteralLike } from './compilerApi';
import { classifyHostName } from '../../evidence/hosts';
import { hostRef, parseConnectionString, parseRedisUrl } from '../connectionText';
import { writtenInOnePlace, type ComposedString } from '../sourcedString';
import { isEntraToken } from '../entraToken';
import { UNKNOWN_CHAR, type Endpoint, type HostRef } from '../../evidence/evidence';
import { spanOfNode, type Evaluator, type Value } from './evaluate';
import type { ParsedScript } from './project';

/**
 * Recognises node-redis (v3–v5) and ioredis client constructions and reads where they connect:
 * positional `(port, host, options)`, URLs and option objects (`url`, `host`, `port`, `socket`, `tls`,
 * `password`/`auth_pass`, `database`/`db`), `createCluster` root nodes and `Redis.Cluster` startup nodes.
 */

const NODE_REDIS_MODULES = new Set(['redis', '@redis/client']);
const IOREDIS_MODULES = new Set(['ioredis', 'iovalkey']);

export type ClientKind = 'single' | 'cluster';

/** Whether `call` creates a Redis client, and which kind. */
export function clientKindOf(node: ts.CallExpression | ts.NewExpression, script: ParsedScript): ClientKind | undefined {
  const callee = node.expression;
  const importOf = (identifier: ts.Expression) =>
    isIdentifier(identifier) ? script.imports.get(identifier.text) : undefined;
  if (isCallExpression(node)) {
    const name = isIdentifier(callee) ? importOf(callee) : undefined;
    if (name && NODE_REDIS_MODULES.has(name.module)) return factoryKind(name.name);
    if (isPropertyAccessExpression(callee)) {
      const namespace = importOf(callee.expression);
      if (namespace && NODE_REDIS_MODULES.has(namespace.module)) return factoryKind(callee.name.text);
    }
    return undefined;
  }
  if (isIdentifier(callee)) {
    const imported = importOf(callee);
    if (imported && IOREDIS_MODULES.has(imported.module)) {
      if (imported.name === 'Cluster') return 'cluster';
      if (imported.name === 'default' || imported.name === 'Redis' || imported.name === '*') return 'single';
      return undefined;
    }
    return !imported && (callee.text === 'Redis' || callee.text === 'IORedis') ? 'single' : undefined;
  }
  if (isPropertyAccessExpression(callee) && callee.name.text === 'Cluster') {
    const imported = importOf(callee.expression);
    if (imported) return IOREDIS_MODULES.has(imported.module) ? 'cluster' : undefined;
    return isIdentifier(callee.expression) && ['Redis', 'IORedis'].includes(callee.expression.text) ? 'cluster' : undefined;
  }
  return undefined;
}

function factoryKind(name: string): ClientKind | undefined {
  if (name === 'createClient') return 'single';
  if (name === 'createCluster') return 'cluster';
  return undefined;
}

/** Reads connection settings from evaluated values into an endpoint. */
class EndpointReader {
  constructor(private readonly evaluator: Evaluator) {}

  host(value: Value): HostRef {
    if (value.kind === 'nothing') return { kind: 'absent' };
    if (value.kind !== 'string') return { kind: 'unknown' };
    return hostRef(value.value, value.value.text, 0);
  }

  number(value: Value): { value: number; span: Endpoint['at'] } | undefined {
    if (value.kind === 'number' && value.span) return { value: value.value, span: value.span };
    if (value.kind === 'string' && /^\d+$/.test(value.value.text)) {
      const span = value.value.spanOf(0, value.value.text.length);
      if (span) return { value: Number(value.value.text), span };
    }
    return undefined;
  }

  url(endpoint: Endpoint, value: Value): void {
    const text = this.evaluator.asString(value);
    const scheme = /^\s*rediss?:\/\//i.exec(text.text);
    if (!scheme) {
      endpoint.host = { kind: 'unknown' };
      return;
    }
    const start = scheme[0].length - scheme[0].trimStart().length;
    const parsed = parseRedisUrl(text, start, text.text.length, endpoint.at);
    endpoint.host = parsed.host;
    for (const key of ['port', 'scheme', 'password', 'database'] as const) {
      if (parsed[key] !== undefined) Object.assign(endpoint, { [key]: parsed[key] });
    }
  }

  options(endpoint: Endpoint, options: Value): void {
    if (options.kind !== 'object') return;
    const member = (target: Value, name: string) => this.evaluator.member(target, name);
    const url = member(options, 'url');
    if (url) this.url(endpoint, url.value);
    const socket = member(options, 'socket')?.value;
    for (const source of socket ? [options, socket] : [options]) {
      const host = member(source, 'host');
      if (host) endpoint.host = this.host(host.value);
      const port = member(source, 'port');
      const portNumber = port && this.number(port.value);
      if (portNumber) endpoint.port = portNumber;
      const tls = member(source, 'tls');
      if (tls && tls.value.kind === 'boolean') {
        endpoint.tls = { value: tls.value.value, span: tls.value.span, enableText: 'true' };
      } else if (tls && (tls.value.kind === 'object' || tls.value.kind === 'unknown')) {
        endpoint.tls = { value: true, span: undefined, enableText: 'true' };
      }
    }
    // `auth_pass` is the node-redis v2/v3 name of the password option.
    const password = member(options, 'password') ?? member(options, 'auth_pass');
    if (password && password.value.kind !== 'nothing' && !(password.value.kind === 'string' && password.value.value.text === '') &&
      !isEntraToken(password.node.getText(password.script.source))) {
      endpoint.password = spanOfNode(password.node, password.script);
      const literal = password.value.kind === 'string' ? writtenInOnePlace(password.value.value) : undefined;
      // A key in a configuration module another file reads is reported in that module, where the key is written.
      if (literal && literal.file !== endpoint.password.file) endpoint.keyLiteral = literal;
    }
    const database = member(options, 'database') ?? member(options, 'db');
    const databaseNumber = database && this.number(database.value);
    if (databaseNumber) endpoint.database = databaseNumber;
  }

  /** A `host:port` cluster node. */
  hostAndPort(endpoint: Endpoint, text: ComposedString): void {
    const [parsed] = parseConnectionString(text, 0, text.text.length, endpoint.at);
    if (!parsed) return;
    endpoint.host = parsed.host;
    if (parsed.port) endpoint.port = parsed.port;
  }

  /** `(port, host, options)`, `(port, options)`, `(url, options)`, `(options)` — node-redis v3 and ioredis. */
  positional(endpoint: Endpoint, args: readonly Value[]): void {
    const [first, second] = args;
    let next = 0;
    const port = first && this.number(first);
    if (port) {
      endpoint.port = port;
      next = 1;
      // A host held in a variable the scanner cannot read (`createClient(6380, process.env.HOST)`) is still a host.
      if (second && second.kind !== 'object') {
        endpoint.host = this.host(second);
        next = 2;
      }
    } else if (first && first.kind === 'unknown' && second && second.kind !== 'object' && second.kind !== 'nothing') {
      // `createClient(process.env.PORT, host, options)`: a port the scan cannot read, then the host.
      endpoint.host = this.host(second);
      next = 2;
    } else if (first && first.kind !== 'object') {
      if (first.kind === 'string' && !/:\/\//.test(first.value.text) && !first.value.text.includes(UNKNOWN_CHAR)) {
        return; // a Unix socket path
      }
      this.url(endpoint, first);
      next = 1;
    }
    const options = args[next];
    if (options) this.options(endpoint, options);
  }
}

/** The endpoints a client construction connects to. */
export function clientEndpoints(
  node: ts.CallExpression | ts.NewExpression,
  kind: ClientKind,
  script: ParsedScript,
  evaluator: Evaluator,
): Endpoint[] {
  const at = spanOfNode(node.expression, script);
  const source = `${isNewExpression(node) ? 'new ' : ''}${node.expression.getText(script.source)}(…)`;
  const reader = new EndpointReader(evaluator);
  const args = (node.arguments ?? []).map((argument) => evaluator.value(argument, script));
  const fresh = (): Endpoint => ({ at, client: kind, source, host: { kind: 'absent' } });
  if (kind === 'single') {
    const endpoint = fresh();
    reader.positional(endpoint, args);
    return [endpoint];
  }
  const isNodeRedis = isCallExpression(node);
  const nodes = isNodeRedis ? (args[0] && evaluator.member(args[0], 'rootNodes')?.value) : args[0];
  const shared = isNodeRedis ? (args[0] && evaluator.member(args[0], 'defaults')?.value) : (args[1] && evaluator.member(args[1], 'redisOptions')?.value);
  const elements = nodes && evaluator.elements(nodes);
  if (!elements || elements.length === 0) {
    const endpoint = fresh();
    endpoint.host = { kind: 'unknown' };
    if (shared) reader.options(endpoint, shared);
    return [endpoint];
  }
  const defaults = fresh();
  if (shared) reader.options(defaults, shared);
  return elements.map((element) => {
    const endpoint = fresh();
    const value = evaluator.value(element.node, element.script);
    if (value.kind === 'object') reader.options(endpoint, value);
    else if (value.kind === 'string' && !value.value.text.includes('://')) reader.hostAndPort(endpoint, value.value);
    else reader.positional(endpoint, [value]);
    if (!endpoint.password && defaults.password) {
      endpoint.password = defaults.password;
      if (defaults.keyLiteral) endpoint.keyLiteral = defaults.keyLiteral;
    }
    endpoint.tls ??= defaults.tls;
    endpoint.database ??= defaults.database;
    return endpoint;
  });
}

/** Property names that make an object literal worth reading as Redis connection options. */
const CONNECTION_PROPERTY = /^(host|port|password|auth_pass)$/;
/** Names (variables, properties, functions, env vars, modules) that tie an object or a password to Redis. */
const REDIS_CONTEXT = /redis|valkey|cache|bull|keyv/i;
const LEGACY_TLS_PORT = 6380;

/** Whether an object literal names a host, port or password: a cheap test made on every object of the walk. */
export function mayBeConnectionOptions(node: ts.ObjectLiteralExpression): boolean {
  return node.properties.some((property) => {
    const name = property.name;
    return name !== undefined && (isIdentifier(name) || isStringLiteralLike(name)) && CONNECTION_PROPERTY.test(name.text);
  });
}

/** The names around an object: the variable, property or function it is declared in, up to the statement. */
function contextNames(node: ts.Node, script: ParsedScript): string {
  const names: string[] = [];
  for (let at: ts.Node | undefined = node.parent; at && at !== script.source; at = at.parent) {
    const name = (at as { name?: ts.Node }).name;
    if (name && isIdentifier(name)) names.push(name.text);
    if (isCallExpression(at)) names.push(at.expression.getText(script.source).slice(0, 80));
  }
  return names.join(' ');
}

/**
 * Connection options that never reach a client construction in this file: the object handed to BullMQ's
 * `connection`, connect-redis, cache-manager or Keyv stores, a factory's return value or a DI container. An object
 * counts when it has the shape of Redis options (host, port, password) and an Azure host, port 6380, or a password
 * tied to Redis by a name around it (a DB or SMTP password is not).
 */
export function optionsEndpoint(node: ts.ObjectLiteralExpression, script: ParsedScript, evaluator: Evaluator): Endpoint | undefined {
  const at = spanOfNode(node, script);
  const endpoint: Endpoint = { at, source: 'connection options', host: { kind: 'absent' } };
  const options: Value = { kind: 'object', node, script };
  new EndpointReader(evaluator).options(endpoint, options);
  const host = endpoint.host.kind === 'known' ? classifyHostName(endpoint.host.value) : endpoint.host.kind;
  if (host === 'absent' || host === 'local' || host === 'other') return undefined;
  if (host === 'legacy' || host === 'amr' || endpoint.port?.value === LEGACY_TLS_PORT) return endpoint;
  if (!endpoint.password) return undefined;
  const password = evaluator.member(options, 'password') ?? evaluator.member(options, 'auth_pass');
  const passwordText = password ? password.node.getText(password.script.source) : '';
  const tiedToRedis = REDIS_CONTEXT.test(passwordText) || REDIS_CONTEXT.test(contextNames(node, script)) ||
    [...script.imports.values()].some((imported) => REDIS_CONTEXT.test(imported.module));
  return tiedToRedis ? endpoint : undefined;
}
