import { mentionsLegacySuffix } from '../../evidence/hosts';

/**
 * Tokens without which a JS/TS file cannot hold a finding of its own, so it is never parsed (it may
 * still be parsed on demand when a scanned file imports a constant from it). Every client construction
 * imports from a module named like redis, every plausible client receiver is named or typed like one,
 * URLs and Azure host names contain "redis"; only ports, keyspace names and connection-string options
 * can appear without it.
 */
const INTERESTING = /redis(?!trib)|valkey|\b63(?:79|80)\b|keyspace|keyevent|abortConnect/i;
const INTERESTING_ALL = new RegExp(INTERESTING.source, 'gi');
/** Longer than any match of INTERESTING: a match lies whole in one of the pieces bytesMayHoldFindings reads. */
const PIECE_OVERLAP = 64;
const PIECE_BYTES = 64 * 1024;

/**
 * Whether the bytes of a UTF-8 JS/TS file may hold a finding: false only where mayHoldFindings of their text is
 * false too. They are decoded as Latin-1 in pieces that overlap: INTERESTING matches ASCII only (its `\b` and case
 * folding never take a character above U+007F for an ASCII one), and every other byte becomes a character
 * above U+007F as the UTF-8 decoder's characters are, so the pieces match wherever the text does. A piece is
 * short-lived and small, where the whole text of a large file would be allocated outside the young generation.
 */
export function bytesMayHoldFindings(bytes: Buffer): boolean {
  for (let start = 0; ; start += PIECE_BYTES - PIECE_OVERLAP) {
    const end = Math.min(bytes.length, start + PIECE_BYTES);
    if (INTERESTING.test(bytes.toString('latin1', start, end))) return true;
    if (end === bytes.length) return false;
  }
}

/**
 * Whether a JS/TS file may hold a finding: it has one of the tokens outside comments, or a legacy host name
 * anywhere. The analysis reads the syntax tree, which holds no comments (JSDoc is not parsed), so a token that
 * stands only in comments (`@param client - the Redis client`, `see https://redis.io/commands/get`) gives it
 * nothing; library code mentions Redis that way in most of its files.
 */
export function mayHoldFindings(text: string): boolean {
  if (!INTERESTING.test(text)) return false;
  return mentionsLegacySuffix(text) || !onlyInComments(text, INTERESTING_ALL);
}

/** Keywords after which a `/` starts a regular expression; after any other name it divides. */
const BEFORE_EXPRESSION = new Set(['return', 'typeof', 'instanceof', 'in', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'extends', 'default']);
/** Names after which a `/` may do either: contextual keywords, identifiers elsewhere. */
const AMBIGUOUS_WORDS = new Set(['of', 'yield', 'await']);

/**
 * The next token the lexer must look at: a whole string or comment, or a backquote or slash; everything between is
 * names, numbers, operators and white space. A lone quote is a string that a line ends, `/` before `*` a comment
 * that never ends. Inside `${…}` of a template a `{` or `}` counts too: the `}` that ends the substitution.
 */
const TOKEN_SOURCE = /'(?:[^'\\\n\r]|\\(?:\r\n|[^]))*'|"(?:[^"\\\n\r]|\\(?:\r\n|[^]))*"|\/\/[^\n\r\u2028\u2029]*|\/\*[^]*?\*\/|[`'"/]/.source;
const TOKEN = new RegExp(TOKEN_SOURCE, 'g');
const TOKEN_IN_TEMPLATE = new RegExp(`${TOKEN_SOURCE}|[{}]`, 'g');
const TEMPLATE_PART = /(?:[^`\\$]|\\[^]|\$(?!\{))*(`|\$\{)/y;
const REGEX_LITERAL = /\/(?:[^\\/[\n\r\u2028\u2029]|\\[^\n\r\u2028\u2029]|\[(?:[^\]\\\n\r\u2028\u2029]|\\[^\n\r\u2028\u2029])*\])+\/[\w$]*/y;
const LINE_BREAK = /[\n\r\u2028\u2029]/g;
const WORD_CHAR = /[\w$#\\\u0080-\uffff]/;

/**
 * Whether every match of `pattern` (global) in `text` lies inside a comment, by a small JavaScript lexer that
 * follows strings, templates, regular expressions and comments (with native regular expressions: a scan reads
 * megabytes once, before any of its code is optimised). It answers `true` only when it is sure: on anything it
 * cannot tell without a parser (a `/` after `)`, `}`, `++` or `!`, JSX, an unterminated literal) it answers `false`,
 * and the file is parsed as before.
 */
function onlyInComments(text: string, pattern: RegExp): boolean {
  // JSX text is not JavaScript: `//` in it is text. Every JSX element closes with `</` or `/>`.
  if (text.includes('</') || text.includes('/>')) return false;
  const matches: number[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) matches.push(match.index, match.index + match[0].length);
  let next = 0;
  /** Accounts for the comment [start, end): false when a match before it is outside comments or straddles it. */
  const comment = (start: number, end: number): boolean => {
    for (; next < matches.length && matches[next]! < end; next += 2) {
      if (matches[next]! < start || matches[next + 1]! > end) return false;
    }
    return true;
  };
  /** Where the last string, template or regular expression ended, and the last comment. */
  let valueEnd = 0;
  let commentEnd = 0;
  /** Open `${` of templates, and of braces inside them: `}` ends a substitution when its count is zero. */
  const braces: number[] = [];
  let i = 0;
  if (text.startsWith('#!')) {
    i = lineEnd(text, 2);
    if (!comment(0, i)) return false;
    commentEnd = i;
  }
  /** Reads a template from `i` (after its backquote or a substitution's `}`); false when it never closes. */
  const template = (): boolean => {
    TEMPLATE_PART.lastIndex = i;
    const part = TEMPLATE_PART.exec(text);
    if (!part) return false;
    i = TEMPLATE_PART.lastIndex;
    if (part[1] === '`') valueEnd = i;
    else braces.push(0);
    return true;
  };

  for (;;) {
    const token = braces.length > 0 ? TOKEN_IN_TEMPLATE : TOKEN;
    token.lastIndex = i;
    const found = token.exec(text);
    const at = found ? found.index : text.length;
    // Past a match without a comment around it: the match is code.
    if (next < matches.length && at > matches[next]!) return false;
    if (!found) break;
    const lexeme = found[0];
    i = token.lastIndex;
    switch (lexeme) {
      case "'":
      case '"':
        return false;
      case '`':
        if (!template()) return false;
        break;
      case '{':
        braces[braces.length - 1]!++;
        break;
      case '}':
        if (braces[braces.length - 1] === 0) {
          braces.pop();
          if (!template()) return false;
        } else {
          braces[braces.length - 1]!--;
        }
        break;
      case '/': {
        const starts = text.charCodeAt(i) === 0x2a /* * */ ? undefined : startsRegex(text, at, valueEnd, commentEnd);
        if (starts === undefined) return false;
        if (starts) {
          REGEX_LITERAL.lastIndex = at;
          if (!REGEX_LITERAL.test(text)) return false;
          i = valueEnd = REGEX_LITERAL.lastIndex;
        }
        break;
      }
      default:
        if (lexeme.charCodeAt(0) !== 0x2f /* / */) {
          valueEnd = i;
        } else {
          if (!comment(at, i)) return false;
          commentEnd = i;
        }
    }
  }
  return braces.length === 0 && next === matches.length;
}

/**
 * Whether the `/` at `at` (not a comment) starts a regular expression, from what stands before it; `undefined`
 * when that takes a parser to tell. `valueEnd` and `commentEnd` are where the last literal and comment ended.
 */
function startsRegex(text: string, at: number, valueEnd: number, commentEnd: number): boolean | undefined {
  let p = at - 1;
  while (p >= 0 && /\s/.test(text[p]!)) p--;
  if (p < 0) return true;
  if (p < commentEnd) return undefined; // a comment stands between: what came before it is not known here
  if (p < valueEnd) return false; // a string, template or regular expression: `/` divides it
  const c = text[p]!;
  if (WORD_CHAR.test(c)) {
    let start = p;
    while (start > 0 && WORD_CHAR.test(text[start - 1]!)) start--;
    // A property (`a.return`, `1.5`) is a value, never a keyword.
    if (text[start - 1] === '.') return false;
    const word = text.slice(start, p + 1);
    return BEFORE_EXPRESSION.has(word) ? true : AMBIGUOUS_WORDS.has(word) ? undefined : false;
  }
  switch (c) {
    case ']':
      return false;
    case ')': // a call or group divided, or the condition of `if (…) /re/`
    case '}': // an object divided, or a block before `/re/`
    case '!': // `!/re/`, or TypeScript's non-null `a! / 2`
    case '.': // `1./2`
      return undefined;
    case '+':
    case '-': // after `++` or `--`: postfix (divides) or, rarely, prefix
      return text[p - 1] === c ? undefined : true;
    case '>': // `=> /re/`; otherwise `x > /re/`, or the end of type arguments
      return text[p - 1] === '=' ? true : undefined;
    default:
      return true;
  }
}

function lineEnd(text: string, from: number): number {
  LINE_BREAK.lastIndex = from;
  return LINE_BREAK.exec(text)?.index ?? text.length;
}
