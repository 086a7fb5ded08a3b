// Entry for the scanner bundle, run by the extension in a worker thread on first use, so that loading
// the scanner (ts-morph, ~0.6 s) and scanning never block the extension host.
import { parentPort } from 'node:worker_threads';
import { RULES } from '../core/rules/index';
import { ScanSession } from '../core/scan/scanSession';
import { prepareScan, scanSources } from '../core/scan/scanner';
import { DiskTexts } from './diskTexts';
import type { ScanWorkerRequest, ScanWorkerResponse } from './scanProtocol';

const disk = new DiskTexts();
/** Open documents of live diagnostics; their imports resolve against each other, then the disk. */
const session = new ScanSession(RULES, (path) => disk.read(path));

async function handle(request: ScanWorkerRequest): Promise<ScanWorkerResponse> {
  switch (request.kind) {
    case 'rules':
      return { id: request.id, kind: 'rules', rules: RULES.map((rule) => rule.meta) };
    case 'scanDocument': {
      await prepareScan([{ path: request.path, text: request.text }], request.settings);
      session.update(request.path, request.text);
      return { id: request.id, kind: 'scanDocument', ...session.scan(request.path, request.settings) };
    }
    case 'closeDocument':
      session.close(request.path);
      return { id: request.id, kind: 'closeDocument' };
    case 'scan':
      await prepareScan(request.inputs, request.settings);
      return { id: request.id, kind: 'scan', result: scanSources(request.inputs, request.settings, RULES) };
  }
}

const port = parentPort;
if (!port) throw new Error('scanWorker must run in a worker thread');
async function respond(request: ScanWorkerRequest): Promise<void> {
  let response: ScanWorkerResponse;
  try {
    response = await handle(request);
  } catch (error) {
    // scanSources is meant never to throw; if it does, the caller gets the reason instead of a dead worker.
    response = { id: request.id, kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  port?.postMessage(response);
}

// One request at a time, in order: a document closed while its scan waits for a grammar must stay closed.
let handled = Promise.resolve();
port.on('message', (request: ScanWorkerRequest) => {
  handled = handled.then(() => respond(request));
});
