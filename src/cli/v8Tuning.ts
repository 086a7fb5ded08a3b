/**
 * V8 flags for a scan process, for the V8 whose major version is the key. V8 is tuned for programs that run for a
 * long time: a function that has run through a budget of bytecode is compiled again, optimised, on a background
 * thread. A scan parses a few megabytes once, so the compiler's parser is hot for a second or so and its optimised
 * code mostly arrives when the work is done: on the bench corpus that compiling took about a fifth of the process's
 * CPU time, competing for the same cores. Eight times V8 11's default budget (66 KiB) leaves optimising to the
 * functions that stay hot, which a scan of many files still gets. Flags and their defaults differ between V8
 * versions and V8 prints an error for a flag it does not know, so only the measured versions get any.
 */
const SCAN_FLAGS: Readonly<Record<string, readonly string[]>> = {
  '11': [`--interrupt-budget=${8 * 66 * 1024}`],
};

/** The V8 flags of a scan process on this V8; none that the user set themselves (on the command line or in NODE_OPTIONS). */
export function scanV8Flags(v8Version: string, execArgv: readonly string[], nodeOptions = ''): readonly string[] {
  const flags = SCAN_FLAGS[v8Version.split('.')[0] ?? ''] ?? [];
  const chosen = (flag: string) => {
    const name = flag.slice(0, flag.indexOf('='));
    return [...execArgv, ...nodeOptions.split(/\s+/)].some((arg) => arg === name || arg.startsWith(`${name}=`));
  };
  return flags.some(chosen) ? [] : flags;
}

/** Sets the scan's V8 flags in this process: only the CLI's own process (bin), never a host it is loaded into. */
export function tuneV8ForScan(): void {
  const flags = scanV8Flags(process.versions.v8, process.execArgv, process.env.NODE_OPTIONS);
  if (flags.length === 0) return;
  // Required here: loading node:v8 takes longer than all of `--help`, which must not pay for it.
  const { setFlagsFromString } = require('node:v8') as typeof import('node:v8');
  for (const flag of flags) setFlagsFromString(flag);
}
