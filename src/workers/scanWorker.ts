// Entry for the scanner bundle, run by the extension in a worker thread on first use, so that loading
// the scanner (ts-morph, ~0.6 s) and scanning never block the extension host.
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import type { ScanSettings, SourceFileInput } from '../core/findings';
import { previewFixes } from '../core/fix/previewFixes';
import { RULES } from '../core/rules/index';
import { ScanSession } from '../core/scan/scanSession';
import { prepareScan, scanSources } from '../core/scan/scanner';
import { listFolder } from '../core/files/dependencyFilesOnDisk';
import { DiskTexts } from './diskTexts';
import type { SafeFixPreview, ScanWorkerRequest, ScanWorkerResponse } from './scanProtocol';

const disk = new DiskTexts();
/** Open documents of live diagnostics; their imports resolve against each other, then the disk. */
const session = new ScanSession(RULES, (path) => disk.read(path), listFolder);

async function handle(request: ScanWorkerRequest): Promise<ScanWorkerResponse> {
  switch (request.kind) {
    case 'previewFixes':
      return { id: request.id, kind: 'previewFixes', preview: await safeFixPreview(request.inputs, request.settings) };
    case 'rules':
      return { id: request.id, kind: 'rules', rules: RULES.map((rule) => rule.meta) };
    case 'scanDocument': {
      await prepareScan([{ path: request.path, text: request.text }], request.settings);
      session.update(request.path, request.text);
      return { id: request.id, kind: 'scanDocument', ...session.scan(request.path, request.settings, request.root) };
    }
    case 'closeDocument':
      session.close(request.path);
      return { id: request.id, kind: 'closeDocument' };
    case 'scan':
      await prepareScan(request.inputs, request.settings);
      return { id: request.id, kind: 'scan', result: scanSources(request.inputs, request.settings, RULES) };
  }
}

async function safeFixPreview(inputs: SourceFileInput[], settings: ScanSettings): Promise<SafeFixPreview> {
  await prepareScan(inputs, settings);
  const preview = await previewFixes({
    inputs,
    scan: (scanned) => scanSources(scanned, settings, RULES),
    // A file beyond the inputs that cannot be read still exists: a fix must not create it.
    readOther: (file) => readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : '')),
  });
  return {
    changes: preview.changes,
    fixed: preview.outcomes.reduce((sum, outcome) => sum + outcome.applied.length, 0),
    unfixable: preview.unfixable.length,
    conflicting: preview.conflicting.length,
    problems: preview.outcomes.flatMap((outcome) => {
      const problem = outcome.problem ?? outcome.error;
      return problem === undefined ? [] : [{ file: outcome.file, problem }];
    }),
  };
}

const port = parentPort;
if (!port) throw new Error('scanWorker must run in a worker thread');
// One request at a time, answered in order, although a fix preview waits for reads.
let previous: Promise<void> = Promise.resolve();
port.on('message', (request: ScanWorkerRequest) => {
  previous = previous.then(async () => {
    let response: ScanWorkerResponse;
    try {
      response = await handle(request);
    } catch (error) {
      // scanSources is meant never to throw; if it does, the caller gets the reason instead of a dead worker.
      response = { id: request.id, kind: 'error', message: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(response);
  });
});
