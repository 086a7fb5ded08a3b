/**
 * Old host names that Azure's automated migration switched by DNS to an Azure Managed Redis cache, as the scan
 * knows them: from `scan --switched`, or in the editor from the Caches view (a listed AMR cache's migratedEndpoint,
 * or a migration this window saw succeed). A finding on such a host says that the code works through the switch for
 * now and what must still change, and when (the same table as the plan's after-switch list).
 */
import type { CacheInfo } from '../azure/cacheModel';
import type { RuleId, ScanSettings, Severity, SwitchedHost } from '../findings';
import type { HostRef } from '../evidence/evidence';
import { isLegacyHost } from '../evidence/hosts';
import { entryForHost, HostMapError, parseHostMap } from '../fix/hostMap';
import { afterSwitchOf, WHEN_LABEL, type StillNeededWhen } from './afterSwitch';
import type { RuleReport } from '../rules/rule';
import { oldHostReachesTarget, type MigrationStatus } from './migration';

export type SwitchedHosts = Record<string, SwitchedHost>;

/** Whether two readings name the same switched hosts with the same targets, whatever order the hosts were added in. */
export function sameSwitchedHosts(a: Readonly<SwitchedHosts>, b: Readonly<SwitchedHosts>): boolean {
  const hosts = Object.keys(a);
  if (hosts.length !== Object.keys(b).length) return false;
  return hosts.every((host) => {
    const other = b[host];
    return other !== undefined && other.target === a[host]!.target && other.accessKeys === a[host]!.accessKeys;
  });
}

/** The switched host an endpoint's host is (by full name or by cache name), with the old name as written. */
export function switchedHostOf(host: HostRef, settings: ScanSettings): { oldHost: string; switched: SwitchedHost } | undefined {
  if (host.kind !== 'known') return undefined;
  const switched = entryForHost(settings.switchedHosts, host.value);
  return switched && { oldHost: host.value, switched };
}

/** What a finding of `ruleId` on a switched host adds to its message, and the severity it keeps at most. */
export interface SwitchNote {
  text: string;
  severityCap?: Severity;
}

export function switchNote(ruleId: RuleId, oldHost: string, switched: SwitchedHost): SwitchNote | undefined {
  const known = afterSwitchOf(ruleId);
  if (!known) return undefined;
  const keysOff = ruleId === 'access-key-auth' && switched.accessKeys === false;
  const when: StillNeededWhen = keysOff ? 'now' : known.when;
  const why = keysOff ? `access keys are disabled on ${switched.target}, so a key no longer signs in through the old host name` : known.why;
  return {
    text: ` Azure's automated migration switched '${oldHost}' to '${switched.target}' by DNS; change this ${when === 'now' ? 'now' : WHEN_LABEL[when]}: ${why}.`,
    // Working through the switch for now: a warning at most, never the error that breaks the client today.
    ...(when === 'now' ? {} : { severityCap: 'warning' as const }),
  };
}

/** `report` of `ruleId` on an endpoint to `host`, with the note of a switched host when it is one. */
export function afterSwitchReport(ruleId: RuleId, host: HostRef, settings: ScanSettings, report: RuleReport): RuleReport {
  const switched = switchedHostOf(host, settings);
  const note = switched && switchNote(ruleId, switched.oldHost, switched.switched);
  if (!note) return report;
  const cap = [report.severityCap, note.severityCap].filter((s): s is Severity => s !== undefined).sort((a, b) => SEVERITY_RANK[a] - SEVERITY_RANK[b])[0];
  return { ...report, message: report.message + note.text, ...(cap ? { severityCap: cap } : {}) };
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * Reads `--switched OLD=NEW` values: OLD an Azure Cache for Redis host or cache name, NEW the AMR host it was
 * switched to. Throws a HostMapError saying which value is wrong.
 */
export function parseSwitchedHosts(values: readonly string[]): SwitchedHosts {
  const hosts: SwitchedHosts = {};
  for (const value of values) {
    const at = value.indexOf('=');
    if (at <= 0) throw new HostMapError(`'${value}' is not OLD=NEW (an old host or cache name, '=', the Azure Managed Redis host name)`);
    const old = value.slice(0, at).trim();
    if (old.includes('.') && !isLegacyHost(old)) throw new HostMapError(`'${old}' is not an Azure Cache for Redis host name (*.redis.cache.windows.net) or cache name`);
    for (const [key, target] of Object.entries(parseHostMap(JSON.stringify({ [old]: value.slice(at + 1) })))) {
      if (hosts[key] && hosts[key].target !== target) throw new HostMapError(`'${old}' is given two different targets`);
      hosts[key] = { target };
    }
  }
  return hosts;
}

/** A known migration of the window: the latest status seen for a source and target. */
export interface KnownSwitch {
  sourceId: string;
  targetId: string;
  status: MigrationStatus;
}

/**
 * The switched hosts `caches` (as listed) and `known` migrations tell of: a listed AMR cache's migratedEndpoint, and a
 * migration seen succeeding with the DNS switch. A migration seen in another state (rolled back, unlinked) is newer
 * than the listing, so its source's host is not switched.
 */
export function switchedHostsFrom(caches: readonly CacheInfo[], known: readonly KnownSwitch[]): SwitchedHosts {
  const byId = new Map(caches.map((cache) => [cache.id.toLowerCase(), cache]));
  const hosts: SwitchedHosts = {};
  const add = (oldHost: string, target: CacheInfo) => {
    hosts[oldHost.toLowerCase()] = {
      target: target.hostName.toLowerCase(),
      ...(target.databases.length > 0 ? { accessKeys: target.accessKeysAuthentication } : {}),
    };
  };
  for (const cache of caches) if (cache.kind === 'RedisEnterprise' && cache.migratedEndpoint) add(cache.migratedEndpoint, cache);
  for (const { sourceId, targetId, status } of known) {
    const source = byId.get(sourceId.toLowerCase());
    const target = byId.get(targetId.toLowerCase());
    if (!source) continue;
    if (oldHostReachesTarget(status) && target) add(source.hostName, target);
    else delete hosts[source.hostName.toLowerCase()];
  }
  return hosts;
}
