/**
 * A local HTTPS server that speaks the Azure Resource Manager paths the inventory uses, for integration and
 * end-to-end tests. Start it, point a client at `url` as a custom Resource Manager endpoint and trust `caCertPem`
 * (per client through `tlsOptions: { ca }`, or for a whole child process through NODE_EXTRA_CA_CERTS):
 *
 *   const server = await startArmServer({ scenario: 'fixtures', token: 'any-test-token' });
 *   // … inventory with AMR_MIGRATE_ACCESS_TOKEN=any-test-token against server.url …
 *   await server.stop();
 *
 * Scenarios (scenarios.ts): `fixtures` serves Azure's example payloads only (3 caches in 3 subscriptions);
 * `large` adds 1,200 generated caches with paging, a 403 subscription, 429s, a malformed answer and resource.
 */

import { createHash } from 'node:crypto';
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ArmSimulator } from './armSimulator';
import { createTestCertificates } from './certificates';
import type { ArmScenario, ArmScenarioName, ArmSubscription } from './scenarios';
import { scenarioByName } from './scenarios';

export interface ArmServerOptions {
  /** A named scenario or a custom one (default `fixtures`). */
  scenario?: ArmScenarioName | ArmScenario;
  /** The only bearer token accepted; other requests get 401. */
  token: string;
  /** Lists whose path matches `match` answer a `nextLink` on `origin` instead of this server (a hostile or broken ARM). */
  foreignNextLinks?: { origin: string; match: RegExp };
  /** Answers writes, long-running operations and the resources it holds (armSimulator.ts); the rest stays read-only. */
  simulator?: ArmSimulator;
}

export interface ArmServerStats {
  requests: number;
  /** 429 answers sent. */
  throttled: number;
  /** listKeys calls answered. */
  listKeys: number;
  /** Requests without the expected bearer token. */
  unauthorized: number;
  /** Most requests the server was answering at the same time. */
  peakInFlight: number;
  /** `User-Agent` of every request, to tell which SDK sent it. */
  userAgents: Set<string>;
}

export interface RunningArmServer {
  /** `https://127.0.0.1:PORT`. */
  url: string;
  caCertPem: string;
  stats: ArmServerStats;
  /** Access keys the server hands out, so tests can check they never leak. */
  keysOf(resourceId: string): { primaryKey: string; secondaryKey: string };
  stop(): Promise<void>;
}

type Json = Record<string, unknown>;

const lower = (text: string) => text.toLowerCase();

/** Answers JSON (or a body given as text) with its length. */
export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** ARM's error body. */
export function armError(code: string, message: string) {
  return { error: { code, message } };
}

export async function startArmServer(options: ArmServerOptions): Promise<RunningArmServer> {
  const scenario = typeof options.scenario === 'object' ? options.scenario : scenarioByName(options.scenario ?? 'fixtures');
  const certificates = createTestCertificates();
  const stats: ArmServerStats = { requests: 0, throttled: 0, listKeys: 0, unauthorized: 0, peakInFlight: 0, userAgents: new Set() };
  let inFlight = 0;
  const throttleCounts = new Map<number, number>();
  const subscriptions = new Map(scenario.subscriptions.map((s) => [lower(s.subscriptionId), s]));
  const redisById = new Map<string, Json>();
  const databasesByCluster = new Map<string, Json[]>();
  const databaseIds = new Set<string>();
  for (const subscription of scenario.subscriptions) {
    for (const cache of subscription.redis) redisById.set(lower(String(cache.id)), cache);
    for (const { cluster, databases } of subscription.clusters) {
      databasesByCluster.set(lower(String(cluster.id)), databases);
      for (const database of databases) databaseIds.add(lower(String(database.id)));
    }
  }
  const keysOf = (resourceId: string) => {
    const tag = createHash('sha256').update(lower(resourceId)).digest('hex').slice(0, 16);
    return { primaryKey: `pk-${tag}-secret`, secondaryKey: `sk-${tag}-secret` };
  };

  const page = (req: IncomingMessage, url: URL, items: unknown[]) => {
    const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
    const value = items.slice(skip, skip + scenario.pageSize);
    let nextLink: string | null = null;
    if (skip + scenario.pageSize < items.length) {
      const next = new URL(url.href);
      next.searchParams.set('$skiptoken', String(skip + scenario.pageSize));
      const foreign = options.foreignNextLinks?.match.test(url.pathname) ? options.foreignNextLinks.origin : undefined;
      nextLink = `${foreign ?? `https://${req.headers.host}`}${next.pathname}${next.search}`;
    }
    return { value, nextLink };
  };

  const route = (req: IncomingMessage, res: ServerResponse): void => {
    stats.requests++;
    inFlight++;
    stats.peakInFlight = Math.max(stats.peakInFlight, inFlight);
    res.once('close', () => inFlight--);
    stats.userAgents.add(String(req.headers['user-agent'] ?? ''));
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      stats.unauthorized++;
      return send(res, 401, armError('InvalidAuthenticationToken', 'The access token is invalid.'));
    }
    const url = new URL(req.url ?? '/', 'https://arm.invalid');
    const pathAndQuery = `${url.pathname}${url.search}`;
    for (const [index, fault] of scenario.faults.entries()) {
      if (!fault.match.test(pathAndQuery)) continue;
      if (fault.kind === 'stall') return;
      if (fault.kind === 'malformed') return send(res, 200, '<html><body>Service Unavailable</body></html>');
      const used = throttleCounts.get(index) ?? 0;
      if (used < fault.times) {
        throttleCounts.set(index, used + 1);
        stats.throttled++;
        return send(res, 429, armError('TooManyRequests', 'Rate limit exceeded.'), { 'retry-after': String(fault.retryAfterSeconds) });
      }
    }
    if (!url.searchParams.get('api-version')) return send(res, 400, armError('MissingApiVersionParameter', 'The api-version query parameter is required.'));
    if (options.simulator?.handles(req.method ?? 'GET', url.pathname.replace(/\/+$/, ''))) {
      options.simulator.serve(req, res, url).catch(() => res.destroy());
      return;
    }
    const path = lower(url.pathname).replace(/\/+$/, '');
    if (req.method === 'GET' && path === '/subscriptions') {
      const items = scenario.subscriptions.map((s) => ({
        id: `/subscriptions/${s.subscriptionId}`,
        subscriptionId: s.subscriptionId,
        displayName: s.displayName,
        state: 'Enabled',
        tenantId: '72f988bf-0000-4000-8000-000000000000',
      }));
      return send(res, 200, page(req, url, items));
    }
    const subscriptionMatch = /^\/subscriptions\/([^/]+)(\/.*)?$/.exec(path);
    const subscription: ArmSubscription | undefined = subscriptionMatch ? subscriptions.get(subscriptionMatch[1]) : undefined;
    if (!subscription) return send(res, 404, armError('SubscriptionNotFound', `The subscription could not be found.`));
    if (subscription.forbidden) {
      return send(res, 403, armError('AuthorizationFailed', `The client does not have authorization to perform action 'Microsoft.Cache/redis/read' over scope '/subscriptions/${subscription.subscriptionId}'.`));
    }
    const rest = subscriptionMatch?.[2] ?? '';
    if (req.method === 'GET' && rest === '/providers/microsoft.cache/redis') return send(res, 200, page(req, url, subscription.redis));
    if (req.method === 'GET' && rest === '/providers/microsoft.cache/redisenterprise') {
      const created = options.simulator?.createdClusters(subscription.subscriptionId) ?? [];
      return send(res, 200, page(req, url, [...subscription.clusters.map((c) => c.cluster), ...created]));
    }
    const child = /^(.*)\/(databases|firewallrules|listkeys)$/.exec(path);
    if (child && req.method === 'GET' && child[2] === 'databases' && databasesByCluster.has(child[1])) {
      return send(res, 200, page(req, url, databasesByCluster.get(child[1]) ?? []));
    }
    if (child && req.method === 'GET' && child[2] === 'firewallrules' && redisById.has(child[1])) {
      const count = subscription.firewallRules.get(child[1]) ?? 0;
      const rules = Array.from({ length: count }, (_, i) => ({
        id: `${redisById.get(child[1])?.id}/firewallRules/rule${i}`,
        name: `rule${i}`,
        type: 'Microsoft.Cache/Redis/firewallRules',
        properties: { startIP: `10.0.${i}.1`, endIP: `10.0.${i}.255` },
      }));
      return send(res, 200, page(req, url, rules));
    }
    if (child && req.method === 'POST' && child[2] === 'listkeys' && (redisById.has(child[1]) || databaseIds.has(child[1]))) {
      stats.listKeys++;
      return send(res, 200, keysOf(child[1]));
    }
    return send(res, 404, armError('ResourceNotFound', `The resource '${url.pathname}' was not found.`));
  };

  const listening = await listenLocally(createServer({ cert: certificates.serverCertPem, key: certificates.serverKeyPem }, route));
  return { ...listening, caCertPem: certificates.caCertPem, stats, keysOf };
}

/** Listens on a free port of 127.0.0.1; `stop` drops open connections so that tests end promptly. */
async function listenLocally(server: Server): Promise<{ url: string; stop(): Promise<void> }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RecordingServer {
  /** `https://127.0.0.1:PORT`, trusted through `caCertPem`. */
  url: string;
  caCertPem: string;
  /** The `Authorization` header of every request received (undefined when absent). */
  authorizations: (string | undefined)[];
  stop(): Promise<void>;
}

/** An HTTPS server that answers every request with an empty ARM list and records what credentials reached it. */
export async function startRecordingServer(): Promise<RecordingServer> {
  const certificates = createTestCertificates();
  const authorizations: (string | undefined)[] = [];
  const server = createServer({ cert: certificates.serverCertPem, key: certificates.serverKeyPem }, (req, res) => {
    authorizations.push(req.headers.authorization);
    send(res, 200, { value: [], nextLink: null });
  });
  return { ...(await listenLocally(server)), caCertPem: certificates.caCertPem, authorizations };
}
