import { UNKNOWN_CHAR, type Span } from '../evidence/evidence';

/**
 * A string value together with where its characters are written. Text files give one verbatim
 * piece; JS/TS values may be composed from literals in several places (concatenation, templates,
 * imported constants), with UNKNOWN_CHAR standing for parts the scanner cannot know.
 */
export interface SourcedString {
  readonly text: string;
  /** Where text[start, end) is written verbatim, when it is written in one place. */
  spanOf(start: number, end: number): Span | undefined;
}

/**
 * A run of the string: `origin` is the source offset of its first character when written verbatim; `standsFor` is
 * the expression an unknown part was read from (`key` in `` `rediss://:${key}@…` ``), so a finding on that part
 * (the password of a URL) is reported where the expression is written.
 */
export interface Piece {
  text: string;
  origin?: { file: string; offset: number };
  standsFor?: Span;
}

/** A part the scan cannot know, written as `written` at `standsFor`: its text is `written` between UNKNOWN_CHARs. */
export function unknownPart(written: string, standsFor: Span): Piece {
  return { text: `${UNKNOWN_CHAR}${written}${UNKNOWN_CHAR}`, standsFor };
}

/** Where the whole of a non-empty string is written verbatim, in one piece; undefined for composed or unknown text. */
export function writtenInOnePlace(s: ComposedString): Span | undefined {
  const [piece, ...more] = s.pieces;
  if (!piece?.origin || more.length > 0 || piece.text === '') return undefined;
  return { file: piece.origin.file, start: piece.origin.offset, end: piece.origin.offset + piece.text.length };
}

export class ComposedString implements SourcedString {
  readonly text: string;

  constructor(readonly pieces: readonly Piece[]) {
    this.text = pieces.map((piece) => piece.text).join('');
  }

  spanOf(start: number, end: number): Span | undefined {
    let pieceStart = 0;
    for (const piece of this.pieces) {
      const pieceEnd = pieceStart + piece.text.length;
      if (start >= pieceStart && end <= pieceEnd && start < pieceEnd) {
        if (!piece.origin) return piece.standsFor && { ...piece.standsFor };
        const offset = piece.origin.offset + (start - pieceStart);
        return { file: piece.origin.file, start: offset, end: offset + (end - start) };
      }
      pieceStart = pieceEnd;
    }
    return undefined;
  }

  static verbatim(file: string, text: string, offset: number): ComposedString {
    return new ComposedString([{ text, origin: { file, offset } }]);
  }

  static unknown(): ComposedString {
    return new ComposedString([{ text: UNKNOWN_CHAR }]);
  }
}
