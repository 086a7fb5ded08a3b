import { escapeControlCharacters } from './terminalText';

/**
 * Text from Azure (a cache name) made inert in Markdown: `&`, `<` and `>` become entities so that no HTML tag
 * reaches the renderer, and control characters are shown escaped.
 */
export function markdownText(text: string): string {
  return escapeControlCharacters(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
