import { Worker } from 'node:worker_threads';
import type { RuleMeta, ScanResult, ScanSettings, SourceFileInput } from '../../core/findings';
import type { SessionScan } from '../../core/scan/scanSession';
import type { SafeFixPreview, ScanWorkerCall, ScanWorkerRequest, ScanWorkerResponse } from '../../workers/scanProtocol';

type Pending = { resolve: (response: ScanWorkerResponse) => void; reject: (error: Error) => void };

/**
 * Runs the scanner in a worker thread, started on the first request (never at activation) and restarted
 * on the next request if it dies. Requests are answered in order; a crashed worker fails what was pending.
 */
export class ScanClient {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private rules: Promise<RuleMeta[]> | undefined;

  constructor(private readonly workerScript: string) {}

  async scan(inputs: SourceFileInput[], settings: ScanSettings): Promise<ScanResult> {
    const response = await this.request({ kind: 'scan', inputs, settings });
    if (response.kind !== 'scan') throw new Error(`scanner worker answered ${response.kind} to a scan request`);
    return response.result;
  }

  /**
   * Scans an open document in the worker's live session: re-parsed incrementally after an edit, its imports
   * resolved against the other open documents, then the disk; dependency files for fixes are looked up to `root`.
   */
  async scanDocument(path: string, text: string, settings: ScanSettings, root?: string): Promise<SessionScan> {
    const response = await this.request({ kind: 'scanDocument', path, text, settings, ...(root === undefined ? {} : { root }) });
    if (response.kind !== 'scanDocument') throw new Error(`scanner worker answered ${response.kind} to a document scan`);
    return { result: response.result, dependencies: response.dependencies };
  }

  /** What the safe fixes of `inputs` would change, in passes as `amr-migrate scan --fix` makes them; writes nothing. */
  async previewFixes(inputs: SourceFileInput[], settings: ScanSettings): Promise<SafeFixPreview> {
    const response = await this.request({ kind: 'previewFixes', inputs, settings });
    if (response.kind !== 'previewFixes') throw new Error(`scanner worker answered ${response.kind} to a fix preview`);
    return response.preview;
  }

  /** Lets the worker drop a closed document's text and tree; nothing to do when no worker runs. */
  async closeDocument(path: string): Promise<void> {
    if (this.worker) await this.request({ kind: 'closeDocument', path });
  }

  /** Rule metadata, read once from the worker (the rule modules load the scanner, so they stay out of the host). */
  ruleMetas(): Promise<RuleMeta[]> {
    this.rules ??= this.request({ kind: 'rules' }).then((response) => {
      if (response.kind !== 'rules') throw new Error(`scanner worker answered ${response.kind} to a rules request`);
      return response.rules;
    });
    this.rules.catch(() => { this.rules = undefined; });
    return this.rules;
  }

  /** Stops the worker (e.g. a cancelled workspace scan) and fails what was pending; the next request starts a new one. */
  stop(): void {
    this.fail(new Error('the scan was stopped'));
    void this.worker?.terminate();
    this.worker = undefined;
  }

  dispose(): void {
    this.stop();
  }

  private request(call: ScanWorkerCall): Promise<ScanWorkerResponse> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<ScanWorkerResponse>((resolve, reject) => {
      this.pending.set(id, {
        resolve: (response) => (response.kind === 'error'
          ? reject(new Error(`scanner failed: ${response.message}`)) : resolve(response)),
        reject,
      });
      worker.postMessage({ ...call, id } satisfies ScanWorkerRequest);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerScript);
    worker.on('message', (response: ScanWorkerResponse) => {
      const pending = this.pending.get(response.id);
      this.pending.delete(response.id);
      pending?.resolve(response);
    });
    const onDeath = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.fail(error);
    };
    worker.on('error', onDeath);
    worker.on('exit', (code) => onDeath(new Error(`the scanner worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private fail(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
