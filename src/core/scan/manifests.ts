import type { SourceFileInput } from '../findings';
import { baseName, lastSeparator, separatorOf } from '../files/portablePath';
import type { FileEvidence, ManifestEvidence } from '../evidence/evidence';

/**
 * What the other scanned inputs say about a script file: the nearest `package.json` (its dependencies decide the
 * node-redis major version and which packages a fix must add) and the files next to it (a helper module a fix
 * would create may already be there).
 */
export class ScanNeighbourhood {
  private readonly manifests = new Map<string, ManifestEvidence | undefined>();
  private readonly byFolder = new Map<string, string[]>();

  /**
   * `readOutside` reads a package.json that is not an input (a live scan of one document reads it from disk);
   * `files` are all the scan's files in order, where not every one is an input (see ScanHost.files).
   */
  constructor(
    inputs: readonly SourceFileInput[],
    private readonly readOutside?: (path: string) => string | undefined,
    files: readonly string[] = inputs.map((input) => input.path),
  ) {
    for (const path of files) {
      const folder = folderOf(path);
      const listed = this.byFolder.get(folder);
      if (listed) listed.push(path);
      else this.byFolder.set(folder, [path]);
    }
    for (const input of inputs) {
      if (baseName(input.path) === 'package.json') this.manifests.set(folderOf(input.path), readManifest(input.path, input.text));
    }
  }

  /** Adds the neighbourhood to the client constructions of `evidence`. */
  complete(evidence: FileEvidence): void {
    for (const endpoint of evidence.endpoints) {
      const construction = endpoint.construction;
      if (!construction) continue;
      const manifest = this.nearestManifest(evidence.file);
      if (manifest) construction.manifest = manifest;
      construction.siblingFiles = this.byFolder.get(folderOf(evidence.file)) ?? [];
      if (construction.library === 'node-redis' && construction.nodeRedisMajor === undefined) {
        const range = manifest?.dependencies['redis'] ?? manifest?.dependencies['@redis/client'];
        const major = range === undefined ? undefined : majorOf(range);
        if (major !== undefined) construction.nodeRedisMajor = major;
      }
    }
  }

  private nearestManifest(file: string): ManifestEvidence | undefined {
    for (let folder = folderOf(file); ; folder = folderOf(folder)) {
      const manifest = this.manifestIn(folder);
      if (manifest) return manifest;
      if (folderOf(folder) === folder) return undefined;
    }
  }

  /** The package.json of `folder`: an input, else the one `readOutside` finds (read once per scan). */
  private manifestIn(folder: string): ManifestEvidence | undefined {
    if (!this.manifests.has(folder) && this.readOutside) {
      const path = inFolder(folder, 'package.json');
      const text = this.readOutside(path);
      this.manifests.set(folder, text === undefined ? undefined : readManifest(path, text));
    }
    return this.manifests.get(folder);
  }
}

function folderOf(path: string): string {
  const slash = lastSeparator(path);
  if (slash < 0) return '';
  return slash === 0 ? path.slice(0, 1) : path.slice(0, slash);
}

/** `name` in `folder`, joined with the separator the folder's path uses. */
function inFolder(folder: string, name: string): string {
  if (folder === '') return name;
  const separator = /[\\/]$/.test(folder) ? '' : separatorOf(folder);
  return folder + separator + name;
}

/** The major version a range like `^4.6.0`, `~5.1`, `4.x`, `npm:redis@^4` allows; undefined when not plain. */
function majorOf(range: string): number | undefined {
  const match = /^(?:npm:[^@]+@)?[\^~>=v ]*(\d+)(?:[.\s]|$)/.exec(range.trim());
  return match ? Number(match[1]) : undefined;
}

/** A package.json that does not parse is treated as absent: no dependency fix is built on a guess. */
export function readManifest(file: string, text: string): ManifestEvidence | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const dependencies: Record<string, string> = {};
  for (const field of ['peerDependencies', 'optionalDependencies', 'devDependencies', 'dependencies']) {
    const group = (json as Record<string, unknown>)[field];
    if (typeof group !== 'object' || group === null) continue;
    for (const [name, range] of Object.entries(group)) if (typeof range === 'string') dependencies[name] = range;
  }
  return { file, text, dependencies };
}
