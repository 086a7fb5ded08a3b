/**
 * Entry of the in-editor suite, with the `run()` contract shared by `@vscode/test-electron` and the code-server
 * harness (scripts/e2e-run.mjs): VS Code loads this module in the extension host and waits for the promise.
 */
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function run(): Promise<void> {
  // AMR_E2E_GREP runs the tests whose title matches (while working on one spec); CI runs them all.
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, ...(process.env.AMR_E2E_GREP ? { grep: process.env.AMR_E2E_GREP } : {}) });
  // Activation first: it measures the cold start before any other test triggers it.
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort((a, b) => Number(b === 'activation.test.js') - Number(a === 'activation.test.js') || a.localeCompare(b));
  for (const name of files) mocha.addFile(join(__dirname, name));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} e2e test(s) failed`)) : resolve()));
  });
}
