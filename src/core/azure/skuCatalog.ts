/**
 * Memory sizes of every Azure Cache for Redis, Redis Enterprise and Azure Managed Redis SKU.
 * Shared by the ARM mapping (memory of a source cache) and the planner (choice of a target SKU).
 * Sources: docs/design/amr-facts.md (Azure Managed Redis SKUs; Azure Cache for Redis sizes). Enterprise sizes are the Azure pricing tiers'
 * (E10 12 GB, F300 345 GB…) at the minimum capacity, and grow with it: that fits the documented ranges (Enterprise
 * 1 GB – 2 TB = E1 at capacity 2 … E400 at 10; Flash 300 GB – 4.5 TB = F300 at 3 … F1500 at 9) and the migration
 * guide's "Enterprise 8GB (2 x 4GB)", an E5 scaled out twice.
 */

import type { CacheTier } from './cacheModel';

/** ACR Basic/Standard (family C) memory by capacity, in GB. */
const ACR_C_GB: readonly number[] = [0.25, 1, 2.5, 6, 13, 26, 53];
/** ACR Premium (family P) memory per shard by capacity 1..5, in GB (index 0 unused). */
const ACR_P_GB: readonly (number | undefined)[] = [undefined, 6, 13, 26, 53, 120];

/**
 * Memory of an ACR cache for one shard (`sku.family` + `sku.capacity`), or undefined when the pair does not exist.
 * Clustered Premium multiplies this by the shard count.
 */
export function acrShardMemoryGB(family: string, capacity: number): number | undefined {
  const table = family.toUpperCase() === 'C' ? ACR_C_GB : family.toUpperCase() === 'P' ? ACR_P_GB : undefined;
  return Number.isInteger(capacity) ? table?.[capacity] : undefined;
}

export interface EnterpriseSku {
  /** ARM `sku.name`, e.g. `Enterprise_E10`. */
  armName: string;
  tier: 'Enterprise' | 'EnterpriseFlash';
  /** Memory at the minimum capacity, as the pricing tiers name it. */
  baseGB: number;
  /** The minimum ARM `sku.capacity`: 2 for Enterprise (2, 4, 6…), 3 for Flash (3, 9, 15…). */
  baseCapacity: number;
}

/** Enterprise and Enterprise Flash memory grows linearly with `sku.capacity`. */
export const ENTERPRISE_SKUS: readonly EnterpriseSku[] = [
  { armName: 'Enterprise_E1', tier: 'Enterprise', baseGB: 1, baseCapacity: 2 },
  { armName: 'Enterprise_E5', tier: 'Enterprise', baseGB: 4, baseCapacity: 2 },
  { armName: 'Enterprise_E10', tier: 'Enterprise', baseGB: 12, baseCapacity: 2 },
  { armName: 'Enterprise_E20', tier: 'Enterprise', baseGB: 25, baseCapacity: 2 },
  { armName: 'Enterprise_E50', tier: 'Enterprise', baseGB: 50, baseCapacity: 2 },
  { armName: 'Enterprise_E100', tier: 'Enterprise', baseGB: 100, baseCapacity: 2 },
  { armName: 'Enterprise_E200', tier: 'Enterprise', baseGB: 200, baseCapacity: 2 },
  { armName: 'Enterprise_E400', tier: 'Enterprise', baseGB: 400, baseCapacity: 2 },
  { armName: 'EnterpriseFlash_F300', tier: 'EnterpriseFlash', baseGB: 345, baseCapacity: 3 },
  { armName: 'EnterpriseFlash_F700', tier: 'EnterpriseFlash', baseGB: 715, baseCapacity: 3 },
  { armName: 'EnterpriseFlash_F1500', tier: 'EnterpriseFlash', baseGB: 1455, baseCapacity: 3 },
];

export function enterpriseSku(armName: string): EnterpriseSku | undefined {
  return ENTERPRISE_SKUS.find((s) => s.armName.toLowerCase() === armName.toLowerCase());
}

/** Total memory of an Enterprise / Enterprise Flash cluster of this SKU at this capacity. */
export function enterpriseMemoryGB(sku: EnterpriseSku, capacity: number): number {
  return (sku.baseGB * capacity) / sku.baseCapacity;
}

export type AmrTier = Extract<CacheTier, 'Balanced' | 'MemoryOptimized' | 'ComputeOptimized' | 'FlashOptimized'>;

export interface AmrSku {
  /** ARM `sku.name`, e.g. `Balanced_B5`. */
  armName: string;
  tier: AmrTier;
  memoryGB: number;
  vCPUs: number;
  /** Primary shards Azure currently deploys for this size (it "optimizes over time", so informative only). */
  primaryShards: number;
  /** Public preview at the time the facts were gathered. */
  preview: boolean;
}

// [GB, vCPUs, primary shards] per SKU, from docs/design/amr-facts.md; sizes of 180 GB and up are preview.
const AMR_TABLE: Record<AmrTier, Record<string, [number, number, number]>> = {
  MemoryOptimized: {
    M10: [12, 2, 2], M20: [24, 4, 2], M50: [60, 8, 6], M100: [120, 16, 12], M150: [180, 24, 24], M250: [240, 32, 24],
    M350: [360, 48, 48], M500: [480, 64, 48], M700: [720, 96, 96], M1000: [960, 128, 192], M1500: [1440, 192, 192],
    M2000: [1920, 256, 192],
  },
  Balanced: {
    B0: [0.5, 2, 1], B1: [1, 2, 1], B3: [3, 2, 2], B5: [6, 2, 2], B10: [12, 4, 2], B20: [24, 8, 6], B50: [60, 16, 12],
    B100: [120, 32, 24], B150: [180, 48, 48], B250: [240, 64, 48], B350: [360, 96, 96], B500: [480, 128, 96],
    B700: [720, 192, 192], B1000: [960, 256, 192],
  },
  ComputeOptimized: {
    X3: [3, 4, 2], X5: [6, 4, 2], X10: [12, 8, 6], X20: [24, 16, 12], X50: [60, 32, 24], X100: [120, 64, 48],
    X150: [180, 96, 96], X250: [240, 128, 96], X350: [360, 192, 192], X500: [480, 256, 192], X700: [720, 384, 384],
  },
  FlashOptimized: {
    A250: [240, 8, 6], A500: [480, 16, 12], A700: [720, 24, 24], A1000: [960, 32, 24], A1500: [1440, 48, 48],
    A2000: [1920, 64, 48], A4500: [4500, 144, 96],
  },
};

/** Every Azure Managed Redis SKU, smallest first within each tier. */
export const AMR_SKUS: readonly AmrSku[] = Object.entries(AMR_TABLE).flatMap(([tier, skus]) =>
  Object.entries(skus).map(([short, [memoryGB, vCPUs, primaryShards]]) => ({
    armName: `${tier}_${short}`,
    tier: tier as AmrTier,
    memoryGB,
    vCPUs,
    primaryShards,
    preview: tier === 'FlashOptimized' || memoryGB >= 180,
  })),
);

export function amrSku(armName: string): AmrSku | undefined {
  return AMR_SKUS.find((s) => s.armName.toLowerCase() === armName.toLowerCase());
}
