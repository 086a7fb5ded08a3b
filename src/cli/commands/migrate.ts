import { ArmRestClient } from '../../core/azure/armRest';
import type { ArmRequest } from '../../core/azure/armRest';
import type { AzureCloud } from '../../core/azure/clouds';
import type { LocalCheck } from '../../core/migration/localChecks';
import { localMigrationChecks } from '../../core/migration/localChecks';
import type { Disparity, MigrationStatus, RollbackReason, StartOptions, ValidationResult } from '../../core/migration/migration';
import {
  byCategory,
  cancelMigration,
  cancelRequest,
  checkSourceId,
  checkTargetId,
  explainState,
  migrationStatus,
  oldHostReachesTarget,
  ROLLBACK_REASONS,
  startMigration,
  startRequest,
  unlinkMigration,
  unlinkRequest,
  validateMigration,
} from '../../core/migration/migration';
import { readCache } from '../../core/migration/readCache';
import { escapeControlCharacters } from '../../core/report/terminalText';
import { formatRequestsText, notSentMessage, reportAzureFailure, requestForOutput } from '../armWrites';
import { AZURE_COMMAND_OPTIONS, CLOUD_HELP, CREDENTIAL_HELP, credentialFor, outputFormat, parseCloud } from '../azureOptions';
import { parseCommandLine, parseOptions, UsageError } from '../commandLine';
import type { CliIo } from '../io';
import { ExitCode } from '../io';

const ACTIONS = ['validate', 'start', 'status', 'cancel', 'unlink'] as const;
type Action = (typeof ACTIONS)[number];

const HELP = `Usage: amr-migrate migrate validate|start|status|cancel|unlink --source RESOURCE_ID --target RESOURCE_ID
       [--skip-data-migration true|false] [--force] [--reason REASON] [--wait] [--yes] [--dry-run] [--format text|json]

Drives Azure's automated migration from Azure Cache for Redis (Basic, Standard, Premium) to an Azure Managed Redis
cache in the same subscription and region: the old host name is switched to the new cache by DNS.

  validate  local checks from what Azure reports of both caches, then Azure's own validation (errors, warnings)
  start     validates, then starts the migration (needs --yes; warnings need --force to be accepted)
  status    the migration's state, and until when it can be rolled back
  cancel    rolls the migration back while the rollback window is open (needs --yes and --reason)
  unlink    stops the old host name from pointing at the new cache (needs --yes); cannot be undone

Options:
  --source ID                  the Azure Cache for Redis (needed by validate and start)
  --target ID                  the Azure Managed Redis cache (…/Microsoft.Cache/redisEnterprise/NAME)
  --skip-data-migration BOOL   true (default): Azure moves the host name, not the data; copy the data first
                               (amr-migrate copy), writes made after the copy are lost
  --force                      accept the warnings validation listed (forceMigrate); errors still stop it
  --reason REASON              why you roll back: ${ROLLBACK_REASONS.join(', ')}
  --wait                       follow the operation to its end
  --yes                        send the write; without it the request is printed and nothing is sent
  --dry-run                    print the write and send nothing, even with --yes
${CLOUD_HELP}
  --format FORMAT              text (default) or json

${CREDENTIAL_HELP}
Exit code: 0 on success (validate: when Azure finds the migration valid; without --yes: after printing the request),
1 when it is not valid or Azure refused or the operation failed, 2 on usage errors.
`;

interface MigrateArgs {
  action: Action;
  sourceId?: string;
  targetId: string;
  start: StartOptions;
  reason?: RollbackReason;
  wait: boolean;
  yes: boolean;
  dryRun: boolean;
  cloud: AzureCloud;
  format: 'text' | 'json';
}

function parseMigrateArgs(args: string[]): MigrateArgs | 'help' {
  const { values, positionals } = parseOptions({
    args,
    options: {
      source: { type: 'string' },
      target: { type: 'string' },
      'skip-data-migration': { type: 'string', default: 'true' },
      force: { type: 'boolean' },
      reason: { type: 'string' },
      wait: { type: 'boolean' },
      yes: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      ...AZURE_COMMAND_OPTIONS,
    },
    allowPositionals: true,
  });
  if (values.help) return 'help';
  const [action, ...rest] = positionals;
  if (!action || !(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`give one of ${ACTIONS.join(', ')}`);
  if (rest.length > 0) throw new UsageError('one action at a time');
  const format = outputFormat(values.format);
  if (!values.target) throw new UsageError('--target is required: the resource id of the Azure Managed Redis cache');
  if ((action === 'validate' || action === 'start') && !values.source) throw new UsageError(`${action} needs --source: the resource id of the Azure Cache for Redis`);
  const skip = values['skip-data-migration'];
  if (skip !== 'true' && skip !== 'false') throw new UsageError('--skip-data-migration must be true or false');
  if (values.reason !== undefined && !(ROLLBACK_REASONS as readonly string[]).includes(values.reason)) {
    throw new UsageError(`--reason must be one of ${ROLLBACK_REASONS.join(', ')}`);
  }
  if (action === 'cancel' && values.reason === undefined) throw new UsageError(`cancel needs --reason: one of ${ROLLBACK_REASONS.join(', ')}`);
  try {
    if (values.source) checkSourceId(values.source);
    checkTargetId(values.target);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    action: action as Action,
    sourceId: values.source,
    targetId: values.target,
    start: { skipDataMigration: skip === 'true', forceMigrate: values.force === true },
    reason: values.reason as RollbackReason | undefined,
    wait: values.wait === true,
    yes: values.yes === true,
    dryRun: values['dry-run'] === true,
    cloud: parseCloud(values),
    format,
  };
}

/** The old host name a succeeded migration switched and the new cache's host name, as the scan's --switched takes them. */
interface SwitchedPair {
  oldHostName: string;
  hostName: string;
}

const statusJson = (status: MigrationStatus, switched?: SwitchedPair) => ({
  provisioningState: status.provisioningState,
  statusDetails: status.statusDetails,
  ...(status.rollbackEligibleUntil ? { rollbackEligibleUntil: status.rollbackEligibleUntil } : {}),
  ...(status.sourceResourceId ? { sourceResourceId: status.sourceResourceId } : {}),
  ...(status.targetResourceId ? { targetResourceId: status.targetResourceId } : {}),
  ...(switched ? { switched } : {}),
});

/** After a switch: the target's migratedEndpoint (else the source's host name) and the target's host name. */
async function switchedPair(client: ArmRestClient, status: MigrationStatus, targetId: string): Promise<SwitchedPair | undefined> {
  if (!oldHostReachesTarget(status)) return undefined;
  const target = await readCache(client, targetId);
  const oldHostName = target?.migratedEndpoint ?? (status.sourceResourceId ? (await readCache(client, status.sourceResourceId))?.hostName : undefined);
  return target?.hostName && oldHostName ? { oldHostName, hostName: target.hostName } : undefined;
}

function statusText(status: MigrationStatus, switched?: SwitchedPair): string {
  const lines = [`Migration: ${status.provisioningState}${status.statusDetails ? ` (${status.statusDetails})` : ''}`, `  ${explainState(status.provisioningState)}`];
  if (status.sourceResourceId) lines.push(`  from ${status.sourceResourceId}`);
  if (status.targetResourceId) lines.push(`  to   ${status.targetResourceId}`);
  if (status.rollbackEligibleUntil) lines.push(`  can be rolled back until ${status.rollbackEligibleUntil} (amr-migrate migrate cancel)`);
  if (switched) {
    lines.push(`  ${switched.oldHostName} now reaches ${switched.hostName}. The code changes still needed (host name and port 10000 before`,
      '  the old name is unlinked, Entra ID before access keys are turned off, TLS now):',
      `    amr-migrate scan --switched ${switched.oldHostName}=${switched.hostName}`);
  } else if (status.provisioningState === 'Succeeded') {
    lines.push('  The old host name now reaches the new cache; run amr-migrate scan --switched OLD=NEW for the code changes still needed.');
  }
  return `${lines.join('\n')}\n`;
}

function disparitiesText(title: string, items: readonly Disparity[]): string {
  if (items.length === 0) return '';
  const groups = [...byCategory(items)].map(([category, messages]) => `  ${category}:\n${messages.map((m) => `    - ${m}`).join('\n')}`);
  return `${title}:\n${groups.join('\n')}\n`;
}

function validationText(result: ValidationResult, checks: readonly LocalCheck[]): string {
  const local = checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'} ${c.message}`).join('\n');
  return `Local checks:\n${local}\n${disparitiesText('Errors (the migration cannot start)', result.errors)}${disparitiesText('Warnings (accept them with --force)', result.warnings)}Azure: the migration is ${result.isValid ? 'valid' : 'NOT valid'}.\n`;
}

export async function runMigrate(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine('migrate', HELP, io, () => parseMigrateArgs(args));
  if (typeof parsed === 'number') return parsed;
  const command = `migrate ${parsed.action}`;
  const endpoint = parsed.cloud.resourceManagerEndpoint;
  const print = (json: unknown, text: string) => io.out(parsed.format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : escapeControlCharacters(text));
  const progress = (p: MigrationStatus | { status: string }) => io.err(`amr-migrate ${command}: ${'status' in p ? p.status : p.provisioningState}\n`);

  /** Prints a write that is not sent without --yes; true when it was only shown. */
  const shownOnly = (request: ArmRequest): boolean => {
    if (parsed.yes && !parsed.dryRun) return false;
    print({ requests: [requestForOutput(request, endpoint)] }, formatRequestsText([request], endpoint));
    io.err(notSentMessage(command, parsed.dryRun));
    return true;
  };

  try {
    const client = ArmRestClient.create(await credentialFor(io, parsed.cloud), { cloud: parsed.cloud, signal: io.signal });
    const ids = { sourceId: parsed.sourceId ?? '', targetId: parsed.targetId };
    switch (parsed.action) {
      case 'validate':
      case 'start': {
        const [source, target] = await Promise.all([readCache(client, ids.sourceId), readCache(client, ids.targetId)]);
        if (!source || !target) {
          io.err(escapeControlCharacters(`amr-migrate ${command}: ${!source ? `the source ${ids.sourceId}` : `the target ${ids.targetId}`} was not found (or you cannot read it)`) + '\n');
          return ExitCode.findings;
        }
        const checks = localMigrationChecks(source, target);
        const result = await validateMigration(client, ids, parsed.start);
        if (parsed.action === 'validate') {
          print({ ...result, localChecks: checks }, validationText(result, checks));
          return result.isValid ? ExitCode.ok : ExitCode.findings;
        }
        if (!result.isValid || (result.warnings.length > 0 && !parsed.start.forceMigrate)) {
          io.err(escapeControlCharacters(validationText(result, checks)));
          io.err(`amr-migrate ${command}: not started: ${result.isValid ? 'accept the warnings above with --force' : 'fix the errors above first'}\n`);
          return ExitCode.findings;
        }
        if (parsed.format === 'text' && result.warnings.length > 0) io.out(escapeControlCharacters(disparitiesText('Warnings accepted (--force)', result.warnings)));
        if (shownOnly(startRequest(ids, parsed.start))) return ExitCode.ok;
        const status = await startMigration(client, ids, { ...parsed.start, wait: parsed.wait, onProgress: progress });
        const switched = await switchedPair(client, status, ids.targetId);
        print(statusJson(status, switched), statusText(status, switched));
        return status.provisioningState === 'Failed' ? ExitCode.findings : ExitCode.ok;
      }
      case 'status': {
        const status = await migrationStatus(client, ids.targetId);
        if (!status) {
          io.err(escapeControlCharacters(`amr-migrate ${command}: no migration was started on ${ids.targetId}`) + '\n');
          return ExitCode.findings;
        }
        const switched = await switchedPair(client, status, ids.targetId);
        print(statusJson(status, switched), statusText(status, switched));
        return ExitCode.ok;
      }
      case 'cancel':
      case 'unlink': {
        const request = parsed.action === 'cancel' ? cancelRequest(ids.targetId, parsed.reason!) : unlinkRequest(ids.targetId);
        if (shownOnly(request)) return ExitCode.ok;
        const status =
          parsed.action === 'cancel'
            ? await cancelMigration(client, ids.targetId, parsed.reason!, { wait: parsed.wait, onProgress: progress })
            : await unlinkMigration(client, ids.targetId, { wait: parsed.wait, onProgress: progress });
        print(statusJson(status), statusText(status));
        return ExitCode.ok;
      }
    }
  } catch (error) {
    return reportAzureFailure(command, error, io);
  }
}
