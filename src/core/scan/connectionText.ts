import { bareLegacySuffix, isLegacyHost, legacyHostsIn } from '../evidence/hosts';
import { UNKNOWN_CHAR, type Endpoint, type HostRef, type Located, type Span } from '../evidence/evidence';
import type { SourcedString } from './sourcedString';

/**
 * Finds Redis endpoints written as text: `redis://` / `rediss://` URLs, StackExchange.Redis
 * connection strings (`host:6380,password=…,ssl=True`), bare Azure Cache host names and their suffix on its own.
 * Shared by config files and string values in code.
 */

// A `<NAME>` fill-in placeholder (`rediss://<REDIS_PASSWORD>@<REDIS_HOST>:6380`) is part of the URL; other `<` end it.
// So is a part computed at run time, whatever its expression's text (`f"redis://:{env('REDIS_PASSWORD')}@…"`).
const URL_PATTERN = new RegExp(`\\b(rediss?)://((?:[^\\s'"\`<>,;()\\\\${UNKNOWN_CHAR}]|<[\\w.-]{1,40}>|${UNKNOWN_CHAR}[^${UNKNOWN_CHAR}]*${UNKNOWN_CHAR})*)`, 'gi');
/**
 * User info without a colon is a user name to node-redis, but Lettuce, Micronaut and Spring read `rediss://KEY@host`
 * as the password: it is one when it looks like a key (long base64) or names one (`${redis.password}`, `<REDIS_KEY>`).
 */
const PASSWORD_ONLY_USER_INFO = /^[A-Za-z0-9+/]{20,}={0,2}$|pass|pwd|secret|key/i;
/** An option that only appears in StackExchange.Redis connection strings. */
const OPTION_NAMES = 'password|ssl|abortConnect|defaultDatabase|user|allowAdmin|connectTimeout|syncTimeout|sslHost|connectRetry';
const CONNECTION_STRING_OPTION = new RegExp(`,\\s*(?:${OPTION_NAMES})\\s*=`, 'gi');
/** Text ending in an option name, so an `=` after it belongs to the connection string (`"password=…,host"`). */
const ENDS_IN_OPTION_NAME = new RegExp(`[,\\s"'\`;(](?:${OPTION_NAMES})\\s*$`, 'i');
const STRING_DELIMITER = /["'`\s;(]/;

function located<T>(s: SourcedString, value: T, start: number, end: number): Located<T> | undefined {
  const span = s.spanOf(start, end);
  return span ? { value, span } : undefined;
}

/**
 * The host written at s.text[start, start + host.length). A name computed at run time on a legacy
 * suffix (`${name}.redis.cache.windows.net`) is still a legacy host: it is reported where its written part is.
 */
export function hostRef(s: SourcedString, host: string, start: number): HostRef {
  if (host === '') return { kind: 'absent' };
  if (!host.includes(UNKNOWN_CHAR)) {
    const span = s.spanOf(start, start + host.length);
    const dot = host.indexOf('.');
    // Composed from a name and a suffix written elsewhere (`NAME + '.redis.cache.windows.net'`): the suffix is where it
    // is written; the value says the name is not, so no host-map fix rewrites half a name.
    if (span || dot <= 0 || !isLegacyHost(host)) return { kind: 'known', value: host, span };
    const suffixSpan = s.spanOf(start + dot + 1, start + host.length);
    return suffixSpan ? { kind: 'known', value: `…${host.slice(dot)}`, span: suffixSpan } : { kind: 'known', value: host, span: undefined };
  }
  const known = host.slice(host.lastIndexOf(UNKNOWN_CHAR) + 1);
  if (!isLegacyHost(`x${known}`)) return { kind: 'unknown' };
  // What is written starts at its first letter or digit: the suffix of `${name}.redis…`, the rest of the name in
  // `${env}-orders.redis…` or in a prefix glued before a whole host (`prefix + "orders.redis…,ssl=true"`).
  const writtenStart = start + host.length - known.length + known.search(/[A-Za-z0-9]/);
  return { kind: 'known', value: `…${known}`, span: s.spanOf(writtenStart, start + host.length) };
}

/** A port number written as digits (not composed from unknown parts). */
function portAt(s: SourcedString, text: string, start: number): Located<number> | undefined {
  return /^\d{1,5}$/.test(text) ? located(s, Number(text), start, start + text.length) : undefined;
}

/** Parses the URL at s.text[start, end) (scheme included). */
export function parseRedisUrl(s: SourcedString, start: number, end: number, at: Span): Endpoint {
  const url = s.text.slice(start, end);
  const schemeEnd = url.indexOf(':');
  const scheme = url.slice(0, schemeEnd).toLowerCase();
  const authorityStart = schemeEnd + 3;
  const pathStart = url.slice(authorityStart).search(/[/?#]/);
  const authorityEnd = pathStart < 0 ? url.length : authorityStart + pathStart;
  const authority = url.slice(authorityStart, authorityEnd);
  const endpoint: Endpoint = { at, source: 'connection URL', host: { kind: 'absent' } };
  const schemeLoc = located(s, scheme, start, start + schemeEnd);
  if (schemeLoc) endpoint.scheme = schemeLoc;

  const at_ = authority.lastIndexOf('@');
  let hostPart = authority;
  let hostOffset = start + authorityStart;
  if (at_ >= 0) {
    const userInfo = authority.slice(0, at_);
    const colon = userInfo.indexOf(':');
    const passwordOnly = colon < 0 && PASSWORD_ONLY_USER_INFO.test(userInfo);
    if ((colon >= 0 && colon < userInfo.length - 1) || passwordOnly) {
      endpoint.password = s.spanOf(hostOffset + colon + 1, hostOffset + at_) ?? at;
      // Entra ID sends the identity's object id as user name, so the old user goes with the key.
      const userInfoSpan = s.spanOf(hostOffset, hostOffset + at_ + 1);
      if (userInfoSpan) endpoint.passwordRemoval = { kind: 'url', edits: [{ span: userInfoSpan, newText: '' }] };
    }
    hostPart = authority.slice(at_ + 1);
    hostOffset += at_ + 1;
  }
  const bracketEnd = hostPart.startsWith('[') ? hostPart.indexOf(']') + 1 : 0;
  const portColon = hostPart.indexOf(':', bracketEnd);
  const host = portColon >= 0 ? hostPart.slice(0, portColon) : hostPart;
  endpoint.host = hostRef(s, host, hostOffset);
  if (portColon >= 0) {
    const port = portAt(s, hostPart.slice(portColon + 1), hostOffset + portColon + 1);
    if (port) endpoint.port = port;
  }
  const dbMatch = /^\/(\d+)/.exec(url.slice(authorityEnd));
  if (dbMatch) {
    const dbStart = start + authorityEnd + 1;
    const database = located(s, Number(dbMatch[1]), dbStart, dbStart + dbMatch[1]!.length);
    if (database) endpoint.database = database;
  }
  return endpoint;
}

/** Parses a StackExchange.Redis connection string at s.text[start, end). */
export function parseConnectionString(s: SourcedString, start: number, end: number, at: Span): Endpoint[] {
  const endpoints: Endpoint[] = [];
  const options: Omit<Endpoint, 'at' | 'source' | 'host'> = {};
  let itemStart = start;
  while (itemStart <= end) {
    let itemEnd = s.text.indexOf(',', itemStart);
    if (itemEnd < 0 || itemEnd > end) itemEnd = end;
    const raw = s.text.slice(itemStart, itemEnd);
    const lead = raw.length - raw.trimStart().length;
    const item = raw.trim();
    const itemOffset = itemStart + lead;
    const equals = item.indexOf('=');
    if (equals < 0 && item !== '') {
      const bracketEnd = item.startsWith('[') ? item.indexOf(']') + 1 : 0;
      const colon = item.indexOf(':', bracketEnd);
      const host = colon >= 0 ? item.slice(0, colon) : item;
      const endpoint: Endpoint = { at, source: 'connection string', host: hostRef(s, host, itemOffset) };
      if (colon >= 0) {
        const port = portAt(s, item.slice(colon + 1), itemOffset + colon + 1);
        if (port) endpoint.port = port;
      }
      endpoints.push(endpoint);
    } else if (equals > 0) {
      const key = item.slice(0, equals).trim().toLowerCase();
      const valueRaw = item.slice(equals + 1);
      const value = valueRaw.trim();
      const valueOffset = itemOffset + equals + 1 + (valueRaw.length - valueRaw.trimStart().length);
      if (key === 'password' && value !== '') {
        options.password = s.spanOf(valueOffset, valueOffset + value.length) ?? at;
        const removal = itemRemoval(s, start, end, itemStart, itemEnd);
        if (removal) options.passwordRemoval = { kind: 'connection-string', edits: [{ span: removal, newText: '' }] };
      } else if (key === 'ssl' && /^(true|false)$/i.test(value)) {
        const span = s.spanOf(valueOffset, valueOffset + value.length);
        options.tls = { value: value.toLowerCase() === 'true', span, enableText: matchCase(value, 'true') };
      } else if (key === 'defaultdatabase' && /^\d+$/.test(value)) {
        const database = located(s, Number(value), valueOffset, valueOffset + value.length);
        if (database) options.database = database;
      }
    }
    itemStart = itemEnd + 1;
  }
  if (endpoints.length === 0) endpoints.push({ at, source: 'connection string', host: { kind: 'unknown' } });
  Object.assign(endpoints[0]!, options);
  return endpoints;
}

/**
 * What to delete to drop the item s.text[itemStart, itemEnd) from the connection string at s.text[start, end): the
 * comma before it, or for the first item the comma and the spaces after it.
 */
function itemRemoval(s: SourcedString, start: number, end: number, itemStart: number, itemEnd: number): Span | undefined {
  if (itemStart > start) return s.spanOf(itemStart - 1, itemEnd);
  if (itemEnd >= end) return undefined;
  let after = itemEnd + 1;
  while (after < end && s.text[after] === ' ') after++;
  return s.spanOf(itemStart, after);
}

/** `true` written in the case style of `like` (`False` → `True`). */
export function matchCase(like: string, word: string): string {
  if (like === like.toUpperCase()) return word.toUpperCase();
  if (like[0] === like[0]!.toUpperCase()) return word[0]!.toUpperCase() + word.slice(1);
  return word;
}

/**
 * Extent of a connection string around an option match: delimited by quotes, whitespace or the `=` of a `NAME=`
 * setting before it. The `=` of an option (`password=`) and the padding of a base64 key (`…=,`) belong to the string.
 */
function connectionStringExtent(text: string, optionIndex: number): [number, number] {
  // The option name (at most 15 letters) must start at a delimiter, or at the start of the text.
  const partOfString = (equals: number) => /[,=]/.test(text[equals + 1]!)
    || ENDS_IN_OPTION_NAME.test((equals < 22 ? ',' : '') + text.slice(Math.max(0, equals - 22), equals));
  let start = optionIndex;
  while (start > 0 && !STRING_DELIMITER.test(text[start - 1]!) && (text[start - 1] !== '=' || partOfString(start - 1))) start--;
  let end = optionIndex;
  while (end < text.length && !STRING_DELIMITER.test(text[end]!)) end++;
  return [start, end];
}

/** `redis-cli -h host -p 6380 -a key --tls` in package.json scripts, shell lines, Dockerfiles and docs. */
const REDIS_CLI = /\bredis-cli((?:[ \t]+(?:-[a-z]|--[a-z-]+)(?:[ \t]+(?!-)[^\s"'`;|&]+)?)+)/g;
// `-u URL` is read by the URL pattern, which covers the whole command.
const CLI_OPTION = /(-[hpa]|--(?:tls|pass))(?:[ \t]+(?!-)([^\s"'`;|&]+))?/g;

function redisCliEndpoints(s: SourcedString, spanFor: (start: number, end: number) => Span): Array<{ range: [number, number]; endpoint: Endpoint }> {
  const found: Array<{ range: [number, number]; endpoint: Endpoint }> = [];
  for (const command of s.text.matchAll(REDIS_CLI)) {
    const start = command.index;
    const end = start + command[0].length;
    const endpoint: Endpoint = { at: spanFor(start, end), source: 'redis-cli command', host: { kind: 'absent' } };
    const optionsStart = start + command[0].length - command[1]!.length;
    for (const option of command[1]!.matchAll(CLI_OPTION)) {
      const value = option[2];
      const valueStart = optionsStart + option.index + option[0].length - (value?.length ?? 0);
      if (option[1] === '--tls') endpoint.tls = { value: true, span: undefined, enableText: '--tls' };
      if (value === undefined) continue;
      if (option[1] === '-h') {
        const [host = value, port] = value.split(':');
        endpoint.host = hostRef(s, host, valueStart);
        const hostPort = port === undefined ? undefined : portAt(s, port, valueStart + host.length + 1);
        if (hostPort) endpoint.port = hostPort;
      } else if (option[1] === '-p') {
        const port = portAt(s, value, valueStart);
        if (port) endpoint.port = port;
      } else if (option[1] === '-a' || option[1] === '--pass') endpoint.password = spanFor(valueStart, valueStart + value.length);
    }
    found.push({ range: [start, end], endpoint });
  }
  return found;
}

/** An option name or Redis, in any case: what a part of a composed string must hold for the whole to hold an endpoint. */
const ENDPOINT_PART = new RegExp(`redis|${OPTION_NAMES}`, 'i');

/**
 * Whether a string composed from parts written in `written` may hold an endpoint, when no part comes from elsewhere
 * (no escape, no name the file declares): every endpoint `findEndpointsInText` finds names redis or an option, whole
 * in one part (a name split over two literals, `"pass" + "word="`, is not looked for).
 */
export function mayComposeEndpoints(written: string): boolean {
  return ENDPOINT_PART.test(written);
}

/**
 * Whether `text` may hold an endpoint `findEndpointsInText` finds: URLs, redis-cli commands and legacy host suffixes
 * all name redis, and a connection string has an option. A quick test for text read as it is written.
 */
export function mayHoldEndpoints(text: string): boolean {
  return /redis/i.test(text) || text.search(CONNECTION_STRING_OPTION) >= 0;
}

/**
 * Every endpoint written in `s`. Parts without a verbatim place in the source (composed from several
 * literals) are reported at `fallback`, the span of the whole string.
 */
export function findEndpointsInText(s: SourcedString, fallback: Span): Endpoint[] {
  const text = s.text;
  const found: Endpoint[] = [];
  const covered: Array<[number, number]> = [];
  const spanFor = (start: number, end: number): Span => s.spanOf(start, end) ?? fallback;

  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    const end = start + match[0].length;
    covered.push([start, end]);
    found.push(parseRedisUrl(s, start, end, spanFor(start, end)));
  }

  for (const { range, endpoint } of redisCliEndpoints(s, spanFor)) {
    if (covered.some(([a, b]) => range[0] < b && range[1] > a)) continue;
    covered.push(range);
    found.push(endpoint);
  }

  const options = new RegExp(CONNECTION_STRING_OPTION);
  for (let option = options.exec(text); option; option = options.exec(text)) {
    const [start, end] = connectionStringExtent(text, option.index);
    options.lastIndex = Math.max(end, option.index + 1);
    if (covered.some(([a, b]) => start < b && end > a)) continue;
    covered.push([start, end]);
    found.push(...parseConnectionString(s, start, end, spanFor(start, end)));
  }

  for (const { start, end, host } of legacyHostsIn(text)) {
    if (covered.some(([a, b]) => start >= a && start < b)) continue;
    const endpoint: Endpoint = { at: spanFor(start, end), source: 'host name', host: hostRef(s, host, start) };
    // `host:6380`, or a positional port right after a quoted host: Jedis("host", 6380), EndPoints.Add("host", 6380).
    const portMatch = /^(?::|["']\s*,\s*)(\d{1,5})\b/.exec(text.slice(end, end + 16));
    if (portMatch) {
      const port = portAt(s, portMatch[1]!, end + portMatch[0].length - portMatch[1]!.length);
      if (port) endpoint.port = port;
    }
    found.push(endpoint);
  }
  // A suffix held on its own (`_suffix = "redis.cache.windows.net"`) is appended to cache names: it changes with them.
  const bare = found.length === 0 ? bareLegacySuffix(text) : undefined;
  const bareSpan = bare && s.spanOf(bare.start, bare.end);
  if (bare && bareSpan) found.push({ at: bareSpan, source: 'host name suffix', host: { kind: 'known', value: `…${bare.suffix}`, span: bareSpan } });
  return found;
}
