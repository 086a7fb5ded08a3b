import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePanelMessage } from '../../../src/vscode/plan/planMessages';
import { targetSettingsText } from '../../../src/vscode/plan/targetSettings';
import { buildPlan } from '../../../src/core/plan/buildPlan';
import { acrCache } from '../plan/sampleCaches';

describe('panel messages', () => {
  test('known messages pass with only their own fields', () => {
    assert.deepEqual(parsePanelMessage({ type: 'scanWorkspace', extra: 1 }), { type: 'scanWorkspace' });
    assert.deepEqual(parsePanelMessage({ type: 'copyData', cache: { hostName: 'elsewhere' } }), { type: 'copyData' });
    assert.deepEqual(parsePanelMessage({ type: 'createTarget', sku: 'Balanced_B1000' }), { type: 'createTarget' }, 'the SKU comes from the plan, never from the webview');
    for (const format of ['bicep', 'terraform', 'arm']) assert.deepEqual(parsePanelMessage({ type: 'exportTarget', format, sku: 'x' }), { type: 'exportTarget', format });
    assert.deepEqual(parsePanelMessage({ type: 'reveal', file: '/a.ts', line: 3, column: 1 }), { type: 'reveal', file: '/a.ts', line: 3, column: 1 });
  });

  test('anything else from the webview is refused', () => {
    for (const data of [null, 'scanWorkspace', {}, { type: 'runCommand' }, { type: 'reveal', file: '/a.ts', line: 0, column: 1 },
      { type: 'reveal', file: 7, line: 1, column: 1 }, { type: 'reveal', file: '/a.ts', line: 1.5, column: 1 },
      { type: 'exportTarget' }, { type: 'exportTarget', format: 'pulumi' }, { type: 'exportTarget', format: ['bicep'] }]) {
      assert.equal(parsePanelMessage(data), undefined, JSON.stringify(data));
    }
  });
});

describe('target settings', () => {
  test('name the recommended SKU, the AMR host, port 10000, TLS and Entra, and no secret', () => {
    const cache = acrCache({ name: 'orders', location: 'West US 2' });
    const plan = buildPlan(cache);
    const sku = plan.recommendations.find((r) => r.recommended)!.sku;
    const text = targetSettingsText(cache, plan);
    assert.match(text, new RegExp(`^SKU: ${sku}$`, 'm'));
    assert.match(text, /^Host: orders\.westus2\.redis\.azure\.net$/m);
    assert.match(text, /^Port: 10000$/m);
    assert.match(text, /^TLS: required$/m);
    assert.match(text, /Microsoft Entra ID/);
    assert.doesNotMatch(text, /key=|password|primaryKey/i);
  });
});
