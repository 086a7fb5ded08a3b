import * as vscode from 'vscode';
import type { Fix } from '../../core/findings';
import { HostMapError } from '../../core/fix/hostMap';
import { amrNameProblem, amrTargetHost, legacyCacheName, targetRegion } from '../../core/fix/hostTarget';
import { retirementOf } from '../../core/plan/sourceCache';
import type { CachesTreeProvider, CacheTreeNode } from '../caches/cachesTree';
import { addEdits } from '../fixEdits';
import { hashText, type FindingStore } from '../findingStore';
import { inventoryCaches } from '../plan/registerPlan';
import { readSettings } from '../settings';
import { askHostTarget, type HostTargetAnswer, type Prompts } from './askHostTarget';
import { HostTargetActions, SET_HOST_TARGET_COMMAND, type SetHostTargetArgs } from './hostTargetActions';
import { saveHostTargets } from './hostMapSetting';
import { hostCandidates } from './targetCandidates';

export const USE_AS_MIGRATION_TARGET_COMMAND = 'amrMigrate.caches.useAsMigrationTarget';

/** How long "replace now" waits for the re-scan that brings the host fix. */
const FIX_WAIT_MS = 30_000;

export interface HostTargetDeps {
  store: FindingStore;
  cachesTree: CachesTreeProvider;
  log: vscode.LogOutputChannel;
}

/**
 * Answers given with the command instead of asked (automation and the e2e suite): checked exactly as the prompts
 * check them. `name`/`region` absent means "ask".
 */
interface GivenAnswers {
  name?: string;
  region?: string;
  replaceNow?: boolean;
}

/** What the user gave is wrong or does not fit: shown as it is, without "failed". */
class TargetInputError extends Error {}

const prompts: Prompts = {
  showInputBox: (options) => vscode.window.showInputBox(options),
  showQuickPick: (items, options) => vscode.window.showQuickPick(items, options),
};

function givenAnswer(given: GivenAnswers): HostTargetAnswer {
  const nameProblem = amrNameProblem(given.name ?? '');
  if (nameProblem) throw new TargetInputError(nameProblem);
  const region = targetRegion(given.region ?? '');
  if ('problem' in region) throw new TargetInputError(region.problem);
  return { target: amrTargetHost(given.name!, region.region), replaceNow: given.replaceNow ?? false };
}

/** The preferred fixes that rewrite every occurrence of `oldHost` in `document` to `target`, once a scan has them. */
function hostFixes(store: FindingStore, document: vscode.TextDocument, oldHost: string, target: string): Fix[] | undefined {
  const entry = store.get(document.uri);
  const text = document.getText();
  if (!entry || entry.textHash !== hashText(text)) return undefined;
  const fixes = entry.findings
    .filter((finding) => finding.ruleId === 'legacy-hostname' && text.slice(finding.start, finding.end).toLowerCase() === oldHost.toLowerCase())
    .map((finding) => finding.fixes.find((fix) => fix.preferred && fix.edits.every((edit) => edit.newText === target)));
  return fixes.length > 0 && fixes.every((fix) => fix !== undefined) ? fixes as Fix[] : undefined;
}

/** Resolves with the host fixes once the re-scan after the settings change delivered them, or undefined on time-out. */
function whenHostFixes(store: FindingStore, document: vscode.TextDocument, oldHost: string, target: string): Promise<Fix[] | undefined> {
  return new Promise((resolve) => {
    const check = () => {
      const fixes = hostFixes(store, document, oldHost, target);
      if (fixes) finish(fixes);
    };
    const subscription = store.onDidChange(check);
    const timer = setTimeout(() => finish(undefined), FIX_WAIT_MS);
    function finish(fixes: Fix[] | undefined) {
      clearTimeout(timer);
      subscription.dispose();
      resolve(fixes);
    }
    check();
  });
}

async function replaceWhenFixed(store: FindingStore, document: vscode.TextDocument, oldHost: string, target: string): Promise<void> {
  const fixes = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Scanning for '${oldHost}'…` },
    () => whenHostFixes(store, document, oldHost, target));
  if (!fixes) {
    void vscode.window.showWarningMessage(`The target of '${oldHost}' is saved, but ${vscode.workspace.asRelativePath(document.uri)} `
      + 'was not scanned again in time (or changed): use the quick fix "Replace with …" once it shows.');
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  addEdits(edit, document, fixes.flatMap((fix) => fix.edits));
  if (!await vscode.workspace.applyEdit(edit)) throw new Error(`the editor refused the edit of ${document.uri.fsPath}`);
}

async function setHostTarget(deps: HostTargetDeps, args: (SetHostTargetArgs & GivenAnswers) | undefined): Promise<void> {
  if (typeof args?.oldHost !== 'string' || typeof args.uri !== 'string' || !legacyCacheName(args.oldHost)) {
    throw new TargetInputError('Set a target from the light bulb of an Azure Cache for Redis host name.');
  }
  const answer = args.name !== undefined || args.region !== undefined ? givenAnswer(args) : await askHostTarget(prompts, args.oldHost);
  if (!answer) return;
  const uri = vscode.Uri.parse(args.uri);
  // Keyed by cache name, so the settings file holding the map names no legacy host for the scanner to report.
  const oldName = legacyCacheName(args.oldHost)!;
  const where = await saveHostTargets(uri, [oldName], answer.target);
  deps.log.info(`amrMigrate.hostMap (${where}): ${oldName} → ${answer.target}`);
  if (!answer.replaceNow) {
    void vscode.window.showInformationMessage(`'${oldName}' → '${answer.target}' saved in amrMigrate.hostMap (${where}); `
      + 'the quick fix "Replace with …" offers it.');
    return;
  }
  const document = vscode.workspace.textDocuments.find((open) => open.uri.toString() === uri.toString())
    ?? await vscode.workspace.openTextDocument(uri);
  await replaceWhenFixed(deps.store, document, args.oldHost, answer.target);
}

async function textOf(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** Old host names (lower case) the current legacy-hostname findings report, with how many findings each. */
async function legacyHostsInFindings(store: FindingStore): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const entry of store.all()) {
    const findings = entry.findings.filter((finding) => finding.ruleId === 'legacy-hostname' && finding.file === entry.uri.fsPath);
    if (findings.length === 0) continue;
    const text = await textOf(entry.uri);
    // Offsets are only good for the text that was scanned.
    if (text === undefined || hashText(text) !== entry.textHash) continue;
    for (const finding of findings) {
      const host = text.slice(finding.start, finding.end).toLowerCase();
      if (legacyCacheName(host)) counts.set(host, (counts.get(host) ?? 0) + 1);
    }
  }
  return counts;
}

async function useAsMigrationTarget(deps: HostTargetDeps, node: CacheTreeNode | undefined): Promise<void> {
  const cache = node?.kind === 'cache' ? node.cache : undefined;
  if (!cache || retirementOf(cache)) throw new TargetInputError('Choose an Azure Managed Redis cache in the Caches view.');
  const [legacyCaches, findingHosts] = await Promise.all([
    inventoryCaches(deps.cachesTree).then((caches) => caches.filter((candidate) => retirementOf(candidate))),
    legacyHostsInFindings(deps.store),
  ]);
  const items = hostCandidates(cache, legacyCaches, findingHosts, readSettings().scan.hostMap ?? {});
  if (items.length === 0) {
    void vscode.window.showInformationMessage('No old host to point at this cache: the Caches view lists no retiring cache and '
      + 'no finding names an Azure Cache for Redis host. Scan the workspace first.');
    return;
  }
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: `Use '${cache.name}' as the migration target`,
    placeHolder: `Old host names whose code should connect to ${cache.hostName}`,
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (!picked || picked.length === 0) return;
  const names = [...new Set(picked.map((item) => legacyCacheName(item.host)!))];
  const where = await saveHostTargets(undefined, names, cache.hostName.toLowerCase());
  deps.log.info(`amrMigrate.hostMap (${where}): ${names.join(', ')} → ${cache.hostName}`);
  void vscode.window.showInformationMessage(`${names.length === 1 ? `'${names[0]}' now points` : `${names.length} old caches now point`} `
    + `at '${cache.hostName}' (amrMigrate.hostMap, ${where}); their host findings offer the replacement.`);
}

function reportFailure(what: string, log: vscode.LogOutputChannel) {
  return (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof TargetInputError || error instanceof HostMapError) {
      void vscode.window.showErrorMessage(error instanceof HostMapError ? `amrMigrate.hostMap was not changed: ${message}` : message);
      return;
    }
    log.error(`${what} failed: ${message}`);
    void vscode.window.showErrorMessage(`Azure Managed Redis: ${what} failed: ${message}`);
  };
}

/** Registers the "Set Azure Managed Redis target…" code action and command, and "Use as Migration Target…". */
export function registerHostTargets(context: vscode.ExtensionContext, deps: HostTargetDeps): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new HostTargetActions(deps.store),
      { providedCodeActionKinds: HostTargetActions.providedCodeActionKinds }),
    vscode.commands.registerCommand(SET_HOST_TARGET_COMMAND, (args?: SetHostTargetArgs & GivenAnswers) =>
      setHostTarget(deps, args).catch(reportFailure('setting the host target', deps.log))),
    vscode.commands.registerCommand(USE_AS_MIGRATION_TARGET_COMMAND, (node?: CacheTreeNode) =>
      useAsMigrationTarget(deps, node).catch(reportFailure('Use as Migration Target', deps.log))),
  );
}
