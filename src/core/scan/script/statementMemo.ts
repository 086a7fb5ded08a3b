import type { ts } from 'ts-morph';
import type { CallSite, CommandUse, Span } from '../../evidence/evidence';

/**
 * What the analysis of one top-level statement found, kept by a live session across scans. The incremental
 * re-parse hands back the very same statement object only when none of its text changed, so what depends on
 * the statement's own text alone stays true; the statement may have moved, so spans are stored with the
 * statement's position at the time and moved by the difference when used.
 */
export interface StatementMemo {
  /** The statement's `pos` when the entries below were computed. */
  pos: number;
  /** The nodes the analysis looks at, in walk order. */
  nodes: ts.Node[];
  /**
   * Multi-key command calls read without looking outside the statement (no file-level constant, no import):
   * their command, keys and call site. `undefined` as a value: the call is not a multi-key command.
   */
  commands: Map<ts.CallExpression, MemoizedCommand | undefined>;
}

export interface MemoizedCommand {
  at: Span;
  command: string;
  keys: CommandUse['keys'];
  /** Computed for every call whose keys have a known layout; used unless the receiver is a transaction variable. */
  site: CallSite | undefined;
}

function moved(span: Span, delta: number): Span {
  return { file: span.file, start: span.start + delta, end: span.end + delta };
}

function movedSite(site: CallSite, delta: number): CallSite {
  return {
    ...site,
    open: moved(site.open, delta),
    close: moved(site.close, delta),
    keys: site.keys.map((key) => ({
      ...key,
      span: moved(key.span, delta),
      ...(key.literal && { literal: { ...key.literal, start: key.literal.start + delta } }),
    })),
    pairs: site.pairs.map((pair) => ({ ...pair, span: moved(pair.span, delta) })),
  };
}

/** A memoized command as it reads where its statement now starts (`delta` characters later than then). */
export function movedCommand(found: MemoizedCommand, delta: number): MemoizedCommand {
  if (delta === 0) return found;
  return { ...found, at: moved(found.at, delta), ...(found.site && { site: movedSite(found.site, delta) }) };
}
