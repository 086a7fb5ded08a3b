/**
 * Azure's automated migration from Azure Cache for Redis (Basic/Standard/Premium) to Azure Managed Redis: the
 * `migrations/default` resource under the target cluster. Requests follow the REST spec (`sourceType`, a flat
 * validate body); answers are read leniently, since Microsoft's own scripts send `cacheResourceType` and wrap the
 * validate body in `properties`, and an example answers the state `Completed`. Facts and sources:
 * docs/design/provisioning-and-migration.md.
 */

import { isJsonObject } from '../azure/armJson';
import type { JsonObject } from '../azure/armJson';
import type { ArmRequest, ArmRestClient, PollProgress } from '../azure/armRest';
import { ArmOperationError } from '../azure/armErrors';
import { parseArmResourceId } from '../azure/armResourceId';

/** The api-version the Azure CLI's `az redisenterprise migration` sends: the newest one a shipping tool uses. */
export const MIGRATION_API_VERSION = '2026-06-01-preview';

export const ROLLBACK_REASONS = ['performance', 'compatibility', 'clientConnection', 'cost', 'testing', 'stability', 'other'] as const;
export type RollbackReason = (typeof ROLLBACK_REASONS)[number];

/** The states of `MigrationProvisioningState`, with Azure's spellings normalised (`Canceled`, `Completed`). */
export type MigrationState =
  | 'Accepted'
  | 'InProgress'
  | 'ReadyForDnsSwitch'
  | 'Succeeded'
  | 'Failed'
  | 'Cancelling'
  | 'Cancelled'
  | 'CancellationFailed'
  | 'Unlinking'
  | 'Unlinked'
  | 'UnlinkFailed';

const STATES: readonly MigrationState[] = ['Accepted', 'InProgress', 'ReadyForDnsSwitch', 'Succeeded', 'Failed', 'Cancelling', 'Cancelled', 'CancellationFailed', 'Unlinking', 'Unlinked', 'UnlinkFailed'];
const ALIASES: Record<string, MigrationState> = { canceled: 'Cancelled', completed: 'Succeeded', canceling: 'Cancelling' };

/** States after which nothing moves until the user acts. */
export const FINAL_STATES: ReadonlySet<MigrationState> = new Set(['Succeeded', 'Failed', 'Cancelled', 'CancellationFailed', 'Unlinked', 'UnlinkFailed']);

/** What each state means for the user, in a sentence. */
const STATE_NOTES: Record<MigrationState, string> = {
  Accepted: 'Azure accepted the request and is about to start',
  InProgress: 'Azure is checking both caches and preparing the switch; the source accepts no other management operation meanwhile',
  ReadyForDnsSwitch: 'the target is ready and the old host name is being switched to it; clients move over all at once',
  Succeeded: 'the old host name now reaches the new cache',
  Failed: 'the migration failed; the old host name still reaches the source cache',
  Cancelling: 'rolling back: the old host name is being pointed at the source cache again',
  Cancelled: 'rolled back: the old host name reaches the source cache again',
  CancellationFailed: 'the rollback failed; check both caches in the portal before retrying',
  Unlinking: 'the old host name is being detached from the new cache',
  Unlinked: 'the old host name no longer reaches the new cache; only the new host name works',
  UnlinkFailed: 'unlinking the old host name failed; it still reaches the new cache',
};

/** Whether the old host name reaches the new cache in this state (switched, and not unlinked yet). */
export function oldHostReachesTarget(status: MigrationStatus): boolean {
  const state = normaliseState(status.provisioningState);
  return (state === 'Succeeded' || state === 'UnlinkFailed') && status.switchDns !== false;
}

/** A sentence for a state; a state this version does not know is named as such, never guessed at. */
export function explainState(state: string): string {
  const known = normaliseState(state);
  return (STATE_NOTES as Record<string, string>)[known] ?? `Azure reports the state ${state}, which this version of amr-migrate does not know; it keeps following the migration until it ends`;
}

export function normaliseState(state: string): MigrationState | string {
  const lower = state.toLowerCase();
  return STATES.find((s) => s.toLowerCase() === lower) ?? ALIASES[lower] ?? state;
}

export interface MigrationStatus {
  /** A MigrationState, or Azure's own word for a state this version does not know. */
  provisioningState: string;
  statusDetails: string;
  /** ISO time until which a rollback is possible; present once the migration succeeded. */
  rollbackEligibleUntil?: string;
  sourceResourceId?: string;
  targetResourceId?: string;
  switchDns?: boolean;
  skipDataMigration?: boolean;
  creationTime?: string;
  lastModifiedTime?: string;
}

const str = (o: JsonObject, key: string) => (typeof o[key] === 'string' ? (o[key] as string) : undefined);
const bool = (o: JsonObject, key: string) => (typeof o[key] === 'boolean' ? (o[key] as boolean) : undefined);

/** Reads a migration resource; throws when it is not one. */
export function parseMigration(json: unknown): MigrationStatus {
  const properties = isJsonObject(json) && isJsonObject(json.properties) ? json.properties : undefined;
  const state = properties && str(properties, 'provisioningState');
  if (!properties || !state) throw new ArmOperationError(null, undefined, 'the migration answer has no properties.provisioningState');
  const status: MigrationStatus = { provisioningState: normaliseState(state), statusDetails: str(properties, 'statusDetails') ?? '' };
  const optional = {
    rollbackEligibleUntil: str(properties, 'rollbackEligibleUntil'),
    sourceResourceId: str(properties, 'sourceResourceId'),
    targetResourceId: str(properties, 'targetResourceId'),
    switchDns: bool(properties, 'switchDns'),
    skipDataMigration: bool(properties, 'skipDataMigration'),
    creationTime: str(properties, 'creationTime'),
    lastModifiedTime: str(properties, 'lastModifiedTime'),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) (status as unknown as Record<string, unknown>)[key] = value;
  return status;
}

export interface Disparity {
  category: string;
  message: string;
}

export interface ValidationResult {
  isValid: boolean;
  errors: Disparity[];
  warnings: Disparity[];
}

function disparities(list: unknown): Disparity[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((group) => {
    // Each item wraps its disparities; a flat { category, message } item is read too.
    const items = isJsonObject(group) && Array.isArray(group.disparities) ? group.disparities : [group];
    return items.filter(isJsonObject).map((d) => ({ category: str(d, 'category') ?? 'General', message: str(d, 'message') ?? '' }));
  });
}

export function parseValidation(json: unknown): ValidationResult {
  const body = isJsonObject(json) && isJsonObject(json.properties) && !('isValid' in json) ? json.properties : json;
  if (!isJsonObject(body) || typeof body.isValid !== 'boolean') throw new ArmOperationError(null, undefined, 'the validation answer has no isValid');
  return { isValid: body.isValid, errors: disparities(body.errors), warnings: disparities(body.warnings) };
}

/** Disparities grouped by category, categories in first-seen order. */
export function byCategory(items: readonly Disparity[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const item of items) groups.set(item.category, [...(groups.get(item.category) ?? []), item.message]);
  return groups;
}

export interface MigrationTarget {
  sourceId: string;
  targetId: string;
}

export interface StartOptions {
  /** false: Azure copies the data too, where the API version supports it. */
  skipDataMigration: boolean;
  /** Go ahead despite warnings; only when the user accepted them. */
  forceMigrate: boolean;
}

const base = (targetId: string) => `${targetId}/migrations/default`;
const versioned = (path: string) => `${path}?api-version=${MIGRATION_API_VERSION}`;

const isOfType = (id: string, type: string) => {
  const parsed = parseArmResourceId(id);
  return parsed !== undefined && parsed.segments.length === 1 && parsed.segments[0][0].toLowerCase() === type;
};

/** Throws a readable error unless `id` is an Azure Cache for Redis. */
export function checkSourceId(id: string): void {
  if (!isOfType(id, 'redis')) throw new Error('the source must be the resource id of an Azure Cache for Redis (…/providers/Microsoft.Cache/redis/NAME)');
}

/** Throws a readable error unless `id` is an Azure Managed Redis cluster. */
export function checkTargetId(id: string): void {
  if (!isOfType(id, 'redisenterprise')) throw new Error('the target must be the resource id of an Azure Managed Redis cache (…/providers/Microsoft.Cache/redisEnterprise/NAME)');
}

export function validateRequest({ sourceId, targetId }: MigrationTarget, options: StartOptions): ArmRequest {
  return {
    method: 'POST',
    url: versioned(`${base(targetId)}/validate`),
    body: { sourceResourceId: sourceId, skipDataMigration: options.skipDataMigration, forceMigrate: options.forceMigrate },
  };
}

export function startRequest({ sourceId, targetId }: MigrationTarget, options: StartOptions): ArmRequest {
  return {
    method: 'PUT',
    url: versioned(base(targetId)),
    body: {
      properties: {
        sourceType: 'AzureCacheForRedis',
        sourceResourceId: sourceId,
        switchDns: true,
        skipDataMigration: options.skipDataMigration,
        ...(options.forceMigrate ? { forceMigrate: true } : {}),
      },
    },
  };
}

export const statusRequest = (targetId: string): ArmRequest => ({ method: 'GET', url: versioned(base(targetId)) });

export const cancelRequest = (targetId: string, reason: RollbackReason): ArmRequest => ({
  method: 'POST',
  url: versioned(`${base(targetId)}/cancel`),
  body: { rollbackReason: reason },
});

export const unlinkRequest = (targetId: string): ArmRequest => ({ method: 'POST', url: versioned(`${base(targetId)}/unlinkMigratedEndpoint`) });

/** Whether a rollback can still be asked for at `now`. */
export function rollbackOpen(status: MigrationStatus, now = new Date()): { open: boolean; why: string } {
  if (status.provisioningState !== 'Succeeded' && status.provisioningState !== 'InProgress' && status.provisioningState !== 'ReadyForDnsSwitch') {
    return { open: false, why: `the migration is ${status.provisioningState}; only a running or succeeded migration can be rolled back` };
  }
  if (status.rollbackEligibleUntil) {
    const until = Date.parse(status.rollbackEligibleUntil);
    if (Number.isFinite(until) && until <= now.getTime()) {
      return { open: false, why: `the rollback window closed at ${status.rollbackEligibleUntil}; the source cache has been released` };
    }
  }
  return { open: true, why: status.rollbackEligibleUntil ? `rollback is possible until ${status.rollbackEligibleUntil}` : 'rollback is possible' };
}

export interface FollowOptions {
  onProgress?: (status: MigrationStatus | PollProgress) => void;
}

export async function validateMigration(client: ArmRestClient, ids: MigrationTarget, options: StartOptions): Promise<ValidationResult> {
  return parseValidation((await client.send(validateRequest(ids, options))).json);
}

/** The migration's current state; undefined when none was ever started on the target. */
export async function migrationStatus(client: ArmRestClient, targetId: string): Promise<MigrationStatus | undefined> {
  const json = await client.get(statusRequest(targetId).url);
  return json === undefined ? undefined : parseMigration(json);
}

/**
 * Starts the migration; with `wait`, follows its operation to the end and reads the final state. A migration
 * already running or done for the same source is not started twice: its state is returned instead.
 */
export async function startMigration(client: ArmRestClient, ids: MigrationTarget, options: StartOptions & { wait: boolean } & FollowOptions): Promise<MigrationStatus> {
  const existing = await migrationStatus(client, ids.targetId);
  if (existing && existing.sourceResourceId?.toLowerCase() === ids.sourceId.toLowerCase() && !['Failed', 'Cancelled', 'CancellationFailed'].includes(existing.provisioningState)) {
    return options.wait && !FINAL_STATES.has(existing.provisioningState as MigrationState) ? followMigration(client, ids.targetId, options) : existing;
  }
  const request = startRequest(ids, options);
  const first = await client.send(request);
  if (!options.wait) return parseMigration(first.json ?? (await client.get(request.url)));
  const final = await client.waitFor(request, first, { what: 'the migration', finalStateVia: 'original-uri', onProgress: options.onProgress });
  return parseMigration(final);
}

/**
 * Polls the migration resource itself until it reaches a final state, reporting every state it sees (Accepted,
 * InProgress, ReadyForDnsSwitch, … and states this version does not know), also across a Cancelling or Unlinking
 * phase. Waits as the client does between polls, so the client's signal cancels the wait.
 */
export async function followMigration(client: ArmRestClient, targetId: string, options: { onProgress?: (status: MigrationStatus) => void } = {}): Promise<MigrationStatus> {
  const started = Date.now();
  for (;;) {
    const status = await migrationStatus(client, targetId);
    if (!status) throw new ArmOperationError(404, 'NotFound', `no migration was started on ${targetId}`);
    options.onProgress?.(status);
    if (FINAL_STATES.has(status.provisioningState as MigrationState)) return status;
    await client.pauseForPoll('the migration', undefined, started);
  }
}

/** Rolls the migration back (the old host name points at the source again); refused once the window has closed. */
export async function cancelMigration(client: ArmRestClient, targetId: string, reason: RollbackReason, options: { wait: boolean } & FollowOptions): Promise<MigrationStatus> {
  const current = await migrationStatus(client, targetId);
  if (!current) throw new ArmOperationError(404, 'NotFound', `no migration was started on ${targetId}, so there is nothing to roll back`);
  if (current.provisioningState === 'Cancelling' || current.provisioningState === 'Cancelled') return current;
  const window = rollbackOpen(current);
  if (!window.open) throw new ArmOperationError(null, 'RollbackNotPossible', `cannot roll back: ${window.why}`);
  const request = cancelRequest(targetId, reason);
  const first = await client.send(request);
  if (options.wait) await client.waitFor(request, first, { what: 'the rollback', finalStateVia: 'location', onProgress: options.onProgress });
  return (await migrationStatus(client, targetId)) ?? current;
}

/** Stops the old host name from pointing at the new cache; only after a migration succeeded. */
export async function unlinkMigration(client: ArmRestClient, targetId: string, options: { wait: boolean } & FollowOptions): Promise<MigrationStatus> {
  const current = await migrationStatus(client, targetId);
  if (!current) throw new ArmOperationError(404, 'NotFound', `no migration was started on ${targetId}, so there is no old host name to unlink`);
  if (current.provisioningState === 'Unlinked' || current.provisioningState === 'Unlinking') return current;
  if (current.provisioningState !== 'Succeeded') {
    throw new ArmOperationError(null, 'UnlinkNotPossible', `cannot unlink: the migration is ${current.provisioningState}; unlink only after it succeeded`);
  }
  const request = unlinkRequest(targetId);
  const first = await client.send(request);
  if (options.wait) await client.waitFor(request, first, { what: 'unlinking the old host name', finalStateVia: 'location', onProgress: options.onProgress });
  return (await migrationStatus(client, targetId)) ?? current;
}
