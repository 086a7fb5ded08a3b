import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildPlan } from '../../../src/core/plan/buildPlan';
import { formatPlansMarkdown } from '../../../src/core/plan/renderPlan';
import { acrCache } from '../plan/sampleCaches';

test('a cache name holding HTML reaches the plan Markdown as text, in the heading and in table cells', () => {
  const name = '<img src=x onerror=alert(1)>&amp';
  const plan = buildPlan(acrCache({ name }));
  const markdown = formatPlansMarkdown([{ ...plan, featureChanges: [{ ...plan.featureChanges[0]!, feature: name }] }]);
  assert.ok(!markdown.includes('<img'), markdown);
  assert.match(markdown, /^## &lt;img src=x onerror=alert\(1\)&gt;&amp;amp → /m);
  assert.match(markdown, /^\| &lt;img src=x onerror=alert\(1\)&gt;&amp;amp \|/m);
});
