/** Messages between the extension host and the scanner worker (dist/scanWorker.js). Plain data only. */
import type { RuleMeta, ScanResult, ScanSettings, SourceFileInput } from '../core/findings';

export type ScanWorkerCall =
  | { kind: 'scan'; inputs: SourceFileInput[]; settings: ScanSettings }
  | { kind: 'rules' };

/** `id` pairs a response with its request. */
export type ScanWorkerRequest = ScanWorkerCall & { id: number };

export type ScanWorkerResponse =
  | { id: number; kind: 'scan'; result: ScanResult }
  | { id: number; kind: 'rules'; rules: RuleMeta[] }
  | { id: number; kind: 'error'; message: string };
