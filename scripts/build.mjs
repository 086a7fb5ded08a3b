// Bundles the extension, the CLI and the scanner worker with esbuild.
// The scanner is its own entry so the extension host can load it lazily (or in a worker thread)
// and activation never pays for ts-morph.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
};

const entries = [
  { entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' },
  { entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: { scanWorker: 'src/workers/scanWorker.ts' }, outdir: 'dist' },
  // The Azure SDKs, loaded by the Caches view on first use (see src/vscode/caches/inventoryEntry.ts).
  { entryPoints: { azureInventory: 'src/vscode/caches/inventoryEntry.ts' }, outdir: 'dist' },
];

const contexts = await Promise.all(entries.map((entry) => esbuild.context({ ...common, ...entry })));
if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
}
