/**
 * Control characters (C0 except the line feed, DEL, C1) written as `\uXXXX`, so that a file name or an Azure name
 * printed to a terminal shows what it holds instead of retitling the window or clearing the screen.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
