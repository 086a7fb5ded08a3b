import type { Node } from '@vscode/tree-sitter-wasm';

/**
 * Visits every node under `root` in document order; `visit` returns false to skip a node's children. With `types`,
 * only nodes of those types are visited (the others are descended into): the walk reads each type through a cursor,
 * which is cheap, and makes a Node object, which crosses from WebAssembly, only for the nodes visited.
 */
export function walk(root: Node, visit: (node: Node) => boolean | void, types?: ReadonlySet<string>): void {
  const cursor = root.walk();
  try {
    for (;;) {
      const descend = types && !types.has(cursor.nodeType) ? true : visit(cursor.currentNode);
      if (descend !== false && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return;
      }
    }
  } finally {
    cursor.delete();
  }
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
