import { isLegacyHost } from '../evidence/hosts';

/** Old host name or old cache name → Azure Managed Redis host name, all lower case. */
export type HostMap = Record<string, string>;

const AMR_HOST = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+redis\.azure\.net$/;
const OLD_NAME = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/;

export class HostMapError extends Error {}

/**
 * Reads the `--host-map` JSON: an object whose keys are old host names (`orders.redis.cache.windows.net`) or cache
 * names (`orders`) and whose values are AMR host names (`*.redis.azure.net`). Throws a HostMapError saying what is
 * wrong, so a typo never turns into a rewrite to a wrong host.
 */
export function parseHostMap(json: string): HostMap {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new HostMapError(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HostMapError('must be a JSON object of old host or cache name → Azure Managed Redis host name');
  }
  const map: HostMap = {};
  for (const [rawKey, rawTarget] of Object.entries(value)) {
    const key = rawKey.trim().toLowerCase();
    if (!OLD_NAME.test(key)) throw new HostMapError(`"${rawKey}" is not a host or cache name`);
    if (typeof rawTarget !== 'string') throw new HostMapError(`the target of "${rawKey}" must be a string`);
    const target = rawTarget.trim().toLowerCase();
    if (!AMR_HOST.test(target)) {
      throw new HostMapError(
        `the target of "${rawKey}" is "${rawTarget}", which is not an Azure Managed Redis host name (*.redis.azure.net)`,
      );
    }
    if (key in map && map[key] !== target) throw new HostMapError(`"${rawKey}" is given two different targets`);
    map[key] = target;
  }
  return map;
}

/** The cache name of a legacy host written in full (`orders.redis.cache.windows.net` → `orders`), else undefined. */
export function legacyCacheName(host: string): string | undefined {
  const lower = host.toLowerCase();
  return isLegacyHost(lower) && /^[a-z0-9]/.test(lower) ? lower.split('.')[0] : undefined;
}

/** The entry of `map` for `host`: by its full name first, else by its cache name (`orders` for `orders.redis.cache.windows.net`). */
export function entryForHost<T>(map: Readonly<Record<string, T>> | undefined, host: string): T | undefined {
  if (!map) return undefined;
  const lower = host.toLowerCase();
  const cacheName = legacyCacheName(lower);
  const entries = Object.entries(map).map(([from, to]) => [from.toLowerCase(), to] as const);
  return (entries.find(([from]) => from === lower) ?? entries.find(([from]) => from === cacheName))?.[1];
}
