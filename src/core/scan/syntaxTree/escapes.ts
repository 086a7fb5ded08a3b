const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f' };

/** The character a C-style escape sequence (`\n`, `\"`, `\u0041`) stands for. */
export function decodeEscape(sequence: string): string {
  const body = sequence.slice(1);
  const unicode = /^[uU]([0-9a-fA-F]{4,8})$/.exec(body);
  if (unicode) return String.fromCodePoint(parseInt(unicode[1]!, 16));
  return SIMPLE_ESCAPES[body] ?? body;
}
