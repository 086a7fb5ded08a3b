import { findEndpointsInText, matchCase } from '../connectionText';
import { emptyEvidence, type Endpoint, type FileEvidence, type Span } from '../../evidence/evidence';
import type { FileKind } from '../fileKind';
import { classifyHost, classifyHostName, type HostClass } from '../../evidence/hosts';
import { ComposedString } from '../sourcedString';
import { entriesOf, type Entry } from './entries';
import { KeyRemover } from './keyRemoval';
import { findKeyspaceUses } from '../keyspace';

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

function inRedisContext(entry: Entry): boolean {
  return entry.path.some((key) => REDIS_CONTEXT.test(key));
}

function spanOf(file: string, entry: Entry): Span {
  return { file, start: entry.valueStart, end: entry.valueStart + entry.value.length };
}

function isHostEntry(entry: Entry): boolean {
  return inRedisContext(entry) && HOST_KEY.test(leaf(entry)) && entry.value !== '';
}

function azureLike(classes: ReadonlySet<HostClass>): boolean {
  return classes.size === 0 || classes.has('legacy') || classes.has('amr') || classes.has('unknown');
}

/**
 * Whether an entry's Redis settings may point at Azure: decided by the host of the same call for
 * keyword arguments, else by the hosts of the whole file (a legacy/AMR/unknown host, or none at all).
 */
function azureScope(endpoints: Endpoint[], entries: Entry[]): (entry: Entry) => boolean {
  const fileClasses = new Set<HostClass>(endpoints.map((endpoint) => classifyHost(endpoint.host)));
  const groupHosts = new Map<number, HostClass>();
  for (const entry of entries.filter(isHostEntry)) {
    const hostClass = entry.computed ? 'unknown' : classifyHostName(entry.value);
    fileClasses.add(hostClass);
    if (entry.group !== undefined) groupHosts.set(entry.group, hostClass);
  }
  const fileMayBeAzure = azureLike(fileClasses);
  return (entry) => {
    const groupHost = entry.group === undefined ? undefined : groupHosts.get(entry.group);
    return groupHost === undefined ? fileMayBeAzure : azureLike(new Set([groupHost]));
  };
}

/** Config files, `.env` and (at lower precision) string literals of C#, Python and Java. */
export function analyzeText(file: string, text: string, kind: Exclude<FileKind, 'script' | 'bicep' | 'terraform'>): FileEvidence {
  const evidence = emptyEvidence(file);
  const whole = ComposedString.verbatim(file, text, 0);
  evidence.endpoints.push(...findEndpointsInText(whole, { file, start: 0, end: 0 }));
  evidence.keyspace.push(...findKeyspaceUses(whole));
  for (const match of text.matchAll(ARM_LIST_KEYS)) {
    const name = match[0].replace(/^\./, '').replace(/\($|\(\)$/, '');
    const start = match.index + match[0].indexOf(name);
    evidence.credentials.push({ at: { file, start, end: start + name.length }, source: 'ARM listKeys() reference' });
  }

  const entries = entriesOf(text, kind);
  const mayBeAzure = azureScope(evidence.endpoints, entries);
  const keyRemover = new KeyRemover(file, text, kind);
  const passwordSpans = evidence.endpoints.flatMap((endpoint) => (endpoint.password ? [endpoint.password] : []));
  for (const entry of entries) {
    const name = entry.path.slice(-2).join('.');
    const key = leaf(entry);
    const source = kind === 'code-text' ? `'${key}=' argument` : `'${name}' setting`;
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
    if (!inRedisContext(entry) || !mayBeAzure(entry) || entry.value === '') continue;
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
