/** Loads a bundle from dist/ on first use and keeps the module: heavy dependencies stay out of activation. */
export function lazyRequire<T>(bundlePath: string): () => T {
  let loaded: T | undefined;
  // A runtime path, so esbuild leaves this require alone and the bundle's dependencies stay out of dist/extension.js.
  return () => (loaded ??= require(bundlePath) as T);
}
