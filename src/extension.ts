import * as vscode from 'vscode';
import type { CachesService } from './vscode/caches/cachesService';
import type { CachesTreeProvider } from './vscode/caches/cachesTree';
import { createCachesService } from './vscode/caches/createCachesService';
import { registerCaches } from './vscode/caches/registerCaches';
import type { CopyRunner } from './vscode/copy/copyRunner';
import { registerCopy } from './vscode/copy/registerCopy';
import type { FindingsTreeProvider } from './vscode/findings/findingsTree';
import { registerFindings } from './vscode/findings/registerFindings';
import { registerHostTargets } from './vscode/hostTargets/registerHostTargets';
import { MigrationStates } from './vscode/migration/migrationStates';
import { registerMigration } from './vscode/migration/registerMigration';
import { feedSwitchedHosts } from './vscode/migration/switchedHostsFeed';
import { useSwitchedHosts } from './vscode/findings/switchedHostsInUse';
import type { PlanPanels } from './vscode/plan/planPanels';
import { registerPlan } from './vscode/plan/registerPlan';

/** What activate() returns: the Findings view's provider, so the e2e suite can read the view it renders. */
export interface ExtensionApi {
  findingsTree: FindingsTreeProvider;
  /** Time spent inside activate(), for the activation-cost check. */
  activationMs: number;
  /** What the extension knows of Azure: sign-in, subscriptions, caches. */
  caches: CachesService;
  cachesTree: CachesTreeProvider;
  /** The open "Plan Migration" panels, so the e2e suite can read what they show. */
  planPanels: PlanPanels;
  /** The copies "Copy Data" runs: their progress, and Cancel as the notification's button does it. */
  copies: CopyRunner;
  /** The automated migrations this window follows, as the Caches view shows them. */
  migrations: MigrationStates;
}

/** Composition root: builds the shared services once and registers each feature with them; no logic lives here. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Azure Managed Redis', { log: true });
  context.subscriptions.push(log);
  try {
    const findings = registerFindings(context, { log });
    const caches = createCachesService(context, { log });
    const migrations = new MigrationStates();
    const cachesTree = registerCaches(context, { caches, annotations: migrations });
    const planPanels = registerPlan(context, { store: findings.store, caches, log, migrations });
    const copies = registerCopy(context, { caches, log });
    registerHostTargets(context, { store: findings.store, currentFindings: findings.currentFindings, caches, log });
    registerMigration(context, { caches, states: migrations, log });
    context.subscriptions.push(feedSwitchedHosts({ caches, states: migrations, use: useSwitchedHosts, rescan: findings.rescan }));
    const activationMs = performance.now() - started;
    log.info(`activated in ${activationMs.toFixed(1)} ms`);
    return { findingsTree: findings.tree, activationMs, caches, cachesTree, planPanels, copies, migrations };
  } catch (error) {
    // VS Code does not tell the user when an extension fails to activate.
    const message = error instanceof Error ? error.message : String(error);
    log.error(`activation failed: ${message}`);
    void vscode.window.showErrorMessage(`Azure Managed Redis Migration failed to start: ${message}`);
    throw error;
  }
}

export function deactivate(): void {}
