import { ts } from 'ts-morph';
import type { TextChange } from '../textChange';
import { Kind, forEachChild } from './compilerApi';
import { parseScript } from './project';

/**
 * Declarations whose closing `}` ends the statement whatever follows (`function f() {}` then `(x)` stays two
 * statements); any other statement must end in its own `;` for the parse after it not to depend on it.
 */
const CLOSED_BY_BRACE = new Set<ts.SyntaxKind>([
  Kind.FunctionDeclaration, Kind.ClassDeclaration, Kind.InterfaceDeclaration, Kind.EnumDeclaration, Kind.ModuleDeclaration,
]);

const SEMICOLON = 0x3b;
const CLOSE_BRACE = 0x7d;

/**
 * Flags the compiler keeps out of its public typings: `await` outside a function, `import.meta` somewhere below. Read
 * by name, so a compiler without them turns splicing off instead of misreading other bits.
 */
const internal = ts as unknown as { TransformFlags?: Record<string, number>; NodeFlags: Record<string, number> };
const TOP_LEVEL_AWAIT = internal.TransformFlags?.ContainsPossibleTopLevelAwait;
const IMPORT_META = internal.NodeFlags.PossiblyContainsImportMeta;
const DYNAMIC_IMPORT = internal.NodeFlags.PossiblyContainsDynamicImport;

/** Cached on a node by the compiler ("does anything below hold a parse error"); stale once the children change. */
const AGGREGATED_ERROR_FLAGS = ts.NodeFlags.HasAggregatedChildData | ts.NodeFlags.ThisNodeOrAnySubNodesHasError;

/** Whether the parse of the text after `statement` cannot depend on it: it ends in `;` or is a closed declaration. */
function endsCleanly(statement: ts.Statement, text: string): boolean {
  const last = text.charCodeAt(statement.end - 1);
  return last === SEMICOLON || (last === CLOSE_BRACE && CLOSED_BY_BRACE.has(statement.kind));
}

/**
 * Whether the parser reported an error after the start of `range` and up to its end, inclusive: a `'…;` string left
 * open also ends in `;`, and is no sign that the statement ended. (An error ending where a statement starts is
 * the text skipped before it.)
 */
function hasErrorWithin(source: ts.SourceFile, range: ts.TextRange): boolean {
  const errors = (source as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  return errors.some((error) => error.start + error.length > range.pos && error.start <= range.end);
}

/** Where the first token at or after `pos` lies (from its first character, so that an error on it is within). */
function firstToken(source: ts.SourceFile, pos: number): ts.TextRange {
  const scanner = ts.createScanner(source.languageVersion, true, source.languageVariant, source.text, undefined, pos);
  scanner.scan();
  return { pos: scanner.getTokenStart() - 1, end: scanner.getTokenEnd() };
}

/**
 * A statement that may hold an `await` outside any function, or that the compiler parsed again in an await context
 * because it did (in a module it re-parses such statements, and the context of those around them may change).
 */
function touchesTopLevelAwait(statement: ts.Statement): boolean {
  return (statement.flags & ts.NodeFlags.AwaitContext) !== 0 || (((statement as { transformFlags?: number }).transformFlags ?? 0) & TOP_LEVEL_AWAIT!) !== 0;
}

/** How far `shift` moves what it visits; one walk at a time, so the visitors below are allocated once, not per node. */
let shiftBy = 0;

function shiftNode(node: ts.Node): undefined {
  (node as { pos: number }).pos += shiftBy;
  (node as { end: number }).end += shiftBy;
  const jsDoc = (node as { jsDoc?: ts.Node[] }).jsDoc;
  if (jsDoc) for (const comment of jsDoc) shiftNode(comment);
  return forEachChild(node, shiftNode, shiftList);
}

function shiftList(list: ts.NodeArray<ts.Node>): undefined {
  (list as { pos: number }).pos += shiftBy;
  (list as { end: number }).end += shiftBy;
  for (const item of list) shiftNode(item);
  return undefined;
}

/** Adds `delta` to the positions of `node`, everything below it and its node lists. */
function shift(node: ts.Node, delta: number): void {
  shiftBy = delta;
  shiftNode(node);
}

/**
 * Gives the nodes of a statement parsed from padded text their parent and, for those whose leading trivia began in
 * the padding, the position they have in the whole file: right after the statement before.
 */
function adopt(node: ts.Node, parent: ts.Node, start: number): void {
  (node as { parent: ts.Node }).parent = parent;
  if (node.pos >= start) return adoptChildren(node, start);
  (node as { pos: number }).pos = start;
  const fixList = (list: ts.NodeArray<ts.Node>) => {
    if (list.pos < start) (list as { pos: number }).pos = start;
    for (const item of list) adopt(item, node, start);
  };
  forEachChild(node, (child) => adopt(child, node, start), fixList);
}

function adoptChildren(node: ts.Node, start: number): void {
  const parentOnly = (child: ts.Node): void => {
    (child as { parent: ts.Node }).parent = node;
    adoptChildren(child, start);
  };
  forEachChild(node, parentOnly, (list) => list.forEach(parentOnly));
}

/** The index of the first statement that ends after `offset`, or `statements.length`. */
function firstEndingAfter(statements: readonly ts.Statement[], offset: number): number {
  let low = 0;
  let high = statements.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (statements[middle].end > offset) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * How many statements beyond those an edit touched the re-parsed region may take in on either side, to reach a
 * boundary where the parse is known to start afresh. Typing leaves statements broken (a `const` typed into an
 * interface closes it there, and its other members become statements of their own); edits next to them need a few.
 */
const MAX_EXTRA_STATEMENTS = 8;

/** How many regions one edit may parse before leaving the edit to the compiler. */
const MAX_REGION_PARSES = 3;

/**
 * Whether the parse of the whole file starts afresh at the start of `statements[index]`, whatever follows: the
 * statement before ends in `;` or a closed declaration, without an error, and the token after it scanned cleanly.
 */
function startsAfresh(source: ts.SourceFile, index: number): boolean {
  if (index === 0) return true;
  const previous = source.statements[index - 1];
  return source.statements[index].pos === previous.end && endsCleanly(previous, source.text) && !hasErrorWithin(source, previous) &&
    !hasErrorWithin(source, firstToken(source, previous.end));
}

/**
 * Whether the parse of the whole file went on afresh after `statements[index]`: the next statement starts where it
 * ends, and neither the boundary nor the token after it holds an error. The parser reports what a statement lacks at
 * the token after it (`';' expected` at the next statement's first token), where the next statement reports its own
 * errors too; after the last statement, an error may be the last statement's (a `}` missing at the end of the file)
 * or the file end's (a comment left open). Whose such an error is, is not known: the compiler's to sort out. And the
 * parser has read one token past a statement when it finishes it, so the scanner's error on that token (a string
 * left open) marks the statement before as having an error: that token must be as clean before as after.
 */
function goesOnAfresh(source: ts.SourceFile, index: number): boolean {
  const end = source.statements[index].end;
  const next = source.statements[index + 1];
  if (!next) return !hasErrorWithin(source, { pos: end - 1, end: Infinity });
  return next.pos === end && !hasErrorWithin(source, { pos: end - 1, end: next.getStart(source) }) && !hasErrorWithin(source, firstToken(source, end));
}

/**
 * Re-parses only the top-level statements an edit touched and splices them into `source`, which then holds `text`;
 * the statements before keep their nodes, those after keep theirs, moved. This skips the compiler's incremental
 * parser, which walks every node of the file three times per edit (parents before and after, positions) and was
 * most of a live re-scan of a long file.
 *
 * The region parsed runs from a boundary where the parse of the file starts afresh to one where it goes on afresh,
 * in the tree before and in the region's own parse; where the statements the edit touched do not end at such
 * boundaries (an `x` the next line could continue as `x(…)`, a statement broken by an earlier edit), the region
 * takes in up to MAX_EXTRA_STATEMENTS more on each side.
 *
 * Returns `undefined`, leaving `source` as it was, wherever the spliced tree might differ from a fresh parse of
 * `text`: when the edit reaches past the last statement, when no such boundaries are near, when the new statements
 * may hold a top-level `await`, or when the edit makes the file a module or a script.
 */
export function spliceStatements(source: ts.SourceFile, text: string, change: TextChange): ts.SourceFile | undefined {
  if (TOP_LEVEL_AWAIT === undefined || IMPORT_META === undefined || DYNAMIC_IMPORT === undefined) return undefined;
  const statements = source.statements;
  const touched = firstEndingAfter(statements, change.start);
  if (touched === statements.length) return undefined;
  // The statements the edit touched: from `touched` up to the last one that starts before its end. Text typed right
  // after a statement goes with the one after it, as its leading trivia would.
  let lastTouched = touched;
  while (lastTouched + 1 < statements.length && statements[lastTouched + 1].pos < change.oldEnd) lastTouched++;
  if (change.oldEnd > statements[lastTouched].end) return undefined;
  let first = touched;
  while (!startsAfresh(source, first)) {
    if (first === 0 || touched - first >= MAX_EXTRA_STATEMENTS) return undefined;
    first--;
  }
  const regionStart = first === 0 ? 0 : statements[first - 1].end;
  const delta = change.newEnd - change.oldEnd;
  let region: ts.SourceFile | undefined;
  let last = lastTouched;
  for (let parses = 0; ; last++) {
    if (last >= statements.length || last - lastTouched > MAX_EXTRA_STATEMENTS || parses === MAX_REGION_PARSES) return undefined;
    // Beyond the statements touched, an untouched statement that did not end cleanly before will not now.
    if (last > lastTouched && !endsCleanly(statements[last], source.text)) continue;
    if (!goesOnAfresh(source, last)) continue;
    parses++;
    // A statement deleted or commented out leaves trivia that belongs to the next statement: the region then takes
    // that one in too.
    region = parseRegion(source, text, regionStart, statements[last].end + delta);
    if (region) break;
  }
  if (first > 0 && hasErrorWithin(region, firstToken(region, regionStart))) return undefined;
  const regionOldEnd = statements[last].end;
  const replacement = region.statements;
  // In a module the compiler parses a top-level `await` again, with statements around it: a file holding one, or
  // whose statements show that it did, is the compiler's.
  if (replacement.some(touchesTopLevelAwait) || statements.some(touchesTopLevelAwait)) return undefined;
  // `import.meta` makes a file a module too; rare enough in Redis code to leave to the compiler.
  if (region.flags & IMPORT_META) return undefined;
  const spliced = [...statements.slice(0, first), ...replacement, ...statements.slice(last + 1)];
  const moduleIndicator = spliced.find(isModuleIndicator);
  const mutable = source as Mutable<ts.SourceFile> & {
    lineMap?: unknown;
    parseDiagnostics?: ts.DiagnosticWithLocation[];
    commentDirectives?: CommentDirective[];
    externalModuleIndicator?: ts.Node | true;
  };
  const wasModule = mutable.externalModuleIndicator;
  if (wasModule !== undefined && (typeof wasModule !== 'object' || wasModule.kind === Kind.MetaProperty)) return undefined;
  if ((wasModule === undefined) !== (moduleIndicator === undefined)) return undefined;

  for (const statement of replacement) adopt(statement, source, regionStart);
  if (delta !== 0) {
    for (let index = last + 1; index < statements.length; index++) shift(statements[index], delta);
    shift(source.endOfFileToken, delta);
  }
  const list = ts.factory.createNodeArray(spliced);
  (list as { pos: number }).pos = statements.pos;
  (list as { end: number }).end = statements.end + delta;
  mutable.statements = list;
  mutable.text = text;
  mutable.end = text.length;
  // The parser's hints for the compiler (an `import(…)` somewhere) are the file's; like the compiler's incremental
  // parser, splicing adds the new statements' and keeps the old.
  mutable.flags = (mutable.flags & ~AGGREGATED_ERROR_FLAGS) | (region.flags & DYNAMIC_IMPORT!);
  mutable.lineMap = undefined;
  mutable.externalModuleIndicator = moduleIndicator;
  // The file keeps the errors before and after the region, moved with their text, and takes the region's.
  // (Only this splicing reads them, to know which statements ended cleanly.)
  mutable.parseDiagnostics = [
    ...outsideRegion(mutable.parseDiagnostics, regionStart, regionOldEnd, delta, (diagnostic) => diagnostic.start, (diagnostic, start) => ({ ...diagnostic, start })),
    ...((region as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? []).map((diagnostic) => ({ ...diagnostic, file: source })),
  ].sort((a, b) => a.start - b.start);
  mutable.commentDirectives = [
    ...outsideRegion(mutable.commentDirectives, regionStart, regionOldEnd, delta, (directive) => directive.range.pos, (directive) => ({
      ...directive, range: { ...directive.range, pos: directive.range.pos + delta, end: directive.range.end + delta },
    })),
    ...(region as { commentDirectives?: CommentDirective[] }).commentDirectives ?? [],
  ].sort((a, b) => a.range.pos - b.range.pos);
  return source;
}

/**
 * Parses `text` from `start` to `end` alone, with spaces in place of the text before so that every position is the
 * one in the whole file; `undefined` unless the region parses the same within the whole file, where more text
 * follows: its last statement must end at `end`, cleanly, and without an error at its end. (Errors inside the region
 * are the same in the whole file: a member half-typed into an interface.)
 */
function parseRegion(source: ts.SourceFile, text: string, start: number, end: number): ts.SourceFile | undefined {
  const padded = ' '.repeat(start) + text.slice(start, end);
  const region = parseScript(source.fileName, padded);
  const last = region.statements.at(-1);
  if (!last || last.end !== end || !endsCleanly(last, padded) || hasErrorWithin(region, { pos: last.end - 1, end: Infinity })) return undefined;
  return region;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A `// @ts-ignore`-style comment the compiler records per file. */
interface CommentDirective {
  range: ts.TextRange;
  type: number;
}

/** The entries before the region as they are, those after it moved by `delta`; those inside it go. */
function outsideRegion<T>(entries: readonly T[] | undefined, start: number, oldEnd: number, delta: number, at: (entry: T) => number, moved: (entry: T, at: number) => T): T[] {
  const kept: T[] = [];
  for (const entry of entries ?? []) {
    const offset = at(entry);
    if (offset < start) kept.push(entry);
    else if (offset >= oldEnd) kept.push(moved(entry, offset + delta));
  }
  return kept;
}

/** What makes the compiler treat a file as a module (an import or export), as it decides after a parse. */
function isModuleIndicator(statement: ts.Statement): boolean {
  switch (statement.kind) {
    case Kind.ImportDeclaration:
    case Kind.ExportAssignment:
    case Kind.ExportDeclaration:
      return true;
    case Kind.ImportEqualsDeclaration:
      return (statement as ts.ImportEqualsDeclaration).moduleReference.kind === Kind.ExternalModuleReference;
    default:
      return ts.canHaveModifiers(statement) && (ts.getModifiers(statement)?.some((modifier) => modifier.kind === Kind.ExportKeyword) ?? false);
  }
}
