import type { Node } from '@vscode/tree-sitter-wasm';
import { mayComposeEndpoints, mayHoldEndpoints } from '../connectionText';
import { mayHoldKeyspaceUse } from '../keyspace';
import type { TextNode } from './textInCode';
import { inDocumentOrder } from './textSearch';

/** What a language tells the gathering: where in the text its readers' nodes may be, and how to tell them. */
export interface GatheringSyntax {
  /**
   * Where a comment or string worth reading may be, found in the text alone: every comment naming Redis and every
   * string expression read (one that is composed, escaped or interpolated, or holds connection text or a keyspace
   * channel) holds a match. Patterns must have the `g` flag.
   */
  textMarks: readonly RegExp[];
  /**
   * The names of the nodes the code reading reads (methods, types, properties, annotations), as a global pattern: a
   * superset the reader narrows. Each node read holds a match within its name, at most three levels below it.
   */
  codeNames: RegExp;
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

/** The nodes of one file that its readers look at. */
export interface GatheredNodes {
  /** Comments naming Redis and outermost string expressions that may say something, in document order. */
  text: TextNode[];
  /** Nodes of the code types, in document order (an enclosing node first). */
  code: Node[];
}

/** Blanks and comments between a name and what follows it, for the `followedBy` of a name search. */
export const NAME_GAP = String.raw`(?:\s|\/\/[^\n]*\n|\/\*[^]*?\*\/)*`;

/** How far above the name a node the code reading reads may be (`receiver.Name<T>(…)`: name, generic, access, call). */
const NAME_DEPTH = 3;

/** Node types that stand above expressions: statements, declarations, blocks and bodies. */
const ABOVE_EXPRESSIONS = /(?:_statement|_declaration|_body)$|^(?:block|declaration_list|program|compilation_unit)$/;

/**
 * Whether a composed, escaped or interpolated string written as `written` may hold an endpoint or a keyspace channel:
 * one of its parts names redis, an option or a keyspace channel, or may be anything (an escape, a name the file gives
 * a value). A part the file cannot know stands for its expression's text, which is written here too.
 */
function mayCompose(written: string, declares: (name: string) => boolean): boolean {
  if (mayComposeEndpoints(written) || /keyspace|keyevent/i.test(written) || written.includes('\\')) return true;
  for (const [name] of written.matchAll(/[\p{L}_$][\p{L}\p{N}_$]*/gu)) if (declares(name)) return true;
  return false;
}

/**
 * Finds, for every reader at once, the nodes it reads from their marks in the text instead of walking the tree:
 * every step of a walk crosses from JavaScript into WebAssembly, a search of the text does not, and only the nodes
 * at its matches (and those above them, up to one already met) are looked up. Code nodes are found by their names.
 * Comments and strings are found from their marks: for each, the outermost string expression above it, if any, is
 * the one read (its parts are read with it); a comment inside one is read with it too. A comment without Redis in it,
 * a plain literal without connection text and a composed string none of whose parts can say something are left out,
 * as reading them finds nothing. `declares` tells whether the file gives a name a value (a part read through it).
 */
export function gatherNodes(root: Node, text: string, syntax: GatheringSyntax, declares: (name: string) => boolean): GatheredNodes {
  const code: Node[] = [];
  for (const match of text.matchAll(syntax.codeNames)) {
    let node = root.descendantForIndex(match.index, match.index + 1);
    // Each type read once: a read crosses into WebAssembly.
    let type = node?.type ?? '';
    for (let depth = 0; node && depth <= NAME_DEPTH && !syntax.codeTypes.has(type); depth++) {
      node = node.parent;
      type = node?.type ?? '';
    }
    if (node && syntax.codeTypes.has(type)) code.push(node);
  }
  // A string expression whose whole text can say nothing has no part that can (every test below looks for something
  // written in the text, and in a tree without errors a part's names are names of the whole: a node starts and ends
  // at the edge of a token, and no two name or number tokens are written against each other), so it is not read, nor
  // looked at to learn whether it is one. Nor is a comment in it read: one naming Redis makes its text say something.
  const partsTell = !root.hasError;
  /**
   * Node id → the outermost string expression at or above the node; null for none; false where the outermost
   * string-typed node's text can say nothing (whether it, or which node below it, is a string was not looked at).
   */
  const outermost = new Map<number, Node | null | false>();
  const outermostStringAt = (leaf: Node, leafType: string): Node | null | false => {
    const below: Array<{ node: Node; type: string }> = [];
    let above: Node | null | false = null;
    for (let node: Node | null = leaf, type = leafType; node; node = node.parent, type = node?.type ?? '') {
      const known = outermost.get(node.id);
      if (known !== undefined) {
        above = known;
        break;
      }
      // A string expression holds no statement or declaration (but in a lambda's block, where its strings are read alone).
      if (ABOVE_EXPRESSIONS.test(type)) {
        outermost.set(node.id, null);
        break;
      }
      below.push({ node, type });
    }
    for (let index = below.length - 1; index >= 0; index--) {
      const { node, type } = below[index]!;
      if (above === null && syntax.stringTypes.has(type)) {
        if (partsTell && !mayCompose(text.slice(node.startIndex, node.endIndex), declares)) above = false;
        else if (syntax.isString(node, text)) above = node;
      }
      outermost.set(node.id, above);
    }
    return above;
  };
  const found: TextNode[] = [];
  const read = new Set<number>();
  /** Where each mark starts → where it ends (the longest of those starting there). */
  const marks = new Map<number, number>();
  for (const pattern of syntax.textMarks) {
    for (const match of text.matchAll(pattern)) marks.set(match.index, Math.max(marks.get(match.index) ?? 0, match.index + match[0].length));
  }
  for (const [offset, end] of marks) {
    // The smallest named node holding the whole mark: a token (`+`, `,`, an interpolation's `$`) is neither a comment
    // nor a string, nor stands above expressions, so the climb can start at the node above it, one `parent` fewer.
    const leaf = root.namedDescendantForIndex(offset, end);
    if (!leaf || read.has(leaf.id)) continue;
    const leafType = leaf.type;
    // A string that says nothing by itself is read only within a concatenation around it, and a concatenation's `+` is
    // a mark of its own, whose climb finds it: this mark need not climb (an interpolated string's, mostly).
    if (partsTell && syntax.stringTypes.has(leafType) && !mayCompose(text.slice(leaf.startIndex, leaf.endIndex), declares)) continue;
    const string = outermostStringAt(leaf, leafType);
    if (string === null && syntax.commentTypes.has(leafType)) {
      read.add(leaf.id);
      if (/redis/i.test(text.slice(leaf.startIndex, leaf.endIndex))) found.push({ node: leaf, comment: true });
    } else if (string && !read.has(string.id)) {
      read.add(string.id);
      const written = text.slice(string.startIndex, string.endIndex);
      const says = syntax.isPlainLiteral(string.type, written) ? mayHoldEndpoints(written) || mayHoldKeyspaceUse(written) : mayCompose(written, declares);
      if (says) found.push({ node: string, comment: false });
    }
  }
  const byNode = new Map(found.map((entry) => [entry.node.id, entry]));
  return { text: inDocumentOrder(found.map((entry) => entry.node)).map((node) => byNode.get(node.id)!), code: inDocumentOrder(code) };
}
