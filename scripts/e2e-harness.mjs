// Starts code-server (VS Code in the browser) and a headless chromium on it, in a throwaway home.
// Used by e2e-run.mjs (the in-host mocha suite) and e2e-ui.mjs (workbench smoke test with screenshots).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, tools, missingSystemPrerequisites } from './e2e-tools.mjs';

/** Throws with instructions when the harness tools are not installed; e2e must never be skipped silently. */
export function assertToolsPresent() {
  const missing = missingSystemPrerequisites();
  if (!tools.hasNode24()) missing.push(`Node 24 in ${tools.node24Prefix}`);
  if (!tools.hasCodeServer()) missing.push(`code-server in ${tools.codeServerPrefix}`);
  if (missing.length) {
    throw new Error(`the e2e harness tools are missing:\n${missing.map((m) => `  - ${m}`).join('\n')}\n` +
      'Install them with `npm run e2e:setup` (apt packages first, see .ci/run), or run `.ci/run`.');
  }
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Resolves once `pattern` appears in the child's output; rejects if the child exits first or time runs out. */
function waitForOutput(child, pattern, timeoutMs, describe) {
  return new Promise((resolveWait, reject) => {
    let seen = '';
    const timer = setTimeout(() => done(new Error(`${describe}: not ready after ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk) => {
      seen += chunk.toString();
      if (pattern.test(seen)) done();
    };
    const onExit = (code) => done(new Error(`${describe} exited (code ${code}) before it was ready:\n${seen}`));
    function done(error) {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolveWait();
    }
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', onExit);
  });
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
};

/**
 * `beforeStart` may run code-server CLI commands (e.g. `--install-extension`) on the same profile before the server
 * starts; `env` adds variables to code-server's environment (and so to the extension host's), `settings` user settings. Returns the page (a fresh chromium tab) and `close()`, which stops everything and deletes the profile.
 */
export async function startHarness({ logFile, beforeStart, env: extraEnv = {}, settings = {} }) {
  assertToolsPresent();
  const scratch = mkdtempSync(join(tmpdir(), 'amr-e2e-'));
  const userDataDir = join(scratch, 'user-data');
  const extensionsDir = join(scratch, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  const env = {
    ...process.env,
    HOME: join(scratch, 'home'),
    XDG_CONFIG_HOME: join(scratch, 'config'),
    XDG_DATA_HOME: join(scratch, 'data'),
    XDG_CACHE_HOME: join(scratch, 'cache'),
    ...extraEnv,
  };
  const codeServerArgs = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  try {
    await beforeStart?.({ run: (args) => runCodeServer([...args, ...codeServerArgs], env) });
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  }

  const port = await freePort();
  const log = createWriteStream(logFile);
  const server = spawn(tools.node24, [tools.codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--vscode-option', 'enable-smoke-test-driver', ...codeServerArgs], {
    env, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.pipe(log);
  server.stderr.pipe(log);

  let browser;
  const close = async () => {
    await browser?.close().catch(() => {});
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
      try { process.kill(-server.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    log.end();
    rmSync(scratch, { recursive: true, force: true });
  };

  try {
    await waitForOutput(server, /HTTP server listening on/, 60_000, 'code-server');
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      env,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    return { scratch, port, page, close, origin: `http://127.0.0.1:${port}` };
  } catch (error) {
    await close();
    throw error;
  }
}

function runCodeServer(args, env) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(tools.node24, [tools.codeServerEntry, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => { output += c; });
    child.stderr.on('data', (c) => { output += c; });
    child.once('exit', (code) => (code === 0 ? resolveRun(output)
      : reject(new Error(`code-server ${args.join(' ')} failed (exit ${code}):\n${output}`))));
  });
}

/** The workbench URL that opens `folder`, optionally with a test payload (extension development/tests paths). */
export function workbenchUrl(origin, folder, payload) {
  const url = new URL(origin);
  url.searchParams.set('folder', folder);
  if (payload) url.searchParams.set('payload', JSON.stringify(Object.entries(payload)));
  return url.toString();
}
