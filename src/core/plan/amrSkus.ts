/** Size lookups over the Azure Managed Redis SKU catalog (`azure/skuCatalog.ts`) that the planner needs. */
import type { AmrSku, AmrTier } from '../azure/skuCatalog';
import { AMR_SKUS } from '../azure/skuCatalog';

export type { AmrSku, AmrTier } from '../azure/skuCatalog';

/**
 * About 20% of AMR memory is reserved for the system; the rest holds data. Stated in Microsoft's "Understand the
 * differences" page (learn.microsoft.com/azure/redis/migrate/migrate-basic-standard-premium-understand), not in the
 * migration guide, whose Enterprise example (8 GB → at least 10 GB) applies the same ratio.
 */
export const AMR_USABLE_MEMORY_RATIO = 0.8;

/** Portal short name: `Balanced_B5` → `B5`. */
export function shortName(sku: AmrSku): string {
  return sku.armName.slice(sku.armName.indexOf('_') + 1);
}

/** The sizes of one tier, smallest first. */
export function skusOfTier(tier: AmrTier): AmrSku[] {
  return AMR_SKUS.filter((sku) => sku.tier === tier).sort((a, b) => a.memoryGB - b.memoryGB);
}

/** The smallest SKU of `tier` with at least `memoryGB`; undefined when the tier has none that large. */
export function smallestSkuWithAtLeast(tier: AmrTier, memoryGB: number): AmrSku | undefined {
  return skusOfTier(tier).find((sku) => sku.memoryGB >= memoryGB);
}

/** The largest SKU of `tier` with less than `memoryGB`. */
export function largestSkuBelow(tier: AmrTier, memoryGB: number): AmrSku | undefined {
  return skusOfTier(tier).filter((sku) => sku.memoryGB < memoryGB).pop();
}

/** The next larger size of the same tier. */
export function nextSkuUp(sku: AmrSku): AmrSku | undefined {
  return skusOfTier(sku.tier).find((other) => other.memoryGB > sku.memoryGB);
}

export function usableMemoryGB(sku: AmrSku): number {
  return Math.round(sku.memoryGB * AMR_USABLE_MEMORY_RATIO * 10) / 10;
}
