import { runCli } from './runCli';

const controller = new AbortController();
// The first Ctrl+C asks the command to stop cleanly; a second one does not wait for it.
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
});

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
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
