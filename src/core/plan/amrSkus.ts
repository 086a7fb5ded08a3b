/**
 * The Azure Managed Redis SKUs the planner can recommend: memory, vCPUs, primary shards and preview state.
 * Source: amr-facts.md B1 (AD architecture.md sharding table; names from the SDK `KnownSkuName` enum).
 */

export type AmrTier = 'Balanced' | 'MemoryOptimized' | 'ComputeOptimized' | 'FlashOptimized';

export interface AmrSku {
  /** ARM SKU name, e.g. `Balanced_B5`. */
  name: string;
  /** Portal short name, e.g. `B5`. */
  short: string;
  tier: AmrTier;
  memoryGB: number;
  vCpus: number;
  primaryShards: number;
  /** Public preview sizes (180 GB and up, and every Flash Optimized size). */
  preview: boolean;
}

/** About 20% of AMR memory is reserved for the system; the rest holds data. */
export const AMR_USABLE_MEMORY_RATIO = 0.8;

const TIER_LETTER: Record<AmrTier, string> = {
  MemoryOptimized: 'M',
  Balanced: 'B',
  ComputeOptimized: 'X',
  FlashOptimized: 'A',
};

/** Display names as the portal and the migration guide write them. */
export const AMR_TIER_LABEL: Record<AmrTier, string> = {
  MemoryOptimized: 'Memory Optimized',
  Balanced: 'Balanced',
  ComputeOptimized: 'Compute Optimized',
  FlashOptimized: 'Flash Optimized',
};

const PREVIEW_FROM_GB = 180;

type Cell = [vCpus: number, shards: number] | null;
/**
 * One row per memory size: [memory GB, the number in the SKU name, then vCPUs/primary shards for
 * Memory Optimized, Balanced, Compute Optimized and Flash Optimized]. Names round the size (M10 = 12 GB).
 */
const SIZE_TABLE: [number, number, Cell, Cell, Cell, Cell][] = [
  [0.5, 0, null, [2, 1], null, null],
  [1, 1, null, [2, 1], null, null],
  [3, 3, null, [2, 2], [4, 2], null],
  [6, 5, null, [2, 2], [4, 2], null],
  [12, 10, [2, 2], [4, 2], [8, 6], null],
  [24, 20, [4, 2], [8, 6], [16, 12], null],
  [60, 50, [8, 6], [16, 12], [32, 24], null],
  [120, 100, [16, 12], [32, 24], [64, 48], null],
  [180, 150, [24, 24], [48, 48], [96, 96], null],
  [240, 250, [32, 24], [64, 48], [128, 96], [8, 6]],
  [360, 350, [48, 48], [96, 96], [192, 192], null],
  [480, 500, [64, 48], [128, 96], [256, 192], [16, 12]],
  [720, 700, [96, 96], [192, 192], [384, 384], [24, 24]],
  [960, 1000, [128, 192], [256, 192], null, [32, 24]],
  [1440, 1500, [192, 192], null, null, [48, 48]],
  [1920, 2000, [256, 192], null, null, [64, 48]],
  [4500, 4500, null, null, null, [144, 96]],
];

const TABLE_TIERS: AmrTier[] = ['MemoryOptimized', 'Balanced', 'ComputeOptimized', 'FlashOptimized'];

export const AMR_SKUS: readonly AmrSku[] = SIZE_TABLE.flatMap(([memoryGB, nameNumber, ...cells]) =>
  cells.flatMap((cell, i) => {
    if (!cell) return [];
    const tier = TABLE_TIERS[i]!;
    const short = `${TIER_LETTER[tier]}${nameNumber}`;
    return [{
      name: `${tier}_${short}`,
      short,
      tier,
      memoryGB,
      vCpus: cell[0],
      primaryShards: cell[1],
      preview: tier === 'FlashOptimized' || memoryGB >= PREVIEW_FROM_GB,
    }];
  }),
);

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
