// Writes the files test/corpus/public-manifest.json refers to into test/corpus/public/ (git-ignored), each at its
// pinned commit, from local clones of their repositories. The manifest holds references and labels only: the files
// belong to their authors and never enter this repository.
// Usage: npm run corpus:public -- <folder of clones>; a clone of owner/name may sit at <folder>/owner+name[/repo],
// <folder>/owner/name or <folder>/name. Files whose repository or commit is missing are listed and skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const clones = process.argv[2];
if (!clones) {
  console.error('usage: npm run corpus:public -- <folder of clones>');
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(join(repoRoot, 'test/corpus/public-manifest.json'), 'utf8'));
const target = join(repoRoot, 'test/corpus/public');

function cloneOf(repo) {
  const [owner, name] = repo.split('/');
  const candidates = [join(clones, `${owner}+${name}`, 'repo'), join(clones, `${owner}+${name}`), join(clones, owner, name), join(clones, name)];
  return candidates.find((dir) => existsSync(dir));
}

let written = 0;
const missing = [];
for (const file of manifest.files) {
  const clone = cloneOf(file.repo);
  const shown = clone && spawnSync('git', ['-C', clone, 'show', `${file.commit}:${file.sourcePath}`], { maxBuffer: 64 * 1024 * 1024 });
  if (!shown || shown.status !== 0) {
    missing.push(`${file.repo}@${file.commit.slice(0, 10)} ${file.sourcePath}`);
    continue;
  }
  const out = join(target, file.path);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, shown.stdout);
  written += 1;
}
console.log(`${written} of ${manifest.files.length} files written to test/corpus/public/`);
if (missing.length) console.log(`not found (clone or commit missing):\n  ${missing.join('\n  ')}`);
process.exit(missing.length && !written ? 1 : 0);
