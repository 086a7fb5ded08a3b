import type { Node } from '@vscode/tree-sitter-wasm';
import type { Endpoint, KeyspaceUse } from '../../evidence/evidence';
import { classifyHost, commentedHostsIn } from '../../evidence/hosts';
import { findEndpointsInText } from '../connectionText';
import { findKeyspaceUses } from '../keyspace';
import type { TreeValues } from './treeValues';
import { walk } from './walk';

/** How a language marks the nodes the text reading looks at. */
export interface TextNodes {
  /** The node types `isString` and `isComment` may accept. */
  types: ReadonlySet<string>;
  /** A string expression: a literal, an interpolated string or a concatenation holding one. */
  isString(node: Node): boolean;
  isComment(node: Node): boolean;
}

/**
 * What the strings of a file say on their own: connection strings, URLs, host names and keyspace channels in every
 * string expression (concatenations read whole), as the text front end reads config files. Client constructions
 * read the same strings with more context, and the scanner then drops these endpoints (`fromText`). A comment is
 * not live code: only the legacy host names in it are reported, so that a host left in a note is still changed.
 * Constants named `…PORT` count as ports even when unused here (another file may read them).
 */
export function textInCode(root: Node, values: TreeValues, nodes: TextNodes): { endpoints: Endpoint[]; keyspace: KeyspaceUse[] } {
  const found: TextNode[] = [];
  walk(root, (node) => {
    if (nodes.isComment(node)) {
      found.push({ node, comment: true });
      return false;
    }
    if (!nodes.isString(node)) return true;
    found.push({ node, comment: false });
    return false;
  }, nodes.types);
  return textOfNodes(found, values);
}

/** A comment, or a string expression read whole (the outermost: a concatenation, not its parts). */
export interface TextNode {
  node: Node;
  comment: boolean;
}

/** What `textInCode` reads, over the comments and string expressions a caller's own walk found, in document order. */
export function textOfNodes(found: readonly TextNode[], values: TreeValues): { endpoints: Endpoint[]; keyspace: KeyspaceUse[] } {
  const endpoints: Endpoint[] = [];
  const keyspace: KeyspaceUse[] = [];
  for (const { node, comment } of found) {
    if (comment) {
      endpoints.push(...commentedHostsIn(values.file, node.text, node.startIndex));
      continue;
    }
    const text = values.string(node);
    for (const endpoint of findEndpointsInText(text, values.span(node))) endpoints.push({ ...endpoint, fromText: true });
    keyspace.push(...findKeyspaceUses(text));
  }
  // A port constant the scan cannot tie to a client still counts where the file may connect to Azure.
  const hosts = endpoints.map((endpoint) => classifyHost(endpoint.host));
  if (hosts.length === 0 || hosts.some((host) => host === 'legacy' || host === 'amr' || host === 'unknown')) {
    for (const { name, port } of values.declaredPorts()) {
      endpoints.push({ at: port.span, source: `constant ${name}`, host: { kind: 'unknown' }, port, fromText: true });
    }
  }
  return { endpoints, keyspace };
}
