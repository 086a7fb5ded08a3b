/**
 * The stateful part of the local ARM server: what amr-migrate writes. A PUT creates a resource that later GETs
 * return; creating, migrating, rolling back and unlinking are long-running operations answered with
 * `Azure-AsyncOperation`, `Location` and `Retry-After`, which move on each time they are polled; the migration goes
 * Accepted → InProgress → ReadyForDnsSwitch → Succeeded (or Failed), a rollback Cancelling → Cancelled, an unlink
 * Unlinking → Unlinked.
 * Validate answers Azure's example payload. Faults inject 403, 409, 429 and failed operations on chosen requests.
 */

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadArmFixture } from './armFixtures';
import { armError, send } from './armServer';

type Json = Record<string, any>;

export type SimulatorFault =
  /** Answers `status` (403, 409, 429, 500…) to the first `times` requests (default: all) whose method and path match. */
  | { kind: 'status'; method?: string; match: RegExp; status: number; times?: number; code?: string; message?: string; retryAfterSeconds?: number }
  /** The long-running operation started by a matching request ends Failed with this Azure error. */
  | { kind: 'fail-operation'; method?: string; match: RegExp; code: string; message: string };

export interface SimulatorOptions {
  /** Polls an operation answers before it ends (default 2: one InProgress answer, then the end). */
  pollsPerOperation?: number;
  /** `Retry-After` sent with every long-running answer (default 0: tests poll at once). */
  retryAfterSeconds?: number;
  faults?: SimulatorFault[];
  /** The validate answer for a source; default: Azure's example warnings, valid. */
  validation?: (sourceId: string, targetId: string) => Json;
  /** How long after success a rollback stays possible (default 30 days, as the PowerShell example shows). */
  rollbackWindowMs?: number;
  /**
   * The states a migration passes through after Accepted, one per poll, before it ends (default InProgress, then
   * ReadyForDnsSwitch). Azure's own spellings and states this client does not know can be played back this way.
   */
  migrationStates?: string[];
}

export interface SimulatorRequest {
  method: string;
  path: string;
  apiVersion: string | null;
  body?: unknown;
}

interface Operation {
  id: string;
  location: string;
  polls: number;
  status: 'InProgress' | 'Succeeded' | 'Failed';
  startTime: string;
  endTime?: string;
  error?: { code: string; message: string };
  /** Applied as the operation moves on, one per poll from the first; the operation ends on the poll after the last. */
  steps?: (() => void)[];
  finish: (failed: boolean) => void;
}

const lower = (text: string) => text.toLowerCase();
/** What the simulator says a migration is doing in each state before its end, as `statusDetails`. */
const MIGRATION_DETAILS: Record<string, string> = {
  InProgress: 'Checking both caches and preparing the target',
  ReadyForDnsSwitch: 'Switching the DNS record of the source host name',
};
const isoNow = () => new Date().toISOString();

/** Azure's example validate answer: a TLS error and two warnings; valid when the error is left out. */
export function exampleValidation(withErrors: boolean): Json {
  const body = loadArmFixture('redisenterprise/2026-02-01-preview/RedisEnterpriseMigrationValidate.json').body as Json;
  return withErrors ? body : { ...body, isValid: true, errors: [] };
}

export class ArmSimulator {
  /** Every request it answered, in order, bodies included: tests check what was (and was not) sent. */
  readonly requests: SimulatorRequest[] = [];
  private readonly resources = new Map<string, Json>();
  private readonly operations = new Map<string, Operation>();
  private readonly faultUses = new Map<number, number>();
  /** Keys of the resources PUT created. */
  private readonly created = new Set<string>();
  /** The operation that moves each resource (by its lower-case id) along: time passes for those who look. */
  private readonly resourceOperation = new Map<string, string>();

  constructor(
    seed: Json[],
    private readonly options: SimulatorOptions = {},
  ) {
    for (const resource of seed) this.resources.set(lower(String(resource.id)), resource);
  }

  /** Clusters created by PUT in a subscription, for the inventory's list. */
  createdClusters(subscriptionId: string): Json[] {
    const prefix = `/subscriptions/${lower(subscriptionId)}/`;
    return [...this.created].filter((key) => key.startsWith(prefix) && /\/redisenterprise\/[^/]+$/.test(key)).map((key) => this.resources.get(key)!);
  }

  /** The stored resource (a copy), for assertions. */
  resource(id: string): Json | undefined {
    const found = this.resources.get(lower(id));
    return found && JSON.parse(JSON.stringify(found));
  }

  /** Sets fields of a stored resource's properties, e.g. to age a migration's rollback window. */
  patchProperties(id: string, properties: Json): void {
    const found = this.resources.get(lower(id));
    if (!found) throw new Error(`no resource ${id}`);
    Object.assign(found.properties, properties);
  }

  /** Whether the simulator answers this request (everything else is the inventory's read-only server). */
  handles(method: string, path: string): boolean {
    const p = lower(path);
    if (method !== 'GET') return true;
    if (/\/providers\/microsoft\.cache\/locations\/[^/]+\/(operationsstatus|operationresults)\//.test(p)) return true;
    return this.resources.has(p) || (p.endsWith('/databases') && this.resources.has(p.slice(0, -'/databases'.length)));
  }

  async serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const text = await readBody(req);
    let body: unknown;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        return send(res, 400, armError('InvalidRequestContent', 'The request content is not valid JSON.'));
      }
    }
    this.requests.push({ method, path: url.pathname, apiVersion: url.searchParams.get('api-version'), ...(body === undefined ? {} : { body }) });
    const fault = this.statusFault(method, url.pathname);
    if (fault) {
      const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
      return send(res, fault.status, armError(fault.code ?? defaultCode(fault.status), fault.message ?? defaultMessage(fault.status, method, url.pathname)), headers);
    }
    const host = `https://${req.headers.host}`;
    const path = url.pathname.replace(/\/+$/, '');
    const p = lower(path);
    const opMatch = /^\/subscriptions\/[^/]+\/providers\/microsoft\.cache\/locations\/[^/]+\/(operationsstatus|operationresults)\/([^/]+)$/.exec(p);
    if (method === 'GET' && opMatch) return this.serveOperation(res, opMatch[1] === 'operationresults', opMatch[2]);
    if (method === 'GET') return this.serveGet(res, path);
    if (method === 'PUT') return this.servePut(res, host, path, url, body);
    if (method === 'POST') return this.servePost(res, host, path, url, body);
    if (method === 'PATCH') return this.servePatch(res, host, path, body);
    return send(res, 405, armError('MethodNotAllowed', `${method} is not supported here.`));
  }

  private statusFault(method: string, path: string): Extract<SimulatorFault, { kind: 'status' }> | undefined {
    for (const [index, fault] of (this.options.faults ?? []).entries()) {
      if (fault.kind !== 'status' || (fault.method && fault.method !== method) || !fault.match.test(path)) continue;
      const used = this.faultUses.get(index) ?? 0;
      if (fault.times !== undefined && used >= fault.times) continue;
      this.faultUses.set(index, used + 1);
      return fault;
    }
    return undefined;
  }

  private operationFault(method: string, path: string): { code: string; message: string } | undefined {
    const fault = (this.options.faults ?? []).find((f) => f.kind === 'fail-operation' && (!f.method || f.method === method) && f.match.test(path));
    return fault?.kind === 'fail-operation' ? { code: fault.code, message: fault.message } : undefined;
  }

  private serveGet(res: ServerResponse, path: string): void {
    const p = lower(path);
    this.advance(p);
    if (p.endsWith('/databases') && !this.resources.has(p)) {
      const prefix = `${p}/`;
      const value = [...this.resources.entries()].filter(([key]) => key.startsWith(prefix) && !key.slice(prefix.length).includes('/')).map(([, r]) => r);
      return send(res, 200, { value, nextLink: null });
    }
    const found = this.resources.get(p);
    return found ? send(res, 200, found) : send(res, 404, armError('ResourceNotFound', `The Resource '${path}' was not found.`));
  }

  /** Reading a resource moves its operation on, so `status` alone sees every state of a migration. */
  private advance(p: string): void {
    const operationId = this.resourceOperation.get(p);
    const operation = operationId ? this.operations.get(operationId) : undefined;
    if (operation && operation.status === 'InProgress') this.tick(operation);
  }

  private serveOperation(res: ServerResponse, results: boolean, id: string): void {
    const operation = this.operations.get(id);
    if (!operation) return send(res, 404, armError('OperationNotFound', `No operation ${id}.`));
    if (operation.status === 'InProgress') this.tick(operation);
    const retry = { 'retry-after': String(this.options.retryAfterSeconds ?? 0) };
    if (results) return operation.status === 'InProgress' ? send(res, 202, '', { ...retry, location: operation.location }) : send(res, 200, {});
    const document: Json = { id: operation.location, name: id, status: operation.status, startTime: operation.startTime };
    if (operation.endTime) document.endTime = operation.endTime;
    if (operation.error) document.error = operation.error;
    return send(res, 200, document, operation.status === 'InProgress' ? retry : {});
  }

  private tick(operation: Operation): void {
    operation.polls++;
    const steps = operation.steps ?? [];
    steps[operation.polls - 1]?.();
    if (operation.polls >= Math.max(this.options.pollsPerOperation ?? 2, steps.length + 1)) {
      const failed = operation.error !== undefined;
      operation.status = failed ? 'Failed' : 'Succeeded';
      operation.endTime = isoNow();
      operation.finish(failed);
    }
  }

  /** Starts an operation and answers with its headers. */
  private startOperation(res: ServerResponse, host: string, subscriptionPath: string, location: string, status: number, body: unknown, parts: Omit<Operation, 'id' | 'location' | 'polls' | 'status' | 'startTime'>): string {
    const id = randomUUID();
    const region = lower(location).replace(/\s+/g, '');
    const statusUrl = `${host}${subscriptionPath}/providers/Microsoft.Cache/locations/${region}/operationsStatus/${id}?api-version=2025-07-01`;
    const resultUrl = `${host}${subscriptionPath}/providers/Microsoft.Cache/locations/${region}/operationResults/${id}?api-version=2025-07-01`;
    this.operations.set(id, { id, location: resultUrl, polls: 0, status: 'InProgress', startTime: isoNow(), ...parts });
    send(res, status, body, { 'azure-asyncoperation': statusUrl, location: resultUrl, 'retry-after': String(this.options.retryAfterSeconds ?? 0) });
    return id;
  }

  private servePut(res: ServerResponse, host: string, path: string, url: URL, body: unknown): void {
    const p = lower(path);
    const subscriptionPath = /^\/subscriptions\/[^/]+/i.exec(path)?.[0] ?? '';
    const input = (typeof body === 'object' && body !== null ? body : {}) as Json;
    const existing = this.resources.get(p);
    const failure = this.operationFault('PUT', path);
    const busy = (resource: Json | undefined) => ['creating', 'updating'].includes(lower(String(resource?.properties?.provisioningState ?? '')));
    if (busy(existing)) return send(res, 409, armError('Conflict', `The resource '${path}' is busy with another operation (${existing!.properties.provisioningState}).`));

    const cluster = /^(\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.cache\/redisenterprise\/([^/]+))(\/.*)?$/i.exec(path);
    if (!cluster) return send(res, 404, armError('InvalidResourceType', `The simulator creates no resource at '${path}'.`));
    const [, clusterPath, clusterName, child] = cluster;
    const clusterResource = this.resources.get(lower(clusterPath));
    const settled = (resource: Json | undefined) => lower(String(resource?.properties?.provisioningState ?? '')) === 'succeeded';

    if (child === undefined) {
      if (!input.location || !input.sku?.name) return send(res, 400, armError('InvalidRequestBody', 'location and sku.name are required.'));
      if (!input.properties?.publicNetworkAccess) return send(res, 400, armError('InvalidRequestBody', "The property 'publicNetworkAccess' is required."));
      const region = lower(String(input.location)).replace(/\s+/g, '');
      const resource: Json = {
        id: path,
        name: clusterName,
        type: 'Microsoft.Cache/redisEnterprise',
        location: input.location,
        sku: input.sku,
        kind: 'v2',
        tags: input.tags ?? {},
        properties: { ...input.properties, hostName: `${clusterName}.${region}.redis.azure.net`, provisioningState: 'Creating', resourceState: 'Creating', redisVersion: '7.4' },
      };
      return this.create(res, host, subscriptionPath, region, p, resource, !!existing, failure, { resourceState: 'Running' });
    }
    const database = /^\/databases\/([^/]+)(\/accesspolicyassignments\/([^/]+))?$/i.exec(child);
    if (!database) return this.servePutMigration(res, host, subscriptionPath, path, child, clusterResource, input, url);
    if (!settled(clusterResource)) return send(res, 409, armError('ParentResourceNotReady', `The cluster '${clusterPath}' is not ready (${clusterResource?.properties?.provisioningState ?? 'missing'}).`));
    const region = lower(String(clusterResource!.location)).replace(/\s+/g, '');
    if (database[2] === undefined) {
      const resource: Json = {
        id: path,
        name: `${clusterName}/${database[1]}`,
        type: 'Microsoft.Cache/redisEnterprise/databases',
        properties: { ...input.properties, provisioningState: 'Creating', resourceState: 'Creating' },
      };
      return this.create(res, host, subscriptionPath, region, p, resource, !!existing, failure, { resourceState: 'Running' });
    }
    const databaseResource = this.resources.get(lower(`${clusterPath}/databases/${database[1]}`));
    if (!settled(databaseResource)) return send(res, 409, armError('ParentResourceNotReady', `The database of '${clusterPath}' is not ready.`));
    if (!input.properties?.user?.objectId) return send(res, 400, armError('InvalidRequestBody', 'properties.user.objectId is required.'));
    const resource: Json = {
      id: path,
      name: database[3],
      type: 'Microsoft.Cache/redisEnterprise/accessPolicyAssignments',
      properties: { accessPolicyName: input.properties.accessPolicyName ?? 'default', user: input.properties.user, provisioningState: 'Creating' },
    };
    return this.create(res, host, subscriptionPath, region, p, resource, !!existing, failure, {});
  }

  private create(res: ServerResponse, host: string, subscriptionPath: string, region: string, key: string, resource: Json, existed: boolean, failure: { code: string; message: string } | undefined, settledProperties: Json): void {
    if (existed) resource.properties.provisioningState = 'Updating';
    this.resources.set(key, resource);
    this.created.add(key);
    this.follow(key, this.startOperation(res, host, subscriptionPath, region, existed ? 200 : 201, resource, {
      error: failure,
      finish: (failed) => {
        Object.assign(resource.properties, failed ? { provisioningState: 'Failed' } : { provisioningState: 'Succeeded', ...settledProperties });
      },
    }));
  }

  private servePutMigration(res: ServerResponse, host: string, subscriptionPath: string, path: string, child: string, cluster: Json | undefined, input: Json, url: URL): void {
    if (lower(child) !== '/migrations/default') return send(res, 404, armError('InvalidResourceType', `The simulator creates no resource at '${path}'.`));
    if (!cluster) return send(res, 404, armError('ResourceNotFound', `The target cluster of '${path}' was not found.`));
    const properties = input.properties ?? {};
    // Microsoft's scripts send cacheResourceType; the spec says sourceType. Both are accepted, as Azure does.
    const sourceType = properties.sourceType ?? properties.cacheResourceType;
    if (sourceType !== 'AzureCacheForRedis') return send(res, 400, armError('InvalidRequestBody', "properties.sourceType must be 'AzureCacheForRedis'."));
    if (properties.switchDns !== true) return send(res, 400, armError('InvalidRequestBody', 'properties.switchDns must be true during the preview.'));
    const source = this.resources.get(lower(String(properties.sourceResourceId ?? '')));
    if (!source) return send(res, 400, armError('InvalidSourceResource', `The source '${properties.sourceResourceId}' was not found.`));
    const key = lower(path);
    const current = this.resources.get(key);
    if (current && ['accepted', 'inprogress', 'readyfordnsswitch', 'cancelling', 'unlinking'].includes(lower(current.properties.provisioningState))) {
      return send(res, 409, armError('MigrationInProgress', `A migration is already ${current.properties.provisioningState} on this cluster.`));
    }
    const validation = this.validation(String(properties.sourceResourceId), String(cluster.id));
    if (validation.errors?.length) return send(res, 400, armError('MigrationValidationFailed', 'The migration did not pass validation; run validate to see why.'));
    if (validation.warnings?.length && properties.forceMigrate !== true) {
      return send(res, 400, armError('MigrationValidationWarnings', 'The migration has warnings; set forceMigrate to accept them.'));
    }
    const now = isoNow();
    const migration: Json = {
      id: path,
      name: 'default',
      type: 'Microsoft.Cache/redisEnterprise/migrations',
      properties: {
        sourceType: 'AzureCacheForRedis',
        sourceResourceId: source.id,
        targetResourceId: cluster.id,
        switchDns: true,
        skipDataMigration: properties.skipDataMigration ?? true,
        ...(properties.forceMigrate ? { forceMigrate: true } : {}),
        provisioningState: 'Accepted',
        statusDetails: '',
        creationTime: now,
        lastModifiedTime: now,
      },
    };
    this.resources.set(key, migration);
    const failure = this.operationFault('PUT', url.pathname);
    const sourceState = source.properties.provisioningState;
    const operationId = this.startOperation(res, host, subscriptionPath, String(cluster.location), current ? 200 : 201, migration, {
      error: failure,
      steps: (this.options.migrationStates ?? ['InProgress', 'ReadyForDnsSwitch']).map((state, i) => () => {
        Object.assign(migration.properties, { provisioningState: state, statusDetails: MIGRATION_DETAILS[state] ?? '', lastModifiedTime: isoNow() });
        if (i === 0) source.properties.provisioningState = 'Migrating';
      }),
      finish: (failed) => {
        source.properties.provisioningState = sourceState;
        const end = new Date();
        Object.assign(migration.properties, failed
          ? { provisioningState: 'Failed', statusDetails: failure?.message ?? '', lastModifiedTime: end.toISOString() }
          : { provisioningState: 'Succeeded', statusDetails: '', lastModifiedTime: end.toISOString(), rollbackEligibleUntil: new Date(end.getTime() + (this.options.rollbackWindowMs ?? 30 * 24 * 3600_000)).toISOString() });
        if (!failed) cluster.properties.migratedEndpoint = source.properties.hostName;
      },
    });
    this.resourceOperation.set(key, operationId);
  }

  private validation(sourceId: string, targetId: string): Json {
    return this.options.validation?.(sourceId, targetId) ?? exampleValidation(false);
  }

  /** Tag merges (`…/providers/Microsoft.Resources/tags/default`) and a cluster's SKU update, the Enterprise conversion. */
  private servePatch(res: ServerResponse, host: string, path: string, body: unknown): void {
    const input = (typeof body === 'object' && body !== null ? body : {}) as Json;
    const tags = /^(.*)\/providers\/microsoft\.resources\/tags\/default$/i.exec(path);
    if (tags) {
      const resource = this.resources.get(lower(tags[1]));
      if (!resource) return send(res, 404, armError('ResourceNotFound', `The Resource '${tags[1]}' was not found.`));
      if (input.operation !== 'Merge') return send(res, 400, armError('InvalidRequestBody', 'The simulator merges tags only.'));
      resource.tags = { ...(resource.tags ?? {}), ...(input.properties?.tags ?? {}) };
      return send(res, 200, { id: `${tags[1]}/providers/Microsoft.Resources/tags/default`, properties: { tags: resource.tags } });
    }
    const cluster = this.resources.get(lower(path));
    if (!cluster || !/\/redisenterprise\/[^/]+$/i.test(path)) return send(res, 404, armError('ResourceNotFound', `The Resource '${path}' was not found.`));
    const skuName = String(input.sku?.name ?? '');
    const fromEnterprise = /^Enterprise(Flash)?_/.test(String(cluster.sku?.name));
    if (fromEnterprise && !/^Enterprise(Flash)?_/.test(skuName) && cluster.tags?.['amr-migration-data-preserve'] !== 'False') {
      return send(res, 400, armError('MissingMigrationTag', "Tag the cluster amr-migration-data-preserve=False before updating to an Azure Managed Redis SKU."));
    }
    cluster.properties.provisioningState = 'Updating';
    const region = lower(String(cluster.location)).replace(/\s+/g, '');
    const subscriptionPath = /^\/subscriptions\/[^/]+/i.exec(path)?.[0] ?? '';
    this.follow(lower(path), this.startOperation(res, host, subscriptionPath, region, 202, '', {
      finish: () => {
        cluster.sku = { name: skuName };
        cluster.properties.provisioningState = 'Succeeded';
      },
    }));
  }

  private servePost(res: ServerResponse, host: string, path: string, url: URL, body: unknown): void {
    if (/\/redisenterprise\/[^/]+\/listskusforscaling$/i.test(path) && this.resources.has(lower(path.replace(/\/listSkusForScaling$/i, '')))) {
      return send(res, 200, loadArmFixture('redisenterprise/2025-07-01/RedisEnterpriseListSkusForScaling.json').body);
    }
    const match = /^(\/subscriptions\/[^/]+)\/resourcegroups\/[^/]+\/providers\/microsoft\.cache\/redisenterprise\/[^/]+\/migrations\/default\/(validate|cancel|unlinkmigratedendpoint)$/i.exec(path);
    if (!match) return send(res, 404, armError('InvalidAction', `The simulator has no action at '${path}'.`));
    const [, subscriptionPath, action] = match;
    const targetPath = path.replace(/\/migrations\/default\/[^/]+$/i, '');
    const cluster = this.resources.get(lower(targetPath));
    if (!cluster) return send(res, 404, armError('ResourceNotFound', `The target cluster '${targetPath}' was not found.`));
    const input = (typeof body === 'object' && body !== null ? body : {}) as Json;
    if (lower(action) === 'validate') {
      // Microsoft's scripts wrap the body in properties; the spec sends it flat. Both are read.
      const sourceId = input.sourceResourceId ?? input.properties?.sourceResourceId;
      if (typeof sourceId !== 'string') return send(res, 400, armError('InvalidRequestBody', 'sourceResourceId is required.'));
      if (!this.resources.has(lower(sourceId))) return send(res, 400, armError('InvalidSourceResource', `The source '${sourceId}' was not found.`));
      return send(res, 200, this.validation(sourceId, String(cluster.id)));
    }
    const migrationKey = lower(`${targetPath}/migrations/default`);
    const migration = this.resources.get(migrationKey);
    const state = lower(String(migration?.properties?.provisioningState ?? ''));
    const failure = this.operationFault('POST', url.pathname);
    if (lower(action) === 'cancel') {
      if (!migration || !['inprogress', 'readyfordnsswitch', 'succeeded', 'accepted'].includes(state)) {
        return send(res, 409, armError('MigrationNotCancellable', `The migration is ${migration?.properties?.provisioningState ?? 'not started'}; it cannot be rolled back.`));
      }
      const until = Date.parse(String(migration.properties.rollbackEligibleUntil ?? ''));
      if (Number.isFinite(until) && until <= Date.now()) return send(res, 409, armError('RollbackWindowExpired', 'The rollback window has passed.'));
      const previous = migration.properties.provisioningState;
      Object.assign(migration.properties, { provisioningState: 'Cancelling', lastModifiedTime: isoNow() });
      return this.follow(migrationKey, this.startOperation(res, host, subscriptionPath, String(cluster.location), 202, '', {
        error: failure,
        finish: (failed) => {
          Object.assign(migration.properties, failed ? { provisioningState: 'CancellationFailed', statusDetails: failure?.message ?? '' } : { provisioningState: 'Cancelled', statusDetails: `Rolled back from ${previous}` });
          delete migration.properties.rollbackEligibleUntil;
          if (!failed) delete cluster.properties.migratedEndpoint;
        },
      }));
    }
    if (!migration || state !== 'succeeded') {
      return send(res, 409, armError('MigrationNotSucceeded', `The migration is ${migration?.properties?.provisioningState ?? 'not started'}; only a succeeded migration can be unlinked.`));
    }
    Object.assign(migration.properties, { provisioningState: 'Unlinking', lastModifiedTime: isoNow() });
    return this.follow(migrationKey, this.startOperation(res, host, subscriptionPath, String(cluster.location), 202, '', {
      error: failure,
      finish: (failed) => {
        Object.assign(migration.properties, failed ? { provisioningState: 'UnlinkFailed' } : { provisioningState: 'Unlinked', unlinkedTime: isoNow() });
        if (!failed) delete cluster.properties.migratedEndpoint;
      },
    }));
  }

  private follow(migrationKey: string, operationId: string): void {
    this.resourceOperation.set(migrationKey, operationId);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

function defaultCode(status: number): string {
  return status === 403 ? 'AuthorizationFailed' : status === 409 ? 'Conflict' : status === 429 ? 'TooManyRequests' : 'InternalServerError';
}

function defaultMessage(status: number, method: string, path: string): string {
  if (status === 403) {
    const action = `Microsoft.Cache/${/redisenterprise/i.test(path) ? 'redisEnterprise' : 'redis'}/${method === 'GET' ? 'read' : 'write'}`;
    const scope = path.replace(/\/(databases|migrations)\/.*$/i, '');
    return `The client 'user@example.com' with object id '00000000-0000-0000-0000-000000000001' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid.`;
  }
  if (status === 409) return 'Another operation is in progress on the resource; retry when it has completed.';
  if (status === 429) return 'Rate limit exceeded.';
  return 'Internal error.';
}
