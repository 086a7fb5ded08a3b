import type { CliCommand, CliIo } from './io';
import { ExitCode } from './io';
import { version } from '../../package.json';

/**
 * Each command's code is loaded only when it runs (`import()` of its module under ./commands/, which the build
 * turns into a bundle of its own: scripts/build.mjs), so `--help` and one command never pay for the others.
 */
const COMMANDS: Record<string, { load: () => Promise<CliCommand>; summary: string }> = {
  scan: {
    load: async () => (await import('./commands/scan')).runScan,
    summary: 'find code and configuration that must change for Azure Managed Redis',
  },
  plan: {
    load: async () => (await import('./commands/plan')).runPlan,
    summary: 'recommend an Azure Managed Redis SKU and migration steps for a cache',
  },
  inventory: { load: async () => (await import('./commands/inventory')).runInventory, summary: 'list the Azure caches in your subscriptions' },
  copy: { load: async () => (await import('./commands/copy')).runCopy, summary: 'copy the data of one Redis into another' },
  provision: { load: async () => (await import('./commands/provision')).runProvision, summary: 'create the Azure Managed Redis cache that replaces a cache' },
  migrate: { load: async () => (await import('./commands/migrate')).runMigrate, summary: "validate, start, follow, roll back or unlink Azure's automated migration" },
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
  return (await command.load())(rest, io);
}
