// UI smoke test through the workbench: installs the packaged .vsix into code-server, then uses the editor as a
// user would (quick open, Problems panel, Ctrl+. menu, command palette, Findings view) and saves screenshots
// under build/screenshots/. Every step waits for a widget or text to appear; none sleeps (finding the one webview among several polls the open frames).
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from './e2e-tools.mjs';
import { startE2eArmServer } from './e2e-arm.mjs';
import { startHarness, workbenchUrl } from './e2e-harness.mjs';

const vsix = join(repoRoot, 'build', 'amr-migrate.vsix');
const shots = join(repoRoot, 'build', 'screenshots');
const fixture = join(repoRoot, 'test', 'e2e', 'fixtures', 'workspace');
const STEP_MS = 60_000;

/** Workbench selectors, kept together: class names change between VS Code versions. */
const UI = {
  workbench: '.monaco-workbench',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget input',
  quickInputRow: '.quick-input-widget .monaco-list-row',
  activeTab: '.tabs-container .tab.active',
  squiggle: '.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error, .monaco-editor .squiggly-info',
  problemsRow: '.markers-panel .monaco-list-row',
  actionWidget: '.action-widget',
  statusItem: '.statusbar-item',
  findingsView: '[id="workbench.view.extension.amrMigrate"]',
  pane: '.pane',
  paneHeader: '.pane-header',
  viewRow: '.pane-body .monaco-list-row',
  listRow: '.monaco-list-row',
  panel: '.part.panel',
  editorLine: '.monaco-editor .view-line',
  checkbox: '.edit-checkbox',
  menuItem: '.monaco-menu .action-item',
  quickInputTitle: '.quick-input-widget .quick-input-title',
  dialog: '.monaco-dialog-box',
  notification: '.notification-list-item',
};

if (!existsSync(vsix)) {
  console.error(`e2e-ui: ${vsix} is missing: run \`npm run package\` first`);
  process.exit(1);
}
mkdirSync(shots, { recursive: true });

let harness;
// The Caches view reads the local Resource Manager (see e2e-arm.mjs), pointed at through the user settings.
const arm = await startE2eArmServer();
try {
  harness = await startHarness({
    logFile: join(repoRoot, 'build', 'e2e-ui-code-server.log'),
    beforeStart: ({ run }) => run(['--install-extension', vsix]),
    env: arm.env,
    // The stateful Resource Manager: Azure's example caches, the refused subscription, and caches that can migrate.
    settings: { 'amrMigrate.resourceManagerEndpoint': arm.env.AMR_E2E_MIGRATION_ARM_ENDPOINT },
  });
} catch (error) {
  await arm.stop();
  console.error(`e2e-ui: ${error.message}`);
  process.exit(1);
}

const { page } = harness;
page.setDefaultTimeout(STEP_MS);

function step(name) {
  console.log(`e2e-ui: ${name}`);
}

async function screenshot(name) {
  const file = join(shots, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`e2e-ui: saved ${file}`);
}

/** Maximises the panel, or gives it back its size (VS Code's own command). */
async function togglePanelSize() {
  await openQuickInput('Control+Shift+P');
  await page.keyboard.type('View: Toggle Maximized Panel');
  await page.locator(UI.quickInputRow, { hasText: 'Toggle Maximized Panel' }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Opens a quick input with `keys`; on 2 cores the first press can be lost while the host is busy, so retry. */
async function openQuickInput(keys) {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(keys);
    try {
      await page.locator(UI.quickInput).waitFor({ state: 'visible', timeout: 3000 });
      return;
    } catch (error) {
      if (attempt === 5) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/** Answers one step of a multi-step quick input: waits for its title, then picks the row or types the text. */
async function answer(title, { row, text }) {
  await page.locator(UI.quickInputTitle, { hasText: title }).waitFor();
  if (row) {
    await page.locator(UI.quickInputRow, { hasText: row }).first().click();
  } else {
    await page.locator(UI.quickInputBox).fill(text);
    await page.keyboard.press('Enter');
  }
}

/** The webview document (the frame inside VS Code's host frame) that shows `text` in a `selector`: several are open. */
async function webviewWith(selector, text) {
  const deadline = Date.now() + STEP_MS;
  for (;;) {
    for (const frame of page.frames()) {
      if (await frame.locator(selector, { hasText: text }).count().catch(() => 0)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows ${selector} '${text}'`);
    await page.waitForTimeout(250);
  }
}

/**
 * Runs `action` on the webview document showing `title`, again on the new document when the panel re-rendered
 * meanwhile (each render replaces the frame: a new validation or migration state does).
 */
async function inWebview(title, action) {
  const deadline = Date.now() + STEP_MS;
  for (;;) {
    const frame = await webviewWith('h1', title);
    try {
      return await action(frame);
    } catch (error) {
      if (!/detached|Timeout/i.test(String(error?.message)) || Date.now() > deadline) throw error;
    }
  }
}

/** Waits for the modal that says `text`, saves a screenshot of it when named, and presses `action`. */
async function confirmModal(text, action, shot) {
  const dialog = page.locator(UI.dialog, { hasText: text });
  await dialog.waitFor();
  if (shot) await screenshot(shot);
  await dialog.getByRole('button', { name: action, exact: true }).click();
}

// Real servers for the Copy Data step (compiled by compile-e2e, like the ARM server).
const { RedisTestEnv } = createRequire(import.meta.url)(join(repoRoot, 'out', 'test', 'helpers', 'redisServers.js'));
const redis = new RedisTestEnv();

let failed = false;
try {
  const workspace = join(harness.scratch, 'workspace');
  cpSync(fixture, workspace, { recursive: true });
  await page.goto(workbenchUrl(harness.origin, workspace));
  await page.locator(UI.workbench).waitFor();

  step('open src/orders.ts with quick open');
  await page.locator(UI.workbench).click({ position: { x: 700, y: 400 } });
  await openQuickInput('Control+P');
  await page.keyboard.type('orders.ts');
  await page.locator(UI.quickInputRow, { hasText: 'orders.ts' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(UI.activeTab, { hasText: 'orders.ts' }).waitFor();
  await page.locator(UI.squiggle).first().waitFor();

  step('Problems panel lists the findings');
  await page.keyboard.press('Control+Shift+M');
  const legacyRow = page.locator(UI.problemsRow, { hasText: 'legacy-hostname' }).first();
  await legacyRow.waitFor();
  await page.locator(UI.problemsRow, { hasText: 'multi-key-command' }).first().waitFor();
  await screenshot('problems-panel');

  step('Ctrl+. on the legacy host offers the host-map fix');
  await legacyRow.click();
  await legacyRow.press('Enter');
  await page.locator(UI.activeTab, { hasText: 'orders.ts' }).waitFor();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await page.locator(UI.actionWidget, { hasText: 'orders.westus2.redis.azure.net' }).waitFor({ timeout: 5000 });
      break;
    } catch (error) {
      if (attempt === 5) throw error;
      await page.keyboard.press('Escape');
    }
  }
  await screenshot('quick-fix-menu');
  await page.keyboard.press('Escape');

  step('command palette: Azure Managed Redis: Scan Workspace');
  await openQuickInput('Control+Shift+P');
  await page.keyboard.type('Azure Managed Redis: Scan Workspace');
  await page.locator(UI.quickInputRow, { hasText: 'Scan Workspace' }).first().waitFor();
  await page.keyboard.press('Enter');

  step('status bar count opens the Findings view, grouped by rule and file');
  const status = page.locator(UI.statusItem, { hasText: 'AMR:' });
  await status.filter({ hasText: /AMR: [1-9]/ }).waitFor();
  await status.click();
  const view = page.locator(UI.findingsView);
  await view.locator(UI.viewRow, { hasText: 'Azure Cache for Redis host name' }).first().waitFor();
  await view.locator(UI.viewRow, { hasText: 'cache.ts' }).first().waitFor();
  if (await view.locator(UI.viewRow, { hasText: 'ignored' }).count() > 0) {
    throw new Error('the Findings view lists a file that .gitignore excludes');
  }
  await screenshot('findings-view');

  step('Caches view lists the subscriptions and caches of the local Resource Manager, and the refused one');
  const cachesPane = view.locator(UI.pane).filter({ has: page.locator(UI.paneHeader, { hasText: 'Caches' }) });
  const cachesHeader = cachesPane.locator(UI.paneHeader);
  // The Findings pane gives way while the Caches pane (collapsed by default) is looked at; both are restored after.
  const findingsHeader = view.locator(UI.paneHeader, { hasText: 'Findings' });
  await findingsHeader.click();
  if ((await cachesHeader.getAttribute('aria-expanded')) === 'false') await cachesHeader.click();
  await cachesPane.locator(UI.viewRow, { hasText: 'myrediscachexxx111' }).waitFor();
  await cachesPane.locator(UI.viewRow, { hasText: 'No access (403)' }).waitFor();
  await screenshot('caches-view');
  await cachesHeader.click();
  await findingsHeader.click();

  step('Apply All Safe Fixes shows the refactor preview; Apply changes the files');
  await openQuickInput('Control+Shift+P');
  await page.keyboard.type('Azure Managed Redis: Apply All Safe Fixes');
  await page.locator(UI.quickInputRow, { hasText: 'Apply All Safe Fixes' }).first().waitFor();
  await page.keyboard.press('Enter');
  const preview = page.locator(UI.panel);
  await preview.locator(UI.checkbox).first().waitFor();
  await screenshot('refactor-preview');
  // The preview lists more files than the panel shows (its list renders only visible rows): maximised, all are there.
  await togglePanelSize();
  // Edits that need confirmation start unchecked: the user opts in, here file by file.
  for (const file of ['.env', 'cache.ts', 'orders.ts']) {
    await preview.locator(UI.listRow, { hasText: file }).first().locator(UI.checkbox).click();
  }
  await preview.getByRole('button', { name: 'Apply' }).click();
  await preview.locator(UI.checkbox).first().waitFor({ state: 'detached' });
  await togglePanelSize();
  await page.locator(UI.editorLine, { hasText: "host: 'orders.westus2.redis.azure.net', port: 10000" }).first().waitFor();
  step('Plan Migration from the cache\'s context menu opens the plan panel with its recommended SKU');
  await findingsHeader.click();
  if ((await cachesHeader.getAttribute('aria-expanded')) === 'false') await cachesHeader.click();
  await cachesPane.locator(UI.viewRow, { hasText: 'myrediscachexxx111' }).click({ button: 'right' });
  await page.locator(UI.menuItem, { hasText: 'Plan Migration' }).first().click();
  // The webview's content sits two iframes deep: VS Code's host frame, then the active document frame.
  const planFrame = page.frameLocator('iframe.webview').first().frameLocator('#active-frame');
  await planFrame.locator('h1', { hasText: 'myrediscachexxx111 → MemoryOptimized_M10' }).waitFor();
  await screenshot('plan-panel');

  step('Copy Data from the command palette: every question answered in the workbench, the report opens');
  const [copySource, copyTarget] = [await redis.startServer(), await redis.startServer()];
  copySource.cli('HSET', 'user:1', 'name', 'Ada');
  copySource.cli('SET', 'session:1', 'token', 'EX', '3600');
  copySource.cli('RPUSH', 'queue', 'a', 'b');
  await openQuickInput('Control+Shift+P');
  await page.keyboard.type('Azure Managed Redis: Copy Data to Azure Managed Redis');
  await page.locator(UI.quickInputRow, { hasText: 'Copy Data to Azure Managed Redis' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(UI.quickInputRow, { hasText: 'myrediscachexxx111' }).first().waitFor(); // the view's caches are offered
  await answer(': source', { row: 'Enter a redis://' });
  await answer('source URL', { text: copySource.url() });
  await answer(': target', { row: 'Enter a redis://' });
  await answer('target URL', { text: copyTarget.url() });
  await answer('sign in to the source', { row: 'No authentication' });
  await answer('sign in to the target', { row: 'No authentication' });
  await answer('what to do', { row: 'compare every key' });
  const confirm = page.locator(UI.dialog, { hasText: 'Copy every key of' });
  await confirm.waitFor();
  await confirm.getByRole('button', { name: 'Copy', exact: true }).click();
  await page.locator(UI.editorLine, { hasText: '**0 missing**' }).first().waitFor();
  // The summary toast may have timed out into the notification center by now: look there.
  await openQuickInput('Control+Shift+P');
  await page.keyboard.type('Notifications: Show Notifications');
  await page.locator(UI.quickInputRow, { hasText: 'Show Notifications' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(UI.notification, { hasText: 'Copied 3 keys' }).first().waitFor();
  if (copyTarget.cli('HGET', 'user:1', 'name').trim() !== 'Ada') throw new Error('the copied hash is not on the target');
  await screenshot('copy-data');

  step('Create Azure Managed Redis from the plan panel of orders-cache: the plan\'s size first, the requests in the modal');
  await cachesPane.locator(UI.viewRow, { hasText: 'orders-cache' }).click({ button: 'right' });
  await page.locator(UI.menuItem, { hasText: 'Plan Migration' }).first().click();
  const ordersPlan = (action) => inWebview('orders-cache →', action);
  const short = { timeout: 5000 };
  await ordersPlan((plan) => plan.locator('h2', { hasText: 'Automated migration' }).waitFor(short));
  await ordersPlan((plan) => plan.getByRole('button', { name: 'Create Azure Managed Redis…' }).click(short));
  await answer(': size', { row: 'recommended' });
  await answer('Name of the new cache', { text: 'orders-amr' });
  await answer('Clustering policy', { row: "the plan's choice" });
  await answer('object ids', { text: '6497c918-11ad-41e7-1b0f-7c518a87d0b0' });
  await answer('Authentication', { row: 'Access keys off' });
  await confirmModal('Create orders-amr', 'Create', 'create-target-requests');
  await cachesPane.locator(UI.viewRow, { hasText: 'orders-amr' }).waitFor();

  step('Validate from the plan panel: local checks and Azure\'s warnings by category, in the panel');
  await ordersPlan((plan) => plan.getByRole('button', { name: 'Validate Automated Migration…' }).first().click(short));
  await answer('the Azure Managed Redis target of orders-cache', { row: 'orders-amr' });
  await ordersPlan((plan) => plan.locator('strong', { hasText: 'Azure says valid' }).waitFor(short));
  await ordersPlan((plan) => plan.locator('#automated-migration').scrollIntoViewIfNeeded(short));
  await screenshot('validation-in-plan');

  step('Start from the plan panel; the Caches view shows the state on both caches while it runs');
  await ordersPlan((plan) => plan.getByRole('button', { name: 'Start Automated Migration…' }).click(short));
  await confirmModal('Start the automated migration of orders-cache', 'Start Migration');
  await cachesPane.locator(UI.viewRow, { hasText: 'migrating out: ReadyForDnsSwitch' }).waitFor();
  await cachesPane.locator(UI.viewRow, { hasText: 'migrating in: ReadyForDnsSwitch' }).waitFor();
  await screenshot('migration-in-tree');
  await cachesPane.locator(UI.viewRow, { hasText: 'migrating out: Succeeded' }).waitFor();
  await ordersPlan((plan) => plan.locator('#still-needed').waitFor(short));

  step('Roll back from the plan panel: the reason, the request in the modal, then Cancelled on both caches');
  await ordersPlan((plan) => plan.getByRole('button', { name: 'Roll Back…' }).click(short));
  await answer('Why roll back?', { row: 'testing' });
  await confirmModal('Roll back the migration to orders-amr', 'Roll Back', 'rollback-confirm');
  await cachesPane.locator(UI.viewRow, { hasText: 'migrating out: Cancelled' }).waitFor();
  await cachesPane.locator(UI.viewRow, { hasText: 'migrating in: Cancelled' }).waitFor();
  await ordersPlan((plan) => plan.locator('strong', { hasText: 'Cancelled' }).first().waitFor(short));
  await screenshot('rollback-done');
  console.log('e2e-ui: passed');
} catch (error) {
  failed = true;
  console.error(`e2e-ui: FAILED: ${error.message ?? error}`);
  await screenshot('failure').catch(() => {});
} finally {
  await harness.close();
  await redis.dispose();
  for (const problem of await arm.stop()) {
    console.error(`e2e-ui: FAILED: ${problem}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
