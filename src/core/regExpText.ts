/**
 * `text` written so that a regular expression matches it literally (its special characters escaped): for patterns
 * built from names (a package, an identifier), shared by the scanner and the fixes.
 */
export function escapedText(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
