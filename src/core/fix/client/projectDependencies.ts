import type { TextEdit } from '../../findings';
import { baseName } from '../../files/portablePath';
import { escapedText } from '../../regExpText';
import { missingDependencyEdits } from './manifestDependencies';

/**
 * Adding packages to a project's dependency file, whatever its kind: package.json, requirements.txt, pyproject.toml,
 * go.mod, pom.xml, build.gradle(.kts) or a .csproj. Fixes compute these edits on the text the scan read; the editor
 * computes them again on the file as it is when the fix is applied. Package names are written as each ecosystem
 * names them: npm and PyPI names, Go module paths, Maven `groupId:artifactId`, NuGet ids; versions are those the
 * file takes (`^5.12.1`, `>=1.1.0`, `v1.0.0`, `0.2.0`).
 */
type DependencyWriter = (file: string, text: string, missing: Array<[string, string]>) => TextEdit[] | undefined;

interface DependencyFileKind {
  /** Whether the file lists the package (any version). */
  lists(text: string, name: string): boolean;
  add: DependencyWriter;
}

function newlineOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Inserting at `at`; one edit. */
function insert(file: string, at: number, newText: string): TextEdit[] {
  return [{ file, start: at, end: at, newText }];
}

const REQUIREMENTS: DependencyFileKind = {
  lists: (text, name) => new RegExp(`^\\s*${escapedText(name)}\\b`, 'im').test(text),
  add: (file, text, missing) => {
    const newline = newlineOf(text);
    const lines = missing.map(([name, version]) => `${name}${version}${newline}`).join('');
    return insert(file, text.length, `${text === '' || text.endsWith('\n') ? '' : newline}${lines}`);
  },
};

/** PEP 621 `dependencies = [ … ]` of pyproject.toml. */
const PYPROJECT: DependencyFileKind = {
  lists: (text, name) => new RegExp(`^\\s*["']${escapedText(name)}\\b`, 'im').test(text),
  add: (file, text, missing) => {
    const list = /^dependencies\s*=\s*\[/m.exec(text);
    if (!list) return undefined;
    const at = list.index + list[0].length;
    const rest = text.slice(at);
    const quoted = missing.map(([name, version]) => `"${name}${version}"`);
    if (/^\s*\]/.test(rest) && !/^\s*\n/.test(rest)) return insert(file, at, quoted.join(', '));
    const indent = /^\r?\n([ \t]*)/.exec(rest);
    const newline = newlineOf(text);
    return insert(file, at, indent ? quoted.map((entry) => `${newline}${indent[1]}${entry},`).join('') : quoted.map((entry) => `${entry}, `).join(''));
  },
};

const GO_MOD: DependencyFileKind = {
  lists: (text, name) => new RegExp(`^\\s*(?:require\\s+)?${escapedText(name)}\\s`, 'm').test(text),
  add: (file, text, missing) => {
    const newline = newlineOf(text);
    const block = /^require\s*\(/m.exec(text);
    if (block) return insert(file, block.index + block[0].length, missing.map(([name, version]) => `${newline}\t${name} ${version}`).join(''));
    const lines = missing.map(([name, version]) => `require ${name} ${version}${newline}`).join('');
    return insert(file, text.length, `${text === '' || text.endsWith('\n') ? '' : newline}${newline}${lines}`);
  },
};

/** Maven coordinates `groupId:artifactId`. */
function coordinates(name: string): [string, string] {
  const colon = name.indexOf(':');
  return [name.slice(0, colon), name.slice(colon + 1)];
}

/** In the project's own `<dependencies>` (the least indented one). */
const POM: DependencyFileKind = {
  lists: (text, name) => text.includes(`<artifactId>${coordinates(name)[1]}</artifactId>`),
  add: (file, text, missing) => {
    const newline = newlineOf(text);
    let best: { at: number; indent: string } | undefined;
    for (const match of text.matchAll(/^([ \t]*)<\/dependencies>/gm)) {
      if (!best || match[1]!.length < best.indent.length) best = { at: match.index + match[1]!.length, indent: match[1]! };
    }
    if (!best) return undefined;
    const unit = /^([ \t]+)</m.exec(text)?.[1] ?? '    ';
    const inner = `${best.indent}${unit}${unit}`;
    const entries = missing.map(([name, version]) => {
      const [groupId, artifactId] = coordinates(name);
      return `${unit}<dependency>${newline}` +
        `${inner}<groupId>${groupId}</groupId>${newline}${inner}<artifactId>${artifactId}</artifactId>${newline}${inner}<version>${version}</version>${newline}` +
        `${best!.indent}${unit}</dependency>${newline}${best!.indent}`;
    });
    return insert(file, best.at, entries.join(''));
  },
};

/** The top-level `dependencies { … }` block of a Gradle build script (Groovy or Kotlin DSL). */
function gradle(kotlin: boolean): DependencyFileKind {
  return {
    lists: (text, name) => text.includes(name),
    add: (file, text, missing) => {
      const block = /^dependencies\s*\{[ \t]*\r?\n/m.exec(text);
      if (!block) return undefined;
      const at = block.index + block[0].length;
      const indent = /^([ \t]+)\S/.exec(text.slice(at))?.[1] ?? '    ';
      const newline = newlineOf(text);
      return insert(file, at, missing.map(([name, version]) =>
        `${indent}${kotlin ? `implementation("${name}:${version}")` : `implementation '${name}:${version}'`}${newline}`).join(''));
    },
  };
}

/** PackageReference items beside the project's last one, else in a new ItemGroup. */
const CSPROJ: DependencyFileKind = {
  lists: (text, name) => new RegExp(`Include\\s*=\\s*"${escapedText(name)}"`, 'i').test(text),
  add: (file, text, missing) => {
    const newline = newlineOf(text);
    const references = missing.map(([name, version]) => `<PackageReference Include="${name}" Version="${version}" />`);
    const last = text.lastIndexOf('<PackageReference');
    if (last >= 0) {
      const lineStart = text.lastIndexOf('\n', last) + 1;
      const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
      const lineEnd = text.indexOf('\n', last);
      return insert(file, lineEnd < 0 ? text.length : lineEnd + 1, references.map((reference) => `${indent}${reference}${newline}`).join(''));
    }
    const close = text.lastIndexOf('</Project>');
    if (close < 0) return undefined;
    return insert(file, close, `  <ItemGroup>${newline}${references.map((reference) => `    ${reference}${newline}`).join('')}  </ItemGroup>${newline}`);
  },
};

const KINDS: Readonly<Record<string, DependencyFileKind>> = {
  'requirements.txt': REQUIREMENTS,
  'pyproject.toml': PYPROJECT,
  'go.mod': GO_MOD,
  'pom.xml': POM,
  'build.gradle': gradle(false),
  'build.gradle.kts': gradle(true),
};

function kindOf(file: string): DependencyFileKind | undefined {
  const name = baseName(file).toLowerCase();
  return KINDS[name] ?? (name.endsWith('.csproj') ? CSPROJ : undefined);
}

/**
 * The edits adding those of `packages` that the dependency file does not list yet: none when all are listed;
 * undefined when the file is of no known kind or has no place to add them (no `dependencies` list or block).
 */
export function projectDependencyEdits(file: string, text: string, packages: Record<string, string>): TextEdit[] | undefined {
  if (baseName(file).toLowerCase() === 'package.json') return missingDependencyEdits(file, text, packages);
  const kind = kindOf(file);
  if (!kind) return undefined;
  const missing = Object.entries(packages).filter(([name]) => !kind.lists(text, name));
  return missing.length === 0 ? [] : kind.add(file, text, missing);
}
