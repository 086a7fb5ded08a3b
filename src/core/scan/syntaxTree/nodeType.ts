import type { Node } from '@vscode/tree-sitter-wasm';

/** Types already read, per node object: `node.type` crosses into WebAssembly at every read. */
const types = new WeakMap<Node, string>();

/**
 * The node's type, read from the tree once per node object: a value reader asks the same node for it several times
 * (is it a literal, a concatenation, a number, a wrapper, a name?).
 */
export function typeOf(node: Node): string {
  let type = types.get(node);
  if (type === undefined) {
    type = node.type;
    types.set(node, type);
  }
  return type;
}
