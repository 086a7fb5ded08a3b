import type { Node } from '@vscode/tree-sitter-wasm';
import { findEndpointsInText } from '../connectionText';
import {
  type CallSite, type Endpoint, type FileEvidence, type KeyArg, type Span, type TreeClientSyntax, type TreeOption,
} from '../../evidence/evidence';
import type { SourceFileInput } from '../../findings';
import { ComposedString } from '../sourcedString';
import { hostAndPort, tlsExpected } from '../syntaxTree/treeEvidence';
import { TreeFileReader, type ReaderTypes } from '../syntaxTree/treeFileReader';
import { keyArgOf, siteKeyOf } from '../syntaxTree/treeValue';
import { isAsciiWordCode, nodeAt, nodesAtMatches, sameNode, wholeNames } from '../syntaxTree/textSearch';
import { itemSeparator, removalRange } from '../syntaxTree/walk';
import { GO_KEYWORDS, GoValues, goQuoteLength } from './goValues';

const INTERESTING = /redis|valkey|\b63(?:79|80)\b|keyspace|keyevent/i;

export function mayHoldGoEvidence(text: string): boolean {
  return INTERESTING.test(text);
}

/** Import paths of go-redis (v9 and the older go-redis/redis v6–v8). */
const GO_REDIS_PATH = /^(?:github\.com\/redis\/go-redis\/v\d+|github\.com\/go-redis\/redis(?:\/v\d+)?)$/;

/** Multi-key methods of go-redis (after the context argument) and how their keys are passed. */
type KeySpec = 'all' | 'pairs' | 'two' | 'afterFirst' | 'eval' | 'keys' | 'scan';
const COMMANDS: Record<string, [string, KeySpec]> = {
  MGet: ['MGET', 'all'], MSet: ['MSET', 'pairs'], MSetNX: ['MSETNX', 'pairs'],
  Del: ['DEL', 'all'], Unlink: ['UNLINK', 'all'], Exists: ['EXISTS', 'all'], Touch: ['TOUCH', 'all'],
  SInter: ['SINTER', 'all'], SUnion: ['SUNION', 'all'], SDiff: ['SDIFF', 'all'],
  SInterStore: ['SINTERSTORE', 'all'], SUnionStore: ['SUNIONSTORE', 'all'], SDiffStore: ['SDIFFSTORE', 'all'],
  Rename: ['RENAME', 'two'], RenameNX: ['RENAMENX', 'two'], Copy: ['COPY', 'two'], SMove: ['SMOVE', 'two'],
  LMove: ['LMOVE', 'two'], BLMove: ['BLMOVE', 'two'], RPopLPush: ['RPOPLPUSH', 'two'], BRPopLPush: ['BRPOPLPUSH', 'two'],
  BLPop: ['BLPOP', 'afterFirst'], BRPop: ['BRPOP', 'afterFirst'],
  PFCount: ['PFCOUNT', 'all'], PFMerge: ['PFMERGE', 'all'],
  BitOpAnd: ['BITOP', 'all'], BitOpOr: ['BITOP', 'all'], BitOpXor: ['BITOP', 'all'],
  Eval: ['EVAL', 'eval'], EvalSha: ['EVALSHA', 'eval'], EvalRO: ['EVAL_RO', 'eval'], EvalShaRO: ['EVALSHA_RO', 'eval'],
  Keys: ['KEYS', 'keys'], Scan: ['SCAN', 'scan'],
};
const PIPELINE_CONTROL = new Set(['Exec', 'Discard', 'Len', 'Do', 'Process']);
const CLIENT_NAME = /redis|^rdb$|^rc$|^client$|^cli$/i;

function argumentsOf(call: Node): Node[] {
  return argumentsIn(call.childForFieldName('arguments'));
}

/**
 * A list's items but comments. With `written`, the list's text: without a `/` there, no item is a comment, and no
 * type is read (each read crosses into WebAssembly).
 */
function argumentsIn(list: Node | null, written?: string): Node[] {
  const items = list?.namedChildren ?? [];
  const mayHoldComments = written === undefined || written.includes('/');
  return items.filter((arg): arg is Node => arg !== null && (!mayHoldComments || arg.type !== 'comment'));
}

/** The composite literal of `&pkg.Type{…}` or `pkg.Type{…}`. */
function compositeOf(node: Node | undefined): Node | undefined {
  const inner = node?.type === 'unary_expression' ? node.childForFieldName('operand') : node;
  return inner?.type === 'composite_literal' ? inner : undefined;
}

function keyedElements(literal: Node): Node[] {
  return (literal.childForFieldName('body')?.namedChildren ?? []).filter((item): item is Node => item?.type === 'keyed_element');
}

function elementName(element: Node): string {
  return element.childForFieldName('key')?.text ?? element.namedChildren[0]?.text ?? '';
}

function elementValue(element: Node): Node | undefined {
  const value = element.childForFieldName('value') ?? element.namedChildren[1];
  return (value?.type === 'literal_element' ? value.namedChildren[0] : value) ?? undefined;
}

/** A method call's receiver, as written, and method name. */
interface Member {
  receiverText: string;
  method: string;
  /** Where the method's name is written in the callee. */
  methodAt: Span;
}

/** Whether a character code is a blank that may stand between tokens on one line (a space or a tab). */
function isBlankCode(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

const IMPORT_KEYWORD = wholeNames(['import']);

/** What may stand between two tokens of an expression: spaces, line ends and block comments (a regular expression). */
const GAP = String.raw`(?:\s|/\*(?:[^*]|\*(?!/))*\*/)*`;

/**
 * A function declaration's start (sticky): `func`, blanks and comments, then its name when it is ASCII and followed
 * by what cannot go on with it, so that it is the whole name the tree reads.
 */
const FUNCTION_NAME = /func(?:\s|\/\*(?:[^*]|\*(?!\/))*\*\/|\/\/[^\n]*\n)*([A-Za-z_][A-Za-z0-9_]*)(?=[\s(\[/])/y;

const CONSTRUCTORS = ['NewClient', 'NewClusterClient', 'NewUniversalClient', 'NewFailoverClient', 'NewFailoverClusterClient', 'ParseURL', 'ParseClusterURL'];

const READER_TYPES: ReaderTypes = {
  skipped: new Set(['import_spec', 'package_clause']),
  strings: new Set(['interpreted_string_literal', 'raw_string_literal']),
  calls: new Set(['call_expression']),
  // go-redis constructors, pipelines and the commands read.
  callNames: wholeNames([...CONSTRUCTORS, 'TxPipeline', 'Pipeline', 'TxPipelined', 'Pipelined', 'Do', ...Object.keys(COMMANDS)], '', `(${GAP}\\()`),
};

class GoFile extends TreeFileReader {
  protected readonly values: GoValues;
  private readonly importSpecs: Node[] = [];
  private readonly importDeclarations: Node[] = [];
  /** Local name of the go-redis package in this file, when it imports it. */
  private redisPackage: string | undefined;
  private readonly clientNames = new Set<string>();
  /** Pipeline variables and TxPipelined/Pipelined callback parameters → the call that opened them. */
  private readonly pipelines = new Map<string, { at: Node; transaction: boolean; scope: Node }>();

  constructor(root: Node, input: SourceFileInput, manifests: TreeClientSyntax['manifests']) {
    super(root, input, manifests, READER_TYPES);
    this.values = new GoValues(input.path, root, input.text);
    this.readImports();
  }

  /** Without go-redis, no call is a client's: the strings are all there is to read. */
  protected readsCalls(): boolean {
    return this.redisPackage !== undefined;
  }

  /** A call `receiver.name(…)`. */
  protected isCallEndingIn(node: Node, nameEnd: number): boolean {
    if (node.type !== 'call_expression') return false;
    const callee = node.childForFieldName('function');
    if (callee?.type !== 'selector_expression' || callee.endIndex !== nameEnd) return false;
    this.selectors.set(node.id, { callee, nameEnd });
    return true;
  }

  /** The callee of each call found by its name, by call id: a selector, found with the call, and where it ends. */
  private readonly selectors = new Map<number, { callee: Node; nameEnd: number }>();

  /** Whether the tree has no syntax errors (read once, when first asked). */
  private clean: boolean | undefined;

  protected outermostString(literal: Node): Node | undefined {
    if (literal.parent?.type === 'import_spec') return undefined;
    let top = literal;
    while (top.parent?.type === 'binary_expression' && top.parent.childForFieldName('operator')?.text === '+') top = top.parent;
    return top;
  }

  /**
   * The file's import declarations (at its top level), found from their keyword in the text: a Go file has a few,
   * while its top level holds every type and function.
   */
  private readImports(): void {
    for (const keyword of nodesAtMatches(this.root, this.input.text, IMPORT_KEYWORD)) {
      const declaration = keyword.parent;
      if (declaration?.type !== 'import_declaration' || !sameNode(declaration.parent, this.root)) continue;
      this.importDeclarations.push(declaration);
      for (const child of declaration.namedChildren) {
        const specs = child?.type === 'import_spec_list' ? child.namedChildren : [child];
        for (const spec of specs) if (spec?.type === 'import_spec') this.importSpecs.push(spec);
      }
    }
    for (const spec of this.importSpecs) {
      const path = spec.childForFieldName('path')?.text.slice(1, -1) ?? '';
      if (!GO_REDIS_PATH.test(path)) continue;
      this.redisPackage = spec.childForFieldName('name')?.text ?? 'redis';
    }
  }

  /**
   * How many times the file names each of `names` as a package (`redis.NewClient`: one use of `redis`), for the imports
   * a fix may drop. One search of the text for all names, each match followed by `.` and a name (comments may sit
   * around the dot); a match counts where the tree has a selector or a qualified type (`*os.File`) spanning exactly
   * it, not in a comment or a string.
   */
  private packageUses(names: readonly string[]): Map<string, number> {
    const uses = new Map(names.map((name) => [name, 0]));
    if (names.length === 0) return uses;
    // Each name followed by `.` and a name, captured: what a selector or a qualified type spans.
    for (const match of this.input.text.matchAll(wholeNames(names, '', `(${GAP}\\.${GAP}[\\p{L}_][\\p{L}\\p{N}_]*)`))) {
      const type = nodeAt(this.root, match.index, match.index + match[0].length + match[1]!.length)?.type;
      if (type === 'selector_expression' || type === 'qualified_type') uses.set(match[0], uses.get(match[0])! + 1);
    }
    return uses;
  }

  /**
   * Names of the file's functions, which a fix must not declare again: a cursor over the top level reads each
   * declaration's type without making a node of it (a Go file's top level holds every type and method), and a name
   * written plainly after `func` is read from the text.
   */
  private functionNames(): string[] {
    const names: string[] = [];
    const cursor = this.root.walk();
    try {
      for (let more = cursor.gotoFirstChild(); more; more = cursor.gotoNextSibling()) {
        if (cursor.nodeType !== 'function_declaration') continue;
        FUNCTION_NAME.lastIndex = cursor.startIndex;
        const written = FUNCTION_NAME.exec(this.input.text)?.[1];
        // After `func`, the tree reads a missing name before a keyword.
        names.push(written && !GO_KEYWORDS.has(written) ? written : cursor.currentNode.childForFieldName('name')?.text ?? '');
      }
    } finally {
      cursor.delete();
    }
    return names;
  }

  /** Each call's receiver and method, by call id: a call is observed, then read, and each asks more than once. */
  private readonly members = new Map<number, Member | undefined>();

  private member(call: Node): Member | undefined {
    if (this.members.has(call.id)) return this.members.get(call.id);
    const selector = this.selectors.get(call.id);
    this.clean ??= selector && !this.root.hasError;
    const written = selector && this.clean ? this.memberWritten(selector.callee.startIndex, selector.nameEnd) : undefined;
    const member = written ?? this.memberInTree(call, selector?.callee);
    this.members.set(call.id, member);
    return member;
  }

  /**
   * The receiver and method of a selector `callee` ending in a name at `nameEnd`, read from the text of a tree
   * without syntax errors, where the selector's children would each cross into WebAssembly: the receiver is what
   * stands before the `.` (blanks around it on one line). Undefined when a comment or a line break may stand there.
   */
  private memberWritten(start: number, nameEnd: number): Member | undefined {
    const text = this.input.text;
    let at = nameEnd;
    while (at > start && isAsciiWordCode(text.charCodeAt(at - 1))) at--;
    const nameStart = at;
    while (at > start && isBlankCode(text.charCodeAt(at - 1))) at--;
    if (nameStart === nameEnd || text[at - 1] !== '.') return undefined;
    at--;
    while (at > start && isBlankCode(text.charCodeAt(at - 1))) at--;
    if (at === start || /[\s/]/.test(text[at - 1]!)) return undefined;
    return { receiverText: text.slice(start, at), method: text.slice(nameStart, nameEnd), methodAt: { file: this.input.path, start: nameStart, end: nameEnd } };
  }

  private memberInTree(call: Node, selector: Node | undefined): Member | undefined {
    const fn = selector ?? call.childForFieldName('function');
    const receiver = selector || fn?.type === 'selector_expression' ? fn!.childForFieldName('operand') : null;
    const field = receiver && fn!.childForFieldName('field');
    const method = field?.text;
    return receiver && field && method ? { receiverText: receiver.text, method, methodAt: this.span(field) } : undefined;
  }

  private constructorOf(call: Node): string | undefined {
    const member = this.member(call);
    if (!member || !this.redisPackage || member.receiverText !== this.redisPackage) return undefined;
    return CONSTRUCTORS.includes(member.method) ? member.method : undefined;
  }

  /** The name a call's result is bound to (`rdb := redis.NewClient(…)`, `pipe := rdb.TxPipeline()`). */
  private boundName(call: Node): string | undefined {
    const list = call.parent;
    const statement = list?.parent;
    if (list?.type !== 'expression_list' || !statement || !/^(?:short_var_declaration|assignment_statement)$/.test(statement.type)) return undefined;
    const left = statement.childForFieldName('left')?.namedChildren[0];
    return left?.text;
  }

  protected observeCall(call: Node): void {
    const made = this.constructorOf(call);
    // Finding what a call is bound to walks up from it: only for clients' constructors and pipelines.
    if (made && !made.startsWith('Parse')) {
      const name = this.boundName(call);
      if (name) this.clientNames.add(name);
    }
    const member = this.member(call);
    if (!member || !this.isClient(member.receiverText)) return;
    if (member.method === 'TxPipeline' || member.method === 'Pipeline') {
      const name = this.boundName(call);
      if (name) this.pipelines.set(name, { at: call, transaction: member.method === 'TxPipeline', scope: this.root });
    }
    if (member.method === 'TxPipelined' || member.method === 'Pipelined') {
      const callback = argumentsOf(call).find((arg) => arg.type === 'func_literal');
      const parameter = callback?.childForFieldName('parameters')?.namedChildren[0]?.childForFieldName('name');
      const body = callback?.childForFieldName('body');
      if (parameter && body) this.pipelines.set(parameter.text, { at: call, transaction: member.method === 'TxPipelined', scope: body });
    }
  }

  private isClient(receiver: string): boolean {
    if (!this.redisPackage) return false;
    const last = receiver.slice(receiver.lastIndexOf('.') + 1);
    return this.clientNames.has(receiver) || CLIENT_NAME.test(last);
  }

  protected readCall(call: Node): void {
    const made = this.constructorOf(call);
    if (made) {
      this.evidence.endpoints.push(...this.clientEndpoints(call, made));
      return;
    }
    const member = this.member(call);
    if (!member || this.pipelines.has(member.receiverText) || !this.isClient(member.receiverText)) return;
    const list = call.childForFieldName('arguments');
    const written = list ? this.input.text.slice(list.startIndex, list.endIndex) : '';
    const args = argumentsIn(list, written).slice(1);
    if (member.method === 'Do') {
      const name = this.values.value(args[0]);
      const database = this.values.value(args[1]);
      if (name.kind === 'string' && /^select$/i.test(name.value.text) && database.kind === 'number' && database.span) {
        this.evidence.databases.push({ value: database.value, span: database.span });
      }
      return;
    }
    const known = COMMANDS[member.method];
    if (!known) return;
    const [command, spec] = known;
    const at = member.methodAt;
    if (spec === 'keys' || spec === 'scan') {
      const pattern = this.values.value(args[spec === 'keys' ? 0 : 1]);
      if (spec === 'keys' || pattern.kind !== 'string' || pattern.value.text !== '') this.evidence.commands.push({ at, command, keys: [] });
      return;
    }
    // `keys...` passes a slice: without `...` in the arguments, no argument can.
    const keys = this.keysOf(spec, args, written.includes('...'));
    if (keys === null) return;
    const use = { at, command, keys: keys?.map((key) => this.keyArg(key)) };
    // The keys of `all` are the call's own arguments, where the hash-tag fix edits them.
    const site = keys && spec === 'all' ? this.siteOf(call, member, keys) : undefined;
    this.evidence.commands.push(site ? { ...use, site } : use);
  }

  private keyArg(node: Node): KeyArg {
    return keyArgOf(this.valueOf(node), node, this.input.path);
  }

  /** Key expressions; `undefined` when the list cannot be known (`keys...`), `null` when fewer than two. */
  private keysOf(spec: KeySpec, args: Node[], mayPassSlice: boolean): Node[] | undefined | null {
    const spread = mayPassSlice && args.some((arg) => arg.type === 'variadic_argument' || arg.nextSibling?.type === '...');
    switch (spec) {
      case 'two':
        return args.length >= 2 ? args.slice(0, 2) : null;
      case 'eval': {
        const list = compositeOf(args[1]);
        if (!list) return args[1] ? undefined : null;
        const keys = (list.childForFieldName('body')?.namedChildren ?? []).flatMap((item) => (item ? [item.namedChildren[0] ?? item] : []));
        return keys.length >= 2 ? keys : null;
      }
      case 'pairs': {
        if (spread) return undefined;
        return args.length >= 4 ? args.filter((_, index) => index % 2 === 0) : null;
      }
      default: {
        if (spread) return undefined;
        const keys = spec === 'afterFirst' ? args.slice(1) : args;
        return keys.length >= 2 ? keys : null;
      }
    }
  }

  private siteOf(call: Node, member: Member, keys: Node[]): CallSite | undefined {
    const file = this.input.path;
    return {
      receiver: member.receiverText,
      method: member.method,
      use: 'other',
      open: { file, start: call.startIndex, end: keys[0]!.startIndex },
      close: { file, start: keys.at(-1)!.endIndex, end: call.endIndex },
      keys: keys.map((key) => siteKeyOf(key, this.valueOf(key), file, goQuoteLength)),
      pairs: [],
    };
  }

  protected readPipelines(): void {
    if (this.pipelines.size === 0) return;
    const keysOf = new Map<string, KeyArg[] | undefined>();
    for (const call of this.allCalls()) {
      const member = this.member(call);
      if (!member || PIPELINE_CONTROL.has(member.method)) continue;
      const pipeline = this.pipelines.get(member.receiverText);
      if (!pipeline || call.startIndex < pipeline.scope.startIndex || call.endIndex > pipeline.scope.endIndex) continue;
      const name = member.receiverText;
      const keys = keysOf.has(name) ? keysOf.get(name) : [];
      const first = argumentsOf(call)[1];
      if (keys && first) keysOf.set(name, [...keys, this.keyArg(first)]);
    }
    for (const [name, { at, transaction }] of this.pipelines) {
      const keys = keysOf.get(name);
      if (!keys || new Set(keys.map((key) => key.text)).size < 2) continue;
      const field = at.childForFieldName('function')?.childForFieldName('field');
      this.evidence.commands.push({ at: this.span(field ?? at), command: transaction ? 'MULTI' : 'PIPELINE', keys });
    }
  }

  private clientEndpoints(call: Node, made: string): Endpoint[] {
    const [first] = argumentsOf(call);
    if (made.startsWith('Parse')) {
      const value = this.values.value(first);
      const text = value.kind === 'string' ? value.value : ComposedString.unknown();
      const found = first && findEndpointsInText(text, this.span(first)).find((candidate) => candidate.source === 'connection URL');
      const endpoint: Endpoint = found ? { ...found, at: this.span(call) } : { at: this.span(call), host: { kind: 'unknown' }, source: '' };
      return [{ ...endpoint, source: `redis.${made}()`, client: made === 'ParseURL' ? 'single' : 'cluster' }];
    }
    const literal = compositeOf(first) ?? this.optionsVariable(first);
    // `redis.NewClient(opt)` with options from ParseURL: the URL is the endpoint (read at ParseURL).
    if (!literal) return [];
    const elements = keyedElements(literal);
    // Each name read once: a lookup of each field by name would read them all again.
    const names = elements.map(elementName);
    const fieldValue = (name: string) => {
      const index = names.indexOf(name);
      return index < 0 ? undefined : elementValue(elements[index]!);
    };
    const source = `redis.${made}()`;
    const addresses: Node[] = [];
    const addr = fieldValue('Addr');
    if (addr) addresses.push(addr);
    const addrs = compositeOf(fieldValue('Addrs'));
    for (const item of addrs?.childForFieldName('body')?.namedChildren ?? []) if (item) addresses.push(item.namedChildren[0] ?? item);
    const cluster = made === 'NewClusterClient' || made === 'NewFailoverClusterClient' || (made === 'NewUniversalClient' && addresses.length > 1);
    const base: Endpoint = { at: this.span(call), source, client: cluster ? 'cluster' : 'single', host: addresses.length === 0 ? { kind: 'absent' } : { kind: 'unknown' } };
    const endpoints: Endpoint[] = addresses.length === 0 ? [base] : addresses.map((address) => ({ ...base, ...hostAndPort(this.values.value(address)) }));
    const main = endpoints[0]!;
    const password = fieldValue('Password');
    const passwordValue = password && this.values.value(password);
    if (password && !(passwordValue?.kind === 'string' && passwordValue.value.text === '')) main.password = this.span(password);
    const db = names.includes('DB') ? this.values.value(fieldValue('DB')) : undefined;
    if (db?.kind === 'number' && db.span) main.database = { value: db.value, span: db.span };
    const syntax = this.syntaxOf(call, literal, elements, names);
    const tls = fieldValue('TLSConfig');
    if (tls) {
      if (tls.type === 'nil') main.tls = { value: false, span: undefined, enableText: '' };
    } else if (endpoints.some(tlsExpected)) {
      const insert = syntax.optionInsert;
      const edits = [{ span: { file: this.input.path, start: insert.at, end: insert.at }, newText: `${insert.before}TLSConfig: &tls.Config{MinVersion: tls.VersionTLS12}${insert.after}` }];
      const tlsImport = this.importEdit('crypto/tls', syntax);
      main.tls = { value: false, span: undefined, enableText: '', insertion: tlsImport ? [...edits, tlsImport] : edits };
    }
    main.treeClient = syntax;
    return endpoints;
  }

  /**
   * Options built in a variable first (`op := &redis.Options{…}; redis.NewClient(op)`) are read, and fixed, where they
   * are written, when the client is the variable's only use: a fix may change their type. Uses are the name written
   * in code (an identifier of the tree), not in a comment, a string or as a field of something else.
   */
  private optionsVariable(argument: Node | undefined): Node | undefined {
    if (argument?.type !== 'identifier') return undefined;
    const uses = nodesAtMatches(this.root, this.input.text, wholeNames([argument.text])).filter((node) => node.type === 'identifier').length;
    return uses === 2 ? compositeOf(this.values.bindingOf(argument.text)) : undefined;
  }

  /** The edit that imports `path`, or none when the file imports it already. */
  importEdit(path: string, syntax: TreeClientSyntax): { span: Span; newText: string } | undefined {
    if (syntax.imports.some((line) => line.endsWith(`"${path}"`))) return undefined;
    const at = syntax.importInsert.at;
    return { span: { file: this.input.path, start: at, end: at }, newText: `${syntax.importInsert.before}"${path}"${syntax.importInsert.after}` };
  }

  /**
   * Each import the options literal names (`os` of `Password: os.Getenv("KEY")`): its local name, its uses, and the
   * lines deleting it removes (the declaration when it is alone). A fix that edits the options can take away only
   * uses of those, so the others are not counted.
   */
  private packages(literal: Node): NonNullable<TreeClientSyntax['packages']> {
    const text = this.input.text;
    const imported = this.importSpecs.map((spec) => {
      const path = spec.childForFieldName('path')?.text.slice(1, -1) ?? '';
      return { spec, name: spec.childForFieldName('name')?.text ?? path.slice(path.lastIndexOf('/') + 1) };
    });
    const named = new Set(imported.length > 0 ? Array.from(literal.text.matchAll(wholeNames(imported.map(({ name }) => name))), (match) => match[0]) : []);
    const uses = this.packageUses([...named]);
    const found: NonNullable<TreeClientSyntax['packages']> = {};
    for (const { spec, name } of imported) {
      if (!named.has(name)) continue;
      const whole = spec.parent?.type === 'import_declaration' ? spec.parent : spec;
      const start = text.lastIndexOf('\n', whole.startIndex - 1) + 1;
      const end = text.indexOf('\n', whole.endIndex);
      found[name] = { uses: uses.get(name)!, removal: { file: this.input.path, start, end: end < 0 ? text.length : end + 1 } };
    }
    return found;
  }

  private syntaxOf(call: Node, literal: Node, elements: Node[], names: string[]): TreeClientSyntax {
    const file = this.input.path;
    const body = literal.childForFieldName('body')!;
    const options: TreeOption[] = elements.map((element, index) => {
      const [start, end] = removalRange(elements, index);
      return { name: names[index]!, span: this.span(element), valueText: elementValue(element)?.text ?? '', removal: { file, start, end } };
    });
    const fn = call.childForFieldName('function')!;
    const last = elements.at(-1);
    const block = this.importDeclarations.find((declaration) => declaration.namedChildren[0]?.type === 'import_spec_list');
    const list = block?.namedChildren[0];
    const anyImport = this.importDeclarations.at(-1);
    const importInsert = list
      ? { at: list.startIndex + 1, before: `${this.newline}\t`, after: '' }
      : anyImport
        ? { at: anyImport.endIndex, before: `${this.newline}import `, after: '' }
        : { at: this.root.namedChildren.find((node) => node?.type === 'package_clause')?.endIndex ?? 0, before: `${this.newline}${this.newline}import `, after: '' };
    return {
      language: 'go',
      call: this.span(call),
      callee: { value: fn.text, span: this.span(fn) },
      options,
      positional: 0,
      opaque: (body.namedChildren ?? []).some((item) => item !== null && item.type !== 'keyed_element' && item.type !== 'comment'),
      optionInsert: last
        ? { at: last.endIndex, before: itemSeparator(this.input.text, body, elements, this.newline), after: '' }
        : { at: body.startIndex + 1, before: '', after: '' },
      imports: this.importSpecs.map((spec) => spec.text),
      importInsert,
      optionsType: { value: literal.childForFieldName('type')!.text, span: this.span(literal.childForFieldName('type')!) },
      packages: this.packages(literal),
      fileEnd: this.input.text.length,
      topLevelNames: this.functionNames(),
      newline: this.newline,
      manifests: this.manifests,
    };
  }
}

/** The evidence in one Go file's syntax tree. */
export function analyzeGo(root: Node, input: SourceFileInput, manifests: TreeClientSyntax['manifests']): FileEvidence {
  return new GoFile(root, input, manifests).analyze();
}
