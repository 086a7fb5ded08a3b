import type { Node } from '@vscode/tree-sitter-wasm';
import { mayHoldEndpoints } from '../connectionText';
import { mayHoldKeyspaceUse } from '../keyspace';
import type { TextNode } from './textInCode';
import { walkCursor } from './walk';

/** What a language tells the gathering walk: which nodes its readers look at and what in the text may start one. */
export interface GatheringSyntax {
  /**
   * Where something a reader looks at may start, as a superset found in the text alone: every node gathered (and so
   * every node above one) holds a match. Patterns must have the `g` flag.
   */
  marks: readonly RegExp[];
  commentTypes: ReadonlySet<string>;
  /** Node types that may be a string expression: literals and concatenation (`isString` decides). */
  stringTypes: ReadonlySet<string>;
  /** Node types the code reading looks at (calls, creations, assignments, annotations). */
  codeTypes: ReadonlySet<string>;
  /** Whether a node of one of `stringTypes` is a string expression: a literal, or a concatenation holding one. */
  isString(node: Node, text: string): boolean;
  /** Whether a string expression written as `written` is a literal read as written (no escape, no interpolation). */
  isPlainLiteral(type: string, written: string): boolean;
}

/** The nodes of one file that its readers look at, gathered in one walk. */
export interface GatheredNodes {
  /** Comments naming Redis and outermost string expressions that may say something, in document order. */
  text: TextNode[];
  /** Nodes of the code types, in document order. */
  code: Node[];
}

/** Offsets in `text` where a mark starts, ascending. */
function marksIn(text: string, patterns: readonly RegExp[]): number[] {
  const offsets = patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match.index));
  return offsets.sort((a, b) => a - b);
}

/** Whether a mark lies in [start, end). */
function marked(marks: readonly number[], start: number, end: number): boolean {
  let low = 0;
  let high = marks.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (marks[middle]! < start) low = middle + 1;
    else high = middle;
  }
  return low < marks.length && marks[low]! < end;
}

/**
 * Walks the tree once for every reader, into the parts whose text holds a mark only: a subtree without one holds no
 * comment naming a host, no string that can say something and no node the code reading reads (values find their
 * declarations by name, not by walking). Reading a node's type and offsets through the cursor costs no Node object;
 * only gathered nodes cross from WebAssembly. A comment without Redis in it and a plain literal without connection
 * text are left out, as reading them finds nothing.
 */
export function gatherNodes(root: Node, text: string, syntax: GatheringSyntax): GatheredNodes {
  const gathered: GatheredNodes = { text: [], code: [] };
  const marks = marksIn(text, syntax.marks);
  /** End of the string expression being walked through: strings and comments inside it are read with it. */
  let stringEnd = -1;
  walkCursor(root, (cursor) => {
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    if (!marked(marks, start, end)) return false;
    const type = cursor.nodeType;
    if (syntax.commentTypes.has(type)) {
      if (start >= stringEnd && /redis/i.test(text.slice(start, end))) gathered.text.push({ node: cursor.currentNode, comment: true });
      return false;
    }
    if (syntax.codeTypes.has(type)) gathered.code.push(cursor.currentNode);
    if (!syntax.stringTypes.has(type) || start < stringEnd) return true;
    const node = cursor.currentNode;
    if (!syntax.isString(node, text)) return true;
    stringEnd = end;
    const written = text.slice(start, end);
    if (!syntax.isPlainLiteral(type, written) || mayHoldEndpoints(written) || mayHoldKeyspaceUse(written)) gathered.text.push({ node, comment: false });
    return true;
  });
  return gathered;
}

/** `names` as one mark pattern: each as a whole word. */
export function wordMarks(names: Iterable<string>): RegExp {
  return new RegExp(`\\b(?:${[...names].join('|')})\\b`, 'g');
}
