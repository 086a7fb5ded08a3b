import type { TextEdit } from '../../findings';
import { applyEdits } from '../../scan/applyEdits';
import type { ClientConstruction, ObjectEvidence, PropertyEvidence, Span } from '../../evidence/evidence';

/** Text helpers for fixes that rewrite a client construction, all working on the evidence's spans. */

export interface FoundProperty {
  object: ObjectEvidence;
  property: PropertyEvidence;
}

/**
 * The option property whose value is written at `span` (the innermost one holding it), searched in the call's
 * object arguments and their nested objects.
 */
export function propertyAt(construction: ClientConstruction, span: Span): FoundProperty | undefined {
  const search = (object: ObjectEvidence): FoundProperty | undefined => {
    for (const property of object.properties) {
      if (property.span.start > span.start || property.span.end < span.end) continue;
      return (property.object && search(property.object)) ?? { object, property };
    }
    return undefined;
  };
  for (const argument of construction.arguments) {
    const found = argument.object && search(argument.object);
    if (found) return found;
  }
  return undefined;
}

export function property(object: ObjectEvidence, name: string): PropertyEvidence | undefined {
  return object.properties.find((candidate) => candidate.name === name);
}

/** The source text of `span`, which lies inside the construction's call. */
export function textOf(construction: ClientConstruction, span: Span): string {
  return construction.text.slice(span.start - construction.call.start, span.end - construction.call.start);
}

/** The text of `object` with `edits` (inside it, file offsets) applied. */
export function editedText(construction: ClientConstruction, object: ObjectEvidence, edits: readonly TextEdit[]): string {
  const shift = object.span.start;
  const local = edits.map((edit) => ({ ...edit, start: edit.start - shift, end: edit.end - shift }));
  return applyEdits(textOf(construction, object.span), local).text;
}

/** Moves every line after the first one indentation step deeper (text that moves into a nested object). */
export function indentMore(text: string, unit: string): string {
  return text.replace(/\n(?=[^\r\n])/g, `\n${unit}`);
}

/** The indentation of the line the object's braces sit on, when its properties are on lines of their own. */
export function outerIndent(object: ObjectEvidence, unit: string): string | undefined {
  if (object.indent === undefined) return undefined;
  return object.indent.endsWith(unit) ? object.indent.slice(0, object.indent.length - unit.length) : '';
}

/** An expression that can be written twice without a second evaluation doing anything different. */
export function isRepeatable(expression: string): boolean {
  const access = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[(?:'[^'\\]*'|"[^"\\]*"|\d+)\])*!?$/;
  const literal = /^(?:'[^'\\\n]*'|"[^"\\\n]*"|`[^`\\$]*`|\d+)$/;
  return access.test(expression) || literal.test(expression);
}

/** A string literal in the file's quote style. */
export function quoted(value: string, quote: "'" | '"'): string {
  return quote + value.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`) + quote;
}

/**
 * Edits deleting `removed` properties of `object` with their commas, so what stays keeps its layout: a run of
 * removed properties goes up to the next property kept, or — at the end — from the last property kept.
 */
export function removeProperties(construction: ClientConstruction, object: ObjectEvidence, removed: readonly PropertyEvidence[]): TextEdit[] {
  const all = object.properties;
  const file = construction.call.file;
  const edits: TextEdit[] = [];
  for (let i = 0; i < all.length; i++) {
    if (!removed.includes(all[i]!)) continue;
    let j = i;
    while (j + 1 < all.length && removed.includes(all[j + 1]!)) j++;
    const next = all[j + 1];
    const previous = all[i - 1];
    const lastRemoval = all[j]!.removal;
    if (next) edits.push({ file, start: all[i]!.span.start, end: lastRemoval.end, newText: '' });
    else if (!previous) edits.push({ file, start: all[i]!.span.start, end: lastRemoval.end, newText: '' });
    else {
      const trailingComma = lastRemoval.end > all[j]!.span.end;
      const previousEnd = previous.span.end;
      const start = trailingComma ? previousEnd + textOf(construction, { file, start: previousEnd, end: lastRemoval.end }).indexOf(',') + 1 : previousEnd;
      edits.push({ file, start, end: lastRemoval.end, newText: '' });
    }
    i = j;
  }
  return edits;
}
