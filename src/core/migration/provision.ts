/**
 * Creates the Azure Managed Redis target: PUT cluster, PUT databases/default, then one access policy assignment per
 * Entra identity, each followed to its end. Re-running continues where a run stopped: a resource that is already
 * there as asked is not sent again, one still being created is waited for, and a cluster of the same name that
 * amr-migrate did not create for this source is refused, never changed.
 */

import { isJsonObject } from '../azure/armJson';
import type { ArmRequest, ArmRestClient } from '../azure/armRest';
import { ArmOperationError } from '../azure/armRest';
import type { TargetSpec } from './targetSpec';
import { accessPolicyRequest, clusterRequest, createdFor, databaseRequest } from './targetSpec';

export type ProvisionStepKind = 'cluster' | 'database' | 'access';

export interface ProvisionStep {
  kind: ProvisionStepKind;
  request: ArmRequest;
  /** `sent`: PUT sent and followed; `existing`: already there as asked; `waited`: was being created, waited for it. */
  outcome: 'sent' | 'existing' | 'waited';
}

export interface ProvisionResult {
  id: string;
  hostName: string;
  provisioningState: string;
  steps: ProvisionStep[];
}

export interface ProvisionProgress {
  kind: ProvisionStepKind;
  message: string;
}

const BUSY_STATES = new Set(['creating', 'updating', 'provisioning', 'scaling', 'enabling']);

const propertiesOf = (json: unknown) => (isJsonObject(json) && isJsonObject(json.properties) ? json.properties : {});
const stateOf = (json: unknown) => String(propertiesOf(json).provisioningState ?? 'Succeeded');

/** Throws unless an existing cluster of the target's name is one amr-migrate created for the same source. */
function checkOwnership(spec: TargetSpec, existing: unknown): void {
  const tags = isJsonObject(existing) && isJsonObject(existing.tags) ? existing.tags : {};
  if (!createdFor(tags, spec)) {
    throw new ArmOperationError(409, 'NameInUse', `a cache named ${spec.name} already exists in resource group ${spec.resourceGroup} and was not created by amr-migrate for this source; choose another name (nothing was changed)`);
  }
}

/** Follows one resource: skips it when already there, waits while it is being created, else PUTs it. */
async function ensure(client: ArmRestClient, kind: ProvisionStepKind, request: ArmRequest, what: string, onProgress: (p: ProvisionProgress) => void, existing?: unknown): Promise<{ step: ProvisionStep; resource: unknown }> {
  const current = existing ?? (await client.get(request.url));
  const state = current === undefined ? undefined : stateOf(current).toLowerCase();
  if (state === 'succeeded') {
    onProgress({ kind, message: `${what}: already there` });
    return { step: { kind, request, outcome: 'existing' }, resource: current };
  }
  if (state !== undefined && BUSY_STATES.has(state)) {
    onProgress({ kind, message: `${what}: being created by an earlier run, waiting` });
    const resource = await waitUntilSettled(client, request.url, what, onProgress, kind);
    return { step: { kind, request, outcome: 'waited' }, resource };
  }
  onProgress({ kind, message: `${what}: sending ${request.method}` });
  const resource = await client.write(request, {
    what,
    finalStateVia: 'original-uri',
    onProgress: ({ status }) => onProgress({ kind, message: `${what}: ${status}` }),
  });
  const final = stateOf(resource);
  if (final.toLowerCase() !== 'succeeded') throw new ArmOperationError(null, undefined, `${what} ended ${final}`);
  return { step: { kind, request, outcome: 'sent' }, resource };
}

/** Polls a resource that an earlier run started until it leaves its busy state. */
async function waitUntilSettled(client: ArmRestClient, url: string, what: string, onProgress: (p: ProvisionProgress) => void, kind: ProvisionStepKind): Promise<unknown> {
  const started = Date.now();
  for (;;) {
    await client.pauseForPoll(what, undefined, started);
    const resource = await client.get(url);
    if (resource === undefined) throw new ArmOperationError(404, 'NotFound', `${what}: the resource disappeared while being created`);
    const state = stateOf(resource);
    if (!BUSY_STATES.has(state.toLowerCase())) {
      if (state.toLowerCase() !== 'succeeded') throw new ArmOperationError(null, undefined, `${what} ended ${state}`);
      return resource;
    }
    onProgress({ kind, message: `${what}: ${state}` });
  }
}

export async function provisionTarget(client: ArmRestClient, spec: TargetSpec, onProgress: (p: ProvisionProgress) => void = () => {}): Promise<ProvisionResult> {
  const steps: ProvisionStep[] = [];
  const cluster = clusterRequest(spec);
  const existingCluster = await client.get(cluster.url);
  if (existingCluster !== undefined) checkOwnership(spec, existingCluster);
  const clusterResult = await ensure(client, 'cluster', cluster, `creating cluster ${spec.name}`, onProgress, existingCluster);
  steps.push(clusterResult.step);
  steps.push((await ensure(client, 'database', databaseRequest(spec), `creating database default of ${spec.name}`, onProgress)).step);
  for (const objectId of [...new Set(spec.grants.map((g) => g.toLowerCase()))]) {
    steps.push((await ensure(client, 'access', accessPolicyRequest(spec, objectId), `granting data access to ${objectId}`, onProgress)).step);
  }
  const final = (await client.get(cluster.url)) ?? clusterResult.resource;
  const properties = propertiesOf(final);
  return {
    id: isJsonObject(final) && typeof final.id === 'string' ? final.id : cluster.url.replace(/\?.*$/, ''),
    hostName: String(properties.hostName ?? ''),
    provisioningState: stateOf(final),
    steps,
  };
}
