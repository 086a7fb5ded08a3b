import type { Node } from '@vscode/tree-sitter-wasm';
import { emptyEvidence, type FileEvidence, type Span, type TreeClientSyntax } from '../../evidence/evidence';
import type { SourceFileInput } from '../../findings';
import { readCommentHosts, readStringValue } from './treeEvidence';
import { spanOfTreeNode, type TreeValue } from './treeValue';
import { commentsNamingLegacyHosts, inDocumentOrder, nodesAroundMatches, nodesHoldingMatches } from './textSearch';
import { newlineOf, walk } from './walk';

/** String contents worth reading as connection text or keyspace names (global, for a search of the whole text). */
const INTERESTING_TEXT = /rediss?:\/\/|\.redis(?:enterprise)?\.cache\.|,\s*(?:password|ssl|abortConnect|defaultDatabase)\s*=|notify-keyspace-events|__key(?:space|event)@/gi;

/** What a reader looks for in its language's tree. */
export interface ReaderTypes {
  /** Node types whose comments are not read (parts of the file the reader does not look into). */
  skipped: ReadonlySet<string>;
  /** String literal types. */
  strings: ReadonlySet<string>;
  /** Call types. */
  calls: ReadonlySet<string>;
  /**
   * The names the calls it reads end in, each followed by what may stand between the name and its `(` and the `(`,
   * captured in a lookahead (`callNames`): a superset that `callEndingIn` narrows.
   */
  callNames: RegExp;
}

/**
 * How a language whose client calls are found by their names (Python, Go) reads one file: the comments that name a
 * legacy host, the calls of the names it reads (constructors, commands), then its string expressions and pipelines.
 * Nothing walks the whole tree: each part is found in the text and looked up in the tree (see textSearch).
 */
export abstract class TreeFileReader {
  readonly evidence: FileEvidence;
  protected readonly newline: '\n' | '\r\n';
  /** The calls the reader reads, in document order. */
  protected calls: Node[] = [];

  protected abstract readonly values: { value(node: Node | null | undefined): TreeValue };

  constructor(
    protected readonly root: Node,
    protected readonly input: SourceFileInput,
    protected readonly manifests: TreeClientSyntax['manifests'],
    private readonly types: ReaderTypes,
  ) {
    this.evidence = emptyEvidence(input.path);
    this.newline = newlineOf(input.text);
  }

  /** By node id (unique in the tree, and held in JavaScript: no crossing into WebAssembly to make the key). */
  private readonly valueCache = new Map<number, TreeValue>();

  /** The value of an expression read more than once (a key for the command and again for its fix), read once. */
  protected valueOf(node: Node): TreeValue {
    let value = this.valueCache.get(node.id);
    if (!value) {
      value = this.values.value(node);
      this.valueCache.set(node.id, value);
    }
    return value;
  }

  protected span(node: Node): Span {
    return spanOfTreeNode(node, this.input.path);
  }

  analyze(): FileEvidence {
    const text = this.input.text;
    for (const comment of commentsNamingLegacyHosts(this.root, text, this.types.skipped)) readCommentHosts(this.evidence, comment);
    if (this.readsCalls()) {
      const around = nodesAroundMatches(this.root, text, this.types.callNames);
      this.calls = inDocumentOrder(around.flatMap(({ node, matchEnd }) => (this.isCallEndingIn(node, matchEnd) ? [node] : [])));
    }
    for (const call of this.calls) this.observeCall(call);
    for (const call of this.calls) this.readCall(call);
    for (const node of this.stringExpressions()) readStringValue(this.evidence, this.values.value(node), this.span(node));
    this.readSettings();
    this.readPipelines();
    return this.evidence;
  }

  /** Whether any call of the file can be a client's (the file imports the client library). */
  protected abstract readsCalls(): boolean;
  /**
   * Whether `node`, the smallest node holding a name the reader reads and the `(` after it, is a call whose callee ends
   * with that name at `nameEnd` (`name(…)`, `receiver.name(…)`).
   */
  protected abstract isCallEndingIn(node: Node, nameEnd: number): boolean;
  /** Records what a call binds (clients, pipelines), before any call is read. */
  protected abstract observeCall(call: Node): void;
  protected abstract readCall(call: Node): void;
  /** The whole string expression a string literal is part of (a concatenation), or undefined to leave it. */
  protected abstract outermostString(literal: Node): Node | undefined;
  protected abstract readPipelines(): void;

  /** Settings the language writes outside client calls (dictionaries of a settings module). */
  protected readSettings(): void {}

  /** Every call of the file, in document order: only for pipelines, where any call may be a queued command. */
  protected allCalls(): Node[] {
    const calls: Node[] = [];
    walk(this.root, (call) => void calls.push(call), this.types.calls);
    return calls;
  }

  /** The outermost string expressions holding connection text or keyspace names, each once, in document order. */
  private stringExpressions(): Node[] {
    const outermost = new Map<number, Node>();
    for (const literal of nodesHoldingMatches(this.root, this.input.text, INTERESTING_TEXT, this.types.strings)) {
      const top = this.outermostString(literal);
      if (top && !outermost.has(top.startIndex)) outermost.set(top.startIndex, top);
    }
    return [...outermost.values()];
  }
}
