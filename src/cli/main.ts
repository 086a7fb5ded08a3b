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
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`amr-migrate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
