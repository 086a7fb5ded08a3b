import type { CliIo } from '../../src/cli/io';

/** A CliIo that records what a command prints, for in-process CLI tests. */
export function captureIo(overrides: Partial<CliIo> = {}): CliIo & { stdout(): string; stderr(): string } {
  let out = '';
  let err = '';
  return {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    cwd: process.cwd(),
    env: {},
    isTTY: false,
    signal: new AbortController().signal,
    ...overrides,
    stdout: () => out,
    stderr: () => err,
  };
}
