// Runs the same in-host mocha suite under desktop VS Code via @vscode/test-electron, for machines that can download
// VS Code (this one cannot: there, `npm run test:e2e` uses code-server instead). Works on a copy of the fixture.
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './e2e-tools.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'amr-e2e-electron-'));
const workspace = join(scratch, 'workspace');
cpSync(join(repoRoot, 'test', 'e2e', 'fixtures', 'workspace'), workspace, { recursive: true });
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(repoRoot, 'out', 'test', 'e2e', 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--disable-workspace-trust',
      '--user-data-dir', join(scratch, 'user-data')],
  });
} catch (error) {
  console.error(`e2e (electron): ${error.message ?? error}`);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
