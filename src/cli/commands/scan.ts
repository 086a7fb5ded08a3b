import type { CliIo } from '../io';
import { ExitCode } from '../io';

export async function runScan(_args: string[], io: CliIo): Promise<number> {
  io.err('amr-migrate scan: not built yet\n');
  return ExitCode.usage;
}
