/** Loads dist/azureInventory.js on first use (see inventoryEntry.ts) and keeps the module. */
import { lazyRequire } from '../lazyRequire';

export type InventoryModule = typeof import('./inventoryEntry');

export function lazyInventory(bundlePath: string): () => InventoryModule {
  return lazyRequire<InventoryModule>(bundlePath);
}
