import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const REPOSITORY = resolve(__dirname, '..', '..', '..', '..');

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

describe('the packaged extension', () => {
  it('ships every bundle the extension loads on first use (.vscodeignore lets each one through)', () => {
    const loaded = new Set(sources(join(REPOSITORY, 'src', 'vscode')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/asAbsolutePath\('(dist\/[^']+\.js)'\)/g)].map((m) => m[1])));
    assert.ok(loaded.size >= 4, `found the lazily loaded bundles: ${[...loaded].join(', ')}`);
    const shipped = readFileSync(join(REPOSITORY, '.vscodeignore'), 'utf8').split('\n').filter((line) => line.startsWith('!')).map((line) => line.slice(1).trim());
    assert.deepEqual([...loaded].filter((bundle) => !shipped.includes(bundle)), []);
  });
});
