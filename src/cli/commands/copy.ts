import type { CliIo } from '../io';
import { ExitCode } from '../io';

export async function runCopy(_args: string[], io: CliIo): Promise<number> {
  io.err('amr-migrate copy: not built yet\n');
  return ExitCode.usage;
}
