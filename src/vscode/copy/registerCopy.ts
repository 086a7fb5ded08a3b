import * as vscode from 'vscode';
import type { CacheInfo } from '../../core/azure/cacheModel';
import { redact } from '../../core/copy/endpoint';
import { REDIS_ENTRA_SCOPE } from '../../core/copy/entraCredentials';
import type { CachesService } from '../caches/cachesService';
import type { CacheTreeNode } from '../caches/cachesTree';
import { CloudSettingError } from '../caches/cloudSetting';
import { lazyRequire } from '../lazyRequire';
import { CopyArgumentError, isCopyDataArgument, planFromArgument } from './copyPlan';
import { COPY_TITLE, CopyPromptError, promptCopyPlan, type CopyServices, type CopyUi } from './copyPrompts';
import { CopyRunner, CUT_OVER_COMMAND_ID, type CopyEngineModule, type CopyOutcome } from './copyRunner';
import { sessionCredential } from './sessionCredential';

export const COPY_COMMAND_ID = 'amrMigrate.copyData';

export interface CopyDeps {
  caches: CachesService;
  log: vscode.LogOutputChannel;
}

const vscodeUi: CopyUi = {
  pick: async (title, placeHolder, items) =>
    (await vscode.window.showQuickPick(items, { title, placeHolder, ignoreFocusOut: true, matchOnDescription: true, matchOnDetail: true }))?.value,
  input: (options) => Promise.resolve(vscode.window.showInputBox({
    title: options.title, prompt: options.prompt, value: options.value, password: options.password, ignoreFocusOut: true,
    validateInput: options.validate,
  })),
  confirm: async (message, detail, action) => (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action,
};

function azureServices(deps: CopyDeps, runner: CopyRunner): CopyServices {
  return {
    caches: () => deps.caches.caches(),
    checkpoint: (source, target) => runner.storedCheckpoint(source, target),
    entraCredential: async () => {
      const target = deps.caches.currentTarget();
      if (target instanceof CloudSettingError) throw new CopyPromptError(target.message);
      const { providerId } = target;
      const scopes = [REDIS_ENTRA_SCOPE];
      // Asks the user to sign in (once); the copy then takes each fresh token silently.
      await vscode.authentication.getSession(providerId, scopes, { createIfNone: true });
      return sessionCredential(async () => (await vscode.authentication.getSession(providerId, scopes, { silent: true }))?.accessToken);
    },
    accessKey: async (cache) => {
      try {
        return (await deps.caches.accessKeys(cache)).primaryKey;
      } catch (error) {
        throw new CopyPromptError(`could not read the access key of ${cache.name}: ${(error as Error).message}`);
      }
    },
  };
}

function sourceOf(argument: unknown): CacheInfo | undefined {
  const node = argument as CacheTreeNode | undefined;
  return node && (node.kind === 'cache' || node.kind === 'database') ? node.cache : undefined;
}

/**
 * Registers "Copy Data to Azure Managed Redis…": from a cache's context menu or the Plan panel (the cache is the
 * source), from the palette (everything is asked), or with `{ from, to, … }` from automation (nothing is asked).
 */
export function registerCopy(context: vscode.ExtensionContext, deps: CopyDeps): CopyRunner {
  const runner = new CopyRunner({
    engine: lazyRequire<CopyEngineModule>(context.asAbsolutePath('dist/copyEngine.js')),
    storage: context.globalStorageUri,
    log: deps.log,
  });
  const services = azureServices(deps, runner);
  const command = vscode.commands.registerCommand(COPY_COMMAND_ID, async (argument?: unknown): Promise<CopyOutcome | undefined> => {
    const secrets: Array<string | undefined> = [];
    try {
      if (isCopyDataArgument(argument)) {
        const { plan, entra } = planFromArgument(argument);
        secrets.push(plan.source.endpoint.password, plan.target.endpoint.password);
        if (entra) plan.target.endpoint.credential = await services.entraCredential();
        return await runner.run(plan, false);
      }
      const source = sourceOf(argument);
      const plan = await promptCopyPlan(vscodeUi, services, source ? { source } : {});
      if (!plan) return undefined;
      secrets.push(plan.source.endpoint.password, plan.target.endpoint.password);
      return await runner.run(plan, true);
    } catch (error) {
      const message = redact(error instanceof Error ? error.message : String(error), secrets);
      const expected = error instanceof CopyArgumentError || error instanceof CopyPromptError;
      deps.log.error(`${COPY_TITLE} failed: ${message}`);
      void vscode.window.showErrorMessage(`${COPY_TITLE}: ${expected ? '' : 'unexpected error: '}${message}`);
      return { status: 'failed', error: { kind: error instanceof CopyArgumentError ? 'invalid-argument' : 'failed', message, resumable: false } };
    }
  });
  const cutOver = vscode.commands.registerCommand(CUT_OVER_COMMAND_ID, () => {
    if (runner.cutOverAll() === 0) void vscode.window.showInformationMessage('No live copy is following its source.');
  });
  context.subscriptions.push(runner, command, cutOver);
  return runner;
}
