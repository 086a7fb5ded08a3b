import { ts } from 'ts-morph';
import { lastSeparator, separatorOf } from '../../files/portablePath';
import {
  forEachChild, isCallExpression, isExternalModuleReference, isIdentifier, isImportDeclaration,
  isImportEqualsDeclaration, isNamedImports, isNamespaceImport, isObjectBindingPattern, isStringLiteral,
  isVariableStatement,
} from './compilerApi';
import type { StatementMemo } from './statementMemo';

/** A parsed JS/TS file of the scan, with what its imports bind. */
export interface ParsedScript {
  path: string;
  source: ts.SourceFile;
  /** Local name → module specifier and imported name (`default`, `*` for namespaces/require, or the export). */
  imports: Map<string, { module: string; name: string }>;
  /** Whether every node has its `parent` (set by the analysis walk, or by `tryGet` for imported files). */
  parented: boolean;
  /** What the analysis found per top-level statement node, kept across scans by a live session. */
  statementMemos?: WeakMap<ts.Statement, StatementMemo>;
}

/**
 * Where the JS/TS files of a scan come from beyond its inputs, and how they are parsed. The one-shot scan
 * reads only its inputs; a live scan session also reads imported files (open documents, then disk) and
 * hands out its cached trees, updated incrementally.
 */
export interface ScriptHost {
  /** The text of a file that is not an input of the scan, or `undefined` when there is none to read. */
  readText?(path: string): string | undefined;
  /** The text of a package.json that is not an input (the nearest one gives the node-redis version), if any. */
  readManifest?(path: string): string | undefined;
  /** The syntax tree of `text`; throws what the parser throws. */
  parse?(path: string, text: string): ts.SourceFile;
  /** Where the analysis keeps what it found per statement, for trees that outlive one scan. */
  statementMemos?: WeakMap<ts.Statement, StatementMemo>;
}

/** JSDoc is never read by the rules; skipping it makes JavaScript files noticeably cheaper to parse. */
const PARSE_OPTIONS: ts.CreateSourceFileOptions = {
  languageVersion: ts.ScriptTarget.Latest,
  jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
};

/** Parses a JS/TS file the way every scan does (no JSDoc, no parent pointers: the analysis walk sets them). */
export function parseScript(path: string, text: string): ts.SourceFile {
  return ts.createSourceFile(path, text, PARSE_OPTIONS, false, scriptKind(path));
}

const RESOLVE_EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

function scriptKind(path: string): ts.ScriptKind {
  if (/\.[mc]?tsx?$/i.test(path)) return /x$/i.test(path) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return /x$/i.test(path) ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
}

function dirname(path: string): string {
  const slash = lastSeparator(path);
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Joins a relative specifier onto a directory, resolving `.` and `..` (paths use `/` or `\`). */
function joinPath(directory: string, specifier: string): string {
  const separator = separatorOf(directory);
  const parts = directory.split(/[\\/]/);
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join(separator);
}

function recordImports(source: ts.SourceFile): Map<string, { module: string; name: string }> {
  const imports = new Map<string, { module: string; name: string }>();
  for (const statement of source.statements) {
    if (isImportDeclaration(statement) && isStringLiteral(statement.moduleSpecifier)) {
      const module = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (clause?.name) imports.set(clause.name.text, { module, name: 'default' });
      const bindings = clause?.namedBindings;
      if (bindings && isNamespaceImport(bindings)) imports.set(bindings.name.text, { module, name: '*' });
      if (bindings && isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          imports.set(element.name.text, { module, name: (element.propertyName ?? element.name).text });
        }
      }
    } else if (isImportEqualsDeclaration(statement) && isExternalModuleReference(statement.moduleReference)) {
      const expression = statement.moduleReference.expression;
      if (isStringLiteral(expression)) imports.set(statement.name.text, { module: expression.text, name: '*' });
    } else if (isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const module = requiredModule(declaration.initializer);
        if (module === undefined) continue;
        if (isIdentifier(declaration.name)) imports.set(declaration.name.text, { module, name: '*' });
        else if (isObjectBindingPattern(declaration.name)) {
          for (const element of declaration.name.elements) {
            if (!isIdentifier(element.name)) continue;
            const imported = element.propertyName && isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text;
            imports.set(element.name.text, { module, name: imported });
          }
        }
      }
    }
  }
  return imports;
}

function setParents(node: ts.Node): void {
  forEachChild(node, (child) => {
    (child as { parent: ts.Node }).parent = node;
    setParents(child);
  });
}

/** `require('m')` (also `require('m').default`-free forms) → 'm'. */
export function requiredModule(node: ts.Expression | undefined): string | undefined {
  if (!node || !isCallExpression(node)) return undefined;
  const [argument] = node.arguments;
  if (isIdentifier(node.expression) && node.expression.text === 'require' && argument && isStringLiteral(argument)) {
    return argument.text;
  }
  return undefined;
}

/** The JS/TS files of one scan; files are parsed on first use, so imported constants resolve across files. */
export class ScriptProject {
  /** Texts of the inputs and of the imported files read so far (`undefined`: looked for, not there). */
  private readonly texts = new Map<string, string | undefined>();
  /** Parsed files; an Error when parsing failed (so the failure is reported once per file, not retried). */
  private readonly parsed = new Map<string, ParsedScript | Error | undefined>();
  /** Files other files import from: their trees are kept for the evaluator. */
  private readonly imported = new Set<string>();

  constructor(files: ReadonlyArray<{ path: string; text: string }>, private readonly host: ScriptHost = {}) {
    for (const file of files) this.texts.set(file.path, file.text);
  }

  /** The text of an input or of a file the host can read; read once per scan. */
  textOf(path: string): string | undefined {
    if (!this.texts.has(path) && this.host.readText) this.texts.set(path, this.host.readText(path));
    return this.texts.get(path);
  }

  /** The parsed file; throws what the parser throws (the scanner reports it as skipped). */
  get(path: string): ParsedScript | undefined {
    const known = this.parsed.get(path);
    if (known instanceof Error) throw known;
    if (known || this.parsed.has(path)) return known;
    const text = this.textOf(path);
    this.parsed.set(path, undefined);
    if (text === undefined) return undefined;
    try {
      const source = (this.host.parse ?? parseScript)(path, text);
      const script: ParsedScript = { path, source, imports: recordImports(source), parented: false, statementMemos: this.host.statementMemos };
      this.parsed.set(path, script);
      return script;
    } catch (error) {
      this.parsed.set(path, error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }

  /**
   * Parses an imported file of the scan with parent pointers (the evaluator walks scopes upwards), or
   * `undefined` when it is not part of the scan or does not parse.
   */
  tryGet(path: string): ParsedScript | undefined {
    this.imported.add(path);
    try {
      const script = this.get(path);
      if (script && !script.parented) {
        setParents(script.source);
        script.parented = true;
      }
      return script;
    } catch {
      return undefined;
    }
  }

  /**
   * Forgets a file's syntax tree once it has been analysed, unless another file imports from it:
   * holding every tree of a large scan costs more in garbage collection than parsing does.
   */
  release(path: string): void {
    if (!this.imported.has(path)) this.parsed.delete(path);
  }

  /** The scan file a relative import points at (`./config` → `/src/config.ts`; `.js` specifiers may name `.ts` files). */
  resolve(fromPath: string, specifier: string): string | undefined {
    if (!specifier.startsWith('.')) return undefined;
    const base = joinPath(dirname(fromPath), specifier);
    const stems = [base, base.replace(/\.[mc]?jsx?$/i, '')];
    for (const stem of stems) {
      for (const extension of RESOLVE_EXTENSIONS) {
        if (this.textOf(stem + extension) !== undefined) return stem + extension;
      }
      for (const extension of RESOLVE_EXTENSIONS.slice(1)) {
        const index = joinPath(stem, `index${extension}`);
        if (this.textOf(index) !== undefined) return index;
      }
    }
    return undefined;
  }
}
