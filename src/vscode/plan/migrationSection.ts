/**
 * The plan panel's "Automated migration" section: the last validation (local checks, then Azure's errors and
 * warnings by category), the migration's state with what it means, and, once the host name has been switched, the
 * client changes still needed. Everything Azure wrote is escaped; buttons post typed messages.
 */
import { stillNeededAfterSwitch, WHEN_LABEL } from '../../core/migration/afterSwitch';
import type { Disparity } from '../../core/migration/migration';
import { byCategory, explainState, rollbackOpen } from '../../core/migration/migration';
import type { MigrationPlan } from '../../core/plan/planModel';
import type { KnownMigration, KnownValidation } from '../migration/migrationStates';
import { button, escapeHtml, icon } from './htmlText';

export interface MigrationSectionInput {
  validation?: KnownValidation;
  migration?: KnownMigration;
  /** For the rollback deadline; the render time otherwise. */
  now?: Date;
}

/** States after which the old host name reaches the new cache. */
const SWITCHED = new Set(['Succeeded', 'Unlinking', 'UnlinkFailed', 'Unlinked']);
/** States in which a new migration must not be offered. */
const ACTIVE = new Set(['Accepted', 'InProgress', 'ReadyForDnsSwitch', 'Succeeded', 'Cancelling', 'Unlinking', 'UnlinkFailed', 'Unlinked']);

function disparities(title: string, kind: 'error' | 'warning', items: readonly Disparity[]): string {
  if (items.length === 0) return '';
  const groups = [...byCategory(items)].map(([category, messages]) =>
    `<h4>${escapeHtml(category)}</h4><ul class="blockers">${messages.map((m) => `<li class="${kind}">${icon(kind)} ${escapeHtml(m)}</li>`).join('')}</ul>`);
  return `<h3>${escapeHtml(title)}</h3><div class="disparities ${kind}s">${groups.join('')}</div>`;
}

function validationPart(validation: KnownValidation): string {
  const { result, checks } = validation;
  const verdict = result.isValid ? 'valid' : 'not valid';
  const local = checks.map((c) => `<li class="${c.ok ? 'ok' : 'error'}">${icon(c.ok ? 'pass' : 'error')} ${escapeHtml(c.message)}</li>`).join('');
  return `<p class="verdict">Validated against <code>${escapeHtml(validation.targetName)}</code> at ${escapeHtml(validation.at)}: `
    + `<strong>Azure says ${verdict}</strong> (${result.errors.length} error(s), ${result.warnings.length} warning(s)).</p>`
    + `<h3>Local checks</h3><ul class="blockers">${local}</ul>`
    + disparities('Errors (the migration cannot start)', 'error', result.errors)
    + disparities('Warnings (starting accepts them)', 'warning', result.warnings);
}

function statePart(plan: MigrationPlan, migration: KnownMigration, now: Date): string {
  const { provisioningState: state, statusDetails, rollbackEligibleUntil } = migration.status;
  const details = statusDetails ? ` (${escapeHtml(statusDetails)})` : '';
  const window = rollbackOpen(migration.status, now);
  const rollback = window.open && rollbackEligibleUntil ? `<p>${escapeHtml(window.why)}.</p>` : '';
  let stillNeeded = '';
  if (SWITCHED.has(state)) {
    const rows = stillNeededAfterSwitch(plan).map((c) => `<li class="${c.when === 'now' ? 'error' : 'warning'}">${icon(c.when === 'now' ? 'error' : 'warning')} `
      + `<code>${escapeHtml(c.id)}</code> <strong>${escapeHtml(WHEN_LABEL[c.when])}</strong>: ${escapeHtml(c.why)}</li>`);
    stillNeeded = '<h3 id="still-needed">Code changes still needed after the switch</h3>'
      + (rows.length ? `<p>The Client changes table shows where the scan found each of them.</p><ul class="blockers">${rows.join('')}</ul>` : '<p>None: the plan lists no client change that the switch leaves open.</p>');
  }
  return `<p class="state" role="status">State: <strong>${escapeHtml(state)}</strong>${details}: ${escapeHtml(explainState(state))}.</p>${rollback}${stillNeeded}`;
}

export function migrationSection(plan: MigrationPlan, input: MigrationSectionInput): string {
  const { validation, migration } = input;
  const state = migration?.status.provisioningState;
  const buttons = [button(validation ? 'Validate Again' : 'Validate Automated Migration…', 'checklist', { type: 'validateMigration' })];
  if (validation?.result.isValid && (state === undefined || !ACTIVE.has(state))) buttons.push(button('Start Automated Migration…', 'play', { type: 'startMigration' }));
  if (migration && rollbackOpen(migration.status, input.now).open) buttons.push(button('Roll Back…', 'discard', { type: 'rollbackMigration' }));
  const body = [
    migration ? statePart(plan, migration, input.now ?? new Date()) : '',
    validation ? validationPart(validation) : '',
    !migration && !validation ? '<p>Not validated yet: validation runs the local checks on both caches, then asks Azure.</p>' : '',
  ].join('');
  return `<section aria-labelledby="automated-migration"><h2 id="automated-migration">Automated migration</h2>${body}`
    + `<div class="actions" role="toolbar" aria-label="Automated migration actions">${buttons.join('')}</div></section>`;
}
