/**
 * Renders migration plans as terminal text or as a Markdown document a team can paste into a PR or wiki
 * (the webview's "Export plan" reuses the Markdown).
 */
import type { Blocker, MigrationPlan, SkuRecommendation } from './planModel';
import { TIER_LABEL } from '../amr/facts';
import { CLUSTERING_LABEL } from './sourceCache';
import { markdownText } from '../report/markdownText';
import { escapeControlCharacters } from '../report/terminalText';

const IMPACT_MARK = { gain: '+', loss: '-', change: '~' } as const;

function sourceLine(plan: MigrationPlan): string {
  const { source } = plan;
  const shards = source.shards > 1 ? `, ${source.shards} shards` : '';
  return `${TIER_LABEL[source.tier]} ${source.sku}, ${source.memoryGB} GB${shards}, ${source.replicas} replica(s), ${source.location}`;
}

/** The memory risk in a few words, for the line that names the SKU; the reasons hold the whole sentence. */
export function memoryRiskNote(rec: SkuRecommendation): string | undefined {
  const risk = rec.memoryRisk;
  if (!risk) return undefined;
  const needed = risk.basis === 'peak-used-memory' ? `the source's peak of ${risk.neededGB} GB used` : `the ${risk.neededGB} GB the source can hold`;
  return `less usable memory (≈${risk.usableMemoryGB} GB) than ${needed}`;
}

function skuLine(rec: SkuRecommendation): string {
  const ha = rec.highAvailability ? 'high availability' : 'no high availability';
  const preview = rec.preview ? ', preview' : '';
  const risk = memoryRiskNote(rec);
  return `${rec.sku} — ${TIER_LABEL[rec.tier]}, ${rec.memoryGB} GB (≈${rec.usableMemoryGB} GB usable), ${rec.vCPUs} vCPUs, ${ha}${preview}; ${rec.choice}, ${rec.additionalMemoryPercent}% additional memory${risk ? `; RISK: ${risk}` : ''}`;
}

/** Which data strategies a blocker rules out, or that it rules out none. */
export function blockerScope(blocker: Blocker): string {
  return blocker.blocks.length > 0 ? `rules out ${blocker.blocks.join(', ')}` : 'rules out no data strategy';
}

function metricsLine(plan: MigrationPlan): string {
  const m = plan.metrics;
  if (!m) return 'none given (peaks of used memory and server load over 30 days would refine the choice)';
  const parts = [
    m.usedMemoryPercentMax === undefined ? undefined : `used memory peak ${m.usedMemoryPercentMax}%`,
    m.serverLoadPercentMax === undefined ? undefined : `server load peak ${m.serverLoadPercentMax}%`,
  ].filter((p) => p !== undefined);
  return parts.join(', ');
}

function recommendedOf(plan: MigrationPlan): SkuRecommendation | undefined {
  return plan.recommendations.find((r) => r.recommended);
}

function planText(plan: MigrationPlan): string {
  const lines: string[] = [];
  const rec = recommendedOf(plan);
  lines.push(`${plan.source.name}: ${sourceLine(plan)}`);
  lines.push(`  ${plan.source.id}`);
  lines.push(`  Source tier retires ${plan.retirement.retiresOn} (disabled from ${plan.retirement.disabledFrom}).`);
  lines.push(`  Metrics: ${metricsLine(plan)}`);
  lines.push('');
  if (rec) {
    lines.push(`Recommended: ${skuLine(rec)}`);
    rec.reasons.forEach((reason) => lines.push(`  - ${reason}`));
  } else {
    lines.push('Recommended: no Azure Managed Redis size can hold this cache.');
  }
  for (const other of plan.recommendations.filter((r) => !r.recommended)) {
    lines.push(`Also possible: ${skuLine(other)}`);
    other.reasons.forEach((reason) => lines.push(`  - ${reason}`));
  }
  lines.push(`Clustering policy on AMR: ${CLUSTERING_LABEL[plan.targetClusteringPolicy]}`);
  lines.push('');
  lines.push(plan.blockers.length > 0 ? 'Blockers:' : 'Blockers: none found');
  plan.blockers.forEach((b) => lines.push(`  ${b.severity === 'error' ? 'ERROR' : 'WARN '} ${b.id} (${blockerScope(b)}): ${b.message}`));
  if (plan.checks.length > 0) {
    lines.push('Checks (the inputs do not show these either way):');
    plan.checks.forEach((c) => lines.push(`  CHECK ${c.id}: ${c.message}`));
  }
  lines.push('Feature changes (+ gain, - loss, ~ change):');
  plan.featureChanges.forEach((f) => lines.push(`  ${IMPACT_MARK[f.impact]} ${f.feature}: ${f.from} → ${f.to}`));
  lines.push('Client changes (scan rule: from → to):');
  plan.clientChanges.forEach((c) => lines.push(`  ${c.id}: ${c.from} → ${c.to}`));
  lines.push('Data strategies:');
  plan.dataStrategies.forEach((s) => lines.push(`  ${s.recommended ? '*' : ' '} ${s.id}${s.available ? '' : ' (not available)'}: ${s.why}`));
  lines.push('Steps:');
  plan.steps.forEach((step, i) => lines.push(`  ${i + 1}. ${step}`));
  return lines.join('\n');
}

/** The plans for a terminal; control characters in Azure names are shown escaped, never sent to it. */
export function formatPlansText(plans: readonly MigrationPlan[]): string {
  return escapeControlCharacters(`${plans.map(planText).join(`\n\n${'─'.repeat(72)}\n\n`)}\n`);
}

/** Escapes text for one Markdown table cell. */
function cell(text: string): string {
  return markdownText(text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' '));
}

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
}

function planMarkdown(plan: MigrationPlan): string {
  const rec = recommendedOf(plan);
  const lines: string[] = [`## ${markdownText(plan.source.name)} → ${rec ? rec.sku : 'no AMR size'}`, ''];
  lines.push(...table(['Source', ''], [
    ['Resource', `\`${plan.source.id}\``],
    ['SKU', sourceLine(plan)],
    ['Retires', `${plan.retirement.retiresOn} (disabled from ${plan.retirement.disabledFrom})`],
    ['Metrics', metricsLine(plan)],
    ['Clustering policy on AMR', CLUSTERING_LABEL[plan.targetClusteringPolicy]],
  ]), '');
  lines.push('### Recommended SKU', '');
  if (rec) {
    lines.push(`**${skuLine(rec)}**`, '', ...rec.reasons.map((reason) => `- ${markdownText(reason)}`), '');
  } else {
    lines.push('No Azure Managed Redis size can hold this cache.', '');
  }
  if (plan.recommendations.length > 0) {
    lines.push(...table(['SKU', 'Choice', 'Memory', 'Usable', 'vCPUs', 'Additional memory', 'Recommended'], plan.recommendations.map((r) => [
      `${r.sku}${r.preview ? ' (preview)' : ''}`, r.choice, `${r.memoryGB} GB`, `≈${r.usableMemoryGB} GB${r.memoryRisk ? ' ⚠ below the source' : ''}`, String(r.vCPUs), `${r.additionalMemoryPercent}%`, r.recommended ? 'yes' : '',
    ])), '');
  }
  lines.push('### Blockers', '');
  lines.push(...(plan.blockers.length > 0 ? plan.blockers.map((b) => `- **${b.severity}** \`${b.id}\` (${blockerScope(b)}): ${markdownText(b.message)}`) : ['None found.']), '');
  if (plan.checks.length > 0) lines.push('### Checks', '', ...plan.checks.map((c) => `- [ ] \`${c.id}\`: ${markdownText(c.message)}`), '');
  lines.push('### Feature changes', '', ...table(['Feature', 'From', 'To', 'Impact'], plan.featureChanges.map((f) => [f.feature, f.from, f.to, f.impact])), '');
  lines.push('### Client changes', '', ...table(['Scan rule', 'From', 'To'], plan.clientChanges.map((c) => [`\`${c.id}\``, c.from, c.to])), '');
  lines.push('### Data strategies', '', ...table(['Strategy', 'Available', 'Recommended', 'Why'], plan.dataStrategies.map((s) => [
    s.id, s.available ? 'yes' : 'no', s.recommended ? '**yes**' : '', s.why,
  ])), '');
  lines.push('### Steps', '', ...plan.steps.map((step) => `- [ ] ${markdownText(step)}`));
  return lines.join('\n');
}

export function formatPlansMarkdown(plans: readonly MigrationPlan[]): string {
  return `# Azure Managed Redis migration plan\n\n${plans.map(planMarkdown).join('\n\n')}\n`;
}
