// Bundles the extension, the CLI and the scanner worker with esbuild.
// The scanner is its own entry so the extension host can load it lazily (or in a worker thread)
// and activation never pays for ts-morph.
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, dirname, posix, relative, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { PACKAGE_ALIASES } from './bundleSource.mjs';
import { copyGrammars } from './copyGrammars.mjs';

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
  metafile: true,
  alias: PACKAGE_ALIASES,
};

// The CLI loads a command's code only when it runs: dist/cli.js holds the dispatcher and help, and every module of
// src/cli/commands/ is a bundle of its own (dist/cli/<command>.js) that the dispatcher's import() loads. The
// TypeScript compiler (ts-morph) is one more, which the scanner requires when a file first passes its prefilter.
const CLI_COMMANDS = readdirSync('src/cli/commands').filter((name) => name.endsWith('.ts')).map((name) => basename(name, '.ts'));
// The tree-sitter runtime is another, loaded when a file of a language read through a grammar passes its prefilter.
const CLI_PARTS = [
  ...CLI_COMMANDS.map((name) => ({ module: resolve(`src/cli/commands/${name}.ts`), outfile: `dist/cli/${name}.js` })),
  // src/ takes only the compiler namespace (`ts`) from ts-morph, so the part is the TypeScript build ts-morph ships,
  // without its project API and that API's dependencies, which would add half again to the compiler's load time.
  { module: 'ts-morph', outfile: 'dist/cli/ts-morph.js', contents: "module.exports = { ts: require('@ts-morph/common/dist/typescript.js') };", minify: { minifyWhitespace: true, minifySyntax: true } },
  { module: '@vscode/tree-sitter-wasm', outfile: 'dist/cli/tree-sitter.js', contents: "module.exports = require('@vscode/tree-sitter-wasm');" },
];
const PACKAGE_PARTS = new RegExp(`^(${CLI_PARTS.filter((part) => part.contents).map((part) => part.module.replace(/[.]/g, '\\$&')).join('|')})$`);

/** Turns every import of a CLI part, from any other CLI bundle, into a run-time require of that part's bundle. */
function loadPartsOnDemand(outfile) {
  const partOf = (module) => CLI_PARTS.find((part) => part.module === module && part.outfile !== outfile);
  const external = (part) => ({ path: `./${posix.relative(dirname(outfile), part.outfile)}`, external: true });
  return {
    name: 'cli-parts-on-demand',
    setup(build) {
      // The compiler part goes through V8's code cache (src/cli/codeCache.ts): compiling it is most of its load time.
      build.onResolve({ filter: PACKAGE_PARTS }, (args) => {
        const part = partOf(args.path);
        if (!part) return undefined;
        return args.path === 'ts-morph' ? { path: args.path, namespace: 'compiler-part' } : external(part);
      });
      build.onLoad({ filter: /^ts-morph$/, namespace: 'compiler-part' }, () => ({
        contents: `const { requireWithCodeCache } = require(${JSON.stringify(resolve('src/cli/codeCache.ts'))});\n` +
          `module.exports = requireWithCodeCache(require('node:path').join(__dirname, ${JSON.stringify(external(partOf('ts-morph')).path)}));`,
        resolveDir: resolve('.'),
      }));
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.pluginData === 'resolving') return undefined;
        const resolved = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: 'resolving' });
        const part = partOf(resolved.path);
        return part ? external(part) : resolved;
      });
    },
  };
}

const cliEntries = [
  { entryPoints: { cli: 'src/cli/main.ts' }, outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  ...CLI_PARTS.map(({ module, outfile, contents, minify }) =>
    contents
      ? { stdin: { contents, resolveDir: '.', sourcefile: `${basename(outfile, '.js')}-part.js` }, outfile, ...minify }
      : { entryPoints: [module], outfile }),
  // import() of a part becomes a plain require: loading a CommonJS bundle through Node's ESM loader costs start-up time.
  // Not in the tree-sitter runtime: its `await import('module')` sits beside a `var require` that the rewritten
  // `require('module')` would meet still undefined.
].map((entry) => ({
  ...entry,
  plugins: [loadPartsOnDemand(entry.outfile)],
  ...(entry.outfile === 'dist/cli/tree-sitter.js' ? {} : { supported: { 'dynamic-import': false } }),
}));

const entries = [
  { entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist' },
  ...cliEntries,
  { entryPoints: { scanWorker: 'src/workers/scanWorker.ts' }, outdir: 'dist' },
  // The Azure SDKs, loaded by the Caches view on first use (see src/vscode/caches/inventoryEntry.ts).
  { entryPoints: { azureInventory: 'src/vscode/caches/inventoryEntry.ts' }, outdir: 'dist' },
  // The copy engine and node-redis, loaded by "Copy Data" on first use (see src/vscode/copy/copyEntry.ts).
  { entryPoints: { copyEngine: 'src/vscode/copy/copyEntry.ts' }, outdir: 'dist' },
  // Provisioning and the automated migration, loaded by their commands on first use (see src/vscode/migration/migrationEntry.ts).
  { entryPoints: { azureMigration: 'src/vscode/migration/migrationEntry.ts' }, outdir: 'dist' },
  // The infrastructure writers, loaded by the plan panel's "Export Target as …" on first use (see src/vscode/plan/templateEntry.ts).
  { entryPoints: { templateExport: 'src/vscode/plan/templateEntry.ts' }, outdir: 'dist' },
];

/** The compiler stays in the scanner worker: in dist/extension.js it would be compiled at every activation. */
function checkExtensionBundle(result) {
  const inputs = Object.keys(result.metafile.inputs).filter((input) => /node_modules\/(typescript|ts-morph|@ts-morph)\//.test(input));
  if (inputs.length > 0) throw new Error(`dist/extension.js must not bundle the TypeScript compiler; it holds ${inputs.join(', ')}`);
}

// The plan webview shows codicons; the .vsix ships dist/, not node_modules, so the font and its CSS are copied.
function copyCodicons() {
  mkdirSync('dist/codicons', { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) cpSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/codicons/${file}`);
}

copyCodicons();
copyGrammars('dist');
const contexts = await Promise.all(entries.map((entry) => esbuild.context({ ...common, ...entry })));
if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  const results = await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  checkExtensionBundle(results[0]);
}
