// Runs every compiled unit and integration test with node's built-in test runner.
// Node 20's `--test` takes no globs, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (name.endsWith('.test.js')) found.push(path);
  }
  return found;
}

const roots = ['out/test/unit', 'out/test/integration'].filter((dir) => {
  try { return statSync(dir).isDirectory(); } catch { return false; }
});
const files = roots.flatMap(findTests).sort();
if (files.length === 0) {
  console.error('no compiled tests found under out/test');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
