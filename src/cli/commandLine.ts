import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliIo } from './io';
import { ExitCode } from './io';

/** A bad command line: the command prints the message with its help and exits 2. Its message never quotes an option's value. */
export class UsageError extends Error {}

/** `parseArgs` (strict) whose complaints become UsageErrors, without Node's advice about '--' (noise next to a typo). */
export function parseOptions<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    // Node quotes a stray argument in full; it may be a URL with a password typed in the wrong place.
    if ((error as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      throw new UsageError('unexpected argument: this command takes options only');
    }
    throw new UsageError((error instanceof Error ? error.message : String(error)).replace(/\. To specify a positional.*$/s, ''));
  }
}

/**
 * Runs a command's argument parser. Returns its result, or the exit code when there is nothing more to do:
 * 0 after printing the help for `--help`, 2 after printing a UsageError with the help. `redact` hides secrets
 * a message may quote (a URL with a password given on the command line).
 */
export function parseCommandLine<T>(
  command: string,
  help: string,
  io: CliIo,
  parse: () => T | 'help',
  redact: (message: string) => string = (message) => message,
): T | number {
  let parsed: T | 'help';
  try {
    parsed = parse();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`amr-migrate ${command}: ${redact(error.message)}\n\n${help}`);
    return ExitCode.usage;
  }
  if (parsed === 'help') {
    io.out(help);
    return ExitCode.ok;
  }
  return parsed;
}
