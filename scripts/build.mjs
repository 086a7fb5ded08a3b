// Bundles the extension, the CLI and the scanner worker with esbuild.
// The scanner is its own entry so the extension host can load it lazily (or in a worker thread)
// and activation never pays for ts-morph.
import { cpSync, mkdirSync } from 'node:fs';
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
  // The copy engine and node-redis, loaded by "Copy Data" on first use (see src/vscode/copy/copyEntry.ts).
  { entryPoints: { copyEngine: 'src/vscode/copy/copyEntry.ts' }, outdir: 'dist' },
];

// The plan webview shows codicons; the .vsix ships dist/, not node_modules, so the font and its CSS are copied.
function copyCodicons() {
  mkdirSync('dist/codicons', { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) cpSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/codicons/${file}`);
}

copyCodicons();
const contexts = await Promise.all(entries.map((entry) => esbuild.context({ ...common, ...entry })));
if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
}
