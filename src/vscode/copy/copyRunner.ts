import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { readCheckpoint, type CopyCheckpoint } from '../../core/copy/checkpoint';
import type { CopyError, CopyFailureKind, CopyResult } from '../../core/copy/copyEngine';
import { buildCopyReport, problemCount, renderCopyMarkdown } from '../../core/copy/copyReport';
import { describeEndpoint, redact, type RedisEndpoint } from '../../core/copy/endpoint';
import type { CopyProgress } from '../../core/copy/progress';
import type { LiveStatus } from '../../core/copy/liveSync';
import { checkpointFileName, checkpointMatches } from './copyCheckpoints';
import { engineOptions, type CopyPlan } from './copyPlan';
import { copyPercent, copySummary, liveStatusText, progressText } from './copyReport';

export type CopyEngineModule = typeof import('./copyEntry');

/** What the command resolves to, for automation and tests; never holds a secret. */
export interface CopyOutcome {
  status: 'copied' | 'dryRun' | 'cancelled' | 'failed' | 'declined';
  result?: CopyResult;
  error?: { kind: CopyFailureKind | 'invalid-argument'; message: string; resumable: boolean };
  /** The report document opened after a copy. */
  report?: vscode.TextDocument;
}

/** The command the status bar item of a live copy runs. */
export const CUT_OVER_COMMAND_ID = 'amrMigrate.cutOverLiveCopy';
/** Context key: a live copy is following its source (enables "Cut Over Live Copy"). */
const LIVE_CONTEXT = 'amrMigrate.liveCopyRunning';

export interface CopyRunnerDeps {
  engine: () => CopyEngineModule;
  /** The extension's global storage: checkpoints live in its `copy-checkpoints` folder. */
  storage: vscode.Uri;
  log: vscode.LogOutputChannel;
}

const KEEP = 'Keep Existing Keys';
const OVERWRITE = 'Overwrite Clashing Keys';
const RESUME = 'Resume';
const START_OVER = 'Start Over';
const OPEN_REPORT = 'Open Report';

const HINTS: Partial<Record<CopyFailureKind, string>> = {
  auth: 'Check the access key or password; with Microsoft Entra ID, the signed-in account needs a data access policy on the cache.',
  connection: 'Check the host and port, that TLS is on, and that this machine may reach the cache (firewall, private endpoint).',
};

function isCopyError(error: unknown): error is CopyError {
  return error instanceof Error && error.name === 'CopyError';
}

/** Runs copy plans with a progress notification, keeps their checkpoints, and tells the user how each one ended. */
export class CopyRunner implements vscode.Disposable {
  private readonly running = new Set<AbortController>();
  private readonly cutOvers = new Set<AbortController>();
  private readonly progressEmitter = new vscode.EventEmitter<CopyProgress>();
  /** Every progress event of every copy (the notification shows the same). */
  readonly onProgress = this.progressEmitter.event;
  private readonly liveStatusEmitter = new vscode.EventEmitter<{ status: LiveStatus; text: string }>();
  /** Every status of every live copy, with the text its status bar item shows (lag, keys copied live). */
  readonly onLiveStatus = this.liveStatusEmitter.event;

  constructor(private readonly deps: CopyRunnerDeps) {}

  dispose(): void {
    this.cancelAll();
    this.progressEmitter.dispose();
    this.liveStatusEmitter.dispose();
  }

  /** Stops every running copy, as the Cancel button of its notification does; their checkpoints stay. */
  cancelAll(): void {
    for (const controller of this.running) controller.abort();
  }

  /** Asks every live copy to cut over (drain, verify, report); returns how many were asked. */
  cutOverAll(): number {
    for (const controller of this.cutOvers) controller.abort();
    return this.cutOvers.size;
  }

  checkpointFile(source: RedisEndpoint, target: RedisEndpoint): string {
    return join(this.deps.storage.fsPath, 'copy-checkpoints', checkpointFileName(source, target));
  }

  /** The checkpoint a stopped copy between these two left, if it is readable and names them. */
  async storedCheckpoint(source: RedisEndpoint, target: RedisEndpoint): Promise<CopyCheckpoint | undefined> {
    const file = this.checkpointFile(source, target);
    if (!existsSync(file)) return undefined;
    try {
      const checkpoint = await readCheckpoint(file);
      return checkpointMatches(checkpoint, source, target) ? checkpoint : undefined;
    } catch (error) {
      this.deps.log.warn(`ignoring checkpoint ${file}: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** `interactive`: the user started it and may be asked (non-empty target, resume); automation gets the outcome. */
  async run(plan: CopyPlan, interactive: boolean): Promise<CopyOutcome> {
    const file = this.checkpointFile(plan.source.endpoint, plan.target.endpoint);
    const secrets = [plan.source.endpoint.password, plan.target.endpoint.password];
    if (plan.resume && !(await this.storedCheckpoint(plan.source.endpoint, plan.target.endpoint))) {
      return this.report(plan, { kind: 'refused', message: `no stopped copy from ${plan.source.name} to ${plan.target.name} to resume`, resumable: false }, interactive);
    }
    // A new copy overwrites the pair's checkpoint once it writes; one refused before that leaves the stopped copy resumable.
    await mkdir(join(this.deps.storage.fsPath, 'copy-checkpoints'), { recursive: true });
    this.deps.log.info(`${plan.dryRun ? 'dry run' : plan.resume ? 'resuming copy' : 'copy'}: ${describeEndpoint(plan.source.endpoint)} → `
      + `${describeEndpoint(plan.target.endpoint)}${plan.keyPrefix ? ` (prefix '${plan.keyPrefix}')` : ''}, verify ${plan.verify}`);
    let result: CopyResult;
    try {
      result = await this.withProgress(plan, file, secrets);
    } catch (error) {
      if (!isCopyError(error)) throw error;
      const message = redact(error.message, secrets);
      this.deps.log.warn(`copy stopped (${error.kind}): ${message}`);
      if (error.kind === 'target-not-empty' && interactive) return this.askAboutExistingKeys(plan, message);
      return this.report(plan, { kind: error.kind, message, resumable: error.checkpointFile !== undefined }, interactive);
    }
    this.deps.log.info(copySummary(result, plan.target.name));
    if (result.dryRun) {
      void vscode.window.showInformationMessage(copySummary(result, plan.target.name));
      return { status: 'dryRun', result };
    }
    await rm(file, { force: true });
    const report = await vscode.workspace.openTextDocument({ language: 'markdown',
      content: renderCopyMarkdown(buildCopyReport(result), { source: plan.source.name, target: plan.target.name }) });
    await vscode.window.showTextDocument(report, { preview: false, preserveFocus: true });
    const summary = copySummary(result, plan.target.name);
    const shown = problemCount(result) ? vscode.window.showWarningMessage(summary, OPEN_REPORT) : vscode.window.showInformationMessage(summary, OPEN_REPORT);
    void shown.then((choice) => {
      if (choice === OPEN_REPORT) void vscode.window.showTextDocument(report);
    });
    return { status: 'copied', result, report };
  }

  private withProgress(plan: CopyPlan, file: string, secrets: Array<string | undefined>): Thenable<CopyResult> {
    const title = `${plan.dryRun ? 'Dry run' : plan.resume ? 'Resuming copy' : 'Copying'}: ${plan.source.name} → ${plan.target.name}`;
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      this.running.add(controller);
      const cancel = token.onCancellationRequested(() => controller.abort());
      const live = plan.live ? this.liveFollower(plan, (message) => progress.report({ message })) : undefined;
      let shown = 0;
      try {
        progress.report({ message: 'connecting…' });
        return await this.deps.engine().copyData({
          ...engineOptions(plan),
          ...(live ? { live: live.options } : {}),
          checkpointFile: file,
          signal: controller.signal,
          onProgress: (p) => {
            const percent = copyPercent(p);
            progress.report({ message: progressText(p), increment: Math.max(0, percent - shown) });
            shown = Math.max(shown, percent);
            this.progressEmitter.fire(p);
          },
          onNotice: (message) => this.deps.log.info(redact(message, secrets)),
        });
      } finally {
        cancel.dispose();
        this.running.delete(controller);
        live?.dispose();
      }
    });
  }

  /**
   * The live phase's view: its lag in the progress notification and in a status bar item that runs "Cut Over Live
   * Copy" (also in the palette while a live copy follows).
   */
  private liveFollower(plan: CopyPlan, report: (message: string) => void) {
    const cutOver = new AbortController();
    this.cutOvers.add(cutOver);
    void vscode.commands.executeCommand('setContext', LIVE_CONTEXT, true);
    const item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left);
    item.command = CUT_OVER_COMMAND_ID;
    item.tooltip = `Live copy ${plan.source.name} → ${plan.target.name}: stop the application's writes, then click to cut over `
      + '(drain, compare every key, report whether the target is in step)';
    return {
      options: {
        cutOver: cutOver.signal,
        ...(plan.notifyKeyspaceEvents ? { notifyKeyspaceEvents: plan.notifyKeyspaceEvents } : {}),
        statusIntervalMs: 500,
        onStatus: (status: LiveStatus) => {
          const text = liveStatusText(status);
          report(`${text}${status.phase === 'following' ? ' — Cut Over Live Copy when the application has stopped writing' : ''}`);
          item.text = `$(sync) ${text}`;
          item.show();
          this.liveStatusEmitter.fire({ status, text: item.text });
        },
      },
      dispose: () => {
        this.cutOvers.delete(cutOver);
        item.dispose();
        if (this.cutOvers.size === 0) void vscode.commands.executeCommand('setContext', LIVE_CONTEXT, false);
      },
    };
  }

  private async askAboutExistingKeys(plan: CopyPlan, message: string): Promise<CopyOutcome> {
    const choice = await vscode.window.showWarningMessage(`${plan.target.name} is not empty.`, {
      modal: true,
      detail: `${message}\n\n${KEEP}: its keys stay; a key it holds with another value is reported, not replaced.\n`
        + `${OVERWRITE}: a key the source also has is replaced by the source's value.`,
    }, KEEP, OVERWRITE);
    if (choice === KEEP) return this.run({ ...plan, allowNonEmptyTarget: true }, true);
    if (choice === OVERWRITE) return this.run({ ...plan, overwrite: true }, true);
    return { status: 'declined', error: { kind: 'target-not-empty', message, resumable: false } };
  }

  /** Tells the user how the copy ended and what to do next; offers Resume (or Start Over) when the user is there. */
  private report(plan: CopyPlan, error: NonNullable<CopyOutcome['error']>, interactive: boolean): CopyOutcome {
    const cancelled = error.kind === 'aborted';
    const resume = error.resumable ? ' Nothing is lost: run Copy Data again with the same source and target and choose Resume.' : '';
    const hint = error.kind in HINTS ? ` ${HINTS[error.kind as CopyFailureKind]}` : '';
    const text = cancelled ? `Copy to ${plan.target.name} cancelled.${resume}` : `Copy to ${plan.target.name} failed: ${error.message}.${hint}${resume}`;
    const actions = !interactive ? [] : error.resumable ? [RESUME] : plan.resume && error.kind === 'refused' ? [START_OVER] : [];
    const shown = cancelled ? vscode.window.showInformationMessage(text, ...actions) : vscode.window.showErrorMessage(text, ...actions);
    void shown.then((choice) => {
      if (choice === RESUME || choice === START_OVER) {
        this.run({ ...plan, resume: choice === RESUME }, true).catch((failure: unknown) => this.deps.log.error(`copy failed: ${String(failure)}`));
      }
    });
    return { status: cancelled ? 'cancelled' : 'failed', error };
  }
}
