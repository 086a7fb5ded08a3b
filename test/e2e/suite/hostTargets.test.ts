import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CacheInfo } from '../../../src/core/azure/cacheModel';
import type { CacheTreeNode } from '../../../src/vscode/caches/cachesTree';
import { EXPECTED_OSS, without } from './expected';
import { openAndWait, ours, quickFixes, restoreFixtures, summarize, waitForDiagnostics, workspaceUri } from './helpers';

/** The fixture's replica host has no target in the fixture's host map (only cache "orders" has one). */
const FILE = 'src/orders.ts';
const FINDING = 'legacy-hostname@4:36';
const SET_TARGET = "Set Azure Managed Redis target for 'orders-replica'…";
const REPLICA_LINE = "const replica = new Redis({ host: 'orders-replica.redis.cache.windows.net', port: 6380, tls: {} });";
const WAIT_MS = 30_000;
const USE_AS_MIGRATION_TARGET = 'amrMigrate.caches.useAsMigrationTarget';

const replicaLineWith = (host: string) => REPLICA_LINE.replace('orders-replica.redis.cache.windows.net', host);

function amrSettings() {
  return vscode.workspace.getConfiguration('amrMigrate', workspaceUri(FILE));
}

function workspaceHostMap(): unknown {
  return amrSettings().inspect('hostMap')?.workspaceValue;
}

/** The "Set Azure Managed Redis target…" action offered on the file's legacy host finding. */
async function setTargetAction(document: vscode.TextDocument): Promise<vscode.CodeAction> {
  const diagnostic = ours(document.uri).find((d) => summarize([d])[0] === FINDING);
  assert.ok(diagnostic, `no diagnostic ${FINDING}`);
  const actions = await quickFixes(document, diagnostic.range);
  const action = actions.find((a) => a.title === SET_TARGET);
  assert.ok(action?.command, `no "${SET_TARGET}"; offered: ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.ok(!actions.some((a) => a.title.startsWith('Replace with')), 'a host without a target must have no host fix');
  return action;
}

/** Resolves once a quick fix titled `title` is offered on `finding` (the store updates after the re-scan). */
async function quickFixOnceScanned(document: vscode.TextDocument, title: string, finding = FINDING): Promise<vscode.CodeAction> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const diagnostic = ours(document.uri).find((d) => summarize([d])[0] === finding);
    const action = diagnostic && (await quickFixes(document, diagnostic.range)).find((a) => a.title === title);
    if (action) return action;
    assert.ok(Date.now() < deadline, `no quick fix "${title}" after ${WAIT_MS} ms`);
    // The re-scan republishes the diagnostics; a second's fallback covers a republish that changed nothing visible.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, 1000);
      const subscription = vscode.languages.onDidChangeDiagnostics(finish);
      function finish() {
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      }
    });
  }
}

suite('host targets in the editor', () => {
  let originalHostMap: unknown;
  let document: vscode.TextDocument;

  suiteSetup(() => {
    originalHostMap = workspaceHostMap();
  });

  setup(async () => {
    document = await openAndWait(FILE, EXPECTED_OSS[FILE]!);
  });

  teardown(async () => {
    await amrSettings().update('hostMap', originalHostMap, vscode.ConfigurationTarget.Workspace);
    await restoreFixtures();
  });

  test('"Set Azure Managed Redis target…" saves the target in the workspace host map and replaces the host', async () => {
    const action = await setTargetAction(document);
    const [args] = action.command!.arguments!;
    await vscode.commands.executeCommand(action.command!.command,
      { ...args, name: 'orders-replica', region: 'West Europe', replaceNow: true });
    assert.deepEqual(workspaceHostMap(), {
      ...(originalHostMap as object),
      'orders-replica': 'orders-replica.westeurope.redis.azure.net',
    });
    assert.equal(document.lineAt(3).text, replicaLineWith('orders-replica.westeurope.redis.azure.net'));
    // The host finding goes; the port finding after it moves with the longer host.
    const shift = 'orders-replica.westeurope.redis.azure.net'.length - 'orders-replica.redis.cache.windows.net'.length;
    const want = JSON.stringify([...without(EXPECTED_OSS[FILE]!, FINDING, 'legacy-tls-port@4:83'), `legacy-tls-port@4:${83 + shift}`].sort());
    await waitForDiagnostics(document.uri, (d) => JSON.stringify(summarize(d)) === want, want);
  });

  test('saving the target only makes "Replace with <AMR host>" the preferred quick fix', async () => {
    const action = await setTargetAction(document);
    const [args] = action.command!.arguments!;
    await vscode.commands.executeCommand(action.command!.command, { ...args, name: 'replica', region: 'eastus2', replaceNow: false });
    assert.equal(document.lineAt(3).text, REPLICA_LINE, 'only saving must not edit the file');
    const replace = await quickFixOnceScanned(document, "Replace with 'replica.eastus2.redis.azure.net'");
    assert.equal(replace.isPreferred, true);
    assert.equal(await vscode.workspace.applyEdit(replace.edit!), true);
    assert.equal(document.lineAt(3).text, replicaLineWith('replica.eastus2.redis.azure.net'));
  });

  test('an answer that is not an Azure Managed Redis name or a public Azure region saves nothing', async () => {
    const action = await setTargetAction(document);
    const [args] = action.command!.arguments!;
    for (const wrong of [{ name: 'orders--replica', region: 'westeurope' }, { name: 'replica', region: 'westeurope9' },
      { name: 'replica', region: 'chinaeast2' }]) {
      await vscode.commands.executeCommand(action.command!.command, { ...args, ...wrong, replaceNow: true });
      assert.deepEqual(workspaceHostMap(), originalHostMap, JSON.stringify(wrong));
    }
    assert.equal(document.lineAt(3).text, REPLICA_LINE);
  });

  test('the questions are answered with the keyboard, and Escape cancels without saving', async () => {
    const action = await setTargetAction(document);
    const [args] = action.command!.arguments!;

    const cancelled = vscode.commands.executeCommand(action.command!.command, args);
    await untilSettled(cancelled, 'workbench.action.closeQuickOpen');
    assert.deepEqual(workspaceHostMap(), originalHostMap);

    // Enter on each step: the proposed name, the first region of the list, "Replace … now".
    const answered = vscode.commands.executeCommand(action.command!.command, args);
    await untilSettled(answered, 'workbench.action.acceptSelectedQuickOpenItem');
    assert.equal((workspaceHostMap() as Record<string, string>)['orders-replica'], 'orders-replica.australiacentral.redis.azure.net');
    assert.equal(document.lineAt(3).text, replicaLineWith('orders-replica.australiacentral.redis.azure.net'));
  });

  test('"Use as Migration Target…" on an Azure Managed Redis cache points the same-name old cache at it', async () => {
    // The node the Caches view's context menu hands the command for an AMR cache.
    const node: CacheTreeNode = { kind: 'cache', cache: {
      id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/orders',
      name: 'orders', tier: 'Balanced', sku: 'Balanced_B5', location: 'West Europe', hostName: 'orders.westeurope.redis.azure.net',
    } as CacheInfo };
    // The pick list pre-ticks the old host of the same name (from the open file's findings); Enter takes the ticked ones.
    const running = vscode.commands.executeCommand(USE_AS_MIGRATION_TARGET, node);
    await untilSettled(running, 'workbench.action.acceptSelectedQuickOpenItem');
    assert.deepEqual(workspaceHostMap(), { ...(originalHostMap as object), orders: 'orders.westeurope.redis.azure.net' });
    const replace = await quickFixOnceScanned(document, "Replace with 'orders.westeurope.redis.azure.net'", 'legacy-hostname@3:34');
    assert.equal(replace.isPreferred, true);
    // The replica, not ticked, still has no target.
    await setTargetAction(document);
  });

  test('"Use as Migration Target…" right after an edit takes the hosts of the text as it is, not yet re-scanned', async () => {
    const node: CacheTreeNode = { kind: 'cache', cache: {
      id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/orders-replica',
      name: 'orders-replica', tier: 'Balanced', sku: 'Balanced_B5', location: 'West Europe',
      hostName: 'orders-replica.westeurope.redis.azure.net',
    } as CacheInfo };
    // The edit moves every finding; the command runs inside the re-scan's debounce, when stored offsets no longer fit.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), '// moved down a line\n');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    const running = vscode.commands.executeCommand(USE_AS_MIGRATION_TARGET, node);
    await untilSettled(running, 'workbench.action.acceptSelectedQuickOpenItem');
    assert.deepEqual(workspaceHostMap(), { ...(originalHostMap as object), 'orders-replica': 'orders-replica.westeurope.redis.azure.net' });
  });
});

/** Runs `key` (a quick-input command) repeatedly until `running` settles: the prompts open one after another. */
async function untilSettled(running: Thenable<unknown>, key: string): Promise<void> {
  let settled = false;
  const done = Promise.resolve(running).finally(() => { settled = true; });
  const deadline = Date.now() + WAIT_MS;
  while (!settled) {
    assert.ok(Date.now() < deadline, `the command did not finish after ${WAIT_MS} ms of ${key}`);
    await vscode.commands.executeCommand(key);
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 200))]);
  }
  await done;
}
