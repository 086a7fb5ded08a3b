import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import vm from 'node:vm';

/** Node ≥ 22.1 caches compiled modules itself; its types are not those of the Node 20 this project builds for. */
type CompileCacheModule = typeof Module & { enableCompileCache?: (directory?: string) => unknown };

/**
 * Requires a large CommonJS bundle (the CLI's TypeScript compiler, 10 MB) with V8's code cache: compiling it
 * costs about a third of a second at every run, reading the bytecode back a small part of that. The cache lives in
 * the user's cache folder, one file per bundle content and Node build; it is written when a run ends (so it also
 * holds the functions that run compiled lazily, the parser's among them). Whatever goes wrong with the cache (a
 * folder that cannot be written, a file V8 rejects) costs nothing but the time it would have saved.
 * `NODE_DISABLE_COMPILE_CACHE=1` turns it off, as it does Node's own cache.
 */
export function requireWithCodeCache(file: string, env: NodeJS.ProcessEnv = process.env): unknown {
  const loaded = require.cache[file];
  if (loaded) return loaded.exports;
  const directory = env.NODE_DISABLE_COMPILE_CACHE ? undefined : cacheDirectory(env);
  const nodeCache = (Module as CompileCacheModule).enableCompileCache;
  if (directory === undefined || nodeCache) {
    if (directory !== undefined) nodeCache?.(directory);
    return createRequire(file)(file);
  }
  const source = readFileSync(file);
  const bundle = basename(file, '.js');
  const cacheFile = join(directory, `${bundle}.${cacheKey(source)}.v8`);
  const cachedData = readIfPresent(cacheFile);
  const script = new vm.Script(Module.wrap(source.toString('utf8')), { filename: file, cachedData });
  const module = new Module(file);
  module.filename = file;
  require.cache[file] = module;
  try {
    script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  module.loaded = true;
  if (cachedData === undefined || script.cachedDataRejected) process.once('exit', () => writeCache(cacheFile, bundle, script));
  return module.exports;
}

function createRequire(file: string): NodeJS.Require {
  return Module.createRequire(file);
}

/** The content and the V8 that compiled it: bytecode of one is worthless to another. */
function cacheKey(source: Buffer): string {
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 32);
  return `${hash}-${process.arch}-node${process.version}-v8-${process.versions.v8}`.replace(/[^\w.-]/g, '_');
}

/** The per-user cache folder of the platform (XDG on Linux). */
export function cacheDirectory(env: NodeJS.ProcessEnv): string | undefined {
  const home = safeHomedir();
  if (process.platform === 'win32') {
    const local = env.LOCALAPPDATA ?? (home && join(home, 'AppData', 'Local'));
    return local && join(local, 'amr-migrate', 'Cache');
  }
  if (process.platform === 'darwin') return home && join(home, 'Library', 'Caches', 'amr-migrate');
  const base = env.XDG_CACHE_HOME || (home && join(home, '.cache'));
  return base && join(base, 'amr-migrate');
}

function safeHomedir(): string | undefined {
  try {
    return homedir() || undefined;
  } catch {
    return undefined;
  }
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Written whole under a temporary name, then renamed: a process starting meanwhile never reads half a file. The
 * caches of earlier builds of the same bundle are removed, so the folder does not grow with every update.
 */
function writeCache(file: string, bundle: string, script: vm.Script): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, file);
    for (const name of readdirSync(dirname(file))) {
      if (name.startsWith(`${bundle}.`) && name.endsWith('.v8') && name !== basename(file)) rmSync(join(dirname(file), name), { force: true });
    }
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was cached; the next run compiles again.
    }
  }
}
