import type { Node, TreeCursor } from '@vscode/tree-sitter-wasm';

/**
 * Visits every node under `root` in document order. `visit` gets the node's type and the node on demand: reading a
 * type is cheap, a Node object crosses from WebAssembly, so only the nodes a reader looks at are made. It returns
 * false to skip a node's children.
 */
export function walkTree(root: Node, visit: (type: string, node: () => Node) => boolean | void): void {
  walkCursor(root, (cursor) => visit(cursor.nodeType, () => cursor.currentNode));
}

/** Visits every node under `root` as `walkTree` does, handing over the cursor itself (its offsets cost no Node). */
export function walkCursor(root: Node, visit: (cursor: TreeCursor) => boolean | void): void {
  const cursor = root.walk();
  try {
    for (;;) {
      if (visit(cursor) !== false && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return;
      }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * Visits the nodes of `root` as `walkTree` does, handing each node over; with `types`, only nodes of those types are
 * visited (the others are descended into), so a walk that looks at a few types copies only those out of WebAssembly.
 */
export function walk(root: Node, visit: (node: Node) => boolean | void, types?: ReadonlySet<string>): void {
  walkTree(root, (type, node) => (types && !types.has(type) ? true : visit(node())));
}

/** What deleting the i-th of `items` (arguments, fields) removes: it and the separator after it, or before it when last. */
export function removalRange(items: readonly Node[], index: number): [number, number] {
  const item = items[index]!;
  const next = items[index + 1];
  if (next) return [item.startIndex, next.startIndex];
  const previous = items[index - 1];
  return previous ? [previous.endIndex, item.endIndex] : [item.startIndex, item.endIndex];
}

/** The separator a new item after the last of `items` needs: on its own line when the items are, else `, `. */
export function itemSeparator(text: string, opener: Node, items: readonly Node[], newline: string): string {
  const last = items.at(-1);
  if (!last) return '';
  const lineStart = text.lastIndexOf('\n', last.startIndex - 1) + 1;
  if (lineStart <= opener.startIndex) return ', ';
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  return `,${newline}${indent}`;
}

export function newlineOf(text: string): '\n' | '\r\n' {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}
