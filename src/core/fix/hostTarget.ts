import { buildAmrHostName, regionOfEnterpriseHost } from '../amr/facts';
import { findRegion, type AzureRegion } from '../azure/regions';
import { parseHostMap, type HostMap } from './hostMap';

/**
 * Building one host-map entry from what a user answers (a cache name and a region) or picks (an AMR cache): the
 * checks say what is wrong in words, so a typo never becomes a host fix to a host that cannot exist.
 */

/** Azure Managed Redis (Microsoft.Cache/redisEnterprise) names: 1–60 letters, digits and hyphens. */
const AMR_NAME = /^[A-Za-z0-9-]{1,60}$/;

/** Why `name` cannot name an Azure Managed Redis cache, or undefined when it can. */
export function amrNameProblem(name: string): string | undefined {
  if (name === '') return 'Enter the name of the Azure Managed Redis cache.';
  if (!AMR_NAME.test(name)) return 'Use 1–60 letters, digits and hyphens.';
  if (name.startsWith('-') || name.endsWith('-') || name.includes('--')) {
    return 'A name cannot start or end with a hyphen or contain two hyphens in a row.';
  }
  return undefined;
}

/** The public-cloud region `input` names, or why it cannot be the region of a host fix. */
export function targetRegion(input: string): { region: AzureRegion } | { problem: string } {
  const region = findRegion(input);
  if (!region) return { problem: `'${input.trim()}' is not an Azure region name (such as westus2 or West US 2).` };
  if (region.cloud !== 'AzureCloud') {
    return {
      problem: `${region.displayName} is a ${region.cloud} region, where the Azure Managed Redis DNS suffix is not known to ` +
        'amr-migrate: add its host to amrMigrate.hostMap by hand.',
    };
  }
  return { region };
}

/** `<name>.<region>.redis.azure.net`, the host Azure gives an Azure Managed Redis cache in the public cloud. */
export function amrTargetHost(name: string, region: AzureRegion): string {
  return buildAmrHostName(name, region.name);
}

export { legacyCacheName } from './hostMap';

/** The region an Enterprise host names (`orders.westeurope.redisenterprise.cache.azure.net`); ACR hosts name none. */
export function regionOfLegacyHost(host: string): AzureRegion | undefined {
  const region = regionOfEnterpriseHost(host);
  return region === undefined ? undefined : findRegion(region);
}

/**
 * The host map `current` (a setting's raw value) with every one of `oldNames` (cache or host names) pointing at
 * `target`, validated as `--host-map` is: throws a HostMapError saying what is wrong, in the map or the new entry.
 */
export function withTargets(current: unknown, oldNames: readonly string[], target: string): HostMap {
  const updated = parseHostMap(JSON.stringify(current ?? {}));
  for (const name of oldNames) updated[name.toLowerCase()] = target;
  return parseHostMap(JSON.stringify(updated));
}
