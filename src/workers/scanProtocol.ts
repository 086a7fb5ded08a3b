/** Messages between the extension host and the scanner worker (dist/scanWorker.js). Plain data only. */
import type { RuleMeta, ScanResult, ScanSettings, SourceFileInput } from '../core/findings';

export type ScanWorkerCall =
  | { kind: 'scan'; inputs: SourceFileInput[]; settings: ScanSettings }
  /** Live diagnostics: the current text of an open document, scanned in the worker's ScanSession. */
  | { kind: 'scanDocument'; path: string; text: string; settings: ScanSettings }
  /** The document was closed: the session forgets its text and tree. */
  | { kind: 'closeDocument'; path: string }
  | { kind: 'rules' };

/** `id` pairs a response with its request. */
export type ScanWorkerRequest = ScanWorkerCall & { id: number };

export type ScanWorkerResponse =
  | { id: number; kind: 'scan'; result: ScanResult }
  /** `dependencies`: the files the scan read to resolve the document's imports. */
  | { id: number; kind: 'scanDocument'; result: ScanResult; dependencies: string[] }
  | { id: number; kind: 'closeDocument' }
  | { id: number; kind: 'rules'; rules: RuleMeta[] }
  | { id: number; kind: 'error'; message: string };
