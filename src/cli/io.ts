/** What a CLI command may touch of the outside world; injected so tests run commands in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Colour and other terminal niceties only when stdout is a TTY. */
  isTTY: boolean;
  /** Aborted on Ctrl+C. */
  signal: AbortSignal;
}

/** Exit codes shared by every command (see docs/design/contracts.md). */
export const ExitCode = {
  ok: 0,
  findings: 1,
  usage: 2,
  /** Stopped by Ctrl+C (128 + SIGINT, as shells report it); no partial result is reported as complete. */
  interrupted: 130,
} as const;

export type CliCommand = (args: string[], io: CliIo) => Promise<number>;
