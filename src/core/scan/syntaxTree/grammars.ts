import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Language, Node, Parser, Tree } from '@vscode/tree-sitter-wasm';
import wasmFiles from './wasmFiles.json';

/**
 * Tree-sitter grammars of the languages read through syntax trees: the grammars VS Code itself ships
 * (`@vscode/tree-sitter-wasm`), and HCL for Terraform. Loading is asynchronous (WebAssembly compiles), parsing is
 * not: front ends load their grammar in `prepare`, before a scan, and parse synchronously during it.
 */
export type GrammarName = 'c-sharp' | 'python' | 'java' | 'go' | 'hcl';

type Runtime = typeof import('@vscode/tree-sitter-wasm');

/** Where each .wasm file comes from (npm package and file in it); the build copies them all beside the bundles. */
const WASM_FILES: {
  bundledFolder: string;
  runtime: WasmSource;
  grammars: Record<GrammarName, WasmSource>;
} = wasmFiles;

interface WasmSource {
  packageName: string;
  file: string;
}

let runtime: Promise<Runtime> | undefined;
const loading = new Map<GrammarName, Promise<Language>>();
const parsers = new Map<GrammarName, Parser>();

/**
 * Where a .wasm file is: in the folder the build fills beside the bundles (dist/ and dist/cli/ both find it), else in
 * its package (tests and development run from sources).
 */
function wasmPath(source: WasmSource): string {
  const name = source.file.slice(source.file.lastIndexOf('/') + 1);
  for (const folder of [join(__dirname, WASM_FILES.bundledFolder), join(__dirname, '..', WASM_FILES.bundledFolder)]) {
    const bundled = join(folder, name);
    if (existsSync(bundled)) return bundled;
  }
  return join(dirname(require.resolve(`${source.packageName}/package.json`)), source.file);
}

function loadRuntime(): Promise<Runtime> {
  runtime ??= (async () => {
    // Required here, not imported at the top: only a scan that meets a file of these languages pays for the runtime.
    const treeSitter = require('@vscode/tree-sitter-wasm') as Runtime;
    const runtimeWasm = wasmPath(WASM_FILES.runtime);
    await treeSitter.Parser.init({ locateFile: () => runtimeWasm });
    return treeSitter;
  })();
  return runtime;
}

/** Loads a grammar once; later calls share the first load. A failed load is retried by the next call. */
export function loadGrammar(name: GrammarName): Promise<void> {
  let language = loading.get(name);
  if (!language) {
    language = loadRuntime().then(async (treeSitter) => {
      const loaded = await treeSitter.Language.load(wasmPath(WASM_FILES.grammars[name]));
      const parser = new treeSitter.Parser();
      parser.setLanguage(loaded);
      parsers.set(name, parser);
      return loaded;
    });
    language.catch(() => loading.delete(name));
    loading.set(name, language);
  }
  return language.then(() => undefined);
}

export function isGrammarLoaded(name: GrammarName): boolean {
  return parsers.has(name);
}

/**
 * Parses `text` and hands the root to `read`; the tree lives in WebAssembly memory and is freed when `read`
 * returns, so `read` must not keep nodes. Offsets of nodes (`startIndex`, `endIndex`) are UTF-16 offsets of `text`,
 * as evidence spans are. Throws when the grammar was not loaded first.
 */
export function readSyntaxTree<T>(name: GrammarName, text: string, read: (root: Node) => T): T {
  const tree = parseSyntaxTree(name, text);
  try {
    return read(tree.rootNode);
  } finally {
    tree.delete();
  }
}

/**
 * A tree of `text` that the caller must free (`delete`). With `previous`, a tree of an earlier text already told of
 * the edit (`Tree.edit`), tree-sitter reuses what the edit left unchanged.
 */
export function parseSyntaxTree(name: GrammarName, text: string, previous?: Tree): Tree {
  const parser = parsers.get(name);
  if (!parser) throw new Error(`the ${name} grammar is not loaded (a front end loads it in prepare, before the scan)`);
  const tree = parser.parse(text, previous);
  if (!tree) throw new Error(`the ${name} parser returned no tree`);
  return tree;
}
