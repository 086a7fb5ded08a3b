import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildPlan } from '../../../src/core/plan/buildPlan';
import { formatPlansMarkdown, formatPlansText } from '../../../src/core/plan/renderPlan';
import { acrCache, enterpriseCache } from './sampleCaches';

test('Markdown table cells escape pipes and keep one line per row', () => {
  const plan = buildPlan(acrCache());
  plan.featureChanges.push({ feature: 'Odd | name', from: 'a\nb', to: 'c\\d', impact: 'change' });
  const markdown = formatPlansMarkdown([plan]);
  assert.match(markdown, /^\| Odd \\\| name \| a b \| c\\\\d \| change \|$/m);
});

test('several plans: one Markdown section each, text separated by a rule', () => {
  const plans = [buildPlan(acrCache({ name: 'orders' })), buildPlan(enterpriseCache({ name: 'catalog' }))];
  const markdown = formatPlansMarkdown(plans);
  assert.deepEqual(markdown.match(/^## .*$/gm), ['## orders → Balanced_B5', '## catalog → Balanced_B10']);
  const text = formatPlansText(plans);
  assert.equal(text.split(`\n${'─'.repeat(72)}\n`).length, 2);
  assert.match(text, /^catalog: Enterprise E5, 8 GB, 1 replica\(s\), East US$/m);
});

test('a cache without an AMR size says so instead of a SKU', () => {
  const plan = buildPlan(enterpriseCache({ sku: 'E400', memoryGB: 2000 }));
  assert.match(formatPlansText([plan]), /^Recommended: no Azure Managed Redis size can hold this cache\.$/m);
  assert.match(formatPlansMarkdown([plan]), /^## catalog → no AMR size$/m);
});

test('the text plan shows control characters in Azure names instead of sending them to the terminal', () => {
  const text = formatPlansText([buildPlan(acrCache({ name: 'orders\u001b]0;pwned\u0007\u001b[2J' }))]);
  assert.doesNotMatch(text, /[\u001b\u0007]/);
  assert.match(text, /^orders\\u001b\]0;pwned\\u0007\\u001b\[2J: /m);
});
