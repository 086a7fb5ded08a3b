import { runCli } from './runCli';
import { tuneV8ForScan } from './v8Tuning';

// Before any code runs hot: see v8Tuning.ts. Here, in the process's entry, because V8's flags are the whole
// process's; commands run in-process (tests, the bench) keep the defaults.
if (process.argv[2] === 'scan') tuneV8ForScan();

const controller = new AbortController();
// The first Ctrl+C (or SIGTERM, as a service manager sends) asks the command to stop cleanly — for `copy --live`, to
// cut over; a second one does not wait for it.
const stop = () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

// A reader that stops early (`| head`) closes the pipe: the command still finishes its work (a --fix must not
// stop half-way), and what it would have printed goes nowhere instead of crashing on EPIPE.
let stdoutClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  stdoutClosed = true;
});

runCli(process.argv.slice(2), {
  out: (text) => {
    if (!stdoutClosed) process.stdout.write(text);
  },
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  signal: controller.signal,
}).then(
  (code) => exitOnceWritten(code),
  (error: unknown) => {
    process.stderr.write(`amr-migrate: ${error instanceof Error ? error.message : String(error)}\n`);
    exitOnceWritten(2);
  },
);

/**
 * Ends the process as soon as everything written to standard output and error has left: the command is done, and
 * a process left to end by itself first tears its whole heap down (after a scan about 60 ms, a twentieth of the
 * run) and waits for anything else still open. A write's callback runs once the writes before it are flushed, so
 * nothing is cut off where standard output is asynchronous (pipes on macOS, terminals on Windows).
 */
function exitOnceWritten(code: number): void {
  let streams = 2;
  const flushed = () => {
    if (--streams === 0) process.exit(code);
  };
  process.stdout.write('', flushed);
  process.stderr.write('', flushed);
}
