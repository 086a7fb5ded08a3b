/** `permission denied [EACCES]` rather than Node's message, which repeats the path the caller already shows. */
export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const text = error instanceof Error ? error.message : String(error);
  if (code && text.startsWith(`${code}: `)) return text.slice(code.length + 2).split(',')[0]!.trim() + ` [${code}]`;
  return text;
}
