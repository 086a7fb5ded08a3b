import { sameSwitchedHosts, type SwitchedHosts } from '../../core/migration/switchedHosts';

/** Old host names Azure's automated migration switched, as the Caches view last told (not a setting: Azure says it). */
let inUse: Readonly<SwitchedHosts> = {};

/** The switched hosts the editor's scans use. */
export function switchedHostsInUse(): Readonly<SwitchedHosts> {
  return inUse;
}

/** Gives the scans what the Caches view knows of switched hosts; true when that changed (the findings are then stale). */
export function useSwitchedHosts(hosts: Readonly<SwitchedHosts>): boolean {
  if (sameSwitchedHosts(hosts, inUse)) return false;
  inUse = hosts;
  return true;
}
