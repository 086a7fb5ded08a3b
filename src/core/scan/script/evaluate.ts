import type { ts } from 'ts-morph';
import {
  Kind, canHaveModifiers, getModifiers, isArrayLiteralExpression, isAsExpression, isAwaitExpression,
  isBinaryExpression, isBlock, isCallExpression, isCaseClause, isClassDeclaration, isComputedPropertyName,
  isConditionalExpression, isDefaultClause, isElementAccessExpression, isEnumDeclaration, isExportAssignment, isExportDeclaration,
  isExpressionStatement, isFunctionDeclaration, isFunctionLike, isIdentifier, isModuleBlock, isNamedExports,
  isNonNullExpression, isNoSubstitutionTemplateLiteral, isNumericLiteral, isObjectBindingPattern,
  isObjectLiteralExpression, isParenthesizedExpression, isPrivateIdentifier, isPropertyAccessExpression,
  isPropertyAssignment, isSatisfiesExpression, isShorthandPropertyAssignment, isSourceFile, isSpreadAssignment,
  isSpreadElement, isStringLiteral, isStringLiteralLike, isTemplateExpression, isTypeAssertionExpression,
  isVariableStatement,
} from './compilerApi';
import { UNKNOWN_CHAR, type Span } from '../../evidence/evidence';
import { ComposedString, type Piece } from '../sourcedString';
import { requiredModule, type ParsedScript, type ScriptProject } from './project';

/**
 * A small constant evaluator: what an expression is known to be from literals, constants (also imported
 * from other files of the scan), templates, concatenation and env-var defaults. Everything else is unknown.
 */
export type Value =
  | { kind: 'string'; value: ComposedString }
  | { kind: 'number'; value: number; span: Span | undefined }
  | { kind: 'boolean'; value: boolean; span: Span | undefined }
  | { kind: 'object'; node: ts.ObjectLiteralExpression; script: ParsedScript }
  | { kind: 'array'; node: ts.ArrayLiteralExpression; script: ParsedScript }
  | { kind: 'module'; script: ParsedScript }
  /** `null` / `undefined`. */
  | { kind: 'nothing' }
  | { kind: 'unknown' };

/** A property found on an object value: its value and the expression that gives it. */
export interface Member {
  value: Value;
  node: ts.Node;
  script: ParsedScript;
}

const UNKNOWN: Value = { kind: 'unknown' };
const MAX_DEPTH = 24;
/** Evaluation steps allowed per top-level question, so pathological code cannot stall a file. */
const MAX_STEPS = 4000;

export function spanOfNode(node: ts.Node, script: ParsedScript): Span {
  return { file: script.path, start: node.getStart(script.source), end: node.getEnd() };
}

function propertyNameText(name: ts.PropertyName): string | undefined {
  if (isIdentifier(name) || isStringLiteral(name) || isNumericLiteral(name) || isPrivateIdentifier(name)) {
    return name.text;
  }
  if (isComputedPropertyName(name) && isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

function hasExportModifier(node: ts.Node): boolean {
  return canHaveModifiers(node) && (getModifiers(node) ?? []).some((m) => m.kind === Kind.ExportKeyword);
}

function statementsOf(node: ts.Node): ts.NodeArray<ts.Statement> | undefined {
  if (isBlock(node) || isModuleBlock(node)) return node.statements;
  if (isCaseClause(node) || isDefaultClause(node)) return node.statements;
  return undefined;
}

export class Evaluator {
  private steps = 0;
  private symbols = 0;
  private outsideLooks = 0;

  constructor(private readonly project: ScriptProject) {}

  /**
   * How often an evaluation so far looked beyond the top-level statement of its expression (a file-level name,
   * another module): a result read while this stayed the same depends on that statement's text alone.
   */
  get lookedOutside(): number {
    return this.outsideLooks;
  }

  /** Evaluates `node` of `script`; each call has its own step budget. */
  value(node: ts.Expression, script: ParsedScript): Value {
    this.steps = 0;
    return this.evaluate(node, script, 0);
  }

  /** A property of an object or module value; `undefined` when it is not there. */
  member(target: Value, name: string): Member | undefined {
    this.steps = 0;
    return this.memberOf(target, name, 0);
  }

  /** An array value's element expressions (spreads make the list unknown: `undefined`). */
  elements(target: Value): Array<{ node: ts.Expression; script: ParsedScript }> | undefined {
    if (target.kind !== 'array') return undefined;
    if (target.node.elements.some(isSpreadElement)) return undefined;
    return target.node.elements.map((node) => ({ node, script: target.script }));
  }

  /**
   * The value as text. An unknown part becomes a symbol between two UNKNOWN_CHARs: the source text of
   * the expression that gives it when known (so `{${userId}}:a` and `{${userId}}:b` share a hash tag),
   * else a symbol of its own.
   */
  asString(value: Value, from?: { node: ts.Node; script: ParsedScript }): ComposedString {
    switch (value.kind) {
      case 'string':
        return value.value;
      case 'number':
      case 'boolean': {
        const text = String(value.value);
        const piece: Piece = value.span && value.span.end - value.span.start === text.length
          ? { text, origin: { file: value.span.file, offset: value.span.start } }
          : { text };
        return new ComposedString([piece]);
      }
      default: {
        const symbol = from ? from.node.getText(from.script.source).slice(0, 80).replace(/[^\w.$]/g, '_') : `?${++this.symbols}`;
        const text = `${UNKNOWN_CHAR}${symbol}${UNKNOWN_CHAR}`;
        return new ComposedString([from ? { text, standsFor: spanOfNode(from.node, from.script) } : { text }]);
      }
    }
  }

  private evaluate(node: ts.Expression, script: ParsedScript, depth: number): Value {
    if (depth > MAX_DEPTH || ++this.steps > MAX_STEPS) return UNKNOWN;
    const next = depth + 1;
    if (isStringLiteral(node) || isNoSubstitutionTemplateLiteral(node)) {
      const start = node.getStart(script.source) + 1;
      const raw = script.source.text.slice(start, node.getEnd() - 1);
      const piece: Piece = raw === node.text ? { text: node.text, origin: { file: script.path, offset: start } } : { text: node.text };
      return { kind: 'string', value: new ComposedString([piece]) };
    }
    if (isTemplateExpression(node)) return this.template(node, script, next);
    if (isNumericLiteral(node)) {
      return { kind: 'number', value: Number(node.text), span: spanOfNode(node, script) };
    }
    if (node.kind === Kind.TrueKeyword || node.kind === Kind.FalseKeyword) {
      return { kind: 'boolean', value: node.kind === Kind.TrueKeyword, span: spanOfNode(node, script) };
    }
    if (node.kind === Kind.NullKeyword) return { kind: 'nothing' };
    if (isObjectLiteralExpression(node)) return { kind: 'object', node, script };
    if (isArrayLiteralExpression(node)) return { kind: 'array', node, script };
    if (
      isParenthesizedExpression(node) ||
      isAsExpression(node) ||
      isSatisfiesExpression(node) ||
      isNonNullExpression(node) ||
      isTypeAssertionExpression(node) ||
      isAwaitExpression(node)
    ) {
      return this.evaluate(node.expression, script, next);
    }
    if (isIdentifier(node)) return this.identifier(node, script, next);
    if (isPropertyAccessExpression(node)) {
      if (isProcessEnv(node.expression)) return UNKNOWN;
      return this.memberOf(this.evaluate(node.expression, script, next), node.name.text, next)?.value ?? UNKNOWN;
    }
    if (isElementAccessExpression(node) && isStringLiteralLike(node.argumentExpression)) {
      if (isProcessEnv(node.expression)) return UNKNOWN;
      const target = this.evaluate(node.expression, script, next);
      return this.memberOf(target, node.argumentExpression.text, next)?.value ?? UNKNOWN;
    }
    if (isBinaryExpression(node)) return this.binary(node, script, next);
    if (isConditionalExpression(node)) return this.conditional(node, script, next);
    if (isCallExpression(node)) return this.call(node, script, next);
    return UNKNOWN;
  }

  private template(node: ts.TemplateExpression, script: ParsedScript, depth: number): Value {
    const pieces: Piece[] = [];
    const literal = (part: ts.TemplateLiteralLikeNode & ts.Node) => {
      const start = part.getStart(script.source) + 1;
      pieces.push(part.rawText === part.text ? { text: part.text, origin: { file: script.path, offset: start } } : { text: part.text });
    };
    literal(node.head);
    for (const span of node.templateSpans) {
      pieces.push(...this.asString(this.evaluate(span.expression, script, depth), { node: span.expression, script }).pieces);
      literal(span.literal);
    }
    return { kind: 'string', value: new ComposedString(pieces) };
  }

  private binary(node: ts.BinaryExpression, script: ParsedScript, depth: number): Value {
    const operator = node.operatorToken.kind;
    if (operator === Kind.QuestionQuestionToken || operator === Kind.BarBarToken) {
      // `process.env.X ?? 'default'`: the left side is unknown at scan time, so the default is what the code shows.
      // `process.env.HOST || ''` says only that the value may be missing: it stays unknown, not empty.
      const left = this.evaluate(node.left, script, depth);
      if (left.kind !== 'unknown' && left.kind !== 'nothing') return left;
      const right = this.evaluate(node.right, script, depth);
      return left.kind === 'unknown' && isEmpty(right) ? left : right;
    }
    if (operator === Kind.AmpersandAmpersandToken) {
      // `...(key && { password: key })`: when the condition holds, the value is the right side.
      const left = this.evaluate(node.left, script, depth);
      return left.kind === 'nothing' || (left.kind === 'boolean' && !left.value) ? left : this.evaluate(node.right, script, depth);
    }
    if (operator !== Kind.PlusToken) return UNKNOWN;
    const left = this.evaluate(node.left, script, depth);
    const right = this.evaluate(node.right, script, depth);
    if (left.kind === 'number' && right.kind === 'number') {
      return { kind: 'number', value: left.value + right.value, span: undefined };
    }
    const pieces = [...this.asString(left, { node: node.left, script }).pieces, ...this.asString(right, { node: node.right, script }).pieces];
    return { kind: 'string', value: new ComposedString(pieces) };
  }

  /**
   * `cond ? a : b` where only one branch is a known number (`useTls ? Number(env.PORT || '6380') : readPort()`): the
   * code may connect to that port, so a port rule must see it. Anything else stays unknown: a known host in one
   * branch (`dev ? 'localhost' : env.HOST`) says nothing of the other, and two known branches cannot be told apart.
   */
  private conditional(node: ts.ConditionalExpression, script: ParsedScript, depth: number): Value {
    const whenTrue = this.evaluate(node.whenTrue, script, depth);
    const whenFalse = this.evaluate(node.whenFalse, script, depth);
    const known = whenTrue.kind === 'unknown' ? whenFalse : whenFalse.kind === 'unknown' ? whenTrue : UNKNOWN;
    return isPortLike(known) ? known : UNKNOWN;
  }

  private call(node: ts.CallExpression, script: ParsedScript, depth: number): Value {
    const module = requiredModule(node);
    if (module !== undefined) return this.moduleValue(script, module);
    const callee = node.expression;
    const name = isIdentifier(callee) ? callee.text : isPropertyAccessExpression(callee) ? callee.name.text : '';
    const [argument] = node.arguments;
    if (argument && ['String', 'Number', 'parseInt', 'parseFloat'].includes(name)) {
      return this.evaluate(argument, script, depth);
    }
    return UNKNOWN;
  }

  private moduleValue(script: ParsedScript, specifier: string): Value {
    this.outsideLooks++;
    const path = this.project.resolve(script.path, specifier);
    const target = path === undefined ? undefined : this.project.tryGet(path);
    return target ? { kind: 'module', script: target } : UNKNOWN;
  }

  private memberOf(target: Value, name: string, depth: number): Member | undefined {
    if (depth > MAX_DEPTH || ++this.steps > MAX_STEPS) return undefined;
    if (target.kind === 'module') return this.exported(target.script, name, depth + 1);
    if (target.kind !== 'object') return undefined;
    const { node, script } = target;
    for (let index = node.properties.length - 1; index >= 0; index--) {
      const property = node.properties[index]!;
      if (isSpreadAssignment(property)) {
        const spread = this.memberOf(this.evaluate(property.expression, script, depth + 1), name, depth + 1);
        if (spread) return spread;
        continue;
      }
      if (!property.name || propertyNameText(property.name) !== name) continue;
      if (isPropertyAssignment(property)) {
        return { value: this.evaluate(property.initializer, script, depth + 1), node: property.initializer, script };
      }
      if (isShorthandPropertyAssignment(property)) {
        return { value: this.identifier(property.name, script, depth + 1), node: property.name, script };
      }
      return { value: UNKNOWN, node: property, script };
    }
    return undefined;
  }

  /** Resolves an identifier by walking its enclosing scopes (parameters, block and file declarations, imports). */
  private identifier(node: ts.Identifier, script: ParsedScript, depth: number): Value {
    const name = node.text;
    if (name === 'undefined') return { kind: 'nothing' };
    for (let scope: ts.Node | undefined = node.parent; scope; scope = scope.parent) {
      if (isFunctionLike(scope)) {
        for (const parameter of scope.parameters) {
          if (isIdentifier(parameter.name) && parameter.name.text === name) {
            return parameter.initializer ? this.evaluate(parameter.initializer, script, depth) : UNKNOWN;
          }
        }
      }
      if (isSourceFile(scope)) return this.topLevel(script, name, depth) ?? UNKNOWN;
      const statements = statementsOf(scope);
      const found = statements && this.declared(statements, name, script, depth);
      if (found) return found;
    }
    return UNKNOWN;
  }

  /** A file-level declaration or import named `name`. */
  private topLevel(script: ParsedScript, name: string, depth: number): Value | undefined {
    this.outsideLooks++;
    const declared = this.declared(script.source.statements, name, script, depth);
    if (declared) return declared;
    const imported = script.imports.get(name);
    if (!imported) return undefined;
    const module = this.moduleValue(script, imported.module);
    if (imported.name === '*') return module;
    return this.memberOf(module, imported.name, depth)?.value ?? UNKNOWN;
  }

  /** The value `name` is declared with among `statements`, or `undefined` when not declared there. */
  private declared(statements: readonly ts.Statement[], name: string, script: ParsedScript, depth: number): Value | undefined {
    for (const statement of statements) {
      if (isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          const found = this.bound(declaration.name, declaration.initializer, name, script, depth);
          if (found) return found;
        }
      } else if (
        (isFunctionDeclaration(statement) || isClassDeclaration(statement) || isEnumDeclaration(statement)) &&
        statement.name?.text === name
      ) {
        return UNKNOWN;
      }
    }
    return undefined;
  }

  private bound(
    binding: ts.BindingName,
    initializer: ts.Expression | undefined,
    name: string,
    script: ParsedScript,
    depth: number,
  ): Value | undefined {
    if (isIdentifier(binding)) {
      if (binding.text !== name) return undefined;
      return initializer ? this.evaluate(initializer, script, depth) : UNKNOWN;
    }
    if (!isObjectBindingPattern(binding)) return undefined;
    for (const element of binding.elements) {
      if (!isIdentifier(element.name) || element.name.text !== name || element.dotDotDotToken) continue;
      const key = element.propertyName ? propertyNameText(element.propertyName) : name;
      const source = initializer && key !== undefined ? this.evaluate(initializer, script, depth) : UNKNOWN;
      const found = key === undefined ? undefined : this.memberOf(source, key, depth)?.value;
      if ((!found || found.kind === 'unknown' || found.kind === 'nothing') && element.initializer) {
        return this.evaluate(element.initializer, script, depth);
      }
      return found ?? UNKNOWN;
    }
    return undefined;
  }

  /** What a module of the scan exports under `name` (ES exports, re-exports, CommonJS `module.exports`). */
  private exported(script: ParsedScript, name: string, depth: number): Member | undefined {
    if (depth > MAX_DEPTH) return undefined;
    for (const statement of script.source.statements) {
      if (isVariableStatement(statement) && hasExportModifier(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          if (isIdentifier(declaration.name) && declaration.name.text === name && declaration.initializer) {
            const node = declaration.initializer;
            return { value: this.evaluate(node, script, depth), node, script };
          }
        }
      } else if (isExportDeclaration(statement)) {
        const target = statement.moduleSpecifier && isStringLiteral(statement.moduleSpecifier)
          ? this.moduleValue(script, statement.moduleSpecifier.text)
          : undefined;
        const clause = statement.exportClause;
        if (!clause && target) {
          const star = this.memberOf(target, name, depth + 1);
          if (star) return star;
        } else if (clause && isNamedExports(clause)) {
          for (const element of clause.elements) {
            if (element.name.text !== name) continue;
            const local = (element.propertyName ?? element.name).text;
            if (target) return this.memberOf(target, local, depth + 1);
            const value = this.topLevel(script, local, depth + 1);
            return value ? { value, node: element, script } : undefined;
          }
        }
      } else if (isExportAssignment(statement) && name === 'default') {
        return { value: this.evaluate(statement.expression, script, depth), node: statement.expression, script };
      } else if (isExpressionStatement(statement)) {
        const found = this.commonJsExport(statement.expression, name, script, depth);
        if (found) return found;
      }
    }
    return undefined;
  }

  private commonJsExport(expression: ts.Expression, name: string, script: ParsedScript, depth: number): Member | undefined {
    if (!isBinaryExpression(expression) || expression.operatorToken.kind !== Kind.EqualsToken) return undefined;
    const target = expression.left.getText(script.source);
    if (target === 'module.exports') {
      return this.memberOf(this.evaluate(expression.right, script, depth), name, depth + 1);
    }
    if (target === `module.exports.${name}` || target === `exports.${name}`) {
      return { value: this.evaluate(expression.right, script, depth), node: expression.right, script };
    }
    return undefined;
  }
}

function isPortLike(value: Value): boolean {
  return value.kind === 'number' || (value.kind === 'string' && /^\d{1,5}$/.test(value.value.text));
}

function isEmpty(value: Value): boolean {
  return value.kind === 'nothing' || (value.kind === 'string' && value.value.text === '');
}

function isProcessEnv(node: ts.Expression): boolean {
  return (
    isPropertyAccessExpression(node) &&
    node.name.text === 'env' &&
    isIdentifier(node.expression) &&
    node.expression.text === 'process'
  );
}
