/** Loads dist/azureInventory.js on first use (see inventoryEntry.ts) and keeps the module. */

export type InventoryModule = typeof import('./inventoryEntry');

export function lazyInventory(bundlePath: string): () => InventoryModule {
  let loaded: InventoryModule | undefined;
  // A runtime path, so esbuild leaves this require alone and the SDKs stay out of dist/extension.js.
  return () => (loaded ??= require(bundlePath) as InventoryModule);
}
