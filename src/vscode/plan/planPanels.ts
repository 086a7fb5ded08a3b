import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { CacheInfo } from '../../core/azure/cacheModel';
import type { TemplateFormat } from '../../core/fix/iac/templateFormats';
import { buildPlan } from '../../core/plan/buildPlan';
import type { MigrationPlan } from '../../core/plan/planModel';
import { formatPlansMarkdown } from '../../core/plan/renderPlan';
import type { FindingStore } from '../findings/findingStore';
import type { MigrationStates } from '../migration/migrationStates';
import type { FindingsSummary } from './findingsSummary';
import { summarizeFindings, usageEvidence } from './findingsSummary';
import { planHtml } from './planHtml';
import type { PanelMessage } from './planMessages';
import { parsePanelMessage } from './planMessages';
import { lazyRequire } from '../lazyRequire';
import { targetSettingsText } from './targetSettings';

type TemplateModule = typeof import('./templateEntry');

export const PLAN_VIEW_TYPE = 'amrMigrate.plan';
/** VS Code language ids of the exported templates (Bicep and Terraform come with their extensions). */
const TEMPLATE_LANGUAGES: Readonly<Record<TemplateFormat, string>> = { bicep: 'bicep', terraform: 'terraform', arm: 'json' };
/** Where scripts/build.mjs copies the codicon font and CSS. */
const CODICONS_DIR = ['dist', 'codicons'];

export interface PlanPanelsDeps {
  extensionUri: vscode.Uri;
  store: FindingStore;
  log: vscode.LogOutputChannel;
  /** Validations and states of automated migrations, shown in the plan of their source. */
  migrations?: MigrationStates;
}

interface OpenPlan {
  panel: vscode.WebviewPanel;
  cache: CacheInfo;
  plan: MigrationPlan;
}

/** A minimal check that restored webview state is a cache we wrote, before planning from it. */
function isCacheInfo(state: unknown): state is CacheInfo {
  const cache = state as Partial<CacheInfo> | undefined;
  return typeof cache === 'object' && cache !== null && typeof cache.id === 'string' && typeof cache.name === 'string'
    && typeof cache.tier === 'string' && Array.isArray(cache.databases);
}

/**
 * One "Plan Migration" panel per cache (keyed by resource id): opens or reveals it, re-renders it when the findings
 * change, handles its buttons, and restores it after a reload from the CacheInfo kept as webview state.
 */
export class PlanPanels implements vscode.Disposable, vscode.WebviewPanelSerializer<unknown> {
  private readonly open = new Map<string, OpenPlan>();
  private readonly subscriptions: vscode.Disposable[];
  private readonly templates: () => TemplateModule;

  constructor(private readonly deps: PlanPanelsDeps) {
    this.templates = lazyRequire<TemplateModule>(vscode.Uri.joinPath(deps.extensionUri, 'dist', 'templateExport.js').fsPath);
    this.subscriptions = [
      deps.store.onDidChange(() => this.open.forEach((entry) => this.render(entry))),
      ...(deps.migrations ? [deps.migrations.onDidChange(() => this.open.forEach((entry) => this.render(entry)))] : []),
      vscode.window.registerWebviewPanelSerializer(PLAN_VIEW_TYPE, this),
    ];
  }

  /** Opens the plan of `cache`, or reveals it when already open; throws when there is nothing to plan. */
  show(cache: CacheInfo): vscode.WebviewPanel {
    const key = cache.id.toLowerCase();
    const existing = this.open.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing.panel;
    }
    const plan = buildPlan(cache, undefined, usageEvidence(this.findings()));
    const panel = vscode.window.createWebviewPanel(PLAN_VIEW_TYPE, this.title(cache), vscode.ViewColumn.Active, this.options());
    this.adopt(panel, cache, plan);
    return panel;
  }

  /** The HTML currently shown for the cache with this resource id (for the e2e suite). */
  htmlOf(cacheId: string): string | undefined {
    return this.open.get(cacheId.toLowerCase())?.panel.webview.html;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (!isCacheInfo(state)) {
      panel.dispose();
      return;
    }
    try {
      panel.webview.options = this.options();
      this.adopt(panel, state, buildPlan(state, undefined, usageEvidence(this.findings())));
    } catch (error) {
      this.deps.log.error(`restoring the plan of ${state.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      panel.dispose();
    }
  }

  dispose(): void {
    this.open.forEach(({ panel }) => panel.dispose());
    this.subscriptions.forEach((s) => s.dispose());
  }

  private title(cache: CacheInfo): string {
    return `Plan: ${cache.name}`;
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.deps.extensionUri, ...CODICONS_DIR)] };
  }

  private adopt(panel: vscode.WebviewPanel, cache: CacheInfo, plan: MigrationPlan): void {
    const key = cache.id.toLowerCase();
    const entry: OpenPlan = { panel, cache, plan };
    this.open.set(key, entry);
    panel.title = this.title(cache);
    const listener = panel.webview.onDidReceiveMessage((data: unknown) => {
      const message = parsePanelMessage(data);
      if (!message) return this.deps.log.warn(`plan panel: ignored an unknown message`);
      this.handle(entry, message).catch((error: unknown) => {
        const text = error instanceof Error ? error.message : String(error);
        this.deps.log.error(`plan panel: ${message.type} failed: ${text}`);
        void vscode.window.showErrorMessage(`Azure Managed Redis: ${text}`);
      });
    });
    panel.onDidDispose(() => {
      listener.dispose();
      if (this.open.get(key) === entry) this.open.delete(key);
    });
    this.render(entry);
  }

  private findings(): FindingsSummary {
    return summarizeFindings(this.deps.store.all().flatMap((file) => file.findings),
      (file) => vscode.workspace.asRelativePath(vscode.Uri.file(file)));
  }

  /** Re-plans too: a new `database-select` finding turns the databases check into a warning. */
  private render(entry: OpenPlan): void {
    const { panel, cache } = entry;
    const webview = panel.webview;
    const findings = this.findings();
    const plan = buildPlan(cache, undefined, usageEvidence(findings));
    entry.plan = plan;
    webview.html = planHtml({
      plan,
      findings,
      nonce: randomBytes(16).toString('base64'),
      cspSource: webview.cspSource,
      codiconCssUri: webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, ...CODICONS_DIR, 'codicon.css')).toString(),
      state: cache,
      migration: this.migrationOf(cache),
    });
  }

  /** Opens the template in an untitled editor, where the user reviews it and saves it where it belongs. */
  private async exportTarget(cache: CacheInfo, format: TemplateFormat): Promise<void> {
    const exported = this.templates().exportTarget(cache, format);
    if ('problem' in exported) {
      void vscode.window.showWarningMessage(`Azure Managed Redis: no template to export: ${exported.problem}.`);
      return;
    }
    // Without the Bicep or Terraform extension the language is unknown: plain text then.
    const known = await vscode.languages.getLanguages();
    const language = TEMPLATE_LANGUAGES[format];
    const document = await vscode.workspace.openTextDocument({ language: known.includes(language) ? language : 'plaintext', content: exported.text });
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside });
  }

  /** Only an Azure Cache for Redis takes the automated migration; Enterprise converts in place. */
  private migrationOf(cache: CacheInfo) {
    const states = this.deps.migrations;
    if (!states || cache.kind !== 'AzureCacheForRedis') return undefined;
    return { validation: states.validationOf(cache.id), migration: states.of(cache.id) };
  }

  private async handle({ cache, plan }: OpenPlan, message: PanelMessage): Promise<void> {
    switch (message.type) {
      case 'exportMarkdown': {
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        const name = `${cache.name}-amr-migration-plan.md`;
        const uri = await vscode.window.showSaveDialog({
          defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
          filters: { Markdown: ['md'] },
          title: `Export the migration plan of ${cache.name}`,
        });
        if (!uri) return;
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(formatPlansMarkdown([plan])));
        void vscode.window.showInformationMessage(`Migration plan saved to ${vscode.workspace.asRelativePath(uri)}.`);
        return;
      }
      case 'exportTarget':
        await this.exportTarget(cache, message.format);
        return;
      case 'scanWorkspace':
        await vscode.commands.executeCommand('amrMigrate.scanWorkspace');
        return;
      case 'copyTargetSettings':
        await vscode.env.clipboard.writeText(targetSettingsText(cache, plan));
        void vscode.window.showInformationMessage('Target settings copied (no secrets: clients authenticate with Microsoft Entra ID).');
        return;
      case 'createTarget':
        // The plan's recommendation is preselected by the command, which re-plans the same cache.
        await vscode.commands.executeCommand('amrMigrate.createTarget', { kind: 'cache', cache });
        return;
      case 'validateMigration':
        // The panel shows the result (its migrations listener re-renders it): no Markdown report beside it.
        await vscode.commands.executeCommand('amrMigrate.migration.validate', { kind: 'cache', cache }, { report: false });
        return;
      case 'startMigration':
        await vscode.commands.executeCommand('amrMigrate.migration.start', { kind: 'cache', cache });
        return;
      case 'rollbackMigration':
        await vscode.commands.executeCommand('amrMigrate.migration.rollback', { kind: 'cache', cache });
        return;
      case 'copyData':
        // The Caches tree's node shape: the planned cache is the copy's source.
        await vscode.commands.executeCommand('amrMigrate.copyData', { kind: 'cache', cache });
        return;
      case 'reveal': {
        // Only files the store holds findings for: the message comes from the webview and is not trusted.
        const known = this.deps.store.all().find((file) => file.findings.some((f) => f.file === message.file));
        if (!known) return;
        const position = new vscode.Position(message.line - 1, message.column - 1);
        await vscode.window.showTextDocument(known.uri, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
        return;
      }
    }
  }
}
