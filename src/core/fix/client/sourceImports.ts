import type { TextEdit } from '../../findings';
import type { ClientConstruction } from '../../evidence/evidence';

export interface ImportNeed {
  module: string;
  /** Names imported by name; the fixed code uses them under these names. */
  names: string[];
}

/**
 * Edits that make `needs` available in the file of `construction`, once: a name already imported from the module
 * adds nothing, a module imported with braces gets the missing names inside them, any other module gets a new
 * statement (ES `import` or CommonJS `require`, as the file writes them). New statements go into one edit at the
 * same place, so two fixes of one file ask for the identical edit and it is applied once.
 */
export function importEdits(construction: ClientConstruction, needs: readonly ImportNeed[]): TextEdit[] {
  const file = construction.call.file;
  const { quote, semicolons, newline } = construction.style;
  const end = semicolons ? ';' : '';
  const edits: TextEdit[] = [];
  const statements: string[] = [];
  for (const need of needs) {
    const existing = construction.imports.filter((entry) => entry.module === need.module);
    const missing = need.names.filter((name) => !existing.some((entry) => entry.named[name] === name));
    if (missing.length === 0) continue;
    const extendable = existing.find((entry) => entry.namedInsertAt !== undefined);
    if (extendable?.namedInsertAt !== undefined) {
      edits.push({ file, start: extendable.namedInsertAt, end: extendable.namedInsertAt, newText: missing.map((name) => `, ${name}`).join('') });
      continue;
    }
    const list = `{ ${missing.join(', ')} }`;
    statements.push(
      construction.moduleSystem === 'esm'
        ? `import ${list} from ${quote}${need.module}${quote}${end}`
        : `const ${list} = require(${quote}${need.module}${quote})${end}`,
    );
  }
  if (statements.length > 0) {
    const at = construction.importInsertAt;
    // After an import that code follows on its line, the new statements start a line and the code gets its own.
    const newText = construction.importInsertAfterCode
      ? `${newline}${statements.join(newline)}${newline}`
      : statements.map((statement) => statement + newline).join('');
    edits.push({ file, start: at, end: at, newText });
  }
  return edits;
}

/** The local name under which `name` of `module` is usable, when the file imports it by name. */
export function importedName(construction: ClientConstruction, module: string, name: string): string | undefined {
  return construction.imports.find((entry) => entry.module === module && entry.named[name] !== undefined)?.named[name];
}
