import type { TextEdit } from '../../findings';
import { readManifest } from '../../scan/manifests';
import { jsonLayout, type JsonMember } from './jsonLayout';

/**
 * The edits that add those of `packages` that `text` (a package.json) does not list in any dependency group yet —
 * for a manifest read now, not at scan time. None when it lists them all or does not parse.
 */
export function missingDependencyEdits(file: string, text: string, packages: Record<string, string>): TextEdit[] {
  const listed = readManifest(file, text)?.dependencies;
  if (!listed) return [];
  return dependencyEdits(file, text, Object.fromEntries(Object.entries(packages).filter(([name]) => listed[name] === undefined)));
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
