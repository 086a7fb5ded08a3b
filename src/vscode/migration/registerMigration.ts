/**
 * "Create Azure Managed Redis…", the automated migration (validate, start, status, roll back, unlink) and the
 * Enterprise in-place conversion, from the Caches view, the plan panel and the palette. Every write is shown and
 * confirmed in a modal first; long waits show progress with Cancel, which stops waiting and never deletes. The ARM
 * code is in dist/azureMigration.js, loaded on first use, so activation loads no Azure SDK.
 */
import * as vscode from 'vscode';
import type { ArmRequest, ArmRestClient } from '../../core/azure/armRest';
import { CLUSTERING_POLICIES, type CacheInfo, type ClusteringPolicy } from '../../core/azure/cacheModel';
import type { MigrationStatus, RollbackReason, ValidationResult } from '../../core/migration/migration';
import type { LocalCheck } from '../../core/migration/localChecks';
import type { TargetSpec } from '../../core/migration/targetSpec';
import { clusterNameProblem, explainTargetSpec, hostNameTakenBy, provisionRequests, targetSpecFor } from '../../core/migration/targetSpec';
import type { ChangedSettings, SettingAnswers } from '../../core/migration/targetSettings';
import { ACCESS_KEY_CHOICES, applySettingAnswers, CLUSTERING_DETAIL, settingInputProblem, settingSteps } from '../../core/migration/targetSettings';
import { signedInObjectId } from '../../core/migration/signedInIdentity';
import { recommendSkus } from '../../core/plan/recommendSku';
import { CLUSTERING_LABEL, regionName, targetClusteringPolicy } from '../../core/plan/sourceCache';
import type { CachesService } from '../caches/cachesService';
import type { CacheTreeNode } from '../caches/cachesTree';
import { lazyRequire } from '../lazyRequire';
import type { MigrationStates } from './migrationStates';
import { validationMarkdown } from './validationReport';

type MigrationModule = typeof import('./migrationEntry');

export const MIGRATION_COMMAND_IDS = {
  createTarget: 'amrMigrate.createTarget',
  validate: 'amrMigrate.migration.validate',
  start: 'amrMigrate.migration.start',
  status: 'amrMigrate.migration.status',
  rollback: 'amrMigrate.migration.rollback',
  unlink: 'amrMigrate.migration.unlink',
  convertEnterprise: 'amrMigrate.migration.convertEnterprise',
} as const;

const ROLLBACK_REASONS: readonly RollbackReason[] = ['performance', 'compatibility', 'clientConnection', 'cost', 'testing', 'stability', 'other'];
const TITLE = 'Azure Managed Redis';

export interface MigrationDeps {
  caches: CachesService;
  states: MigrationStates;
  log: vscode.LogOutputChannel;
}

/** The user stopped at a prompt, or something they can fix: shown as is, nothing was sent. */
class Stopped extends Error {}

const cacheOfNode = (argument: unknown): CacheInfo | undefined => {
  const node = argument as CacheTreeNode | undefined;
  return node && (node.kind === 'cache' || node.kind === 'database') ? node.cache : undefined;
};

const isAcr = (cache: CacheInfo) => cache.kind === 'AzureCacheForRedis';
const isAmr = (cache: CacheInfo) => ['Balanced', 'MemoryOptimized', 'ComputeOptimized', 'FlashOptimized'].includes(cache.tier);
const isEnterprise = (cache: CacheInfo) => cache.tier === 'Enterprise' || cache.tier === 'EnterpriseFlash';

async function pickCache(caches: CachesService, title: string, filter: (cache: CacheInfo) => boolean, rank: (cache: CacheInfo) => number = () => 0): Promise<CacheInfo> {
  const candidates = (await caches.caches()).filter(filter).sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  if (candidates.length === 0) throw new Stopped(`${title}: no suitable cache in the Caches view (sign in, or choose more subscriptions)`);
  const picked = await vscode.window.showQuickPick(
    candidates.map((cache) => ({ label: cache.name, description: `${cache.sku} · ${cache.location}`, detail: cache.id, cache })),
    { title, ignoreFocusOut: true, matchOnDescription: true },
  );
  if (!picked) throw new Stopped('');
  return picked.cache;
}

/** A modal that shows what will be sent; true only when the user pressed `action`. */
async function confirmWrite(message: string, detail: string, action: string): Promise<boolean> {
  return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
}

const requestsDetail = (requests: readonly ArmRequest[]) => requests.map((r) => `${r.method} ${r.url}${r.body === undefined ? '' : `\n${JSON.stringify(r.body, null, 2)}`}`).join('\n\n');

export function registerMigration(context: vscode.ExtensionContext, deps: MigrationDeps): void {
  const module = lazyRequire<MigrationModule>(context.asAbsolutePath('dist/azureMigration.js'));
  const { caches, states, log } = deps;

  const clientFor = async (signal?: AbortSignal) => {
    const { credential, cloud } = await caches.armAccess();
    return module().ArmRestClient.create(credential, { cloud, signal });
  };

  /** The signed-in user's object id, to grant them data access by default; undefined when the token does not say. */
  const signedInUser = async (): Promise<string | undefined> => {
    try {
      const { credential, cloud } = await caches.armAccess();
      return await signedInObjectId(credential, cloud);
    } catch (error) {
      log.info(`the signed-in user's object id is not known (${error instanceof Error ? error.message : error}); none is prefilled`);
      return undefined;
    }
  };

  /** Runs `work` under a notification with Cancel; Cancel aborts the signal (stops waiting, deletes nothing). */
  const withProgress = <T>(title: string, work: (signal: AbortSignal, report: (message: string) => void) => Promise<T>): Thenable<T> =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return work(controller.signal, (message) => {
        log.info(`${title}: ${message}`);
        progress.report({ message });
      });
    });

  /** The source and target of a migration, from whichever side the command was run on. */
  const pair = async (argument: unknown, title: string): Promise<{ source: CacheInfo; target: CacheInfo }> => {
    const chosen = cacheOfNode(argument) ?? (await pickCache(caches, `${title}: the cache to migrate`, isAcr));
    if (isEnterprise(chosen)) throw new Stopped(`${chosen.name} is an Enterprise cluster: it converts in place (Convert to Azure Managed Redis in Place…)`);
    const sameRegion = (other: CacheInfo) => (regionName(other.location) === regionName(chosen.location) && other.subscriptionId === chosen.subscriptionId ? 0 : 1);
    if (isAcr(chosen)) return { source: chosen, target: await pickCache(caches, `${title}: the Azure Managed Redis target of ${chosen.name}`, isAmr, sameRegion) };
    return { source: await pickCache(caches, `${title}: the Azure Cache for Redis that moves to ${chosen.name}`, isAcr, sameRegion), target: chosen };
  };

  /** The target of a migration to follow: the chosen AMR cache, or the one a known migration of the source went to. */
  const targetOf = async (argument: unknown, title: string): Promise<CacheInfo> => {
    const chosen = cacheOfNode(argument) ?? (await pickCache(caches, title, isAmr));
    if (isAmr(chosen)) return chosen;
    const known = states.of(chosen.id);
    const target = known && (await caches.caches()).find((c) => c.id.toLowerCase() === known.targetId.toLowerCase());
    return target ?? (await pair({ kind: 'cache', cache: chosen }, title)).target;
  };

  const record = (source: string | undefined, target: CacheInfo, status: MigrationStatus) => states.update(status.sourceResourceId ?? source ?? '', target.id, status);

  /** Follows the migration resource from `first` to a final state, showing every state on both caches in the tree. */
  const follow = async (client: ArmRestClient, source: string | undefined, target: CacheInfo, first: MigrationStatus, report: (message: string) => void) => {
    const seen = (status: MigrationStatus) => {
      record(source, target, status);
      report(`${status.provisioningState}: ${module().explainState(status.provisioningState)}`);
    };
    seen(first);
    return module().followMigration(client, target.id, { onProgress: seen });
  };

  /** Local checks and Azure's validation; recorded, so the source's plan panel shows them. */
  const validate = async (source: CacheInfo, target: CacheInfo, signal?: AbortSignal) => {
    const client = await clientFor(signal);
    const [freshSource, freshTarget] = await Promise.all([module().readCache(client, source.id), module().readCache(client, target.id)]);
    if (!freshSource || !freshTarget) throw new Stopped(`${!freshSource ? source.name : target.name} was not found in Azure any more`);
    const checks = module().localMigrationChecks(freshSource, freshTarget);
    const result = await module().validateMigration(client, { sourceId: source.id, targetId: target.id }, { skipDataMigration: true, forceMigrate: false });
    states.validated({ sourceId: source.id, targetId: target.id, targetName: target.name, checks, result, at: new Date().toISOString() });
    return { checks, result };
  };

  /** The target the source was last validated against, when the Caches view still lists it. */
  const validatedTarget = async (source: CacheInfo) => {
    const validation = states.validationOf(source.id);
    return validation && (await caches.caches()).find((c) => c.id.toLowerCase() === validation.targetId.toLowerCase());
  };

  const showValidation = async (source: CacheInfo, target: CacheInfo, checks: readonly LocalCheck[], result: ValidationResult) => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: validationMarkdown(source, target, checks, result) });
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  };

  const commands: Record<keyof typeof MIGRATION_COMMAND_IDS, (argument?: unknown, options?: unknown) => Promise<unknown>> = {
    createTarget: async (argument) => {
      const source = cacheOfNode(argument) ?? (await pickCache(caches, 'Create Azure Managed Redis: the cache it replaces', (c) => !isAmr(c)));
      const listed = await caches.caches();
      let spec = await promptTargetSpec(source, listed, await signedInUser());
      let notes: string[] = [];
      for (;;) {
        const requests = provisionRequests(spec);
        const action = await vscode.window.showWarningMessage(
          `Create ${spec.name} (${spec.sku}) in ${spec.resourceGroup}, ${spec.location}?`,
          { modal: true, detail: `${[...notes, ...explainTargetSpec(spec)].join('\n')}\n\nThese requests will be sent to Azure Resource Manager:\n\n${requestsDetail(requests)}` },
          'Create', 'Export Requests…', 'Change Settings…',
        );
        if (action === 'Export Requests…') return exportRequests(spec, requests);
        if (action === 'Create') break;
        if (action !== 'Change Settings…') return undefined;
        const changed = await promptSettings(spec, source, listed);
        if (changed.problems.length > 0) throw new Stopped(`nothing was sent: ${changed.problems.join('; ')}`);
        ({ spec, notes } = changed);
      }
      const result = await withProgress(`Creating ${spec.name}`, async (signal, report) =>
        module().provisionTarget(await clientFor(signal), spec, (p) => report(p.message)));
      caches.refresh();
      void vscode.window.showInformationMessage(`${spec.name} is ready: ${result.hostName}:10000. Next: validate the automated migration, or copy the data.`);
      return result;
    },
    validate: async (argument, options) => {
      const { source, target } = await pair(argument, 'Validate Automated Migration');
      const { checks, result } = await withProgress(`Validating ${source.name} → ${target.name}`, (signal) => validate(source, target, signal));
      // The plan panel shows the result itself and asks for no report.
      if ((options as { report?: boolean } | undefined)?.report !== false) await showValidation(source, target, checks, result);
      return result;
    },
    start: async (argument) => {
      const chosen = cacheOfNode(argument);
      const validated = chosen && isAcr(chosen) ? await validatedTarget(chosen) : undefined;
      const { source, target } = validated ? { source: chosen!, target: validated } : await pair(argument, 'Start Automated Migration');
      const { checks, result } = await withProgress(`Validating ${source.name} → ${target.name}`, (signal) => validate(source, target, signal));
      if (!result.isValid) {
        await showValidation(source, target, checks, result);
        throw new Stopped(`Azure says the migration of ${source.name} is not valid; see the errors`);
      }
      const warnings = result.warnings.map((w) => `• ${w.category}: ${w.message}`).join('\n');
      const request = module().startRequest({ sourceId: source.id, targetId: target.id }, { skipDataMigration: true, forceMigrate: result.warnings.length > 0 });
      const action = await vscode.window.showWarningMessage(
        `Start the automated migration of ${source.name} to ${target.name}?`,
        {
          modal: true,
          detail: `${source.hostName} will point at ${target.name} by DNS; all clients move at once. ${source.name} accepts no other management operation until it ends, and it can be rolled back for a limited time.\n\n`
            + `Azure does not copy the data: copy it first. Writes made between the copy and the switch reach only ${source.name}.\n\n`
            + (warnings ? `Starting accepts these warnings (forceMigrate):\n${warnings}\n\n` : '')
            + requestsDetail([request]),
        },
        'Start Migration', 'Copy Data First…',
      );
      if (action === 'Copy Data First…') return vscode.commands.executeCommand('amrMigrate.copyData', { kind: 'cache', cache: source });
      if (action !== 'Start Migration') return undefined;
      const status = await withProgress(`Migrating ${source.name} → ${target.name}`, async (signal, report) => {
        const client = await clientFor(signal);
        const ids = { sourceId: source.id, targetId: target.id };
        const started = await module().startMigration(client, ids, { skipDataMigration: true, forceMigrate: result.warnings.length > 0, wait: false });
        return follow(client, source.id, target, started, report);
      });
      record(source.id, target, status);
      caches.refresh();
      void vscode.window.showInformationMessage(`Migration ${status.provisioningState}${status.rollbackEligibleUntil ? `; it can be rolled back until ${status.rollbackEligibleUntil}` : ''}. Run Scan Workspace for the code changes still needed.`);
      return status;
    },
    status: async (argument) => {
      const target = await targetOf(argument, 'Migration Status: the Azure Managed Redis target');
      const status = await withProgress(`Reading the migration of ${target.name}`, async (signal) => module().migrationStatus(await clientFor(signal), target.id));
      if (!status) {
        void vscode.window.showInformationMessage(`No automated migration was started on ${target.name}.`);
        return undefined;
      }
      record(undefined, target, status);
      void vscode.window.showInformationMessage(`Migration to ${target.name}: ${status.provisioningState}${status.statusDetails ? ` (${status.statusDetails})` : ''}${status.rollbackEligibleUntil ? `; rollback possible until ${status.rollbackEligibleUntil}` : ''}.`);
      return status;
    },
    rollback: async (argument) => {
      const target = await targetOf(argument, 'Roll Back Migration: the Azure Managed Redis target');
      const current = await withProgress(`Reading the migration of ${target.name}`, async (signal) => module().migrationStatus(await clientFor(signal), target.id));
      if (!current) throw new Stopped(`no automated migration was started on ${target.name}`);
      const window = module().rollbackOpen(current);
      if (!window.open) throw new Stopped(`cannot roll back: ${window.why}`);
      const reason = (await vscode.window.showQuickPick([...ROLLBACK_REASONS], { title: 'Why roll back? (Azure records it)', ignoreFocusOut: true })) as RollbackReason | undefined;
      if (!reason) return undefined;
      const request = module().cancelRequest(target.id, reason);
      if (!(await confirmWrite(`Roll back the migration to ${target.name}?`, `The old host name will point at the source cache again (${window.why}).\n\n${requestsDetail([request])}`, 'Roll Back'))) return undefined;
      const status = await withProgress(`Rolling back to the source of ${target.name}`, async (signal, report) => {
        const client = await clientFor(signal);
        return follow(client, current.sourceResourceId, target, await module().cancelMigration(client, target.id, reason, { wait: false }), report);
      });
      record(current.sourceResourceId, target, status);
      caches.refresh();
      void vscode.window.showInformationMessage(`Migration to ${target.name}: ${status.provisioningState}.`);
      return status;
    },
    unlink: async (argument) => {
      const target = await targetOf(argument, 'Unlink Old Host Name: the Azure Managed Redis target');
      const request = module().unlinkRequest(target.id);
      if (!(await confirmWrite(`Unlink the old host name from ${target.name}?`, `Clients that still use the old *.redis.cache.windows.net host name will stop reaching ${target.name}. This cannot be undone, and ends the rollback window.\n\n${requestsDetail([request])}`, 'Unlink'))) return undefined;
      const status = await withProgress(`Unlinking the old host name of ${target.name}`, async (signal, report) => {
        const client = await clientFor(signal);
        return follow(client, undefined, target, await module().unlinkMigration(client, target.id, { wait: false }), report);
      });
      record(undefined, target, status);
      return status;
    },
    convertEnterprise: async (argument) => {
      const cache = cacheOfNode(argument) ?? (await pickCache(caches, 'Convert to Azure Managed Redis in Place', isEnterprise));
      if (!isEnterprise(cache)) throw new Stopped(`${cache.name} is not an Enterprise cluster; use the automated migration instead`);
      const { possible, lines } = module().explainEnterpriseConversion(cache);
      if (!possible) throw new Stopped(lines.at(-1) ?? 'the conversion is not possible');
      const skus = await withProgress(`Reading the sizes ${cache.name} can move to`, async (signal) => module().scalingSkus(await clientFor(signal), cache.id));
      const recommended = recommendSkus(cache).find((r) => r.recommended)?.sku;
      const sku = await vscode.window.showQuickPick(
        skus.map((s) => ({ label: s.name, description: `${s.sizeInGB ?? '?'} GB${s.name === recommended ? ' · recommended by the plan' : ''}` })).sort((a, b) => (b.label === recommended ? 1 : 0) - (a.label === recommended ? 1 : 0)),
        { title: `Convert ${cache.name}: the Azure Managed Redis size`, ignoreFocusOut: true },
      );
      if (!sku) return undefined;
      const typed = await vscode.window.showInputBox({
        title: `Convert ${cache.name} to ${sku.label}: this cannot be paused, cancelled or rolled back`,
        prompt: `${lines.join(' ')} Type the cache's name to confirm.`,
        ignoreFocusOut: true,
        validateInput: (value) => (module().confirmationMatches(value, cache.name) ? undefined : `Type ${cache.name} to confirm`),
      });
      if (typed === undefined || !module().confirmationMatches(typed, cache.name)) return undefined;
      await withProgress(`Converting ${cache.name} to ${sku.label}`, async (signal, report) =>
        module().startEnterpriseConversion(await clientFor(signal), cache, sku.label, typed, report));
      caches.refresh();
      return undefined;
    },
  };

  for (const [name, handler] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(MIGRATION_COMMAND_IDS[name as keyof typeof commands], async (argument?: unknown, options?: unknown) => {
      try {
        return await handler(argument, options);
      } catch (error) {
        if (error instanceof Stopped) {
          if (error.message) void vscode.window.showWarningMessage(`${TITLE}: ${error.message}`);
          return undefined;
        }
        const cancelled = error instanceof Error && error.name === 'WaitCancelledError';
        const message = error instanceof Error ? error.message : String(error);
        log.error(`${name}: ${message}`);
        void (cancelled ? vscode.window.showInformationMessage(`${TITLE}: ${message}`) : vscode.window.showErrorMessage(`${TITLE}: ${message}`));
        return undefined;
      }
    }));
  }
}

/** Asks what the plan cannot decide, with the plan's answers preselected. */
async function promptTargetSpec(source: CacheInfo, listed: readonly CacheInfo[], me: string | undefined): Promise<TargetSpec> {
  const recommendations = recommendSkus(source);
  const skuPick = await vscode.window.showQuickPick(
    recommendations.map((r) => ({
      label: r.sku,
      description: `${r.memoryGB} GB (${r.usableMemoryGB} GB usable)${r.recommended ? ' · recommended' : ''}${r.preview ? ' · preview' : ''}`,
      detail: r.reasons[0],
      picked: r.recommended,
    })).sort((a, b) => Number(b.picked) - Number(a.picked)),
    { title: `Create Azure Managed Redis for ${source.name}: size`, ignoreFocusOut: true },
  );
  if (!skuPick) throw new Stopped('');
  const name = await vscode.window.showInputBox({
    title: 'Name of the new cache',
    value: `${source.name}-amr`.slice(0, 60).replace(/-+$/, ''),
    prompt: `Its host name will be NAME.${regionName(source.location)}.redis.azure.net`,
    ignoreFocusOut: true,
    validateInput: (value) => {
      const taken = hostNameTakenBy({ name: value, location: source.location, subscriptionId: source.subscriptionId, resourceGroup: source.resourceGroup, sourceId: source.id }, listed);
      return clusterNameProblem(value) ?? (taken ? `${taken.name} in ${taken.resourceGroup} (subscription ${taken.subscriptionId}) already has the host name ${taken.hostName}; choose another name` : undefined);
    },
  });
  if (!name) throw new Stopped('');
  const planned = targetClusteringPolicy(source);
  const policies: { label: ClusteringPolicy; detail: string }[] = CLUSTERING_POLICIES.map((label) => ({ label, detail: CLUSTERING_DETAIL[label] }));
  const policy = await vscode.window.showQuickPick(
    policies.map((p) => ({ ...p, description: p.label === planned ? `the plan's choice (${CLUSTERING_LABEL[planned]})` : undefined })).sort((a, b) => Number(b.label === planned) - Number(a.label === planned)),
    { title: 'Clustering policy (fixed once created, unless non-clustered)', ignoreFocusOut: true },
  );
  if (!policy) throw new Stopped('');
  const grants = await vscode.window.showInputBox({
    title: 'Microsoft Entra object ids to grant data access (optional)',
    prompt: me
      ? 'Yours (the signed-in user) is filled in; add your applications\' managed identities, separated by commas or spaces'
      : 'Your own object id and your applications\' managed identities, separated by commas or spaces',
    value: me ?? '',
    ignoreFocusOut: true,
    validateInput: (value) => value.split(/[\s,]+/).filter(Boolean).find((id) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) ? 'Object ids are GUIDs' : undefined,
  });
  if (grants === undefined) throw new Stopped('');
  const keys = await vscode.window.showQuickPick(ACCESS_KEY_CHOICES.map((choice) => ({ ...choice })), { title: 'Authentication', ignoreFocusOut: true });
  if (!keys) throw new Stopped('');
  return {
    ...targetSpecFor(source, { name, sku: skuPick.label, clusteringPolicy: policy.label, grants: grants.split(/[\s,]+/).filter(Boolean) }),
    accessKeysAuthentication: keys.value === 'on',
  };
}

/** "Change Settings…": one quick pick or input box per setting, current values preselected; Escape stops without sending. */
async function promptSettings(spec: TargetSpec, source: CacheInfo, listed: readonly CacheInfo[]): Promise<ChangedSettings> {
  const answers: SettingAnswers = {};
  for (const step of settingSteps(spec, source)) {
    const title = `${spec.name}: ${step.title}`;
    if (step.kind === 'input') {
      const value = await vscode.window.showInputBox({ title, prompt: step.prompt, value: step.value, ignoreFocusOut: true, validateInput: (v) => settingInputProblem(spec, step.key, v) });
      if (value === undefined) throw new Stopped('');
      answers[step.key] = value;
    } else if (step.many) {
      const picked = await vscode.window.showQuickPick(step.items, { title, canPickMany: true, ignoreFocusOut: true });
      if (!picked) throw new Stopped('');
      answers[step.key] = picked.map((item) => item.value);
    } else {
      const picked = await vscode.window.showQuickPick(step.items, { title, ignoreFocusOut: true });
      if (!picked) throw new Stopped('');
      answers[step.key] = picked.value;
    }
  }
  return applySettingAnswers(spec, answers, source, listed);
}

async function exportRequests(spec: TargetSpec, requests: readonly ArmRequest[]): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, `${spec.name}-amr-target.json`) : undefined,
    filters: { JSON: ['json'] },
    title: `Export the requests that create ${spec.name}`,
  });
  if (!uri) return;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${JSON.stringify({ requests }, null, 2)}\n`));
  void vscode.window.showInformationMessage(`Requests saved to ${vscode.workspace.asRelativePath(uri)}.`);
}
