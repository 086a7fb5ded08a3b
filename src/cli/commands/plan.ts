import type { CliIo } from '../io';
import { ExitCode } from '../io';

export async function runPlan(_args: string[], io: CliIo): Promise<number> {
  io.err('amr-migrate plan: not built yet\n');
  return ExitCode.usage;
}
