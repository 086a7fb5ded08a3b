import type { FileEvidence } from '../evidence/evidence';
import type { SourceFileInput } from '../findings';
import type { DependencyFileSource } from './dependencyFiles';
import type { FileKind } from './fileKind';
import type { ScriptHost } from './script/project';
import type { KeptSyntaxTrees } from './syntaxTree/keptTrees';

/**
 * What a live session or the CLI lends a scan: files beyond the inputs and syntax trees kept between scans (the
 * compiler's for JS/TS, tree-sitter's for the other languages), and the dependency files a fix adds packages to.
 */
export interface ScanHost extends ScriptHost {
  syntaxTrees?: KeptSyntaxTrees;
  dependencyFiles?: DependencyFileSource;
  /**
   * Every file of the scan in the order read, where a reader left out files that cannot hold a finding (the CLI):
   * they are still the inputs' neighbours, and `readText` lends the text of one an input imports.
   */
  files?: readonly string[];
}

/** The inputs of one scan, as each front end sees them when the scan begins. */
export interface ScanInputs {
  /** Every input, readable or not (a front end may look at neighbours such as package.json). */
  all: readonly SourceFileInput[];
  /** The inputs the scan reads: of a known kind, within the size limit and not binary. */
  readable: readonly SourceFileInput[];
  host?: ScanHost;
}

/** One scan's reading of the files of a front end's kinds. */
export interface FrontEndRun<Kind extends FileKind = FileKind> {
  /** The evidence of one readable input, or `undefined` when it cannot hold any; throws when it cannot be read. */
  analyze(input: SourceFileInput, kind: Kind): FileEvidence | undefined;
  /** Text of a file read beyond the inputs (an import), where findings may lie. */
  textOf(file: string): string | undefined;
}

/** A language front end: turns source files into evidence, knowing syntax but no rule. */
export interface FrontEnd<Kind extends FileKind = FileKind> {
  /**
   * Loads what `analyze` needs for these inputs (a grammar's WebAssembly) before a scan, which itself is synchronous;
   * `prepareScan` calls it with the readable inputs of the front end's kinds. Without it, `analyze` throws for a file
   * that needs what was not loaded, and the scan lists that file as skipped with the reason.
   */
  prepare?(inputs: readonly SourceFileInput[]): Promise<void>;
  begin(inputs: ScanInputs): FrontEndRun<Kind>;
}
