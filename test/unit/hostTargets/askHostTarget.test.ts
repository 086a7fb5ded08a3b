import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as vscode from 'vscode';
import { askHostTarget, regionItems, type Prompts } from '../../../src/vscode/hostTargets/askHostTarget';

/** Prompts that answer from a script, one answer per question, and record what was asked. */
function scripted(answers: Array<string | ((items: readonly vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined) | undefined>) {
  const asked: Array<{ kind: 'input' | 'pick'; options: vscode.InputBoxOptions | vscode.QuickPickOptions; items?: readonly vscode.QuickPickItem[] }> = [];
  const next = () => {
    assert.ok(answers.length > 0, 'asked more questions than the script answers');
    return answers.shift();
  };
  const prompts: Prompts = {
    showInputBox(options) {
      asked.push({ kind: 'input', options });
      const answer = next();
      assert.ok(answer === undefined || typeof answer === 'string', 'an input box needs a text answer');
      return Promise.resolve(answer);
    },
    showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions) {
      asked.push({ kind: 'pick', options, items });
      const answer = next();
      assert.ok(answer === undefined || typeof answer === 'function', 'a quick pick needs a chooser');
      return Promise.resolve(answer?.(items) as T | undefined);
    },
  };
  return { prompts, asked };
}

const byLabel = (label: string) => (items: readonly vscode.QuickPickItem[]) => items.find((item) => item.label === label);
const startingWith = (prefix: string) => (items: readonly vscode.QuickPickItem[]) => items.find((item) => item.label.startsWith(prefix));

test('asks name, region and whether to replace now, and answers with the AMR host', async () => {
  const { prompts, asked } = scripted(['Orders-Prod', byLabel('West Europe'), startingWith('Replace')]);
  const answer = await askHostTarget(prompts, 'orders.redis.cache.windows.net');
  assert.deepEqual(answer, { target: 'orders-prod.westeurope.redis.azure.net', replaceNow: true });
  assert.deepEqual(asked.map((q) => [q.kind, q.options.title]), [
    ['input', "Azure Managed Redis target for 'orders' (1/3)"],
    ['pick', "Azure Managed Redis target for 'orders' (2/3)"],
    ['pick', "Azure Managed Redis target for 'orders' (3/3)"],
  ]);
  const input = asked[0]!.options as vscode.InputBoxOptions;
  assert.equal(input.value, 'orders');
  assert.equal(input.ignoreFocusOut, true);
  // The input box checks the name as the user types, with the same rule the command applies.
  assert.equal(input.validateInput!('orders-prod'), undefined);
  assert.match(String(input.validateInput!('orders--prod')), /two hyphens/);
  assert.match(String(input.validateInput!('')), /Enter the name/);
  assert.deepEqual(asked[2]!.items!.map((item) => item.label), [
    "Replace 'orders.redis.cache.windows.net' with 'orders-prod.westeurope.redis.azure.net' in this file now",
    'Only save the target',
  ]);
});

test('"Only save the target" answers replaceNow false', async () => {
  const { prompts } = scripted(['sessions', byLabel('East US 2'), byLabel('Only save the target')]);
  assert.deepEqual(await askHostTarget(prompts, 'sessions.redis.cache.windows.net'),
    { target: 'sessions.eastus2.redis.azure.net', replaceNow: false });
});

test('cancelling any step answers nothing and asks no further question', async () => {
  for (const script of [[undefined], ['orders', undefined], ['orders', byLabel('West US 2'), undefined]]) {
    const { prompts, asked } = scripted([...script]);
    assert.equal(await askHostTarget(prompts, 'orders.redis.cache.windows.net'), undefined);
    assert.equal(asked.length, script.length);
  }
});

test('regions to pick: public-cloud names only, alphabetical, the old Enterprise cache region first', () => {
  const acr = regionItems('orders.redis.cache.windows.net');
  assert.ok(acr.every((item) => item.region.cloud === 'AzureCloud'));
  assert.ok(!acr.some((item) => item.region.name === 'chinaeast2'));
  const labels = acr.map((item) => item.label);
  assert.deepEqual(labels, [...labels].sort((a, b) => a.localeCompare(b)));
  const enterprise = regionItems('orders.westeurope.redisenterprise.cache.azure.net');
  assert.deepEqual([enterprise[0]!.label, enterprise[0]!.description], ['West Europe', 'westeurope · region of the old cache']);
  assert.equal(enterprise.length, acr.length);
});
