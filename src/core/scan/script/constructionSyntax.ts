import type { ts } from 'ts-morph';
import {
  isCallExpression, isExportAssignment, isExportDeclaration, isIdentifier, isImportDeclaration, isNamedImports,
  isNamespaceImport, isNumericLiteral, isObjectBindingPattern, isObjectLiteralExpression, isPropertyAssignment,
  isShorthandPropertyAssignment, isStringLiteral, isVariableStatement,
} from './compilerApi';
import type {
  ArgumentEvidence,
  ClientConstruction,
  CodeStyle,
  ImportEvidence,
  ImportSpecifierEvidence,
  ObjectEvidence,
  PropertyEvidence,
} from '../../evidence/evidence';
import { spanOfNode } from './evaluate';
import { requiredModule, type ParsedScript } from './project';

/**
 * Describes the syntax around a client construction — its arguments and option objects, the file's imports and
 * code style — so fixes can rewrite it as text without a syntax tree of their own. Computed once per file.
 */
export class ConstructionSyntax {
  private fileFacts: Pick<ClientConstruction, 'moduleSystem' | 'imports' | 'importInsertAt' | 'importInsertAfterCode' | 'relativeImportsWithExtension' | 'style'> | undefined;

  constructor(private readonly script: ParsedScript) {}

  describe(node: ts.CallExpression | ts.NewExpression, library: ClientConstruction['library']): ClientConstruction {
    const source = this.script.source;
    const args = (node.arguments ?? []).map((argument) => this.argument(argument));
    const parent = node.parent;
    const wrappedBy = parent && isCallExpression(parent) && parent.arguments.includes(node as ts.Expression)
      ? parent.expression.getText(source)
      : undefined;
    return {
      library,
      ...(library === 'node-redis' && isPositional(node) ? { nodeRedisMajor: 3 } : {}),
      call: spanOfNode(node, this.script),
      callee: node.expression.getText(source),
      arguments: args,
      ...this.facts(),
      text: node.getText(source),
      ...(wrappedBy ? { wrappedBy } : {}),
      siblingFiles: [],
    };
  }

  private argument(node: ts.Expression): ArgumentEvidence {
    const object = isObjectLiteralExpression(node) ? this.object(node) : undefined;
    return { span: spanOfNode(node, this.script), text: node.getText(this.script.source), ...(object ? { object } : {}) };
  }

  private object(node: ts.ObjectLiteralExpression): ObjectEvidence {
    const source = this.script.source;
    const text = source.text;
    const properties: PropertyEvidence[] = [];
    let opaque = false;
    const elements = node.properties;
    elements.forEach((element, index) => {
      const assignment = isPropertyAssignment(element) || isShorthandPropertyAssignment(element) ? element : undefined;
      const name = assignment && staticName(assignment.name);
      if (!assignment || name === undefined) {
        opaque = true;
        return;
      }
      const value: ts.Expression = isPropertyAssignment(assignment) ? assignment.initializer : assignment.name;
      const start = element.getStart(source);
      const end = element.getEnd();
      const next = elements[index + 1];
      let removal: { start: number; end: number };
      if (next) {
        removal = { start, end: removalEnd(text, end, next.getStart(source)) };
      } else {
        const previous = elements[index - 1];
        if (!previous) removal = { start, end: elements.hasTrailingComma ? text.indexOf(',', end) + 1 : end };
        // The last property: with a trailing comma, from the previous one's comma through its own; else from
        // the end of the previous property, taking the comma between them.
        else if (elements.hasTrailingComma) removal = { start: text.indexOf(',', previous.getEnd()) + 1, end: text.indexOf(',', end) + 1 };
        else removal = { start: previous.getEnd(), end };
      }
      const nested = isObjectLiteralExpression(value) ? this.object(value) : undefined;
      properties.push({
        name,
        span: { file: this.script.path, start, end },
        valueText: value.getText(source),
        removal: { file: this.script.path, ...removal },
        ...(nested ? { object: nested } : {}),
      });
    });
    const first = elements[0];
    const firstStart = first?.getStart(source);
    const lineStart = firstStart === undefined ? undefined : text.lastIndexOf('\n', firstStart - 1) + 1;
    const leading = lineStart === undefined ? undefined : text.slice(lineStart, firstStart);
    const indent = leading !== undefined && /^[ \t]*$/.test(leading) ? leading : undefined;
    return { span: spanOfNode(node, this.script), properties, opaque, indent };
  }

  private facts(): NonNullable<ConstructionSyntax['fileFacts']> {
    this.fileFacts ??= fileFacts(this.script);
    return this.fileFacts;
  }
}

/**
 * Where deleting a property that has a next one stops: after its comma, a comment on the same line (the
 * property's own) and the space after, but before any comment on a later line (the next property's).
 */
function removalEnd(text: string, propertyEnd: number, nextStart: number): number {
  let at = text.indexOf(',', propertyEnd) + 1;
  const sameLine = /^[ \t]*(?:\/\/[^\n]*|\/\*[^\n]*?\*\/)?[ \t]*/.exec(text.slice(at, nextStart))![0];
  at += sameLine.length;
  const rest = /^\s*/.exec(text.slice(at, nextStart))![0];
  return Math.min(at + rest.length, nextStart);
}

function staticName(name: ts.PropertyName): string | undefined {
  if (isIdentifier(name) || isStringLiteral(name) || isNumericLiteral(name)) return name.text;
  return undefined;
}

/** `createClient(6379, 'host')` / `createClient(6379)`: the node-redis v3 API. */
function isPositional(node: ts.CallExpression | ts.NewExpression): boolean {
  const first = node.arguments?.[0];
  return first !== undefined && isNumericLiteral(first);
}

function fileFacts(script: ParsedScript): NonNullable<ConstructionSyntax['fileFacts']> {
  const source = script.source;
  const text = source.text;
  const imports: ImportEvidence[] = [];
  let lastImportEnd: number | undefined;
  let esmSyntax = false;
  for (const statement of source.statements) {
    if (isImportDeclaration(statement) && isStringLiteral(statement.moduleSpecifier)) {
      esmSyntax = true;
      lastImportEnd = statement.getEnd();
      const clause = statement.importClause;
      const bindings = clause?.namedBindings;
      const named: Record<string, string> = {};
      const specifiers: Record<string, ImportSpecifierEvidence> = {};
      let namedInsertAt: number | undefined;
      if (bindings && isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          const imported = (element.propertyName ?? element.name).text;
          named[imported] = element.name.text;
          specifiers[imported] = specifier(element, element.name.text, text);
        }
        const last = bindings.elements[bindings.elements.length - 1];
        if (last && !clause?.isTypeOnly) namedInsertAt = last.getEnd();
      }
      const whole = clause?.name?.text ?? (bindings && isNamespaceImport(bindings) ? bindings.name.text : undefined);
      imports.push({
        module: statement.moduleSpecifier.text,
        named,
        specifiers,
        ...(namedInsertAt === undefined ? {} : { namedInsertAt }),
        ...(whole ? { whole } : {}),
      });
    } else if (isVariableStatement(statement)) {
      const declaration = statement.declarationList.declarations[0];
      const module = requiredModule(declaration?.initializer);
      if (!declaration || module === undefined || statement.declarationList.declarations.length !== 1) continue;
      lastImportEnd = statement.getEnd();
      if (isIdentifier(declaration.name)) {
        imports.push({ module, named: {}, whole: declaration.name.text });
      } else if (isObjectBindingPattern(declaration.name)) {
        const named: Record<string, string> = {};
        const specifiers: Record<string, ImportSpecifierEvidence> = {};
        for (const element of declaration.name.elements) {
          if (!isIdentifier(element.name)) continue;
          const imported = element.propertyName && isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text;
          named[imported] = element.name.text;
          specifiers[imported] = specifier(element, element.name.text, text);
        }
        const last = declaration.name.elements[declaration.name.elements.length - 1];
        imports.push({ module, named, specifiers, ...(last ? { namedInsertAt: last.getEnd() } : {}) });
      }
    } else if (isExportDeclaration(statement) || isExportAssignment(statement)) {
      esmSyntax = true;
    }
  }
  const isTypeScript = /\.[mc]?tsx?$/i.test(script.path);
  const moduleSystem = /\.cjs$/i.test(script.path) ? 'commonjs'
    : esmSyntax || /\.mjs$/i.test(script.path) || (isTypeScript && !/\.cts$/i.test(script.path)) ? 'esm' : 'commonjs';
  let importInsertAt = 0;
  let importInsertAfterCode = false;
  if (lastImportEnd !== undefined) {
    const lineEnd = text.indexOf('\n', lastImportEnd);
    const restOfLine = text.slice(lastImportEnd, lineEnd < 0 ? text.length : lineEnd);
    // Code after the import on its line (`import …; export const c = createClient({`): the next line may be inside it.
    importInsertAfterCode = !/^\s*(\/\/.*)?$/.test(restOfLine);
    const codeStart = lastImportEnd + restOfLine.length - restOfLine.trimStart().length;
    importInsertAt = importInsertAfterCode ? codeStart : lineEnd < 0 ? text.length : lineEnd + 1;
  }
  return {
    moduleSystem,
    imports,
    importInsertAt,
    importInsertAfterCode,
    relativeImportsWithExtension: imports.some((entry) => /^\.\.?\/.*\.[mc]?js$/.test(entry.module)),
    style: codeStyle(source),
  };
}

function specifier(element: ts.Node, local: string, text: string): ImportSpecifierEvidence {
  const word = new RegExp(`(?<![\\w$])${local.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
  return { start: element.getStart(), end: element.getEnd(), occurrences: text.match(word)?.length ?? 0 };
}

function codeStyle(source: ts.SourceFile): CodeStyle {
  const text = source.text;
  const singles = occurrences(text, "'");
  const doubles = occurrences(text, '"');
  const statements = source.statements;
  const withSemicolon = statements.filter((statement) => text[statement.getEnd() - 1] === ';').length;
  const indent = /^( +|\t)\S/m.exec(text)?.[1];
  return {
    quote: doubles > singles ? '"' : "'",
    semicolons: statements.length === 0 || withSemicolon * 2 >= statements.length,
    newline: text.includes('\r\n') ? '\r\n' : '\n',
    indentUnit: indent === '\t' ? '\t' : indent && indent.length <= 4 ? indent : '  ',
  };
}

/** How often `char` occurs in `text`, without building the array of matches a global regex would. */
function occurrences(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, at + 1)) count++;
  return count;
}
