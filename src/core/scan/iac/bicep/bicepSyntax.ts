/**
 * A parser for the Bicep that deployment templates use: declarations (`param`, `var`, `resource` with `existing`,
 * `module`, `output`, `targetScope`, `metadata`, `type`, `import`), decorators, objects, arrays, strings with `${}`
 * interpolation and `'''` multi-line strings, loops (`[for … in …: …]`), conditions (`if (…)`), nested child
 * resources, member/index/call chains, operators, lambdas and comments. No Bicep parser is published to npm, and the
 * scanner needs positions (UTF-16 offsets) for findings and fixes. The grammar follows the Bicep language reference
 * (https://learn.microsoft.com/azure/azure-resource-manager/bicep/file). It never throws on bad input: what it cannot
 * read becomes an entry of `errors` and the statement is skipped to the next line.
 */

export interface Range {
  start: number;
  end: number;
}

export type Expression =
  | (Range & { kind: 'string'; parts: string[]; expressions: Expression[]; multiline: boolean })
  | (Range & { kind: 'number'; value: number })
  | (Range & { kind: 'boolean'; value: boolean })
  | (Range & { kind: 'null' })
  | (Range & { kind: 'identifier'; name: string })
  | (Range & { kind: 'object'; properties: ObjectProperty[]; resources: ResourceDeclaration[] })
  | (Range & { kind: 'array'; items: Expression[] })
  | (Range & { kind: 'member'; object: Expression; name: string; nameRange: Range; safe: boolean })
  | (Range & { kind: 'index'; object: Expression; index: Expression; safe: boolean })
  | (Range & { kind: 'call'; callee: Expression; args: Expression[] })
  | (Range & { kind: 'unary'; operator: string; operand: Expression })
  | (Range & { kind: 'binary'; operator: string; left: Expression; right: Expression })
  | (Range & { kind: 'ternary'; condition: Expression; then: Expression; otherwise: Expression })
  | (Range & { kind: 'lambda'; parameters: string[]; body: Expression })
  | (Range & { kind: 'paren'; inner: Expression })
  | (Range & { kind: 'for'; item: string; index: string | undefined; headerEnd: number; iterable: Expression; body: Expression })
  | (Range & { kind: 'if'; condition: Expression; body: Expression });

export interface ObjectProperty extends Range {
  /** The key as written without quotes. */
  key: string;
  keyRange: Range;
  value: Expression;
  decorators: Expression[];
}

export interface Declaration extends Range {
  decorators: Expression[];
  /** Where the keyword starts (after the decorators). */
  keywordStart: number;
}

export interface ResourceDeclaration extends Declaration {
  kind: 'resource';
  name: string;
  nameRange: Range;
  /** The type string as written between the quotes (`Microsoft.Cache/redis@2024-11-01`). */
  type: string;
  typeRange: Range;
  existing: boolean;
  value: Expression | undefined;
}

export type Statement =
  | ResourceDeclaration
  | (Declaration & { kind: 'module'; name: string; nameRange: Range; path: string; pathRange: Range; value: Expression | undefined })
  | (Declaration & { kind: 'param'; name: string; nameRange: Range; defaultValue: Expression | undefined })
  | (Declaration & { kind: 'var'; name: string; nameRange: Range; value: Expression | undefined })
  | (Declaration & { kind: 'output'; name: string; nameRange: Range; value: Expression | undefined })
  | (Declaration & { kind: 'other'; keyword: string });

export interface BicepFile {
  statements: Statement[];
  errors: Array<Range & { message: string }>;
}

type TokenKind = 'identifier' | 'number' | 'string' | 'punct' | 'newline' | 'eof';

interface Token extends Range {
  kind: TokenKind;
  text: string;
  /** For strings: the literal parts and the source ranges of the `${…}` expressions between them. */
  parts?: string[];
  holes?: Range[];
  multiline?: boolean;
}

const PUNCTUATION = ['...', '==', '!=', '<=', '>=', '&&', '||', '??', '=>', '::', '.?', '=~', '!~', '{', '}', '[', ']', '(', ')', ',', ':', '.', '?', '!', '=', '<', '>', '+', '-', '*', '/', '%', '@', '|'];
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };
/** Nesting deeper than this is not a template: it is reported rather than risking the call stack. */
const MAX_DEPTH = 200;

class SyntaxFailure extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

/** Splits Bicep text into tokens; comments are dropped and newlines kept (they separate properties and items). */
function tokenize(text: string, errors: BicepFile['errors'], from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text[i]!;
    if (c === '\n') {
      tokens.push({ kind: 'newline', text: '\n', start: i, end: i + 1 });
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\uFEFF' || c === '\u00A0') {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < to && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      if (close < 0) errors.push({ start: i, end, message: 'unterminated comment' });
      // A block comment across lines still separates what is before it from what is after it.
      if (text.slice(i, end).includes('\n')) tokens.push({ kind: 'newline', text: '\n', start: i, end });
      i = end;
    } else if (c === "'" && text.startsWith("'''", i)) {
      const close = text.indexOf("'''", i + 3);
      const end = close < 0 ? text.length : close + 3;
      if (close < 0) errors.push({ start: i, end, message: 'unterminated multi-line string' });
      const content = text.slice(i + 3, close < 0 ? text.length : close).replace(/^\r?\n/, '');
      tokens.push({ kind: 'string', text: text.slice(i, end), start: i, end, parts: [content], holes: [], multiline: true });
      i = end;
    } else if (c === "'") {
      i = readString(text, i, to, tokens, errors);
    } else if (/[0-9]/.test(c)) {
      let j = i;
      while (j < text.length && /[0-9]/.test(text[j]!)) j++;
      if (text[j] === '.' && /[0-9]/.test(text[j + 1] ?? '')) {
        j++;
        while (j < text.length && /[0-9]/.test(text[j]!)) j++;
      }
      tokens.push({ kind: 'number', text: text.slice(i, j), start: i, end: j });
      i = j;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < text.length && /[A-Za-z0-9_]/.test(text[j]!)) j++;
      tokens.push({ kind: 'identifier', text: text.slice(i, j), start: i, end: j });
      i = j;
    } else {
      const punct = PUNCTUATION.find((p) => text.startsWith(p, i));
      if (punct) {
        tokens.push({ kind: 'punct', text: punct, start: i, end: i + punct.length });
        i += punct.length;
      } else {
        errors.push({ start: i, end: i + 1, message: `unexpected character '${c}'` });
        i++;
      }
    }
  }
  tokens.push({ kind: 'eof', text: '', start: to, end: to });
  return tokens;
}

/** Reads a `'…'` string from `start`; `${…}` holes are kept as ranges and parsed as expressions later. */
function readString(text: string, start: number, to: number, tokens: Token[], errors: BicepFile['errors']): number {
  const parts: string[] = [];
  const holes: Range[] = [];
  let current = '';
  let i = start + 1;
  for (;;) {
    if (i >= to || text[i] === '\n') {
      errors.push({ start, end: Math.min(i, to), message: 'unterminated string' });
      break;
    }
    const c = text[i]!;
    if (c === "'") {
      i++;
      break;
    }
    if (c === '\\') {
      const next = text[i + 1];
      if (next === 'u' && text[i + 2] === '{') {
        const close = text.indexOf('}', i + 3);
        const code = close < 0 ? NaN : Number.parseInt(text.slice(i + 3, close), 16);
        current += Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
        i = close < 0 ? i + 2 : close + 1;
      } else {
        current += next !== undefined && next in ESCAPES ? ESCAPES[next] : (next ?? '');
        i += 2;
      }
      continue;
    }
    if (c === '$' && text[i + 1] === '{') {
      const end = holeEnd(text, i + 2);
      parts.push(current);
      current = '';
      holes.push({ start: i + 2, end });
      i = Math.min(text.length, end + 1);
      continue;
    }
    current += c;
    i++;
  }
  parts.push(current);
  // An escape at the very end steps past it.
  const end = Math.min(i, to);
  tokens.push({ kind: 'string', text: text.slice(start, end), start, end, parts, holes, multiline: false });
  return end;
}

/** Where the `}` closing an interpolation that starts at `from` is, skipping nested braces and strings. */
function holeEnd(text: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < text.length && text[i] !== '\n') {
    const c = text[i]!;
    if (c === "'") {
      i++;
      while (i < text.length && text[i] !== "'" && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
    i++;
  }
  return i;
}

const BINARY_PRECEDENCE: Record<string, number> = {
  '??': 1,
  '||': 2,
  '&&': 3,
  '==': 4,
  '!=': 4,
  '=~': 4,
  '!~': 4,
  '<': 5,
  '<=': 5,
  '>': 5,
  '>=': 5,
  '+': 6,
  '-': 6,
  '*': 7,
  '/': 7,
  '%': 7,
};

class Parser {
  private position = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
    private readonly errors: BicepFile['errors'],
  ) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.position + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.position++;
    return token;
  }

  private isPunct(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'punct' && token.text === text;
  }

  private expectPunct(text: string): Token {
    if (!this.isPunct(text)) throw new SyntaxFailure(`expected '${text}'`, this.peek().start);
    return this.next();
  }

  private expectIdentifier(): Token {
    const token = this.peek();
    if (token.kind !== 'identifier') throw new SyntaxFailure('expected a name', token.start);
    return this.next();
  }

  private expectString(): Token {
    const token = this.peek();
    if (token.kind !== 'string') throw new SyntaxFailure('expected a string', token.start);
    return this.next();
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.next();
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new SyntaxFailure('nested too deeply', this.peek().start);
  }

  file(): BicepFile {
    const statements: Statement[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.peek().kind === 'eof') break;
      const from = this.position;
      try {
        statements.push(this.statement());
        if (this.peek().kind !== 'newline' && this.peek().kind !== 'eof') {
          throw new SyntaxFailure('expected a new line after the declaration', this.peek().start);
        }
      } catch (error) {
        if (!(error instanceof SyntaxFailure)) throw error;
        this.errors.push({ start: error.at, end: error.at, message: error.message });
        this.depth = 0;
        this.recover(from);
      }
    }
    return { statements, errors: this.errors };
  }

  /** Skips to the next line outside brackets, past at least one token. */
  private recover(from: number): void {
    if (this.position === from) this.next();
    let depth = 0;
    while (this.peek().kind !== 'eof') {
      const token = this.peek();
      if (token.kind === 'newline' && depth <= 0) return;
      if (token.kind === 'punct' && ['{', '[', '('].includes(token.text)) depth++;
      if (token.kind === 'punct' && ['}', ']', ')'].includes(token.text)) depth--;
      this.next();
    }
  }

  private decorators(): Expression[] {
    const decorators: Expression[] = [];
    while (this.isPunct('@')) {
      const at = this.next();
      const expression = this.postfix(this.primary());
      decorators.push({ ...expression, start: at.start });
      this.skipNewlines();
    }
    return decorators;
  }

  private statement(): Statement {
    const start = this.peek().start;
    const decorators = this.decorators();
    const keyword = this.expectIdentifier();
    const base = { decorators, start, keywordStart: keyword.start };
    switch (keyword.text) {
      case 'resource':
        return this.resource(base);
      case 'module': {
        const name = this.expectIdentifier();
        const path = this.expectString();
        this.expectPunct('=');
        const value = this.declarationValue();
        return { ...base, kind: 'module', name: name.text, nameRange: name, path: path.parts?.join('') ?? '', pathRange: { start: path.start + 1, end: path.end - 1 }, value, end: value.end };
      }
      case 'param': {
        const name = this.expectIdentifier();
        this.typeExpression();
        let defaultValue: Expression | undefined;
        if (this.isPunct('=')) {
          this.next();
          defaultValue = this.expression();
        }
        return { ...base, kind: 'param', name: name.text, nameRange: name, defaultValue, end: defaultValue?.end ?? this.previousEnd() };
      }
      case 'var':
      case 'output': {
        const name = this.expectIdentifier();
        if (keyword.text === 'output') {
          if (this.peek().kind === 'identifier' && this.peek().text === 'resource') {
            this.next();
            this.expectString();
          } else {
            this.typeExpression();
          }
        } else if (!this.isPunct('=')) {
          this.typeExpression();
        }
        this.expectPunct('=');
        const value = this.expression();
        return { ...base, kind: keyword.text, name: name.text, nameRange: name, value, end: value.end };
      }
      default:
        return this.otherStatement(base, keyword.text);
    }
  }

  private resource(base: Omit<Declaration, 'end'>): ResourceDeclaration {
    const name = this.expectIdentifier();
    const type = this.expectString();
    let existing = false;
    if (this.peek().kind === 'identifier' && this.peek().text === 'existing') {
      this.next();
      existing = true;
    }
    this.expectPunct('=');
    const value = this.declarationValue();
    return {
      ...base,
      kind: 'resource',
      name: name.text,
      nameRange: { start: name.start, end: name.end },
      type: type.parts?.join('') ?? '',
      typeRange: { start: type.start + 1, end: type.end - (type.text.endsWith("'") && type.text.length > 1 ? 1 : 0) },
      existing,
      value,
      end: value.end,
    };
  }

  /** `targetScope = …`, `metadata x = …`, `type x = …`, `import …`, `using …`, `func …`: read through to the line end. */
  private otherStatement(base: Omit<Declaration, 'end'>, keyword: string): Statement {
    let end = this.previousEnd();
    let depth = 0;
    while (this.peek().kind !== 'eof' && (this.peek().kind !== 'newline' || depth > 0)) {
      const token = this.next();
      if (token.kind === 'punct' && ['{', '[', '('].includes(token.text)) depth++;
      if (token.kind === 'punct' && ['}', ']', ')'].includes(token.text)) depth--;
      if (depth < 0) throw new SyntaxFailure(`unbalanced '${token.text}'`, token.start);
      end = token.end;
    }
    return { ...base, kind: 'other', keyword, end };
  }

  private previousEnd(): number {
    return this.tokens[Math.max(0, this.position - 1)]!.end;
  }

  /** A type after `param`/`output`/`var`: names, `string[]`, `'a' | 'b'`, object types, `?`. Only skipped over. */
  private typeExpression(): void {
    let depth = 0;
    for (;;) {
      const token = this.peek();
      if (token.kind === 'eof') return;
      if (depth === 0 && (token.kind === 'newline' || (token.kind === 'punct' && token.text === '='))) return;
      if (token.kind === 'punct' && ['{', '[', '('].includes(token.text)) depth++;
      if (token.kind === 'punct' && ['}', ']', ')'].includes(token.text)) {
        if (depth === 0) throw new SyntaxFailure(`unbalanced '${token.text}'`, token.start);
        depth--;
      }
      this.next();
    }
  }

  /** The value of a resource or module: an object, `if (…) {…}` or `[for … : …]`. */
  private declarationValue(): Expression {
    const token = this.peek();
    if (token.kind === 'identifier' && token.text === 'if') return this.condition();
    return this.expression();
  }

  private condition(): Expression {
    const keyword = this.next();
    this.expectPunct('(');
    const condition = this.expression();
    this.expectPunct(')');
    const body = this.expression();
    return { kind: 'if', condition, body, start: keyword.start, end: body.end };
  }

  expression(): Expression {
    this.enter();
    try {
      const condition = this.binary(0);
      if (!this.isPunct('?')) return condition;
      this.next();
      this.skipNewlines();
      const then = this.expression();
      this.skipNewlines();
      this.expectPunct(':');
      this.skipNewlines();
      const otherwise = this.expression();
      return { kind: 'ternary', condition, then, otherwise, start: condition.start, end: otherwise.end };
    } finally {
      this.depth--;
    }
  }

  private binary(minimum: number): Expression {
    let left = this.unary();
    for (;;) {
      const token = this.peek();
      const precedence = token.kind === 'punct' ? BINARY_PRECEDENCE[token.text] : undefined;
      if (precedence === undefined || precedence <= minimum) return left;
      this.next();
      this.skipNewlines();
      const right = this.binary(precedence);
      left = { kind: 'binary', operator: token.text, left, right, start: left.start, end: right.end };
    }
  }

  private unary(): Expression {
    const token = this.peek();
    if (token.kind === 'punct' && (token.text === '!' || token.text === '-')) {
      this.next();
      this.enter();
      try {
        const operand = this.unary();
        return { kind: 'unary', operator: token.text, operand, start: token.start, end: operand.end };
      } finally {
        this.depth--;
      }
    }
    return this.postfix(this.primary());
  }

  private postfix(start: Expression): Expression {
    let expression = start;
    for (;;) {
      if (this.isPunct('.') || this.isPunct('.?') || this.isPunct('::')) {
        const dot = this.next();
        if (dot.text === '.?' && this.isPunct('[')) {
          expression = this.indexAccess(expression, true);
          continue;
        }
        const name = this.expectIdentifier();
        expression = { kind: 'member', object: expression, name: name.text, nameRange: { start: name.start, end: name.end }, safe: dot.text === '.?', start: expression.start, end: name.end };
      } else if (this.isPunct('[')) {
        expression = this.indexAccess(expression, false);
      } else if (this.isPunct('(')) {
        this.next();
        const args = this.list(')', () => this.expression());
        const close = this.expectPunct(')');
        expression = { kind: 'call', callee: expression, args, start: expression.start, end: close.end };
      } else if (this.isPunct('!')) {
        const bang = this.next();
        expression = { kind: 'unary', operator: '!', operand: expression, start: expression.start, end: bang.end };
      } else {
        return expression;
      }
    }
  }

  private indexAccess(object: Expression, safe: boolean): Expression {
    this.expectPunct('[');
    const index = this.expression();
    const close = this.expectPunct(']');
    return { kind: 'index', object, index, safe, start: object.start, end: close.end };
  }

  /** Comma- or newline-separated items up to `close` (not consumed). */
  private list(close: string, item: () => Expression): Expression[] {
    const items: Expression[] = [];
    this.skipNewlines();
    while (!this.isPunct(close)) {
      if (this.peek().kind === 'eof') throw new SyntaxFailure(`expected '${close}'`, this.peek().start);
      items.push(item());
      this.skipNewlines();
      if (this.isPunct(',')) {
        this.next();
        this.skipNewlines();
      }
    }
    return items;
  }

  private primary(): Expression {
    const token = this.peek();
    switch (token.kind) {
      case 'string':
        this.next();
        return this.stringExpression(token);
      case 'number':
        this.next();
        return { kind: 'number', value: Number(token.text), start: token.start, end: token.end };
      case 'identifier':
        this.next();
        if (token.text === 'true' || token.text === 'false') return { kind: 'boolean', value: token.text === 'true', start: token.start, end: token.end };
        if (token.text === 'null') return { kind: 'null', start: token.start, end: token.end };
        if (this.isPunct('=>')) return this.lambdaBody([token.text], token.start);
        return { kind: 'identifier', name: token.text, start: token.start, end: token.end };
      case 'punct':
        if (token.text === '{') return this.object();
        if (token.text === '[') return this.arrayOrLoop();
        if (token.text === '(') return this.parenOrLambda();
        break;
      default:
        break;
    }
    throw new SyntaxFailure(token.kind === 'eof' ? 'unexpected end of file' : `unexpected '${token.text}'`, token.start);
  }

  private lambdaBody(parameters: string[], start: number): Expression {
    this.expectPunct('=>');
    this.skipNewlines();
    const body = this.expression();
    return { kind: 'lambda', parameters, body, start, end: body.end };
  }

  private parenOrLambda(): Expression {
    const open = this.next();
    // `(a, b) => …` and `() => …`: names separated by commas, then `)` and `=>`.
    let look = 0;
    let names = true;
    while (names && !this.isPunct(')', look)) {
      names = this.peek(look).kind === 'identifier';
      look++;
      if (this.isPunct(',', look)) look++;
    }
    if (names && this.isPunct(')', look) && this.isPunct('=>', look + 1)) {
      const parameters: string[] = [];
      while (!this.isPunct(')')) {
        const token = this.next();
        if (token.kind === 'identifier') parameters.push(token.text);
      }
      this.next();
      return this.lambdaBody(parameters, open.start);
    }
    this.skipNewlines();
    const inner = this.expression();
    this.skipNewlines();
    const close = this.expectPunct(')');
    return { kind: 'paren', inner, start: open.start, end: close.end };
  }

  private stringExpression(token: Token): Expression {
    const expressions = (token.holes ?? []).map((hole) => parseHole(this.text, hole, this.errors));
    return { kind: 'string', parts: token.parts ?? [''], expressions, multiline: token.multiline ?? false, start: token.start, end: token.end };
  }

  /** Whether what follows an item separates it from the next: a comma, a new line, or the closing bracket. */
  private separator(close: string): boolean {
    if (this.isPunct(',')) {
      this.next();
      return true;
    }
    return this.isPunct(close) || this.peek().kind === 'newline';
  }

  private object(): Expression {
    const open = this.next();
    this.enter();
    try {
      const properties: ObjectProperty[] = [];
      const resources: ResourceDeclaration[] = [];
      this.skipNewlines();
      while (!this.isPunct('}')) {
        const start = this.peek().start;
        const decorators = this.decorators();
        const key = this.peek();
        if (key.kind === 'identifier' && key.text === 'resource' && this.peek(1).kind === 'identifier') {
          this.next();
          resources.push(this.resource({ decorators, start, keywordStart: key.start }));
        } else if (key.kind === 'identifier' || key.kind === 'string') {
          this.next();
          const keyText = key.kind === 'string' ? (key.parts ?? []).join('') : key.text;
          if (key.kind === 'string' && (key.holes?.length ?? 0) > 0) throw new SyntaxFailure('an object key cannot be interpolated', key.start);
          this.expectPunct(':');
          this.skipNewlines();
          const value = this.expression();
          const keyRange = key.kind === 'string' ? { start: key.start + 1, end: key.end - 1 } : { start: key.start, end: key.end };
          properties.push({ key: keyText, keyRange, value, decorators, start, end: value.end });
        } else if (key.kind === 'punct' && key.text === '...') {
          this.next();
          this.expression();
        } else {
          throw new SyntaxFailure(key.kind === 'eof' ? "expected '}'" : `unexpected '${key.text}' in an object`, key.start);
        }
        if (!this.separator('}')) throw new SyntaxFailure('expected a new line or a comma between properties', this.peek().start);
        this.skipNewlines();
      }
      const close = this.next();
      return { kind: 'object', properties, resources, start: open.start, end: close.end };
    } finally {
      this.depth--;
    }
  }

  private arrayOrLoop(): Expression {
    const open = this.next();
    this.enter();
    try {
      this.skipNewlines();
      if (this.peek().kind === 'identifier' && this.peek().text === 'for') return this.loop(open);
      const items: Expression[] = [];
      while (!this.isPunct(']')) {
        if (this.peek().kind === 'eof') throw new SyntaxFailure("expected ']'", this.peek().start);
        if (this.isPunct('...')) this.next();
        items.push(this.expression());
        if (!this.separator(']')) throw new SyntaxFailure('expected a new line or a comma between items', this.peek().start);
        this.skipNewlines();
      }
      const close = this.next();
      return { kind: 'array', items, start: open.start, end: close.end };
    } finally {
      this.depth--;
    }
  }

  /** `[for item in list: body]`, `[for (item, i) in list: body]`, `[for i in range(0, n): if (c) body]`. */
  private loop(open: Token): Expression {
    this.next();
    let item: string;
    let index: string | undefined;
    if (this.isPunct('(')) {
      this.next();
      item = this.expectIdentifier().text;
      if (this.isPunct(',')) {
        this.next();
        index = this.expectIdentifier().text;
      }
      this.expectPunct(')');
    } else {
      item = this.expectIdentifier().text;
    }
    const inKeyword = this.expectIdentifier();
    if (inKeyword.text !== 'in') throw new SyntaxFailure("expected 'in'", inKeyword.start);
    const iterable = this.expression();
    const colon = this.expectPunct(':');
    this.skipNewlines();
    const body = this.peek().kind === 'identifier' && this.peek().text === 'if' ? this.condition() : this.expression();
    this.skipNewlines();
    const close = this.expectPunct(']');
    return { kind: 'for', item, index, headerEnd: colon.end, iterable, body, start: open.start, end: close.end };
  }
}

/** Parses the expression of one `${…}` hole; its errors join the file's. */
function parseHole(text: string, hole: Range, errors: BicepFile['errors']): Expression {
  const tokens = tokenize(text, errors, hole.start, hole.end);
  const parser = new Parser(text, tokens, errors);
  try {
    return parser.expression();
  } catch (error) {
    if (!(error instanceof SyntaxFailure)) throw error;
    errors.push({ start: error.at, end: error.at, message: error.message });
    return { kind: 'null', start: hole.start, end: hole.end };
  }
}

export function parseBicep(text: string): BicepFile {
  const errors: BicepFile['errors'] = [];
  return new Parser(text, tokenize(text, errors), errors).file();
}

/** Every expression in `root` and below, parents first (object properties, items, arguments, string holes…). */
export function* expressionsIn(root: Expression | undefined): Generator<Expression> {
  if (!root) return;
  const stack: Expression[] = [root];
  while (stack.length > 0) {
    const expression = stack.pop()!;
    yield expression;
    stack.push(...childrenOf(expression).reverse());
  }
}

function childrenOf(expression: Expression): Expression[] {
  switch (expression.kind) {
    case 'string':
      return expression.expressions;
    case 'object':
      return [...expression.properties.flatMap((p) => [...p.decorators, p.value]), ...expression.resources.flatMap((r) => (r.value ? [r.value] : []))];
    case 'array':
      return expression.items;
    case 'member':
      return [expression.object];
    case 'index':
      return [expression.object, expression.index];
    case 'call':
      return [expression.callee, ...expression.args];
    case 'unary':
      return [expression.operand];
    case 'binary':
      return [expression.left, expression.right];
    case 'ternary':
      return [expression.condition, expression.then, expression.otherwise];
    case 'lambda':
      return [expression.body];
    case 'paren':
      return [expression.inner];
    case 'for':
      return [expression.iterable, expression.body];
    case 'if':
      return [expression.condition, expression.body];
    default:
      return [];
  }
}

/** The object a resource's value declares: through `if (…)` and `[for …]`. */
export function bodyObject(value: Expression | undefined): Extract<Expression, { kind: 'object' }> | undefined {
  let current = value;
  while (current && (current.kind === 'if' || current.kind === 'for')) current = current.body;
  return current?.kind === 'object' ? current : undefined;
}

export function propertyOf(object: Extract<Expression, { kind: 'object' }> | undefined, key: string): ObjectProperty | undefined {
  return object?.properties.find((property) => property.key.toLowerCase() === key.toLowerCase());
}
