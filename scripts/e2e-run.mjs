// Runs the in-host mocha suite (out/test/e2e/suite/index.js) inside code-server's extension host, on a copy of the
// fixture workspace. The exit code is the suite's: the workbench reports it through window.codeAutomationExit.
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { repoRoot } from './e2e-tools.mjs';
import { startE2eArmServer } from './e2e-arm.mjs';
import { startHarness, workbenchUrl } from './e2e-harness.mjs';

const SUITE_TIMEOUT_MS = 10 * 60_000;
/** Workbench chatter of an offline code-server that says nothing about the extension (see test/e2e/README.md). */
const HARMLESS_NOISE = [/ENOTFOUND open-vsx\.org/, /authentication provider 'github'/, /vsda/, /^\[(AccountPolicyGate|AgentHost|Service Worker)/,
  /^Creating a socket/];
const suiteEntry = join(repoRoot, 'out', 'test', 'e2e', 'suite', 'index.js');
/**
 * A test in the extension host cannot reach into a webview: it logs this line and the harness clicks the button with
 * that name in whichever webview frame shows it, as a person would (test/e2e/suite/helpers.ts, clickWebviewButton).
 */
const CLICK_REQUEST = /^amr-e2e: click webview button "(.+)"$/;
const CLICK_TIMEOUT_MS = 15_000;

async function clickWebviewButton(page, name) {
  const deadline = Date.now() + CLICK_TIMEOUT_MS;
  for (;;) {
    for (const frame of page.frames()) {
      const button = frame.getByRole('button', { name, exact: true });
      if (await button.count().catch(() => 0)) return button.first().click();
    }
    if (Date.now() > deadline) throw new Error(`no webview shows a button '${name}'`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  }
}
const fixture = join(repoRoot, 'test', 'e2e', 'fixtures', 'workspace');

function fail(message) {
  console.error(`e2e: ${message}`);
  process.exit(1);
}

for (const required of [suiteEntry, join(repoRoot, 'dist', 'extension.js'), join(repoRoot, 'dist', 'scanWorker.js'),
  join(repoRoot, 'dist', 'azureInventory.js'), join(repoRoot, 'dist', 'copyEngine.js'), join(repoRoot, 'out', 'test', 'armServer', 'armServer.js')]) {
  if (!existsSync(required)) fail(`${required} is missing: run \`npm run build && npm run compile-e2e\` first`);
}

mkdirSync(join(repoRoot, 'build'), { recursive: true });
const logFile = join(repoRoot, 'build', 'e2e-code-server.log');
let harness;
// The Caches tests read this local Resource Manager; it must be up before code-server inherits its environment.
const arm = await startE2eArmServer();
try {
  harness = await startHarness({ logFile, env: { ...arm.env, AMR_E2E_WEBVIEW_CLICKS: '1' } });
} catch (error) {
  await arm.stop();
  fail(error.message);
}

let exitCode = 1;
try {
  // The quick-fix tests edit files: they work on a copy so the fixture stays pristine.
  const workspace = join(harness.scratch, 'workspace');
  cpSync(fixture, workspace, { recursive: true });
  const remote = (path) => `vscode-remote://127.0.0.1:${harness.port}${path}`;
  const { page } = harness;
  const exited = new Promise((resolveExit) => {
    page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  });
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const line = format(...(Array.isArray(args) ? args : [args]));
    const click = CLICK_REQUEST.exec(line);
    if (click) {
      clickWebviewButton(page, click[1]).catch((error) => console.error(`e2e: ${error.message}`));
      return;
    }
    if (!HARMLESS_NOISE.some((noise) => noise.test(line))) {
      (type === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
    }
  });
  const started = Date.now();
  await page.goto(workbenchUrl(harness.origin, workspace, {
    extensionDevelopmentPath: remote(repoRoot),
    extensionTestsPath: remote(suiteEntry),
    skipWelcome: 'true',
  }));
  let timer;
  const timedOut = new Promise((resolveTimeout) => {
    timer = setTimeout(() => resolveTimeout('timeout'), SUITE_TIMEOUT_MS);
  });
  const outcome = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    console.error(`e2e: the suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s (code-server log: ${logFile})`);
  } else {
    exitCode = outcome;
    console.log(`e2e: suite exited with ${exitCode} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
} catch (error) {
  console.error(`e2e: ${error.stack ?? error}`);
} finally {
  await harness.close();
  for (const problem of await arm.stop()) {
    console.error(`e2e: ${problem}`);
    exitCode = 1;
  }
}
process.exit(exitCode);
