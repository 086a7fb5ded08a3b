import type { TextEdit } from '../../findings';
import { readManifest } from '../../scan/manifests';
import { jsonLayout, type JsonMember } from './jsonLayout';

/**
 * The edits that add those of `packages` that `text` (a package.json) does not list in any dependency group yet, and
 * raise the listed packages that must rise with them (`lockstepRaises`) — for a manifest read now, not at scan time.
 * None when nothing is missing or low, or when it does not parse.
 */
export function missingDependencyEdits(file: string, text: string, packages: Record<string, string>): TextEdit[] {
  const listed = readManifest(file, text)?.dependencies;
  if (!listed) return [];
  return [
    ...dependencyEdits(file, text, Object.fromEntries(Object.entries(packages).filter(([name]) => listed[name] === undefined))),
    ...raiseEdits(file, text, lockstepRaises(listed, packages)),
  ];
}

/**
 * node-redis releases `redis` and `@redis/*` together: `redis` pins `@redis/client` to its own version exactly, and
 * `@redis/entraid` asks for `@redis/client` of at least its own version as a peer. Adding `@redis/entraid ^5.12.1`
 * beside `redis 5.8.2` therefore fails with npm ERESOLVE; those listed packages must rise to the added version.
 */
const RISE_WITH: Record<string, readonly string[]> = { '@redis/entraid': ['redis', '@redis/client'] };

/**
 * The packages of `listed` (name → range, as the manifest has them) whose lowest allowed version is below that of an
 * added package they must keep up with, mapped to a caret range from that version. Always a caret, even for a pinned
 * version: npm gives the peer the newest matching @redis/client, and only a `redis` free to take the same release
 * shares that copy instead of nesting its own exact one. Ranges this cannot read (git URLs,
 * `file:`, unions, upper bounds) and other major versions are left to the user: raising them could change more.
 */
export function lockstepRaises(listed: Record<string, string>, added: Record<string, string>): Record<string, string> {
  const raises: Record<string, string> = {};
  for (const [name, range] of Object.entries(added)) {
    const needed = lowestVersion(range);
    if (!needed) continue;
    for (const partner of RISE_WITH[name] ?? []) {
      const current = listed[partner] === undefined ? undefined : lowestVersion(listed[partner]);
      if (current && current[0] === needed[0] && compareVersions(current, needed) < 0) raises[partner] = `^${needed.join('.')}`;
    }
  }
  return raises;
}

type Version = [number, number, number];

/** The lowest version a simple range allows (`5.8.2`, `^5.8.0`, `~5.8`, `>=5.0.0`, `5.x`); undefined for others. */
function lowestVersion(range: string): Version | undefined {
  const match = /^\s*(?:\^|~|>=|=)?\s*v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?(?:-[0-9A-Za-z.-]+)?\s*$/i.exec(range);
  if (!match) return undefined;
  const part = (text: string | undefined) => (text === undefined || !/^\d+$/.test(text) ? 0 : Number(text));
  return [Number(match[1]), part(match[2]), part(match[3])];
}

function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

const INSTALLED_GROUPS = ['dependencies', 'devDependencies', 'optionalDependencies'];

/** Edits that set the range of each of `ranges` (name → range) where a dependency group of the manifest lists it. */
export function raiseEdits(file: string, text: string, ranges: Record<string, string>): TextEdit[] {
  if (Object.keys(ranges).length === 0) return [];
  const edits: TextEdit[] = [];
  for (const group of jsonLayout(text)?.members ?? []) {
    if (!INSTALLED_GROUPS.includes(group.name)) continue;
    for (const entry of group.value.members ?? []) {
      const range = ranges[entry.name];
      // Only a string value is a range this can replace.
      if (range === undefined || text[entry.value.start] !== '"') continue;
      edits.push({ file, start: entry.value.start, end: entry.value.end, newText: JSON.stringify(range) });
    }
  }
  return edits;
}

/**
 * Edits that add `packages` (name → version range) to the `dependencies` of a package.json, keeping its layout:
 * each name goes where npm's alphabetical order puts it, indented like its neighbours; a missing `dependencies`
 * object is added after the last top-level property. Names the manifest already lists (in any dependency group)
 * are the caller's to leave out. Returns no edits when the text is not a JSON object.
 */
export function dependencyEdits(file: string, text: string, packages: Record<string, string>): TextEdit[] {
  const names = Object.keys(packages).sort();
  if (names.length === 0) return [];
  const root = jsonLayout(text);
  if (!root?.members) return [];
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const entry = (name: string) => `${JSON.stringify(name)}: ${JSON.stringify(packages[name])}`;
  const rootIndent = indentOf(text, root.members[0]) ?? '  ';
  const dependencies = root.members.find((member) => member.name === 'dependencies');
  if (!dependencies) {
    const last = root.members[root.members.length - 1];
    const inner = rootIndent + rootIndent;
    const block = `${JSON.stringify('dependencies')}: {${newline}${names.map((name) => inner + entry(name)).join(`,${newline}`)}${newline}${rootIndent}}`;
    if (!last) return [{ file, start: root.start + 1, end: root.end - 1, newText: `${newline}${rootIndent}${block}${newline}` }];
    return [{ file, start: last.end, end: last.end, newText: `,${newline}${rootIndent}${block}` }];
  }
  const existing = dependencies.value.members;
  if (!existing) return [];
  if (existing.length === 0) {
    const closing = indentOf(text, dependencies) ?? '';
    const body = names.map((name) => closing + rootIndent + entry(name)).join(`,${newline}`);
    return [{ file, start: dependencies.value.start + 1, end: dependencies.value.end - 1, newText: `${newline}${body}${newline}${closing}` }];
  }
  // Entries on lines of their own get new lines indented alike; entries on one line get more on that line.
  const groupIndent = indentOf(text, existing[0]);
  const separator = groupIndent === undefined ? ', ' : `,${newline}${groupIndent}`;
  // Names inserted before the same existing entry (or after the last one) share one edit.
  const before = new Map<number, string[]>();
  const after: string[] = [];
  for (const name of names) {
    const next = existing.find((member) => member.name > name);
    if (next) before.set(next.start, [...(before.get(next.start) ?? []), name]);
    else after.push(name);
  }
  const edits: TextEdit[] = [...before].map(([at, list]) => ({
    file, start: at, end: at, newText: list.map((name) => entry(name) + separator).join(''),
  }));
  if (after.length > 0) {
    const last = existing[existing.length - 1]!;
    edits.push({ file, start: last.end, end: last.end, newText: after.map((name) => separator + entry(name)).join('') });
  }
  return edits;
}

/** The whitespace before `member` on its line, when it starts its line. */
function indentOf(text: string, member: JsonMember | undefined): string | undefined {
  if (!member) return undefined;
  const lineStart = text.lastIndexOf('\n', member.start - 1) + 1;
  const leading = text.slice(lineStart, member.start);
  return /^[ \t]*$/.test(leading) && lineStart > 0 ? leading : undefined;
}
