import type { CliIo } from '../io';
import { ExitCode } from '../io';

export async function runInventory(_args: string[], io: CliIo): Promise<number> {
  io.err('amr-migrate inventory: not built yet\n');
  return ExitCode.usage;
}
