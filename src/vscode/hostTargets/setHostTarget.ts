import * as vscode from 'vscode';
import type { Fix } from '../../core/findings';
import { amrNameProblem, amrTargetHost, legacyCacheName, targetRegion } from '../../core/fix/hostTarget';
import { addEdits } from '../findings/fixEdits';
import { hashText, type FindingStore } from '../findings/findingStore';
import { askHostTarget, TargetInputError, type HostTargetAnswer, type Prompts } from './askHostTarget';
import type { SetHostTargetArgs } from './hostTargetActions';
import { saveHostTargets } from './hostMapSetting';

/** How long "replace now" waits for the re-scan that brings the host fix. */
const FIX_WAIT_MS = 30_000;

/**
 * Answers given with the command instead of asked (automation and the e2e suite): checked exactly as the prompts
 * check them. `name`/`region` absent means "ask".
 */
export interface GivenAnswers {
  name?: string;
  region?: string;
  replaceNow?: boolean;
}

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

/**
 * "Set Azure Managed Redis target…": asks (or takes the given answers), saves `<old cache name> → <AMR host>` in the
 * host map and, when asked to, replaces the old host in the file once the re-scan brings the fix.
 */
export async function setHostTarget(store: FindingStore, log: vscode.LogOutputChannel, prompts: Prompts,
  args: (SetHostTargetArgs & GivenAnswers) | undefined): Promise<void> {
  if (typeof args?.oldHost !== 'string' || typeof args.uri !== 'string' || !legacyCacheName(args.oldHost)) {
    throw new TargetInputError('Set a target from the light bulb of an Azure Cache for Redis host name.');
  }
  const answer = args.name !== undefined || args.region !== undefined ? givenAnswer(args) : await askHostTarget(prompts, args.oldHost);
  if (!answer) return;
  const uri = vscode.Uri.parse(args.uri);
  // Keyed by cache name, so the settings file holding the map names no legacy host for the scanner to report.
  const oldName = legacyCacheName(args.oldHost)!;
  const where = await saveHostTargets(uri, [oldName], answer.target);
  log.info(`amrMigrate.hostMap (${where}): ${oldName} → ${answer.target}`);
  if (!answer.replaceNow) {
    void vscode.window.showInformationMessage(`'${oldName}' → '${answer.target}' saved in amrMigrate.hostMap (${where}); `
      + 'the quick fix "Replace with …" offers it.');
    return;
  }
  const document = vscode.workspace.textDocuments.find((open) => open.uri.toString() === uri.toString())
    ?? await vscode.workspace.openTextDocument(uri);
  await replaceWhenFixed(store, document, args.oldHost, answer.target);
}

