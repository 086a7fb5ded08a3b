/**
 * "Change Settings…" in the editor's confirmation to create Azure Managed Redis: the questions it asks (each with the
 * current value preselected and the reason for the default) and how the answers become the TargetSpec sent to
 * Azure. Pure, so the adapter only shows the steps; the CLI's flags set the same TargetSpec fields and both are
 * checked by targetSpecProblems.
 */

import { CLUSTERING_POLICIES, type CacheInfo } from '../azure/cacheModel';
import { regionName } from '../plan/sourceCache';
import type { EvictionPolicy, TargetSpec } from './targetSpec';
import { AMR_MODULES, EVICTION_POLICIES, hostNameTakenBy, targetSpecProblems } from './targetSpec';

export type SettingKey =
  | 'resourceGroup' | 'location' | 'highAvailability' | 'clusteringPolicy' | 'evictionPolicy' | 'persistence' | 'modules' | 'publicNetworkAccess' | 'accessKeys';

export interface SettingItem {
  label: string;
  value: string;
  description?: string;
  detail?: string;
  picked: boolean;
}

export type SettingStep =
  | { key: 'resourceGroup' | 'location'; kind: 'input'; title: string; prompt: string; value: string }
  | { key: SettingKey; kind: 'pick'; title: string; items: SettingItem[]; many: boolean };

/** What the user answered, by step; a step left out keeps the current value. */
export type SettingAnswers = Partial<Record<SettingKey, string | readonly string[]>>;

/** What each clustering policy means for the clients, for every prompt that offers it. */
export const CLUSTERING_DETAIL: Record<TargetSpec['clusteringPolicy'], string> = {
  OSSCluster: 'Fastest; clients must be cluster-aware and keep multi-key commands in one hash slot.',
  EnterpriseCluster: 'A proxy hides the shards: single-node clients keep working; some multi-key commands stay limited.',
  NoCluster: 'Like a single node; up to 25 GB only.',
};

const pick = (key: SettingKey, title: string, current: string, options: readonly { value: string; label?: string; description?: string; detail?: string }[]): SettingStep => ({
  key,
  kind: 'pick',
  title,
  many: false,
  // The current value first, so Enter keeps it.
  items: options
    .map((o) => ({ label: o.label ?? o.value, value: o.value, description: o.description, detail: o.detail, picked: o.value === current }))
    .sort((a, b) => Number(b.picked) - Number(a.picked)),
});

/** Access keys, off first: Entra ID is the safe default and the scan moves the code to it. */
export const ACCESS_KEY_CHOICES = [
  { value: 'off', label: 'Access keys off', description: 'recommended', detail: 'Applications sign in with Microsoft Entra ID (the scan fixes the code).' },
  { value: 'on', label: 'Access keys on', detail: 'Only while applications still authenticate with keys; turn them off later.' },
] as const;

const onOff = (on: boolean) => (on ? 'on' : 'off');

/** The questions of "Change Settings…", in order, with the spec's current values preselected. */
export function settingSteps(spec: TargetSpec, source: Pick<CacheInfo, 'name' | 'location'>): SettingStep[] {
  const sourceRegion = regionName(source.location);
  return [
    { key: 'resourceGroup', kind: 'input', title: `Resource group of ${spec.name}`, prompt: 'An existing resource group of the subscription; the source\'s by default', value: spec.resourceGroup },
    {
      key: 'location',
      kind: 'input',
      title: `Region of ${spec.name}`,
      prompt: `${source.name} is in ${sourceRegion}: Azure's automated migration needs the new cache in the same region (another region means copying the data instead)`,
      value: spec.location,
    },
    pick('highAvailability', 'High availability', onOff(spec.highAvailability), [
      { value: 'on', label: 'High availability on', detail: 'A replica takes over when a node fails; needed for the SLA and for production.' },
      { value: 'off', label: 'High availability off', detail: 'No replica: cheaper, but data and service are lost when a node fails (dev/test only).' },
    ]),
    pick('clusteringPolicy', 'Clustering policy (fixed once created, unless non-clustered)', spec.clusteringPolicy,
      CLUSTERING_POLICIES.map((p) => ({ value: p, detail: CLUSTERING_DETAIL[p] }))),
    pick('evictionPolicy', 'Eviction policy (what happens when memory is full)', spec.evictionPolicy,
      EVICTION_POLICIES.map((p) => ({ value: p, description: p === 'NoEviction' ? 'writes fail when memory is full' : undefined }))),
    pick('persistence', 'Data persistence', spec.persistence, [
      { value: 'none', label: 'No persistence', detail: 'Data lives in memory only (and in the replica when high availability is on).' },
      { value: 'aof', label: 'AOF', detail: 'Every write appended to disk each second: the least data lost on a failure.' },
      { value: 'rdb', label: 'RDB', detail: 'A snapshot every hour: up to an hour of writes lost on a failure.' },
    ]),
    {
      key: 'modules',
      kind: 'pick',
      title: 'Modules (only at creation: they cannot be added later)',
      many: true,
      items: AMR_MODULES.map((m) => ({ label: m, value: m, picked: spec.modules.includes(m) })),
    },
    pick('publicNetworkAccess', 'Public network access', spec.publicNetworkAccess, [
      { value: 'Disabled', label: 'Public network access off', detail: 'Reach it through a private endpoint, created separately.' },
      { value: 'Enabled', label: 'Public network access on', detail: 'Reachable from the internet; authentication is the only barrier (AMR has no IP firewall).' },
    ]),
    pick('accessKeys', 'Authentication', onOff(spec.accessKeysAuthentication), ACCESS_KEY_CHOICES),
  ];
}

export interface ChangedSettings {
  spec: TargetSpec;
  /** Why the spec cannot be sent; empty when it can. */
  problems: string[];
  /** What the confirmation must say about the changed settings. */
  notes: string[];
}

const single = (answer: string | readonly string[] | undefined): string | undefined => (typeof answer === 'string' ? answer.trim() : undefined);

/** The spec with the answers applied, checked as the CLI checks its flags, and the new host name checked against `listed`. */
export function applySettingAnswers(spec: TargetSpec, answers: SettingAnswers, source: Pick<CacheInfo, 'location'>, listed: readonly CacheInfo[]): ChangedSettings {
  const location = single(answers.location);
  const modules = answers.modules;
  const changed: TargetSpec = {
    ...spec,
    resourceGroup: single(answers.resourceGroup) ?? spec.resourceGroup,
    location: location === undefined ? spec.location : regionName(location),
    highAvailability: answers.highAvailability === undefined ? spec.highAvailability : answers.highAvailability === 'on',
    clusteringPolicy: (single(answers.clusteringPolicy) as TargetSpec['clusteringPolicy'] | undefined) ?? spec.clusteringPolicy,
    evictionPolicy: (single(answers.evictionPolicy) as EvictionPolicy | undefined) ?? spec.evictionPolicy,
    persistence: (single(answers.persistence) as TargetSpec['persistence'] | undefined) ?? spec.persistence,
    modules: modules === undefined ? spec.modules : typeof modules === 'string' ? [modules] : [...modules],
    publicNetworkAccess: (single(answers.publicNetworkAccess) as TargetSpec['publicNetworkAccess'] | undefined) ?? spec.publicNetworkAccess,
    accessKeysAuthentication: answers.accessKeys === undefined ? spec.accessKeysAuthentication : answers.accessKeys === 'on',
  };
  const problems = targetSpecProblems(changed);
  const taken = hostNameTakenBy(changed, listed);
  if (taken) problems.push(`name: ${taken.name} in ${taken.resourceGroup} (subscription ${taken.subscriptionId}) already has the host name ${taken.hostName}`);
  const notes: string[] = [];
  if (changed.location !== regionName(source.location)) {
    notes.push(`${changed.location} is not the source's region (${regionName(source.location)}): Azure's automated migration cannot move the host name; copy the data and change the clients instead.`);
  }
  return { spec: changed, problems, notes };
}

/** Why a typed resource group or region cannot be used, for the input box to say while typing. */
export function settingInputProblem(spec: TargetSpec, key: 'resourceGroup' | 'location', value: string): string | undefined {
  const field = key === 'resourceGroup' ? 'resource group:' : 'location:';
  return applySettingAnswers(spec, { [key]: value }, spec, []).problems.find((p) => p.startsWith(field));
}
