/**
 * The plan panel's whole HTML, built from a plan without touching `vscode` so it can be tested as a string.
 * Every value that came from Azure or the workspace is escaped; the CSP allows only our nonce'd style and script
 * and the codicon font served from the extension.
 */
import { TIER_LABEL } from '../../core/amr/facts';
import type { MigrationPlan, SkuRecommendation } from '../../core/plan/planModel';
import { blockerScope, memoryRiskNote } from '../../core/plan/renderPlan';
import { CLUSTERING_LABEL } from '../../core/plan/sourceCache';
import type { FindingsSummary } from './findingsSummary';
import { button, escapeHtml, icon, messageAttr } from './htmlText';
import type { MigrationSectionInput } from './migrationSection';
import { migrationSection } from './migrationSection';

export interface PlanHtmlInput {
  plan: MigrationPlan;
  findings: FindingsSummary;
  /** Fresh per render. */
  nonce: string;
  /** `webview.cspSource`. */
  cspSource: string;
  /** Webview URI of codicon.css. */
  codiconCssUri: string;
  /** Serialized into the page so VS Code can restore the panel after a reload (a CacheInfo: no secrets). */
  state: unknown;
  /** The automated migration of this cache as far as this window knows it: validation and state. */
  migration?: MigrationSectionInput;
}

/** Locations listed per rule; the count says how many more there are. */
const MAX_LOCATIONS = 20;

export { escapeHtml };




function table(caption: string, header: string[], rows: string[][]): string {
  const head = header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  // Cells arrive as HTML: the first one heads its row.
  const body = rows.map(([first, ...rest]) => `<tr><th scope="row">${first}</th>${rest.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function sourceSection(plan: MigrationPlan): string {
  const { source } = plan;
  const rows = [
    ['Resource', `<code>${escapeHtml(source.id)}</code>`],
    ['Tier and SKU', escapeHtml(`${TIER_LABEL[source.tier]} ${source.sku}`)],
    ['Memory', escapeHtml(`${source.memoryGB} GB${source.shards > 1 ? `, ${source.shards} shards` : ''}, ${source.replicas} replica(s)`)],
    ['Location', escapeHtml(source.location)],
    ['Retires', escapeHtml(`${plan.retirement.retiresOn} (disabled from ${plan.retirement.disabledFrom})`)],
    ['Clustering policy on AMR', escapeHtml(CLUSTERING_LABEL[plan.targetClusteringPolicy])],
  ].map(([name, value]) => [escapeHtml(name), value]);
  return `<section aria-labelledby="source"><h2 id="source">Source cache</h2>${table('The cache to migrate', ['Property', 'Value'], rows)}</section>`;
}

function targetCard(rec: SkuRecommendation): string {
  const facts = [
    `${TIER_LABEL[rec.tier]}${rec.preview ? ' (preview)' : ''}`,
    `${rec.memoryGB} GB (≈${rec.usableMemoryGB} GB usable)`,
    `${rec.vCPUs} vCPUs`,
    rec.highAvailability ? 'high availability' : 'no high availability',
    `${rec.additionalMemoryPercent}% additional memory`,
  ];
  const badge = rec.recommended ? `<p class="badge">${icon('star-full')} Recommended</p>` : '';
  const note = memoryRiskNote(rec);
  const risk = note ? `<p class="risk warning">${icon('warning')} <strong>Memory risk:</strong> ${escapeHtml(note)}</p>` : '';
  return `<article class="target${rec.recommended ? ' recommended' : ''}">
<h3>${escapeHtml(rec.sku)} <span class="choice">${escapeHtml(rec.choice)}</span></h3>${badge}${risk}
<p>${facts.map(escapeHtml).join(' · ')}</p>
<ul>${rec.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul></article>`;
}

function targetsSection(plan: MigrationPlan): string {
  // Recommended first, so it leads the side-by-side row and the reading order.
  const ordered = [...plan.recommendations].sort((a, b) => Number(b.recommended) - Number(a.recommended));
  const body = ordered.length > 0 ? `<div class="targets">${ordered.map(targetCard).join('')}</div>`
    : '<p>No Azure Managed Redis size can hold this cache.</p>';
  return `<section aria-labelledby="targets"><h2 id="targets">Target</h2>${body}</section>`;
}

function blockersSection(plan: MigrationPlan): string {
  const items = plan.blockers.map((b) => `<li class="${b.severity}">${icon(b.severity === 'error' ? 'error' : 'warning')} `
    + `<strong>${escapeHtml(b.severity)}</strong> <code>${escapeHtml(b.id)}</code> (${escapeHtml(blockerScope(b))}): ${escapeHtml(b.message)}</li>`);
  const body = items.length > 0 ? `<ul class="blockers">${items.join('')}</ul>` : '<p>None found.</p>';
  const checks = plan.checks.map((c) => `<li>${icon('question')} <code>${escapeHtml(c.id)}</code>: ${escapeHtml(c.message)}</li>`);
  const checkList = checks.length > 0 ? `<h3>Checks</h3><p>The inputs do not show these either way.</p><ul class="blockers">${checks.join('')}</ul>` : '';
  return `<section aria-labelledby="blockers"><h2 id="blockers">Blockers</h2>${body}${checkList}</section>`;
}

function featuresSection(plan: MigrationPlan): string {
  const rows = plan.featureChanges.map((f) => [escapeHtml(f.feature), escapeHtml(f.from), escapeHtml(f.to), escapeHtml(f.impact)]);
  return `<section aria-labelledby="features"><h2 id="features">Feature changes</h2>`
    + `${table('What the cache can do before and after', ['Feature', 'From', 'To', 'Impact'], rows)}</section>`;
}

function findingsCell(ruleId: string, findings: FindingsSummary): string {
  const entry = findings.get(ruleId);
  if (!entry) return 'none found';
  const links = entry.locations.slice(0, MAX_LOCATIONS).map((l) =>
    `<li><button type="button" class="link" ${messageAttr({ type: 'reveal', file: l.file, line: l.line, column: l.column })}>`
    + `${escapeHtml(`${l.label}:${l.line}:${l.column}`)}</button></li>`);
  const more = entry.count > MAX_LOCATIONS ? `<li>and ${entry.count - MAX_LOCATIONS} more</li>` : '';
  return `<strong>${entry.count}</strong><ul class="locations">${links.join('')}${more}</ul>`;
}

function clientSection(plan: MigrationPlan, findings: FindingsSummary): string {
  const rows = plan.clientChanges.map((c) => [`<code>${escapeHtml(c.id)}</code>`, escapeHtml(c.from), escapeHtml(c.to), findingsCell(c.id, findings)]);
  return `<section aria-labelledby="clients"><h2 id="clients">Client changes</h2>`
    + '<p>Findings come from the workspace scan and the open files; Scan Workspace refreshes them.</p>'
    + `${table('What client code must change, with the findings of each rule', ['Scan rule', 'From', 'To', 'Findings in this workspace'], rows)}</section>`;
}

function strategiesSection(plan: MigrationPlan): string {
  const rows = plan.dataStrategies.map((s) => [
    escapeHtml(s.id) + (s.recommended ? ` <span class="badge">${icon('star-full')} recommended</span>` : ''),
    s.available ? 'yes' : 'no', escapeHtml(s.why),
  ]);
  return `<section aria-labelledby="data"><h2 id="data">Data migration</h2>`
    + `${table('Ways to move the data', ['Strategy', 'Available', 'Why'], rows)}</section>`;
}

function stepsSection(plan: MigrationPlan): string {
  const items = plan.steps.map((step, i) => `<li><input type="checkbox" id="step-${i}"> <label for="step-${i}">${escapeHtml(step)}</label></li>`);
  return `<section aria-labelledby="steps"><h2 id="steps">Steps</h2><ol class="steps">${items.join('')}</ol></section>`;
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 1.5em 2em; line-height: 1.45; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid var(--vscode-panel-border); padding-bottom: .2em; } h3 { margin: 0 0 .3em; font-size: 1.05em; }
table { border-collapse: collapse; width: 100%; margin: .5em 0; }
caption { text-align: left; color: var(--vscode-descriptionForeground); padding-bottom: .3em; }
th, td { text-align: left; vertical-align: top; padding: .3em .6em; border-bottom: 1px solid var(--vscode-panel-border); }
thead th { color: var(--vscode-descriptionForeground); font-weight: 600; }
tbody th { font-weight: normal; }
code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); padding: 0 .2em; word-break: break-all; }
button { font: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); padding: .3em .8em; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
button.link { color: var(--vscode-textLink-foreground); background: none; border: none; padding: 0; text-decoration: underline; }
:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
.actions { display: flex; gap: .6em; flex-wrap: wrap; }
.targets { display: flex; gap: 1em; flex-wrap: wrap; }
.target { flex: 1 1 18em; border: 1px solid var(--vscode-panel-border); padding: .8em; }
.target.recommended { border-color: var(--vscode-focusBorder); }
.badge, .choice { color: var(--vscode-descriptionForeground); } .badge { margin: 0; }
.blockers { list-style: none; padding: 0; } .blockers li { margin: .3em 0; }
.error .codicon { color: var(--vscode-errorForeground); } .warning .codicon { color: var(--vscode-editorWarning-foreground); }
.risk { margin: .3em 0; }
.locations { margin: .2em 0; padding-left: 1.2em; }
.steps li { margin: .3em 0; }
.ok .codicon { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); }
h4 { margin: .6em 0 .2em; font-size: 1em; }
`;

// Buttons carry their message; the script only forwards it and keeps the state VS Code restores the panel from.
const SCRIPT = `
const vscode = acquireVsCodeApi();
vscode.setState(JSON.parse(document.body.dataset.state));
document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('[data-message]') : null;
  if (target) vscode.postMessage(JSON.parse(target.dataset.message));
});
`;

export function planHtml(input: PlanHtmlInput): string {
  const { plan, findings, nonce, cspSource, codiconCssUri } = input;
  const csp = `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; `
    + `font-src ${cspSource}; img-src ${cspSource}`;
  const target = plan.recommendations.find((r) => r.recommended);
  const title = `${plan.source.name} → ${target ? target.sku : 'no Azure Managed Redis size'}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(codiconCssUri)}" nonce="${nonce}">
<style nonce="${nonce}">${STYLE}</style>
<title>${escapeHtml(`Migration plan: ${plan.source.name}`)}</title>
</head>
<body data-state="${escapeHtml(JSON.stringify(input.state))}">
<header>
<h1>${escapeHtml(title)}</h1>
<div class="actions" role="toolbar" aria-label="Plan actions">
${button('Export Plan (Markdown)', 'save', { type: 'exportMarkdown' })}
${button('Copy Target Settings', 'copy', { type: 'copyTargetSettings' })}
${button('Export Target as Bicep', 'file-code', { type: 'exportTarget', format: 'bicep' })}
${button('Export Target as Terraform', 'file-code', { type: 'exportTarget', format: 'terraform' })}
${button('Export Target as ARM', 'file-code', { type: 'exportTarget', format: 'arm' })}
${button('Create Azure Managed Redis…', 'add', { type: 'createTarget' })}
${button('Validate Automated Migration…', 'checklist', { type: 'validateMigration' })}
${button('Copy Data…', 'cloud-upload', { type: 'copyData' })}
${button('Scan Workspace', 'refresh', { type: 'scanWorkspace' })}
</div>
</header>
<main>
${sourceSection(plan)}
${targetsSection(plan)}
${blockersSection(plan)}
${input.migration ? migrationSection(plan, input.migration) : ''}
${featuresSection(plan)}
${clientSection(plan, findings)}
${strategiesSection(plan)}
${stepsSection(plan)}
</main>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}
