import * as vscode from 'vscode';
import { AzureSignIn } from '../auth/azureSignIn';
import { CachesService } from './cachesService';
import { CACHES_SETTINGS, CloudSettingError, resolveCloudTarget, type CloudTarget } from './cloudSetting';
import { lazyInventory } from './inventoryLoader';

export interface CachesServiceOptions {
  log: vscode.LogOutputChannel;
}

function cloudTarget(): CloudTarget | CloudSettingError {
  const config = vscode.workspace.getConfiguration();
  try {
    return resolveCloudTarget(config.get(CACHES_SETTINGS[0]), config.get(CACHES_SETTINGS[1]));
  } catch (error) {
    if (error instanceof CloudSettingError) return error;
    throw error;
  }
}

/**
 * The one caches service of the extension, on VS Code's sign-in, settings and workspace memento: what it read is
 * dropped when the cloud settings or the Microsoft sign-in change. Reads nothing until asked.
 */
export function createCachesService(context: vscode.ExtensionContext, options: CachesServiceOptions): CachesService {
  const signIn = new AzureSignIn(context.globalState);
  const service = new CachesService({
    cloudTarget,
    signIn,
    inventory: lazyInventory(context.asAbsolutePath('dist/azureInventory.js')),
    workspaceState: context.workspaceState,
    log: options.log,
  });
  context.subscriptions.push(
    service,
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (CACHES_SETTINGS.some((setting) => event.affectsConfiguration(setting))
        || event.affectsConfiguration('microsoft-sovereign-cloud')) service.refresh();
    }),
    signIn.onDidChange(() => service.refresh()),
  );
  return service;
}
