import * as vscode from 'vscode';
import type { CacheInfo } from '../../core/azure/cacheModel';
import { cachesFromArmDocument } from '../../core/azure/armMapping';
import { retirementOf } from '../../core/plan/sourceCache';
import type { CachesService } from '../caches/cachesService';
import type { CacheTreeNode } from '../caches/cachesTree';
import { CACHE_COMMAND_IDS } from '../caches/cachesTree';
import type { FindingStore } from '../findings/findingStore';
import type { MigrationStates } from '../migration/migrationStates';
import { PlanPanels } from './planPanels';

export interface PlanDeps {
  store: FindingStore;
  caches: CachesService;
  log: vscode.LogOutputChannel;
  migrations?: MigrationStates;
}

/** A file the user picked holds no cache to plan or cannot be read; shown as is. */
class PlanInputError extends Error {}

type CachePick = vscode.QuickPickItem & { cache?: CacheInfo };

const describeCache = (cache: CacheInfo): CachePick =>
  ({ label: cache.name, description: `${cache.sku} · ${cache.location}`, detail: cache.id, cache });

async function cachesFromFile(uri: vscode.Uri): Promise<CacheInfo[]> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PlanInputError(`${uri.fsPath} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return cachesFromArmDocument(json);
  } catch (error) {
    throw new PlanInputError(`${uri.fsPath} is not an ARM document of Azure caches: ${(error as Error).message}`);
  }
}

async function pickFromFile(): Promise<CacheInfo | undefined> {
  const [uri] = await vscode.window.showOpenDialog({
    canSelectMany: false, filters: { 'ARM JSON': ['json'] }, title: 'Open the ARM JSON of a cache (az redis show, or an ARM export)',
  }) ?? [];
  if (!uri) return undefined;
  const caches = (await cachesFromFile(uri)).filter((cache) => retirementOf(cache));
  if (caches.length === 0) throw new PlanInputError(`${uri.fsPath} holds no Azure Cache for Redis or Enterprise cache to migrate.`);
  if (caches.length === 1) return caches[0];
  return (await vscode.window.showQuickPick(caches.map(describeCache), { title: 'Which cache to plan?' }))?.cache;
}

async function pickCache(caches: CachesService): Promise<CacheInfo | undefined> {
  const fromFile: CachePick = { label: '$(file) Open ARM JSON file…', description: 'az redis show / az redisenterprise show output' };
  const items: Promise<CachePick[]> = caches.caches()
    .then((listed) => [...listed.filter((c) => retirementOf(c)).map(describeCache), fromFile]);
  const picked = await vscode.window.showQuickPick<CachePick>(items,
    { title: 'Plan migration to Azure Managed Redis', placeHolder: 'Choose a cache from your subscriptions, or open an ARM JSON file' });
  if (!picked) return undefined;
  return picked.cache ?? pickFromFile();
}

/** Registers "Plan Migration…" (tree context menu and palette) and the panels it opens; returns them for the API. */
export function registerPlan(context: vscode.ExtensionContext, deps: PlanDeps): PlanPanels {
  const panels = new PlanPanels({ extensionUri: context.extensionUri, store: deps.store, log: deps.log, migrations: deps.migrations });
  const command = vscode.commands.registerCommand(CACHE_COMMAND_IDS.planMigration, async (node?: CacheTreeNode) => {
    try {
      const cache = node && (node.kind === 'cache' || node.kind === 'database') ? node.cache : await pickCache(deps.caches);
      if (cache) panels.show(cache);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.log.error(`Plan Migration failed: ${message}`);
      void vscode.window.showErrorMessage(error instanceof PlanInputError ? message : `Azure Managed Redis: Plan Migration failed: ${message}`);
    }
  });
  context.subscriptions.push(panels, command);
  return panels;
}
