import type { CacheResourceEvidence, CacheSetting, Endpoint, FileEvidence, IacValue, Span } from '../../evidence/evidence';
import { findEndpointsInText } from '../connectionText';
import { findKeyspaceUses } from '../keyspace';
import { ComposedString } from '../sourcedString';

/**
 * What the three infrastructure front ends (Bicep, ARM JSON, Terraform) share: which files may declare a cache, the
 * Private Link names and connection text written in them, and the names of the cache settings each language spells
 * its own way.
 */

/** A file without any of these cannot declare, reference or link to an Azure Cache for Redis. */
const CACHE_MARKERS =
  /Microsoft\.Cache\/redis|azurerm_redis_|redisCache|privatelink\.redis\.cache|avm\/res\/cache\/redis|avm-res-cache-redis|\.redis\.cache\.|redisenterprise\.cache/i;

export function mayDeclareCache(text: string): boolean {
  return CACHE_MARKERS.test(text);
}

const PRIVATE_LINK_GROUP = /(["'])(redisCache)\1/g;
const GROUP_LIST = /["']?(groupIds|subresource_names|requiredMembers)["']?\s*[:=]\s*\[[^\]]*$/i;
const PRIVATE_DNS_ZONE = /privatelink\.redis\.cache\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)(?![\w.-])/gi;

/** The private endpoint group `redisCache` (quoted) and the cache's private DNS zone, wherever they are written. */
export function privateLinksIn(file: string, text: string): NonNullable<FileEvidence['privateLinks']> {
  const found: NonNullable<FileEvidence['privateLinks']> = [];
  for (const match of text.matchAll(PRIVATE_LINK_GROUP)) {
    // Only as an item of a private endpoint's group list: `redisCache` may as well be a cache's name.
    if (!GROUP_LIST.test(text.slice(Math.max(0, match.index - 200), match.index))) continue;
    const start = match.index + 1;
    found.push({ kind: 'group', span: { file, start, end: start + match[2]!.length } });
  }
  for (const match of text.matchAll(PRIVATE_DNS_ZONE)) {
    found.push({ kind: 'zone', span: { file, start: match.index, end: match.index + match[0].length } });
  }
  return found;
}

/**
 * Connection text written in the file (host names, `host:6380,password=…` strings, URLs) and keyspace settings, as
 * the config front end reads them. The private DNS zone is a zone, not a cache host: its finding is the zone's.
 */
export function connectionTextIn(file: string, text: string): Pick<FileEvidence, 'endpoints' | 'keyspace'> {
  const whole = ComposedString.verbatim(file, text, 0);
  const endpoints = findEndpointsInText(whole, { file, start: 0, end: 0 }).filter(
    (endpoint: Endpoint) => endpoint.host.kind !== 'known' || !/^privatelink\./i.test(endpoint.host.value),
  );
  return { endpoints, keyspace: findKeyspaceUses(whole) };
}

/** Leading whitespace of the line that holds `offset`. */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

/** The whole lines that hold [start, end), through the line break after them. */
export function wholeLines(file: string, text: string, start: number, end: number): Span {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  return { file, start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1 };
}

/** A JSON array element or property [start, end) with the comma that separates it from a neighbour. */
export function elementRemoval(file: string, text: string, start: number, end: number): Span {
  const before = /,\s*$/.exec(text.slice(Math.max(0, start - 200), start));
  if (before) return { file, start: start - before[0].length, end };
  const after = /^\s*,[ \t]*(\r?\n)?/.exec(text.slice(end, end + 200));
  return { file, start: wholeLines(file, text, start, end).start, end: end + (after?.[0].length ?? 0) };
}

export function newlineOf(text: string): '\n' | '\r\n' {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * `redisConfiguration` keys (ARM/Bicep spell them `maxmemory-policy`, Terraform `maxmemory_policy`), by the setting
 * they map to; the keys listed in LOST_CONFIGURATION have no Azure Managed Redis equivalent.
 */
const CONFIGURATION_SETTINGS: Readonly<Record<string, CacheSetting>> = {
  'maxmemory-policy': 'evictionPolicy',
  'rdb-backup-enabled': 'rdbEnabled',
  'rdb-backup-frequency': 'rdbFrequency',
  'aof-backup-enabled': 'aofEnabled',
  'notify-keyspace-events': 'keyspaceEvents',
  'aad-enabled': 'entraEnabled',
  'active-directory-authentication-enabled': 'entraEnabled',
  databases: 'databaseCount',
  'maxmemory-reserved': 'memoryReserved',
};

/** Reads one `redisConfiguration` entry into `resource`: a mapped setting, or a name in `otherSettings`. */
export function addConfigurationEntry(resource: CacheResourceEvidence, key: string, value: IacValue): void {
  const normalized = key.toLowerCase().replace(/_/g, '-');
  const setting = CONFIGURATION_SETTINGS[normalized];
  if (setting) resource.settings[setting] = value;
  else resource.otherSettings.push(normalized);
}

/** Literal booleans written as strings (`'true'` in `redisConfiguration`) read as booleans. */
export function truthy(value: IacValue | undefined): boolean | undefined {
  const literal = value?.literal;
  if (typeof literal === 'boolean') return literal;
  if (typeof literal === 'string' && /^(true|false)$/i.test(literal)) return literal.toLowerCase() === 'true';
  return undefined;
}
