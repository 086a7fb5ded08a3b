import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Finding } from '../../../src/core/findings';
import { buildPlan } from '../../../src/core/plan/buildPlan';
import { summarizeFindings } from '../../../src/vscode/plan/findingsSummary';
import type { PlanHtmlInput } from '../../../src/vscode/plan/planHtml';
import { escapeHtml, planHtml } from '../../../src/vscode/plan/planHtml';
import { acrCache } from '../plan/sampleCaches';

const HOSTILE = '<img src=x onerror=alert(1)>';
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function finding(ruleId: Finding['ruleId'], file: string, line: number): Finding {
  return { ruleId, severity: 'warning', file, start: 0, end: 1, line, column: 3, endLine: line, endColumn: 4, message: 'm', fixes: [] };
}

function render(overrides: Partial<PlanHtmlInput> = {}): string {
  const cache = acrCache({ keyspaceNotifications: 'Ex' });
  return planHtml({
    plan: buildPlan(cache),
    findings: new Map(),
    nonce: 'bm9uY2Ux',
    cspSource: CSP_SOURCE,
    codiconCssUri: `${CSP_SOURCE}/ext/dist/codicons/codicon.css`,
    state: cache,
    ...overrides,
  });
}

describe('plan panel HTML', () => {
  test('a hostile cache name, location and tag never reach the page as markup', () => {
    const cache = acrCache({ name: HOSTILE, location: `West ${HOSTILE}`, tags: { owner: HOSTILE } });
    const html = render({ plan: buildPlan(cache), state: cache });
    assert.doesNotMatch(html, /<img/i);
    assert.ok(html.includes(escapeHtml(HOSTILE)), 'the name is shown, escaped');
    // The state attribute (for restoring the panel) holds the name too, escaped inside the attribute.
    assert.match(html, /data-state="\{&quot;id&quot;:[^"]*&lt;img src=x onerror=alert\(1\)&gt;/);
  });

  test('escapeHtml escapes the five characters that end text or attributes', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  test('the CSP allows only the nonce and the webview source: no inline, eval or remote origin', () => {
    const html = render();
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.equal(csp, `default-src 'none'; style-src ${CSP_SOURCE} 'nonce-bm9uY2Ux'; script-src 'nonce-bm9uY2Ux'; `
      + `font-src ${CSP_SOURCE}; img-src ${CSP_SOURCE}`);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
    const urls = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(urls, [`${CSP_SOURCE}/ext/dist/codicons/codicon.css`]);
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
  });

  test('every script and style tag carries the nonce of this render', () => {
    const html = render({ nonce: 'c2Vjb25k' });
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.ok(scripts.length > 0);
    for (const tag of scripts) assert.match(tag, /nonce="c2Vjb25k"/);
    for (const tag of html.matchAll(/<style\b[^>]*>/g)) assert.match(tag[0], /nonce="c2Vjb25k"/);
  });

  test('the recommended SKU leads the targets and is marked as recommended', () => {
    // A C4 has a cost-efficient and an abundant size; without metrics the abundant one, listed second, is recommended.
    const plan = buildPlan(acrCache({ sku: 'C4', memoryGB: 13 }));
    const recommended = plan.recommendations.find((r) => r.recommended);
    assert.ok(recommended && plan.recommendations.length === 2 && !plan.recommendations[0].recommended);
    const html = render({ plan });
    const cards = [...html.matchAll(/<article class="target( recommended)?">\s*<h3>([^ <]+)/g)].map((m) => [m[2], Boolean(m[1])]);
    assert.equal(cards.length, plan.recommendations.length);
    assert.deepEqual(cards[0], [recommended.sku, true]);
    assert.ok(cards.slice(1).every(([, isRecommended]) => !isRecommended));
    assert.match(html, new RegExp(`<h1>orders → ${recommended.sku}</h1>`));
  });

  test('blockers come before feature changes, and the blocker found is listed', () => {
    const html = render();
    const blockers = html.indexOf('<h2 id="blockers">');
    const features = html.indexOf('<h2 id="features">');
    assert.ok(blockers > 0 && features > blockers);
    assert.match(html.slice(blockers, features), /<code>keyspace-notifications<\/code>/);
  });

  test('tables have captions and column and row headers', () => {
    const html = render();
    const tables = [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((m) => m[1]);
    assert.equal(tables.length, 4, 'source, feature changes, client changes, data strategies');
    for (const body of tables) {
      assert.match(body, /^<caption>[^<]+<\/caption><thead><tr>(<th scope="col">[^<]+<\/th>)+<\/tr><\/thead>/);
      const rows = [...body.matchAll(/<tbody>[\s\S]*<\/tbody>/g)][0][0].split('<tr>').slice(1);
      assert.ok(rows.length > 0);
      for (const row of rows) assert.match(row, /^<th scope="row">/);
    }
  });

  test('actions are real buttons carrying typed messages', () => {
    const html = render();
    const messages = [...html.matchAll(/<button type="button"[^>]*data-message="([^"]+)"/g)].map((m) => JSON.parse(m[1].replace(/&quot;/g, '"')));
    assert.deepEqual(messages, [{ type: 'exportMarkdown' }, { type: 'copyTargetSettings' },
      { type: 'exportTarget', format: 'bicep' }, { type: 'exportTarget', format: 'terraform' }, { type: 'exportTarget', format: 'arm' }, { type: 'createTarget' }, { type: 'validateMigration' }, { type: 'copyData' }, { type: 'scanWorkspace' }]);
  });

  test('client changes show the workspace findings per rule, each location a reveal button', () => {
    const findings = summarizeFindings([
      finding('legacy-hostname', '/ws/src/b.ts', 9),
      finding('legacy-hostname', '/ws/src/a.ts', 4),
      finding('database-select', '/ws/src/a.ts', 2),
    ], (file) => file.replace('/ws/', ''));
    const html = render({ findings });
    const clients = html.slice(html.indexOf('<h2 id="clients">'), html.indexOf('<h2 id="data">'));
    const row = (rule: string) => clients.split('<tr>').find((r) => r.includes(`<code>${rule}</code>`)) ?? '';
    assert.match(row('legacy-hostname'), /<strong>2<\/strong>/);
    const reveals = [...row('legacy-hostname').matchAll(/data-message="([^"]+)">([^<]+)</g)].map((m) => [JSON.parse(m[1].replace(/&quot;/g, '"')), m[2]]);
    assert.deepEqual(reveals, [
      [{ type: 'reveal', file: '/ws/src/a.ts', line: 4, column: 3 }, 'src/a.ts:4:3'],
      [{ type: 'reveal', file: '/ws/src/b.ts', line: 9, column: 3 }, 'src/b.ts:9:3'],
    ]);
    assert.match(row('access-key-auth'), /none found/);
  });

  test('the steps are a checklist of labelled checkboxes', () => {
    const plan = buildPlan(acrCache());
    const html = render({ plan });
    const labels = [...html.matchAll(/<input type="checkbox" id="step-(\d+)"> <label for="step-\1">/g)];
    assert.equal(labels.length, plan.steps.length);
  });
});
