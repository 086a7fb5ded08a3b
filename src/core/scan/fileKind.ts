import { baseName } from '../files/portablePath';

/** Kinds the text front end reads: config files, and code of languages without a front end of their own. */
export type TextFileKind = 'env' | 'json' | 'yaml' | 'properties' | 'xml-config';

/** How the scanner reads a file, decided by its name. */
export type FileKind = 'script' | TextFileKind | 'python' | 'go' | 'csharp' | 'java' | 'bicep' | 'terraform';

const SCRIPT_EXTENSIONS = new Set(['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts']);
const BY_EXTENSION: Record<string, FileKind> = {
  '.json': 'json',
  '.yml': 'yaml',
  '.yaml': 'yaml',
  '.properties': 'properties',
  '.config': 'xml-config',
  // Project files: read for settings like any XML config, and edited by fixes that add packages.
  '.csproj': 'xml-config',
  '.cs': 'csharp',
  '.py': 'python',
  '.go': 'go',
  '.java': 'java',
  '.bicep': 'bicep',
  '.tf': 'terraform',
};

export function fileKindOf(path: string): FileKind | undefined {
  const name = baseName(path).toLowerCase();
  if (isEnvFileName(name)) return 'env';
  if (name === 'pom.xml') return 'xml-config';
  if (name.endsWith('.d.ts') || name.endsWith('.d.mts') || name.endsWith('.d.cts')) return undefined;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const extension = name.slice(dot);
  if (SCRIPT_EXTENSIONS.has(extension)) return 'script';
  return BY_EXTENSION[extension];
}

/**
 * `.env`, `prod.env`, and the example and variant files teams commit beside them (`.env.example`, `.env-sample`,
 * `env.template`, `dev.env.example`, `.envrc`), which hold the same names and often real values.
 */
function isEnvFileName(name: string): boolean {
  return name === '.env' || name === '.envrc' || name.endsWith('.env') || /^\.env[._-]/.test(name) || /(^|\.)env[._-](example|sample|template|dist|local)$/.test(name);
}

