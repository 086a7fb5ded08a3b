import { baseName } from '../files/portablePath';

/** How the scanner reads a file, decided by its name. */
export type FileKind = 'script' | 'env' | 'json' | 'yaml' | 'properties' | 'xml-config' | 'code-text' | 'bicep' | 'terraform';

const SCRIPT_EXTENSIONS = new Set(['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts']);
const BY_EXTENSION: Record<string, FileKind> = {
  '.json': 'json',
  '.yml': 'yaml',
  '.yaml': 'yaml',
  '.properties': 'properties',
  '.config': 'xml-config',
  '.cs': 'code-text',
  '.py': 'code-text',
  '.java': 'code-text',
  '.bicep': 'bicep',
  '.tf': 'terraform',
};

export function fileKindOf(path: string): FileKind | undefined {
  const name = baseName(path).toLowerCase();
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return 'env';
  if (name.endsWith('.d.ts') || name.endsWith('.d.mts') || name.endsWith('.d.cts')) return undefined;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const extension = name.slice(dot);
  if (SCRIPT_EXTENSIONS.has(extension)) return 'script';
  return BY_EXTENSION[extension];
}
