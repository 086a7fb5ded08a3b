import type { TextFileKind } from '../fileKind';

/** One key/value setting in a config file, with the exact place of its value. */
export interface Entry {
  /** Key path, outermost first (`['Redis', 'Port']`, `['spring', 'redis', 'port']`). */
  path: string[];
  value: string;
  valueStart: number;
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

/** An element's attributes (bounded, so a stray `<` cannot make the scan quadratic). */
const XML_ELEMENT = /<([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*"[^"<>]{0,2048}")+)\s*\/?>/g;
const XML_ATTRIBUTE = /([\w:.-]+)\s*=\s*"([^"]*)"/g;

/**
 * .NET `.config` files: `<add key="RedisPort" value="6380" />` settings, and the attributes of an element that
 * configures Redis itself (`<add name="…" type="Microsoft.Web.Redis.RedisSessionStateProvider" host="…"
 * accessKey="…" ssl="true" />`), each under the path `redis.<attribute>`.
 */
function xmlConfigEntries(text: string): Entry[] {
  const found: Entry[] = [];
  for (const element of text.matchAll(XML_ELEMENT)) {
    const attributes = element[2]!;
    const attributesStart = element.index + 1 + element[1]!.length;
    const parsed = [...attributes.matchAll(XML_ATTRIBUTE)].map((match) => ({
      name: match[1]!,
      value: match[2]!,
      valueStart: attributesStart + match.index + match[0].length - match[2]!.length - 1,
    }));
    const key = parsed.find((attribute) => /^key$/i.test(attribute.name));
    const value = parsed.find((attribute) => /^value$/i.test(attribute.name));
    if (key && value) {
      found.push({ path: key.value.split(/[.:]/), value: value.value, valueStart: value.valueStart });
    } else if (!key && /redis/i.test(attributes)) {
      for (const attribute of parsed) {
        if (/^(name|type)$/i.test(attribute.name)) continue;
        found.push({ path: ['redis', attribute.name], value: attribute.value, valueStart: attribute.valueStart });
      }
    }
  }
  return found;
}

export function entriesOf(text: string, kind: TextFileKind): Entry[] {
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
  }
}
