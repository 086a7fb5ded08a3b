import { findEndpointsInText, matchCase } from '../connectionText';
import { emptyEvidence, type Endpoint, type FileEvidence, type Span } from '../../evidence/evidence';
import type { TextFileKind } from '../fileKind';
import { bareLegacySuffix, classifyHost, classifyHostName, isLegacyHost, type HostClass } from '../../evidence/hosts';
import { ComposedString } from '../sourcedString';
import { entriesOf, type Entry } from './entries';
import { KeyRemover } from './keyRemoval';
import { findKeyspaceUses } from '../keyspace';
import { baseName } from '../../files/portablePath';
import { commentRanges, inComment, type CommentRanges } from './comments';

/** Keys that configure Redis by name; other keys only count inside a Redis section. */
const REDIS_CONTEXT = /redis|cache/i;
const PORT_KEY = /port$/i;
const TLS_KEY = /^(use|enable)?_?(ssl|tls)(_?enabled)?$/i;
const PASSWORD_KEY = /(password|passwd|pwd|access_?key|primary_?key|secondary_?key|auth_?key|^key)$/i;
/** `REDISCACHEKEY`, `CACHE_KEY`: a credential only when the value looks like one (a data key name has a colon or is short). */
const AMBIGUOUS_KEY = /^cache_?key$/i;
const SECRET_VALUE = /^[A-Za-z0-9+/_-]{20,}={0,2}$/;
const DATABASE_KEY = /^(db|database|default_?database|db_?index|database_?index)$/i;
const HOST_KEY = /(host|hostname|server|endpoint)$/i;
const ARM_LIST_KEYS =
  /\blistKeys\((?=[^\n]{0,300}?Microsoft\.Cache\/redis)|\.listKeys\(\)(?=\.(?:primary|secondary)Key)/gi;

/** The last key segment without a redis prefix (REDIS_PORT → PORT); `ssl.enabled` counts as one segment. */
function leaf(entry: Entry): string {
  const path = entry.path;
  const last = path[path.length - 1] ?? '';
  const segment = /^enabled$/i.test(last) && path.length > 1 ? `${path[path.length - 2]}${last}` : last;
  return segment.replace(/^.*?redis[_-]?/i, '');
}

/** A key whose value is a prefix for data keys (StackExchange `InstanceName`): a host name there is only text. */
const KEY_PREFIX_KEY = /^(instance_?name|key_?prefix|prefix)$/i;
/** A config file named for Redis (`redis.properties`, `redis.yaml`): each of its settings is a Redis one. */
const REDIS_FILE_NAME = /redis/i;

function inRedisContext(entry: Entry): boolean {
  return entry.path.some((key) => REDIS_CONTEXT.test(key));
}

/**
 * Endpoints written in comments keep only a legacy host (the line still names the old cache; reported as
 * information); a commented-out URL's port, key or scheme and a commented-out connection string's options are not live.
 */
function liveOrCommentedHost(endpoints: Endpoint[], comments: CommentRanges): Endpoint[] {
  if (comments.length === 0) return endpoints;
  return endpoints.flatMap((endpoint): Endpoint[] => {
    if (!inComment(comments, endpoint.at.start)) return [endpoint];
    const host = endpoint.host;
    if (host.kind !== 'known' || !isLegacyHost(host.value)) return [];
    return [{ at: host.span ?? endpoint.at, source: 'comment', commented: true, host }];
  });
}

/** Drops host names written as the value of a key-prefix setting. */
function notKeyPrefixes(endpoints: Endpoint[], entries: Entry[]): Endpoint[] {
  const prefixes = entries.filter((entry) => KEY_PREFIX_KEY.test(entry.path[entry.path.length - 1] ?? ''));
  if (prefixes.length === 0) return endpoints;
  return endpoints.filter((endpoint) => endpoint.source !== 'host name' ||
    !prefixes.some((entry) => entry.valueStart <= endpoint.at.start && endpoint.at.start < entry.valueStart + entry.value.length));
}

function spanOf(file: string, entry: Entry): Span {
  return { file, start: entry.valueStart, end: entry.valueStart + entry.value.length };
}


function azureLike(classes: ReadonlySet<HostClass>): boolean {
  return classes.size === 0 || classes.has('legacy') || classes.has('amr') || classes.has('unknown');
}

/**
 * The settings one host decides for: a nested setting's section (`redis.host` and `redis.port`; `spec.env` of a
 * Kubernetes container). Flat `.env` keys have no section.
 */
function groupOf(entry: Entry): string | undefined {
  return entry.path.length > 1 ? entry.path.slice(0, -1).join('\0') : undefined;
}

/**
 * Whether an entry's Redis settings may point at Azure: decided by the host of the same call or section when it
 * has one (a file may hold a local and an Azure cache), else by the hosts of the whole file (a legacy/AMR/unknown
 * host, or none at all).
 */
function azureScope(endpoints: Endpoint[], entries: Entry[], isRedisSetting: (entry: Entry) => boolean): (entry: Entry) => boolean {
  const fileClasses = new Set<HostClass>(endpoints.map((endpoint) => classifyHost(endpoint.host)));
  const groupHosts = new Map<string, HostClass>();
  for (const entry of entries) {
    if (!isRedisSetting(entry) || !HOST_KEY.test(leaf(entry)) || entry.value === '') continue;
    const hostClass = classifyHostName(entry.value);
    fileClasses.add(hostClass);
    const group = groupOf(entry);
    if (group !== undefined) groupHosts.set(group, hostClass);
  }
  const fileMayBeAzure = azureLike(fileClasses);
  return (entry) => {
    const group = groupOf(entry);
    const groupHost = group === undefined ? undefined : groupHosts.get(group);
    return groupHost === undefined ? fileMayBeAzure : azureLike(new Set([groupHost]));
  };
}

/** Config files, `.env` and (at lower precision) string literals of C#, Python and Java. */
export function analyzeText(file: string, text: string, kind: TextFileKind): FileEvidence {
  const evidence = emptyEvidence(file);
  const whole = ComposedString.verbatim(file, text, 0);
  const written = findEndpointsInText(whole, { file, start: 0, end: 0 });
  // Comments matter for endpoints found in the text, and for XML settings (the other formats' entries skip comments
  // as they are read): most config files have neither, and pay nothing.
  const comments = written.length > 0 || kind === 'xml-config' ? commentRanges(text, kind) : [];
  const allEntries = entriesOf(text, kind);
  const entries = kind === 'xml-config' && comments.length > 0
    ? allEntries.filter((entry) => !inComment(comments, entry.valueStart))
    : allEntries;
  evidence.endpoints.push(...notKeyPrefixes(liveOrCommentedHost(written, comments), entries));
  evidence.keyspace.push(...findKeyspaceUses(whole));
  for (const match of text.matchAll(ARM_LIST_KEYS)) {
    const name = match[0].replace(/^\./, '').replace(/\($|\(\)$/, '');
    const start = match.index + match[0].indexOf(name);
    evidence.credentials.push({ at: { file, start, end: start + name.length }, source: 'ARM listKeys() reference' });
  }

  const redisFile = REDIS_FILE_NAME.test(baseName(file));
  const isRedisSetting = (entry: Entry) => redisFile || inRedisContext(entry);
  const mayBeAzure = azureScope(evidence.endpoints, entries, isRedisSetting);
  const keyRemover = new KeyRemover(file, text, kind);
  const passwordSpans = evidence.endpoints.flatMap((endpoint) => (endpoint.password ? [endpoint.password] : []));
  for (const entry of entries) {
    const name = entry.path.slice(-2).join('.');
    const key = leaf(entry);
    const source = `'${name}' setting`;
    const at = spanOf(file, entry);
    if (/^enableNonSslPort$/i.test(key) && /^true$/i.test(entry.value)) {
      evidence.endpoints.push({
        at,
        source,
        host: { kind: 'unknown' },
        tls: { value: false, span: at, enableText: matchCase(entry.value, 'false') },
      });
      continue;
    }
    const bare = bareLegacySuffix(entry.value);
    if (bare) {
      const span = { file, start: entry.valueStart + bare.start, end: entry.valueStart + bare.end };
      evidence.endpoints.push({ at: span, source, host: { kind: 'known', value: `…${bare.suffix}`, span } });
      continue;
    }
    if (!isRedisSetting(entry) || !mayBeAzure(entry) || entry.value === '') continue;
    const endpoint: Endpoint = { at, source, host: { kind: 'unknown' } };
    if (PORT_KEY.test(key) && !/ssl_?port$/i.test(key) && /^\d{1,5}$/.test(entry.value)) {
      endpoint.port = { value: Number(entry.value), span: at };
    } else if (TLS_KEY.test(key) && /^(true|false)$/i.test(entry.value)) {
      endpoint.tls = { value: /^true$/i.test(entry.value), span: at, enableText: matchCase(entry.value, 'true') };
    } else if (DATABASE_KEY.test(key) && /^\d+$/.test(entry.value)) {
      endpoint.database = { value: Number(entry.value), span: at };
    } else if ((PASSWORD_KEY.test(key) || (AMBIGUOUS_KEY.test(key) && SECRET_VALUE.test(entry.value))) && !/^(null|none|""|'')$/i.test(entry.value)) {
      // `password=` inside a connection string reads like a keyword argument; the connection string has it.
      if (!passwordSpans.some((span) => span.start <= at.start && at.start < span.end)) {
        evidence.credentials.push({ at, source, removal: keyRemover.removal(entry) });
      }
      continue;
    } else {
      continue;
    }
    evidence.endpoints.push(endpoint);
  }
  return evidence;
}
