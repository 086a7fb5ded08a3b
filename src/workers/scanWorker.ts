// Entry for the scanner bundle, run by the extension in a worker thread on first use, so that loading
// the scanner (ts-morph, ~0.6 s) and scanning never block the extension host.
import { parentPort } from 'node:worker_threads';
import { RULES } from '../core/rules/index';
import { scanSources } from '../core/scan/scanner';
import type { ScanWorkerRequest, ScanWorkerResponse } from './scanProtocol';

function handle(request: ScanWorkerRequest): ScanWorkerResponse {
  if (request.kind === 'rules') return { id: request.id, kind: 'rules', rules: RULES.map((rule) => rule.meta) };
  return { id: request.id, kind: 'scan', result: scanSources(request.inputs, request.settings) };
}

const port = parentPort;
if (!port) throw new Error('scanWorker must run in a worker thread');
port.on('message', (request: ScanWorkerRequest) => {
  let response: ScanWorkerResponse;
  try {
    response = handle(request);
  } catch (error) {
    // scanSources is meant never to throw; if it does, the caller gets the reason instead of a dead worker.
    response = { id: request.id, kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(response);
});
