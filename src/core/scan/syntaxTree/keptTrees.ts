import type { Node, Point, Tree } from '@vscode/tree-sitter-wasm';
import { textChange } from '../textChange';
import { parseSyntaxTree, type GrammarName } from './grammars';

interface KeptTree {
  grammar: GrammarName;
  text: string;
  tree: Tree;
}

/**
 * Syntax trees of open documents kept between scans, one per path: after an edit, the old tree is told what changed
 * and tree-sitter re-parses only that region (a 3,000-line file in well under a millisecond instead of tens).
 * Trees live in WebAssembly memory, outside the garbage collector: `forget` frees a closed document's tree.
 */
export class KeptSyntaxTrees {
  private readonly kept = new Map<string, KeptTree>();

  /** Hands the root of the tree of `text` to `read`, which must not keep nodes (the next edit changes the tree). */
  read<T>(grammar: GrammarName, path: string, text: string, read: (root: Node) => T): T {
    return read(this.treeOf(grammar, path, text).rootNode);
  }

  forget(path: string): void {
    this.kept.get(path)?.tree.delete();
    this.kept.delete(path);
  }

  get size(): number {
    return this.kept.size;
  }

  private treeOf(grammar: GrammarName, path: string, text: string): Tree {
    const previous = this.kept.get(path);
    if (previous?.grammar === grammar && previous.text === text) return previous.tree;
    this.kept.delete(path);
    let tree: Tree;
    try {
      if (previous?.grammar === grammar) previous.tree.edit(treeEdit(previous.text, text));
      tree = parseSyntaxTree(grammar, text, previous?.grammar === grammar ? previous.tree : undefined);
    } finally {
      // Edited, the old tree no longer matches its text: it goes whether the new parse succeeded or not.
      previous?.tree.delete();
    }
    this.kept.set(path, { grammar, text, tree });
    return tree;
  }
}

/** The edit from `before` to `after` as tree-sitter takes it: offsets and row/column points, in UTF-16 units. */
function treeEdit(before: string, after: string) {
  const change = textChange(before, after);
  const startPosition = pointAt(before, change.start, { row: 0, column: 0 }, 0);
  return {
    startIndex: change.start,
    oldEndIndex: change.oldEnd,
    newEndIndex: change.newEnd,
    startPosition,
    oldEndPosition: pointAt(before, change.oldEnd, startPosition, change.start),
    newEndPosition: pointAt(after, change.newEnd, startPosition, change.start),
  };
}

/** The point of `index` in `text`, counting lines from `from`, the known point of offset `fromIndex`. */
function pointAt(text: string, index: number, from: Point, fromIndex: number): Point {
  let row = from.row;
  let lineStart = fromIndex - from.column;
  for (let newline = text.indexOf('\n', fromIndex); newline >= 0 && newline < index; newline = text.indexOf('\n', newline + 1)) {
    row++;
    lineStart = newline + 1;
  }
  return { row, column: index - lineStart };
}
