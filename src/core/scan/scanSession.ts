import { ts } from 'ts-morph';
import type { ScanResult, ScanSettings } from '../findings';
import type { Rule } from '../rules/rule';
import { dependencyFileSource } from './dependencyFiles';
import { fileKindOf } from './fileKind';
import { scannable, scanSources } from './scanner';
import { parseScript } from './script/project';
import type { StatementMemo } from './script/statementMemo';
import { KeptSyntaxTrees } from './syntaxTree/keptTrees';
import { spliceStatements } from './script/statementSplice';
import { textChange, type TextChange } from './textChange';

/** Syntax trees of imported files kept between scans (open documents' trees are always kept). */
const MAX_IMPORTED_TREES = 64;

export interface SessionScan {
  result: ScanResult;
  /** Files other than the document that the scan read to resolve imports: a change to one of them changes the result. */
  dependencies: string[];
}

/**
 * Live scanning of open documents: keeps each document's text and last syntax tree, so that a re-scan after
 * an edit re-parses only the changed region (`ts.updateSourceFile`; `Tree.edit` for the tree-sitter languages). Imports of a document resolve against
 * the other open documents first, then `readFile` (the disk). The result of `scan(path)` equals a one-shot
 * `scanSources` of the document with the files it imports.
 */
export class ScanSession {
  private readonly documents = new Map<string, string>();
  /** Last tree per path, least recently used first. A tree is only valid for the text it was parsed from. */
  private readonly trees = new Map<string, ts.SourceFile>();
  /** What the analysis found per statement; entries go with the trees' nodes. */
  private readonly statementMemos = new WeakMap<ts.Statement, StatementMemo>();
  /** Tree-sitter trees of open documents (C#, Python, Java, Go), edited and re-parsed incrementally. */
  private readonly syntaxTrees = new KeptSyntaxTrees();

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
    this.syntaxTrees.forget(path);
  }

  /** Open documents, for tests and memory accounting. */
  get documentCount(): number {
    return this.documents.size;
  }

  /** Syntax trees kept: the compiler's, and tree-sitter's in WebAssembly memory. */
  get treeCount(): number {
    return this.trees.size + this.syntaxTrees.size;
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
      syntaxTrees: this.syntaxTrees,
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
    // Both incremental parses reuse (and so invalidate) the previous tree; if one throws, the next parse starts afresh.
    const tree = previous ? reparse(previous, text) : parseScript(path, text);
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

/**
 * The tree of `text` from the tree of the text before: the statements the edit touched parsed again and spliced in
 * when that gives what a fresh parse would, else the compiler's incremental parser.
 */
function reparse(previous: ts.SourceFile, text: string): ts.SourceFile {
  const change = textChange(previous.text, text);
  return spliceStatements(previous, text, change) ?? ts.updateSourceFile(previous, text, rangeOf(change));
}

/** The edit between two texts as one range, as the compiler's incremental parser takes it. */
export function changeRange(before: string, after: string): ts.TextChangeRange {
  return rangeOf(textChange(before, after));
}

function rangeOf(change: TextChange): ts.TextChangeRange {
  return ts.createTextChangeRange(ts.createTextSpan(change.start, change.oldEnd - change.start), change.newEnd - change.start);
}
