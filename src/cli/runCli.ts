import { runCopy } from './commands/copy';
import { runInventory } from './commands/inventory';
import { runPlan } from './commands/plan';
import { runScan } from './commands/scan';
import type { CliCommand, CliIo } from './io';
import { ExitCode } from './io';
import { version } from '../../package.json';

const COMMANDS: Record<string, { run: CliCommand; summary: string }> = {
  scan: { run: runScan, summary: 'find code and configuration that must change for Azure Managed Redis' },
  plan: { run: runPlan, summary: 'recommend an Azure Managed Redis SKU and migration steps for a cache' },
  inventory: { run: runInventory, summary: 'list the Azure caches in your subscriptions' },
  copy: { run: runCopy, summary: 'copy the data of one Redis into another' },
};

export const VERSION: string = version;

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(10)} ${summary}`);
  return `Usage: amr-migrate <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'amr-migrate <command> --help' for a command's options.\n`;
}

/** Dispatches argv to a command; returns the process exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    io.out(`${VERSION}\n`);
    return ExitCode.ok;
  }
  if (name === undefined || name === '--help' || name === '-h') {
    io.out(usage());
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`amr-migrate: unknown command '${name}'\n\n${usage()}`);
    return ExitCode.usage;
  }
  return command.run(rest, io);
}
