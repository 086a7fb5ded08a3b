import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { CacheTreeNode } from '../../../src/vscode/caches/cachesTree';
import { api } from './helpers';

/**
 * Set by scripts/e2e-arm.mjs: a stateful Resource Manager (test/armServer/armSimulator.ts) over a subscription with
 * ACR caches that can migrate. What the extension creates there, it lists later; the migration moves on as it is read.
 */
const ARM_ENDPOINT = process.env.AMR_E2E_MIGRATION_ARM_ENDPOINT;
const ENDPOINT_SETTING = 'resourceManagerEndpoint';
const SUBSCRIPTION = 'Migration';
const SOURCE = 'orders-cache';
const TARGET = 'orders-amr';
const USER = '6497c918-11ad-41e7-1b0f-7c518a87d0b0';

type Answer = (prompt: { title?: string; message?: string; detail?: string; items?: readonly unknown[] }) => unknown;

/**
 * The user at the keyboard: answers the quick picks, input boxes and modal confirmations the commands show, in the
 * order given, and records what each showed. The workbench itself is driven by scripts/e2e-ui.mjs; here the
 * extension host answers, so the test can check the exact requests a modal showed before anything was sent.
 */
class User {
  readonly shown: { kind: string; title?: string; message?: string; detail?: string }[] = [];
  private readonly answers: { kind: 'pick' | 'input' | 'modal'; answer: Answer }[] = [];
  private readonly originals = { showQuickPick: vscode.window.showQuickPick, showInputBox: vscode.window.showInputBox, showWarningMessage: vscode.window.showWarningMessage };

  constructor() {
    const window = vscode.window as unknown as Record<string, unknown>;
    window.showQuickPick = async (items: readonly unknown[] | Thenable<readonly unknown[]>, options?: vscode.QuickPickOptions) =>
      this.next('pick', { title: options?.title, items: await items });
    window.showInputBox = async (options?: vscode.InputBoxOptions) => {
      const value = this.next('input', { title: options?.title }) as string | undefined;
      const problem = value === undefined ? undefined : await options?.validateInput?.(value);
      assert.ok(!problem, `the input box refused ${value}: ${JSON.stringify(problem)}`);
      return value;
    };
    window.showWarningMessage = async (message: string, ...rest: unknown[]) => {
      const options = rest[0] as vscode.MessageOptions | undefined;
      if (!options?.modal) {
        this.shown.push({ kind: 'warning', message });
        return undefined;
      }
      return this.next('modal', { message, detail: options.detail });
    };
  }

  expect(kind: 'pick' | 'input' | 'modal', answer: Answer): this {
    this.answers.push({ kind, answer });
    return this;
  }

  /** Every answer was used: no prompt was skipped or added. */
  done(): void {
    assert.deepEqual(this.answers.map((a) => a.kind), [], 'prompts the command did not show');
    const warnings = this.shown.filter((s) => s.kind === 'warning');
    assert.deepEqual(warnings, [], 'warnings shown');
  }

  restore(): void {
    Object.assign(vscode.window as unknown as Record<string, unknown>, this.originals);
  }

  private next(kind: 'pick' | 'input' | 'modal', prompt: Parameters<Answer>[0]): unknown {
    this.shown.push({ kind, title: prompt.title, message: prompt.message, detail: prompt.detail });
    const expected = this.answers.shift();
    assert.ok(expected, `an unexpected ${kind}: ${prompt.title ?? prompt.message}`);
    assert.equal(expected.kind, kind, `expected a ${expected.kind}, the command showed a ${kind}: ${prompt.title ?? prompt.message}`);
    return expected.answer(prompt);
  }
}

/** Picks the item with this label; plain strings are their own label. */
const pickLabel = (label: string): Answer => ({ items }) => {
  const labelOf = (item: unknown) => (typeof item === 'string' ? item : (item as vscode.QuickPickItem).label);
  const item = (items ?? []).find((i) => labelOf(i) === label);
  assert.ok(item, `no item ${label} in ${JSON.stringify((items ?? []).map(labelOf))}`);
  return item;
};
const pickFirst: Answer = ({ items }) => (items as vscode.QuickPickItem[])[0];

suite('Create the target and run the automated migration (stateful ARM simulator)', () => {
  let extension: ExtensionApi;
  let user: User;

  const cacheNode = async (name: string): Promise<Extract<CacheTreeNode, { kind: 'cache' }>> => {
    const roots = await extension.cachesTree.getChildren();
    const subscription = roots.find((node) => node.kind === 'subscription' && node.group.subscription.displayName === SUBSCRIPTION);
    assert.ok(subscription, `the simulator lists the ${SUBSCRIPTION} subscription`);
    const node = (await extension.cachesTree.getChildren(subscription)).find((n) => n.kind === 'cache' && n.cache.name === name);
    assert.ok(node && node.kind === 'cache', `the Caches view lists ${name}`);
    return node;
  };
  const description = (node: CacheTreeNode) => String(extension.cachesTree.getTreeItem(node).description);
  const planHtml = async () => extension.planPanels.htmlOf((await cacheNode(SOURCE)).cache.id) ?? '';

  suiteSetup(async () => {
    assert.ok(ARM_ENDPOINT, 'AMR_E2E_MIGRATION_ARM_ENDPOINT is not set: run the suite through scripts/e2e-run.mjs');
    extension = await api();
    await vscode.workspace.getConfiguration('amrMigrate').update(ENDPOINT_SETTING, ARM_ENDPOINT, vscode.ConfigurationTarget.Global);
    // The view re-reads on its own once the setting changed; wait for the simulator's subscription to appear.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`the Caches view never listed the ${SUBSCRIPTION} subscription`)), 30_000);
      const listed = async () => (await extension.cachesTree.getChildren()).some((n) => n.kind === 'subscription' && n.group.subscription.displayName === SUBSCRIPTION);
      const check = () => void listed().then((yes) => yes && finish(), () => undefined);
      const subscription = extension.cachesTree.onDidChangeTreeData(check);
      function finish(error?: Error) {
        clearTimeout(timer);
        subscription.dispose();
        if (error) reject(error);
        else resolve();
      }
      check();
    });
  });

  setup(() => {
    user = new User();
  });

  teardown(() => user.restore());

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('amrMigrate').update(ENDPOINT_SETTING, undefined, vscode.ConfigurationTarget.Global);
  });

  test('Create Azure Managed Redis from the plan: the plan\'s SKU preselected, the requests shown in the modal, then the cache is listed', async () => {
    const source = await cacheNode(SOURCE);
    await vscode.commands.executeCommand('amrMigrate.planMigration', source);
    assert.match(await planHtml(), /<h2 id="automated-migration">Automated migration<\/h2><p>Not validated yet/);
    let modal = '';
    user
      .expect('pick', ({ items }) => (items as (vscode.QuickPickItem & { picked?: boolean })[]).find((i) => i.picked))
      .expect('input', () => TARGET)
      .expect('pick', pickFirst)
      .expect('input', () => USER)
      .expect('pick', pickLabel('Access keys off'))
      .expect('modal', ({ message, detail }) => {
        modal = `${message}\n${detail}`;
        return 'Create';
      });
    // The plan panel's "Create Azure Managed Redis…" button runs this command with the planned cache.
    const result = await vscode.commands.executeCommand<{ hostName: string; provisioningState: string }>('amrMigrate.createTarget', source);
    user.done();
    assert.equal(user.shown[0].title, `Create Azure Managed Redis for ${SOURCE}: size`);
    assert.match(modal, new RegExp(`^Create ${TARGET} \\(Balanced_B5\\) in rg-orders, westus2\\?`));
    assert.match(modal, new RegExp(`PUT /subscriptions/[^\\n]+/redisEnterprise/${TARGET}\\?api-version=2025-07-01\\n\\{`));
    assert.match(modal, new RegExp(`PUT /subscriptions/[^\\n]+/redisEnterprise/${TARGET}/databases/default\\?api-version=2025-07-01`));
    assert.match(modal, /"accessKeysAuthentication": "Disabled"/);
    assert.match(modal, new RegExp(`"objectId": "${USER}"`));
    assert.deepEqual(result, { ...result, hostName: `${TARGET}.westus2.redis.azure.net`, provisioningState: 'Succeeded' });
    const target = await cacheNode(TARGET);
    assert.match(description(target), /B5/);
  });

  test('Validate from the plan: local checks and Azure\'s warnings by category appear in the panel, no report beside it', async () => {
    const source = await cacheNode(SOURCE);
    user.expect('pick', pickLabel(TARGET));
    const editors = vscode.window.visibleTextEditors.length;
    const result = await vscode.commands.executeCommand<{ isValid: boolean }>('amrMigrate.migration.validate', source, { report: false });
    user.done();
    assert.equal(result?.isValid, true);
    assert.equal(vscode.window.visibleTextEditors.length, editors, 'no Markdown report opened');
    const html = await planHtml();
    assert.match(html, new RegExp(`Validated against <code>${TARGET}</code> at [^:]+:[^:]+:[^:]+: <strong>Azure says valid</strong> \\(0 error\\(s\\), 2 warning\\(s\\)\\)`));
    assert.deepEqual([...html.matchAll(/<h4>([^<]+)<\/h4>/g)].map((m) => m[1]), ['Managed Identity', 'Persistence']);
    assert.match(html, /<li class="ok">[^<]*<span[^>]*><\/span> both caches are in westus2<\/li>/);
    assert.match(html, /data-message="\{&quot;type&quot;:&quot;startMigration&quot;\}"/, 'Start is offered');
  });

  test('Start: the modal lists the accepted warnings and the request; the tree shows every state on both caches', async function () {
    this.timeout(180_000);
    const [source, target] = [await cacheNode(SOURCE), await cacheNode(TARGET)];
    const seen = { source: [] as string[], target: [] as string[] };
    const watching = extension.cachesTree.onDidChangeTreeData(() => {
      for (const [side, node] of [['source', source], ['target', target]] as const) {
        const text = description(node);
        if (seen[side].at(-1) !== text) seen[side].push(text);
      }
    });
    let modal = '';
    user.expect('modal', ({ message, detail }) => {
      modal = `${message}\n${detail}`;
      return 'Start Migration';
    });
    try {
      const status = await vscode.commands.executeCommand<{ provisioningState: string; rollbackEligibleUntil?: string }>('amrMigrate.migration.start', source);
      user.done();
      assert.equal(status?.provisioningState, 'Succeeded');
      assert.ok(status?.rollbackEligibleUntil && Date.parse(status.rollbackEligibleUntil) > Date.now());
    } finally {
      watching.dispose();
    }
    assert.match(modal, new RegExp(`^Start the automated migration of ${SOURCE} to ${TARGET}\\?`));
    assert.match(modal, /Starting accepts these warnings \(forceMigrate\):\n• Managed Identity: [^\n]+\n• Persistence: /);
    assert.match(modal, /PUT \/subscriptions\/[^\n]+\/migrations\/default\?api-version=2026-06-01-preview\n\{\n  "properties": \{\n    "sourceType": "AzureCacheForRedis"/);
    const states = (descriptions: string[], side: string) => descriptions.map((d) => new RegExp(`^${side}: ([^,·]+?)(,| ·)`).exec(d)?.[1]).filter(Boolean);
    assert.deepEqual(states(seen.source, 'migrating out'), ['Accepted', 'InProgress', 'ReadyForDnsSwitch', 'Succeeded'], JSON.stringify(seen.source));
    assert.deepEqual(states(seen.target, 'migrating in'), ['Accepted', 'InProgress', 'ReadyForDnsSwitch', 'Succeeded'], JSON.stringify(seen.target));
    assert.match(description(source), /^migrating out: Succeeded, rollback until \d{4}-\d\d-\d\d · C3 · /);
    const html = await planHtml();
    assert.match(html, /State: <strong>Succeeded<\/strong>: the old host name now reaches the new cache\./);
    assert.match(html, /<code>legacy-hostname<\/code> <strong>before the old host name is unlinked<\/strong>/);
    assert.match(html, /data-message="\{&quot;type&quot;:&quot;rollbackMigration&quot;\}"/, 'Roll Back is offered');
  });

  test('Roll back: the reason asked, the request confirmed, Cancelling → Cancelled on both caches', async function () {
    this.timeout(180_000);
    const [source, target] = [await cacheNode(SOURCE), await cacheNode(TARGET)];
    let modal = '';
    user
      .expect('pick', pickLabel('testing'))
      .expect('modal', ({ message, detail }) => {
        modal = `${message}\n${detail}`;
        return 'Roll Back';
      });
    // From the source's node, as the plan panel's Roll Back button runs it: the known migration gives the target.
    const status = await vscode.commands.executeCommand<{ provisioningState: string }>('amrMigrate.migration.rollback', source);
    user.done();
    assert.equal(status?.provisioningState, 'Cancelled');
    assert.match(modal, new RegExp(`^Roll back the migration to ${TARGET}\\?`));
    assert.match(modal, /POST \/subscriptions\/[^\n]+\/migrations\/default\/cancel\?api-version=2026-06-01-preview\n\{\n  "rollbackReason": "testing"\n\}/);
    assert.match(description(source), /^migrating out: Cancelled · C3 · /);
    assert.match(description(target), /^migrating in: Cancelled · Balanced_B5 · /);
    assert.match(await planHtml(), /State: <strong>Cancelled<\/strong>/);
  });
});
