// Bundles modules of src/ for a script that measures them (the bench, the corpus scorer), straight from the
// sources, so the figures are those of the code as it is and not of a stale dist/.
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyGrammars } from './copyGrammars.mjs';

/** jsonc-parser's CommonJS build requires its modules through a UMD wrapper that a bundler cannot follow. */
export const PACKAGE_ALIASES = { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' };

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/**
 * Writes to `outfile` one CommonJS bundle that re-exports `exports` (name → module path relative to the root), with
 * the grammars the scanner loads beside it.
 */
export function bundleSource(exports, outfile) {
  require('esbuild').buildSync({
    stdin: {
      contents: Object.entries(exports).map(([name, path]) => `export { ${name} } from './${path}';\n`).join(''),
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    alias: PACKAGE_ALIASES,
  });
  copyGrammars(dirname(outfile));
  return outfile;
}
