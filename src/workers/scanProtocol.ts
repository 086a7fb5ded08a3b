/** Messages between the extension host and the scanner worker (dist/scanWorker.js). Plain data only. */
import type { RuleMeta, ScanResult, ScanSettings, SourceFileInput } from '../core/findings';
import type { FileChange } from '../core/fix/previewFixes';

/** What "Apply All Safe Fixes" would change, as `amr-migrate scan --fix` would on the same texts. */
export interface SafeFixPreview {
  changes: FileChange[];
  /** Fixes made, over every pass. */
  fixed: number;
  /** Findings without an automatic fix, and fixes still overlapping another after the last pass. */
  unfixable: number;
  conflicting: number;
  /** Files left unchanged on purpose, with the reason (a fix that would not parse, a file that exists already). */
  problems: { file: string; problem: string }[];
}

export type ScanWorkerCall =
  | { kind: 'scan'; inputs: SourceFileInput[]; settings: ScanSettings }
  /** Live diagnostics: the current text of an open document, scanned in the worker's ScanSession. */
  /** `root`: the document's workspace folder, up to which fixes look for the dependency file they add packages to. */
  | { kind: 'scanDocument'; path: string; text: string; settings: ScanSettings; root?: string }
  /** The document was closed: the session forgets its text and tree. */
  | { kind: 'closeDocument'; path: string }
  | { kind: 'rules' }
  /** The safe fixes of the whole workspace, in passes, computed on these texts without writing anything. */
  | { kind: 'previewFixes'; inputs: SourceFileInput[]; settings: ScanSettings };

/** `id` pairs a response with its request. */
export type ScanWorkerRequest = ScanWorkerCall & { id: number };

export type ScanWorkerResponse =
  | { id: number; kind: 'scan'; result: ScanResult }
  /** `dependencies`: the files the scan read to resolve the document's imports. */
  | { id: number; kind: 'scanDocument'; result: ScanResult; dependencies: string[] }
  | { id: number; kind: 'closeDocument' }
  | { id: number; kind: 'rules'; rules: RuleMeta[] }
  | { id: number; kind: 'previewFixes'; preview: SafeFixPreview }
  | { id: number; kind: 'error'; message: string };
