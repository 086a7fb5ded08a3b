import type { FileKind } from '../fileKind';

/** One key/value setting in a config file, with the exact place of its value. */
export interface Entry {
  /** Key path, outermost first (`['Redis', 'Port']`, `['spring', 'redis', 'port']`). */
  path: string[];
  value: string;
  valueStart: number;
  /** For keyword arguments: the offset of the call's `(`, so one call's host decides for its port. */
  group?: number;
  /** The value is code (`os.environ["HOST"]`), not a literal: its value is unknown. */
  computed?: boolean;
}

const QUOTES = /^(["'])(.*)\1$/;

function entry(path: string[], rawValue: string, rawStart: number): Entry {
  const trimmed = rawValue.trim();
  let valueStart = rawStart + (rawValue.length - rawValue.trimStart().length);
  let value = trimmed;
  const quoted = QUOTES.exec(trimmed);
  if (quoted) {
    value = quoted[2]!;
    valueStart += 1;
  }
  return { path, value, valueStart };
}

/** Longer lines are data, not settings; skipping them keeps the line patterns linear. */
const MAX_SETTING_LINE = 4096;

function* lines(text: string): Generator<{ line: string; start: number }> {
  const pattern = /[^\r\n]*/g;
  for (let match = pattern.exec(text); match && match.index < text.length; match = pattern.exec(text)) {
    if (match[0].length <= MAX_SETTING_LINE) yield { line: match[0], start: match.index };
    pattern.lastIndex = match.index + match[0].length + 1;
  }
}

/** `.env` and `.properties`: `KEY=value` (or `key: value`) per line; `#`/`!` comments. */
function lineEntries(text: string, separators: RegExp): Entry[] {
  const found: Entry[] = [];
  for (const { line, start } of lines(text)) {
    const match = separators.exec(line);
    if (!match) continue;
    const key = match[1]!;
    let value = match[2]!;
    const comment = value.search(/\s+#/);
    if (comment >= 0 && !/^["']/.test(value.trim())) value = value.slice(0, comment);
    found.push(entry(key.split(/[.:]/), value, start + match[0].length - match[2]!.length));
  }
  return found;
}

/** YAML by indentation: nested keys become paths; compose `- KEY=value` and Kubernetes `name`/`value` pairs are entries. */
function yamlEntries(text: string): Entry[] {
  const found: Entry[] = [];
  const stack: Array<{ indent: number; key: string }> = [];
  let pendingName: { indent: number; name: string } | undefined;
  for (const { line, start } of lines(text)) {
    if (/^\s*(#|$)/.test(line)) continue;
    const listEnv = /^(\s*)-\s+([A-Za-z_][\w.\-]*)=(.*)$/.exec(line);
    const keyed = /^(\s*)(-\s+)?(["']?)([^"'#:\s][^"'#:]*?)\3\s*:(?:\s+(.*?))?\s*$/.exec(line);
    const indent = (listEnv ?? keyed)?.[1]?.length ?? 0;
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const parents = stack.map((level) => level.key);
    if (listEnv) {
      found.push(entry([...parents, listEnv[2]!], listEnv[3]!, start + line.length - listEnv[3]!.length));
      continue;
    }
    if (!keyed) continue;
    const itemIndent = indent + (keyed[2]?.length ?? 0);
    const key = keyed[4]!;
    const raw = (keyed[5] ?? '').replace(/\s+#.*$/, '');
    if (raw === '' || raw === '|' || raw === '>') {
      stack.push({ indent: itemIndent, key });
      continue;
    }
    const rawStart = start + line.indexOf(raw, keyed[1]!.length + (keyed[2]?.length ?? 0) + key.length + 1);
    if (key === 'name') pendingName = { indent: itemIndent, name: entry([], raw, 0).value };
    if (key === 'value' && pendingName && pendingName.indent === itemIndent) {
      found.push(entry([...parents, pendingName.name], raw, rawStart));
      pendingName = undefined;
      continue;
    }
    found.push(entry([...parents, key], raw, rawStart));
  }
  return found;
}

// The closing quote is optional so an unterminated string ends the token instead of being retried from every quote.
const JSON_TOKEN = /"(?:[^"\\\n]|\\.)*"?|[{}[\]:,]|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|\/\/[^\n]*|\/\*[\s\S]{0,4096}?\*\//g;

/** JSON (and JSON with comments): every scalar value under its key path. */
function jsonEntries(text: string): Entry[] {
  const found: Entry[] = [];
  const path: string[] = [];
  const containers: Array<'object' | 'array'> = [];
  let pendingKey: string | undefined;
  let lastString: { value: string; start: number } | undefined;
  for (const match of text.matchAll(JSON_TOKEN)) {
    const token = match[0];
    if (token.startsWith('//') || token.startsWith('/*')) continue;
    if (token === '{' || token === '[') {
      path.push(pendingKey ?? (containers[containers.length - 1] === 'array' ? '[]' : ''));
      containers.push(token === '{' ? 'object' : 'array');
      pendingKey = undefined;
    } else if (token === '}' || token === ']') {
      path.pop();
      containers.pop();
      pendingKey = undefined;
    } else if (token === ':') {
      pendingKey = lastString?.value;
    } else if (token === ',') {
      pendingKey = undefined;
    } else if (token.startsWith('"') && (token.length < 2 || !token.endsWith('"'))) {
      pendingKey = undefined;
    } else {
      const isString = token.startsWith('"');
      if (isString) lastString = { value: token.slice(1, -1), start: match.index + 1 };
      if (pendingKey !== undefined) {
        const keys = path.slice(1).filter((key) => key !== '');
        found.push({
          path: [...keys, pendingKey],
          value: isString ? token.slice(1, -1) : token,
          valueStart: isString ? match.index + 1 : match.index,
        });
        pendingKey = undefined;
      }
    }
  }
  return found;
}

/** `<add key="RedisPort" value="6380" />` in .NET `.config` files. */
function xmlConfigEntries(text: string): Entry[] {
  const found: Entry[] = [];
  for (const match of text.matchAll(/<add\s+key\s*=\s*"([^"]*)"\s+value\s*=\s*"([^"]*)"/gi)) {
    const valueStart = match.index + match[0].length - match[2]!.length - 1;
    found.push({ path: match[1]!.split(/[.:]/), value: match[2]!, valueStart });
  }
  return found;
}

/** Offset of the innermost unclosed `(` before `index` (looking back a bounded distance). */
function openParenBefore(text: string, index: number): number | undefined {
  let depth = 0;
  for (let i = index - 1; i >= Math.max(0, index - 400); i--) {
    const ch = text[i];
    if (ch === ')') depth++;
    else if (ch === '(' && depth-- === 0) return i;
  }
  return undefined;
}

/** Keyword arguments in Python/C#/Java (`port=6380`, `ssl=False`) near a Redis constructor. */
function codeTextEntries(text: string): Entry[] {
  const found: Entry[] = [];
  // `SSL_PORT = 6380` (a Java or Python constant) names a port like `port=6380`; `setPassword(x)` / `auth(x)` pass a key.
  const pattern =
    /(?:\b|(?<=\b[A-Za-z0-9]+_))(host|port|ssl|password|db)\s*[=:]\s*("[^"\n]*"|'[^'\n]*'|[\w.]+(?:\[[^\]\n]*\]|\([^)\n]*\))?)|\.(?:set(password)|(auth))\(\s*("[^"\n]*"|[\w.]+(?:\([^)\n]*\))?)\s*\)/gi;
  for (const match of text.matchAll(pattern)) {
    const before = text.slice(Math.max(0, match.index - 400), match.index);
    if (!/redis/i.test(before)) continue;
    const name = match[1] ?? 'password';
    const raw = match[2] ?? match[5]!;
    const start = match[2] === undefined ? match.index + match[0].lastIndexOf(raw) : match.index + match[0].length - raw.length;
    // A prefixed name other than a port (`DB_PASSWORD`, `CACHE_HOST_LIST`) is not a Redis keyword argument.
    if (match[1] && !/port/i.test(name) && /_$/.test(text.slice(match.index - 1, match.index))) continue;
    // An unquoted name (`os.environ`, `settings.host`) is code whose value the scanner cannot know.
    const literal = /^["']|^\d+$|^(true|false)$/i.test(raw);
    const keyword = literal ? entry(['redis', name], raw, start) : { path: ['redis', name], value: raw, valueStart: start, computed: true };
    found.push({ ...keyword, group: openParenBefore(text, match.index) });
  }
  return found;
}

export function entriesOf(text: string, kind: Exclude<FileKind, 'script' | 'bicep' | 'terraform'>): Entry[] {
  switch (kind) {
    case 'env':
      return lineEntries(text, /^\s*(?:export\s+)?([A-Za-z_][\w.\-]*)\s*=(.*)$/);
    case 'properties':
      return lineEntries(text, /^\s*([A-Za-z_][\w.\-]*)\s*[=:](.*)$/);
    case 'yaml':
      return yamlEntries(text);
    case 'json':
      return jsonEntries(text);
    case 'xml-config':
      return xmlConfigEntries(text);
    case 'code-text':
      return codeTextEntries(text);
  }
}
