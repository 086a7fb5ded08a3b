import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The bundled CLI (npm run build), run as a user would. This file runs from out/test/helpers. */
export const CLI = resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node dist/cli.js ...args` with only PATH and `env` in its environment, asynchronously, so that a server in
 * this process (the local ARM server) can answer it.
 */
export function runCliProcess(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<CliRun> {
  assert.ok(existsSync(CLI), `${CLI} is missing: run 'npm run build' first`);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
