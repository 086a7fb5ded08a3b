import { AMR_DNS_SUFFIX, LEGACY_DNS_SUFFIXES } from '../amr/facts';
import { escapedText } from '../regExpText';
import { UNKNOWN_CHAR, type Endpoint, type HostRef } from './evidence';

/** How the port and TLS rules treat a host. */
export type HostClass = 'legacy' | 'amr' | 'local' | 'other' | 'unknown';

const AMR_SUFFIXES = Object.values(AMR_DNS_SUFFIX);

/** A legacy DNS suffix inside longer text; the host name is found by extending backwards from it. */
const LEGACY_SUFFIX_SOURCE = `(?:${LEGACY_DNS_SUFFIXES.map(escapedText).join('|')})(?![\\w-])`;
const LEGACY_SUFFIX_PATTERN = new RegExp(LEGACY_SUFFIX_SOURCE, 'gi');
const ANY_LEGACY_SUFFIX = new RegExp(LEGACY_SUFFIX_SOURCE, 'i');

/** Whether `text` holds a legacy DNS suffix that could end a host name: a cheap test before looking for hosts. */
export function mentionsLegacySuffix(text: string): boolean {
  return ANY_LEGACY_SUFFIX.test(text);
}

/** Where `text` holds a legacy DNS suffix that could end a host name (the places `legacyHostsIn` starts from). */
export function legacySuffixesIn(text: string): RegExpStringIterator<RegExpExecArray> {
  return text.matchAll(LEGACY_SUFFIX_PATTERN);
}
const HOST_CHAR = /[A-Za-z0-9.-]/;
/** Where a host name may start: a letter or digit, a placeholder's bracket or a part computed at run time. */
const NAME_START = new RegExp(`[A-Za-z0-9{<[${UNKNOWN_CHAR}]`);
/** Placeholders that samples and templates write for the cache name: `{cacheName}`, `<cache-name>`, `[cache-name]`. */
const PLACEHOLDER_OPENER: Readonly<Record<string, string>> = { '}': '{', '>': '<', ']': '[' };
const PLACEHOLDER_MAX = 64;

/**
 * Every legacy host name written in `text` (linear: the suffix is searched, the name extended backwards). A name
 * that is a placeholder still ends in the old suffix, so it is a host the user must change too.
 */
export function* legacyHostsIn(text: string): Generator<{ start: number; end: number; host: string }> {
  for (const match of legacySuffixesIn(text)) {
    let start = match.index;
    for (;;) {
      while (start > 0 && HOST_CHAR.test(text[start - 1]!) && match.index - start < 253) start--;
      // A part of the name computed at run time (`$"{node}.redis.cache.windows.net"`): the name is still a host name.
      const unknownOpen = text[start - 1] === UNKNOWN_CHAR ? text.lastIndexOf(UNKNOWN_CHAR, start - 2) : -1;
      if (unknownOpen >= 0 && match.index - unknownOpen < 253) {
        start = unknownOpen;
        continue;
      }
      const opener = PLACEHOLDER_OPENER[text[start - 1] ?? ''];
      const open = opener === undefined ? -1 : text.lastIndexOf(opener, start - 2);
      if (open < 0 || start - open > PLACEHOLDER_MAX || /[\s'"`,;=]/.test(text.slice(open, start))) break;
      start = open;
    }
    while (start < match.index && !NAME_START.test(text[start]!)) start++;
    if (start === match.index) continue;
    const end = match.index + match[0].length;
    yield { start, end, host: text.slice(start, end) };
  }
}

/**
 * Legacy hosts written in comment text that starts at `offset` of `file`: the line still names the old cache and needs
 * editing before it retires, so each host is an endpoint marked `commented` (information at most); nothing else in a
 * comment is live. `accept` tells which hosts of `text` stand in a comment, when `text` holds code too.
 */
export function commentedHostsIn(file: string, text: string, offset: number, accept: (start: number) => boolean = () => true): Endpoint[] {
  const found: Endpoint[] = [];
  for (const { start, end, host } of legacyHostsIn(text)) {
    if (!accept(start)) continue;
    const span = { file, start: offset + start, end: offset + end };
    found.push({ at: span, source: 'comment', commented: true, host: { kind: 'known', value: host, span } });
  }
  return found;
}

/** A legacy suffix written on its own, with or without its leading dot (`"redis.cache.windows.net"`): names are appended to it. */
const BARE_LEGACY_SUFFIX = new RegExp(`^\\s*\\.?(${LEGACY_DNS_SUFFIXES.map((suffix) => escapedText(suffix.slice(1))).join('|')})\\s*$`, 'i');

/** Where `text` is nothing but a legacy suffix, the suffix with its dot (`.redis.cache.windows.net`) and its range. */
export function bareLegacySuffix(text: string): { start: number; end: number; suffix: string } | undefined {
  const match = BARE_LEGACY_SUFFIX.exec(text);
  if (!match) return undefined;
  const end = match.index + match[0].trimEnd().length;
  const start = end - match[1]!.length;
  return { start, end, suffix: `.${match[1]!.toLowerCase()}` };
}

export function isLegacyHost(host: string): boolean {
  const lower = host.toLowerCase();
  return LEGACY_DNS_SUFFIXES.some((suffix) => lower.endsWith(suffix) && lower.length > suffix.length);
}

/** Values filled in at deploy time: `${VAR}`, `${{ secrets.X }}`, `$(VAR)`, `#{VAR}#`, `%VAR%`, `{{ .Values.x }}`. */
const TEMPLATE_PLACEHOLDER = /\$\{|\$\(|#\{|\{\{|^\$\w|%\w+%/;

/**
 * Text a sample or template leaves for the user to fill in: prose or brackets where a host goes (`your redis
 * hostname`, `<YOUR-URL-HERE>`) or a name of x's (`xxxxxxxx.net`). It names no real host, so it may well be Azure.
 */
const FILL_IN_PLACEHOLDER = /[\s<>{}]|^(?:x{3,}(?:[._-]|$)|your)/;

/** A `${name}` or `${name:default}` placeholder (Spring, shell), with the name it reads. */
const NAMED_PLACEHOLDER = /^\$\{([^:}]+)(?::[^}]*)?\}$/;

function isLocalHostName(lower: string): boolean {
  return (
    lower === 'localhost' ||
    lower.endsWith('.localhost') ||
    lower.startsWith('127.') ||
    lower === '::1' ||
    lower === '[::1]' ||
    lower === '0.0.0.0' ||
    lower === 'host.docker.internal'
  );
}

export function classifyHostName(host: string): HostClass {
  const lower = host.toLowerCase().trim();
  // A placeholder named after a local host (`${localhost}`) stands for that host: no setting of that name holds Azure's.
  if (isLocalHostName(NAMED_PLACEHOLDER.exec(lower)?.[1]?.trim() ?? '')) return 'local';
  if (lower === '' || lower.includes(UNKNOWN_CHAR) || TEMPLATE_PLACEHOLDER.test(lower)) return 'unknown';
  if (isLegacyHost(lower)) return 'legacy';
  if (AMR_SUFFIXES.some((suffix) => lower.endsWith(suffix))) return 'amr';
  if (isLocalHostName(lower)) return 'local';
  return FILL_IN_PLACEHOLDER.test(lower) ? 'unknown' : 'other';
}

export function classifyHost(host: HostRef): HostClass {
  if (host.kind === 'absent') return 'local';
  if (host.kind === 'unknown') return 'unknown';
  return classifyHostName(host.value);
}

/** Port and TLS rules apply where the connection may reach Azure: an Azure host or one the scan cannot see. */
export function mayBeAzure(host: HostRef): boolean {
  const hostClass = classifyHost(host);
  return hostClass === 'legacy' || hostClass === 'amr' || hostClass === 'unknown';
}
