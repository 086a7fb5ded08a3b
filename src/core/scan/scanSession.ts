import { ts } from 'ts-morph';
import type { ScanResult, ScanSettings } from '../findings';
import type { Rule } from '../rules/rule';
import { dependencyFileSource } from './dependencyFiles';
import { fileKindOf } from './fileKind';
import { scannable, scanSources } from './scanner';
import { parseScript } from './script/project';
import type { StatementMemo } from './script/statementMemo';

/** Syntax trees of imported files kept between scans (open documents' trees are always kept). */
const MAX_IMPORTED_TREES = 64;

export interface SessionScan {
  result: ScanResult;
  /** Files other than the document that the scan read to resolve imports: a change to one of them changes the result. */
  dependencies: string[];
}

/**
 * Live scanning of open documents: keeps each document's text and last syntax tree, so that a re-scan after
 * an edit re-parses only the changed region (`ts.updateSourceFile`). Imports of a document resolve against
 * the other open documents first, then `readFile` (the disk). The result of `scan(path)` equals a one-shot
 * `scanSources` of the document with the files it imports.
 */
export class ScanSession {
  private readonly documents = new Map<string, string>();
  /** Last tree per path, least recently used first. A tree is only valid for the text it was parsed from. */
  private readonly trees = new Map<string, ts.SourceFile>();
  /** What the analysis found per statement; entries go with the trees' nodes. */
  private readonly statementMemos = new WeakMap<ts.Statement, StatementMemo>();

  constructor(
    private readonly rules: readonly Rule[],
    private readonly readFile: (path: string) => string | undefined = () => undefined,
    /** The names in a folder on disk, where dependency files for fixes are looked up. */
    private readonly listFolder: (folder: string) => readonly string[] = () => [],
  ) {}

  /** Sets the current text of an open document. */
  update(path: string, text: string): void {
    this.documents.set(path, text);
  }

  /** Forgets a closed document: its tree and text go, imports of it are read from disk again. */
  close(path: string): void {
    this.documents.delete(path);
    this.trees.delete(path);
  }

  /** Open documents, for tests and memory accounting. */
  get documentCount(): number {
    return this.documents.size;
  }

  get treeCount(): number {
    return this.trees.size;
  }

  /**
   * Scans an open document (given by `update` before). Fixes that add packages look for the dependency file in the
   * document's folder and those above it up to `root` (its workspace folder), when given.
   */
  scan(path: string, settings: ScanSettings, root?: string): SessionScan {
    const text = this.documents.get(path);
    if (text === undefined) throw new Error(`${path} is not an open document of the scan session`);
    const dependencies = new Set<string>();
    const result = scanSources([{ path, text }], settings, this.rules, {
      readText: (file) => {
        if (fileKindOf(file) !== 'script') return undefined;
        const read = this.documents.get(file) ?? this.readFile(file);
        if (read === undefined) return undefined;
        dependencies.add(file);
        // A workspace scan leaves out files over the size limit or binary, so their constants never resolve.
        return scannable({ path: file, text: read }, settings) === undefined ? read : undefined;
      },
      readManifest: (file) => {
        const read = this.documents.get(file) ?? this.readFile(file);
        if (read !== undefined) dependencies.add(file);
        return read;
      },
      parse: (file, source) => this.parse(file, source),
      statementMemos: this.statementMemos,
      ...(root === undefined ? {} : {
        dependencyFiles: dependencyFileSource([root], this.listFolder, (file) => this.documents.get(file) ?? this.readFile(file)),
      }),
    });
    this.evictImportedTrees();
    return { result, dependencies: [...dependencies].sort() };
  }

  private parse(path: string, text: string): ts.SourceFile {
    const previous = this.trees.get(path);
    this.trees.delete(path);
    if (previous?.text === text) {
      this.trees.set(path, previous);
      return previous;
    }
    // updateSourceFile reuses (and so invalidates) the previous tree; if it throws, the next parse starts afresh.
    const tree = previous ? ts.updateSourceFile(previous, text, changeRange(previous.text, text)) : parseScript(path, text);
    this.trees.set(path, tree);
    return tree;
  }

  private evictImportedTrees(): void {
    let excess = this.trees.size - this.documents.size - MAX_IMPORTED_TREES;
    for (const path of this.trees.keys()) {
      if (excess <= 0) return;
      if (this.documents.has(path)) continue;
      this.trees.delete(path);
      excess--;
    }
  }
}

/** Characters compared at once while both texts agree: slices of equal strings compare natively, far faster than a loop. */
const COMPARE_BLOCK = 256;

/** The edit between two texts as one range: what lies between their common prefix and common suffix. */
export function changeRange(before: string, after: string): ts.TextChangeRange {
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix + COMPARE_BLOCK <= shorter && before.slice(prefix, prefix + COMPARE_BLOCK) === after.slice(prefix, prefix + COMPARE_BLOCK)) {
    prefix += COMPARE_BLOCK;
  }
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  const beforeEnd = before.length;
  const afterEnd = after.length;
  let suffix = 0;
  while (
    suffix + COMPARE_BLOCK <= shorter - prefix &&
    before.slice(beforeEnd - suffix - COMPARE_BLOCK, beforeEnd - suffix) === after.slice(afterEnd - suffix - COMPARE_BLOCK, afterEnd - suffix)
  ) {
    suffix += COMPARE_BLOCK;
  }
  while (suffix < shorter - prefix && before.charCodeAt(beforeEnd - 1 - suffix) === after.charCodeAt(afterEnd - 1 - suffix)) suffix++;
  return ts.createTextChangeRange(ts.createTextSpan(prefix, beforeEnd - prefix - suffix), afterEnd - prefix - suffix);
}
