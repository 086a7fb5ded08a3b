// Tree-sitter's runtime and grammars are WebAssembly files read at run time from a folder beside the bundle that
// loads them (see src/core/scan/syntaxTree/grammars.ts); every bundle of the scanner needs that folder.
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Copies every .wasm file the scanner may load into the grammars folder under `bundleFolder`. */
export function copyGrammars(bundleFolder) {
  const wasm = JSON.parse(readFileSync(join(ROOT, 'src/core/scan/syntaxTree/wasmFiles.json'), 'utf8'));
  const target = join(bundleFolder, wasm.bundledFolder);
  mkdirSync(target, { recursive: true });
  for (const { packageName, file } of [wasm.runtime, ...Object.values(wasm.grammars)]) {
    cpSync(join(ROOT, 'node_modules', packageName, file), join(target, basename(file)));
  }
}
