/**
 * Which client changes still matter once Azure's automated migration has switched the old host name to the new
 * cache. The switch carries the old host name (by DNS) and the old TLS port (by forwarding) and the access keys over,
 * so those changes can wait until the old host name is unlinked or access keys are turned off; what the new cache
 * does not serve at all (plaintext, other databases, keyspace notifications, a single endpoint under the OSS
 * clustering policy) breaks now. Facts: docs/design/provisioning-and-migration.md.
 */
import type { CacheInfo } from '../azure/cacheModel';
import type { RuleId } from '../findings';
import type { MigrationPlan } from '../plan/planModel';

export type StillNeededWhen = 'now' | 'before-unlink' | 'before-access-keys-off';

export interface StillNeeded {
  id: RuleId;
  when: StillNeededWhen;
  why: string;
}

export const WHEN_LABEL: Record<StillNeededWhen, string> = {
  now: 'needed now',
  'before-unlink': 'before the old host name is unlinked',
  'before-access-keys-off': 'before access keys are turned off',
};

const AFTER_SWITCH: Partial<Record<RuleId, Omit<StillNeeded, 'id'>>> = {
  'legacy-hostname': { when: 'before-unlink', why: 'the old host name reaches the new cache through DNS only until it is unlinked (Azure removes it later)' },
  'legacy-tls-port': { when: 'before-unlink', why: 'the old TLS port is forwarded to 10000 only on the old host name; the new host name answers on 10000' },
  'access-key-auth': { when: 'before-access-keys-off', why: 'the access keys came over with the switch; clients that use them stop when access keys are disabled' },
  'non-tls-connection': { when: 'now', why: 'Azure Managed Redis serves one TLS mode per cache; a TLS-only target refuses plaintext clients already' },
  'database-select': { when: 'now', why: 'only database 0 was migrated and Azure Managed Redis has no other' },
  'keyspace-notifications': { when: 'now', why: 'keyspace notifications are not carried over by the migration' },
  'non-cluster-client': { when: 'now', why: 'under the OSS clustering policy a single-endpoint client reaches one shard only' },
  'multi-key-command': { when: 'now', why: 'under the OSS clustering policy multi-key commands across hash slots fail with CROSSSLOT' },
};

/** When and why the change a rule asks for still matters after the switch; undefined for rules the switch leaves as they are. */
export function afterSwitchOf(id: RuleId): Omit<StillNeeded, 'id'> | undefined {
  return AFTER_SWITCH[id];
}

const ORDER: readonly StillNeededWhen[] = ['now', 'before-access-keys-off', 'before-unlink'];

/** The plan's client changes that still apply after the switch, the ones that break now first. */
export function stillNeededAfterSwitch(plan: MigrationPlan): StillNeeded[] {
  return plan.clientChanges
    .flatMap((change) => {
      const entry = AFTER_SWITCH[change.id];
      return entry ? [{ id: change.id, ...entry }] : [];
    })
    .sort((a, b) => ORDER.indexOf(a.when) - ORDER.indexOf(b.when));
}

/** The AMR cache among `caches` that the automated migration switched `source`'s host name to, if any. */
export function switchedTo(source: CacheInfo, caches: readonly CacheInfo[]): CacheInfo | undefined {
  const host = source.hostName.toLowerCase();
  return caches.find((cache) => cache.migratedEndpoint?.toLowerCase() === host);
}

/** Plain text of what is still needed after the switch, for the CLI's text and Markdown plans. */
export function stillNeededLines(source: string, target: CacheInfo, items: readonly StillNeeded[]): string[] {
  return [
    `After the switch: ${source}'s host name now reaches ${target.name} (${target.hostName}). Code changes still needed:`,
    ...(items.length ? items.map((c) => `- ${c.id} (${WHEN_LABEL[c.when]}): ${c.why}`) : ['- none: the plan lists no client change the switch leaves open']),
  ];
}
