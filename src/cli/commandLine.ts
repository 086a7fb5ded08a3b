import type { CliIo } from './io';
import { ExitCode } from './io';

/** A bad command line: the command prints the message with its help and exits 2. */
export class UsageError extends Error {}

/**
 * Runs a command's argument parser. Returns its result, or the exit code when there is nothing more to do:
 * 0 after printing the help for `--help`, 2 after printing a UsageError with the help.
 */
export function parseCommandLine<T>(command: string, help: string, io: CliIo, parse: () => T | 'help'): T | number {
  let parsed: T | 'help';
  try {
    parsed = parse();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`amr-migrate ${command}: ${error.message}\n\n${help}`);
    return ExitCode.usage;
  }
  if (parsed === 'help') {
    io.out(help);
    return ExitCode.ok;
  }
  return parsed;
}
