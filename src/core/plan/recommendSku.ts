/**
 * Picks the Azure Managed Redis SKU for a source cache: first the mapping of Microsoft's migration guide
 * (learn.microsoft.com/azure/redis/migrate/migrate-overview, its SKU tables and Enterprise sizing), then a refinement
 * by the last 30 days of metrics when known. The ~20% memory reservation comes from another page (see amrSkus.ts), the
 * metric thresholds from Microsoft's AMR migration agent skill (below).
 */
import type { CacheInfo } from '../azure/cacheModel';
import type { AmrSku, AmrTier } from './amrSkus';
import {
  AMR_USABLE_MEMORY_RATIO,
  largestSkuBelow,
  nextSkuUp,
  shortName,
  skusOfTier,
  smallestSkuWithAtLeast,
  usableMemoryGB,
} from './amrSkus';
import type { CacheMetrics, MemoryRisk, RecommendationChoice, SkuRecommendation } from './planModel';
import { TIER_LABEL } from '../amr/facts';

/** The guide offers a smaller "cost-efficient" size only when it is at most ~10% below the source (−8% in its rows). */
const COST_EFFICIENT_MIN_RATIO = 0.9;
/**
 * Thresholds of the metric-driven tier choice (used memory above 70% → Memory Optimized, server load above 60% →
 * Compute Optimized). The migration guide has no thresholds; these are those of Microsoft's AMR migration agent skill
 * (its SKU mapping reference, cited in docs/design/amr-facts.md).
 */
const HIGH_MEMORY_PERCENT = 70;
const HIGH_SERVER_LOAD_PERCENT = 60;

interface Option {
  sku: AmrSku;
  choice: RecommendationChoice;
  reasons: string[];
}

/** The guide's options for a source, smallest first. */
type GuideMapping = Option[];

const gb = (value: number): string => `${Math.round(value * 100) / 100} GB`;
const pct = (value: number): string => `${Math.round(value)}%`;

function sourceLabel(cache: CacheInfo): string {
  const shards = cache.shards > 1 ? ` × ${cache.shards} shards` : '';
  return `${TIER_LABEL[cache.tier]} ${cache.sku}${shards} (${gb(cache.memoryGB)})`;
}

/** The guide's rows: the size that holds the source, plus a slightly smaller cost-efficient one when that is close. */
function sizeOptions(tier: AmrTier, neededGB: number, why: string): GuideMapping {
  const up = smallestSkuWithAtLeast(tier, neededGB);
  const down = largestSkuBelow(tier, neededGB);
  if (up && down && down.memoryGB >= neededGB * COST_EFFICIENT_MIN_RATIO) {
    return [
      { sku: down, choice: 'cost-efficient', reasons: [why, `Cost-efficient: ${shortName(down)} has ${gb(down.memoryGB)}, slightly less than the source; take it only if the peak of used memory over the last month stays below ${gb(usableMemoryGB(down))} (its usable memory).`] },
      { sku: up, choice: 'abundant', reasons: [why, `Abundant memory: ${shortName(up)} has ${gb(up.memoryGB)}, room to grow.`] },
    ];
  }
  return up ? [{ sku: up, choice: 'default', reasons: [why] }] : [];
}

/** Memory Optimized starts at 12 GB; smaller Basic/Standard caches stay on Balanced. */
function basicStandardTier(memoryGB: number): AmrTier {
  const smallestMemoryOptimized = skusOfTier('MemoryOptimized')[0]!;
  const largestBalancedBelow = largestSkuBelow('Balanced', smallestMemoryOptimized.memoryGB)!;
  return memoryGB > largestBalancedBelow.memoryGB ? 'MemoryOptimized' : 'Balanced';
}

/** The smallest size of `tier` that holds `neededGB`; past the tier's largest size, Memory Optimized (it goes highest). */
function roundUp(tier: AmrTier, neededGB: number, why: string): GuideMapping {
  const sku = smallestSkuWithAtLeast(tier, neededGB);
  if (sku) return [{ sku, choice: 'default', reasons: [why] }];
  const larger = tier === 'FlashOptimized' ? undefined : smallestSkuWithAtLeast('MemoryOptimized', neededGB);
  if (!larger) return [];
  return [{ sku: larger, choice: 'default', reasons: [why, `${TIER_LABEL[tier]} has no size of ${gb(neededGB)} or more, so Memory Optimized, which has the largest sizes.`] }];
}

/**
 * The Enterprise sizing: at least the source memory / 0.8 so the ~20% reservation leaves room for the data. Past the
 * largest such size, the nearest one that still has the source's memory, with the missing headroom said: a warning,
 * not a dead end (an Enterprise Flash F1500 at capacity 9 holds 4365 GB; A4500 has 4500 GB, 3600 GB usable).
 */
function withHeadroom(cache: CacheInfo, tier: AmrTier, why: string): GuideMapping {
  const neededGB = cache.memoryGB / AMR_USABLE_MEMORY_RATIO;
  const mapping = roundUp(tier, neededGB, why);
  if (mapping.length > 0) return mapping;
  const nearest = smallestSkuWithAtLeast(tier, cache.memoryGB)
    ?? (tier === 'FlashOptimized' ? undefined : smallestSkuWithAtLeast('MemoryOptimized', cache.memoryGB));
  if (!nearest) return [];
  return [{ sku: nearest, choice: 'default', reasons: [why, `No ${TIER_LABEL[tier]} size has the ${gb(neededGB)} that would leave the ~20% reservation free, so the nearest: ${shortName(nearest)}, ${gb(nearest.memoryGB)}, at least the source's memory but less headroom.`] }];
}

function guideMapping(cache: CacheInfo): GuideMapping {
  const source = sourceLabel(cache);
  switch (cache.tier) {
    case 'Basic':
    case 'Standard': {
      const tier = basicStandardTier(cache.memoryGB);
      const why = tier === 'MemoryOptimized'
        ? `Microsoft's migration guide maps ${source} to Memory Optimized (8 GB per vCPU), the tier it uses for Basic/Standard caches from 12 GB up.`
        : `Microsoft's migration guide maps ${source} to Balanced (4 GB per vCPU); Memory Optimized starts at 12 GB.`;
      return sizeOptions(tier, cache.memoryGB, why);
    }
    case 'Premium': {
      if (cache.replicas > 1) {
        return roundUp('ComputeOptimized', cache.memoryGB, `${source} has ${cache.replicas} replicas per primary; the guide maps caches with more than one read replica to Compute Optimized with the same total memory as the primaries.`);
      }
      if (cache.shards > 1) {
        return roundUp('MemoryOptimized', cache.memoryGB, `${source} is a sharded cluster; the guide maps it to Memory Optimized with the same total memory (rounded up to the next size).`);
      }
      const why = `Microsoft's migration guide maps ${source} to Balanced (4 GB per vCPU), the tier it uses for non-clustered Premium caches.`;
      return sizeOptions('Balanced', cache.memoryGB, why);
    }
    case 'Enterprise':
    case 'EnterpriseFlash': {
      // The guide's Enterprise example ("8 GB … start with at least 10 GB" → 12 GB SKUs) is the /0.8 rule.
      const neededGB = cache.memoryGB / AMR_USABLE_MEMORY_RATIO;
      const capacity = cache.capacity ? ` (capacity ${cache.capacity})` : '';
      if (cache.tier === 'EnterpriseFlash') {
        return withHeadroom(cache, 'FlashOptimized', `${cache.sku}${capacity} holds ${gb(cache.memoryGB)}; the guide maps Enterprise Flash to Flash Optimized, sized for at least ${gb(neededGB)} because ~20% of AMR memory is reserved.`);
      }
      const mapping = withHeadroom(cache, 'Balanced', `${cache.sku}${capacity} holds ${gb(cache.memoryGB)}; the guide asks for at least ${gb(neededGB)} on AMR (~20% is reserved) and suggests Balanced when unsure whether the workload is memory- or compute-bound.`);
      const size = mapping[0]?.sku.memoryGB;
      if (size !== undefined) {
        const alternatives = (['MemoryOptimized', 'ComputeOptimized'] as const)
          .map((tier) => skusOfTier(tier).find((sku) => sku.memoryGB === size))
          .filter((sku): sku is AmrSku => sku !== undefined)
          .map((sku) => `${shortName(sku)} (${TIER_LABEL[sku.tier]})`);
        if (alternatives.length > 0) {
          mapping[0]!.reasons.push(`Same size in the other tiers: ${alternatives.join(', ')} — Memory Optimized if the cache runs out of memory before CPU, Compute Optimized if it is throughput- or latency-bound.`);
        }
      }
      return mapping;
    }
    default:
      return [];
  }
}

/** A larger size for memory headroom: Memory Optimized where it has one, the same tier otherwise. */
function headroomSku(base: AmrSku): AmrSku | undefined {
  const next = nextSkuUp(base);
  if (!next) return undefined;
  if (base.tier === 'FlashOptimized' || base.tier === 'ComputeOptimized') return next;
  return smallestSkuWithAtLeast('MemoryOptimized', next.memoryGB) ?? next;
}

function computeSku(base: AmrSku): AmrSku | undefined {
  return smallestSkuWithAtLeast('ComputeOptimized', base.memoryGB);
}

class OptionList {
  readonly options: Option[];
  constructor(options: Option[]) {
    this.options = options;
  }
  find(choice: RecommendationChoice): Option | undefined {
    return this.options.find((option) => option.choice === choice);
  }
  /** Adds a size the metrics call for, or returns the existing option of that SKU. */
  add(sku: AmrSku, choice: RecommendationChoice, reason: string): Option {
    const existing = this.options.find((option) => option.sku.armName === sku.armName);
    if (existing) {
      existing.reasons.push(reason);
      return existing;
    }
    const option = { sku, choice, reasons: [reason] };
    this.options.push(option);
    return option;
  }
}

function chooseWithoutMetrics(list: OptionList): Option {
  const costEfficient = list.find('cost-efficient');
  const pick = list.find('abundant') ?? list.options[0]!;
  const changes: string[] = [];
  if (costEfficient) changes.push(`a peak of used memory below ${gb(usableMemoryGB(costEfficient.sku))} would allow the cost-efficient ${shortName(costEfficient.sku)}`);
  const headroom = pick.choice === 'abundant' ? undefined : headroomSku(pick.sku);
  if (headroom) changes.push(`used memory above ${HIGH_MEMORY_PERCENT}% would call for ${shortName(headroom)} for headroom`);
  const compute = pick.sku.tier === 'ComputeOptimized' || pick.sku.tier === 'FlashOptimized' ? undefined : computeSku(pick.sku);
  if (compute) changes.push(`server load above ${HIGH_SERVER_LOAD_PERCENT}% would call for Compute Optimized ${shortName(compute)}`);
  const ifKnown = changes.length > 0 ? `: ${changes.join('; ')}` : '';
  pick.reasons.push(`No metrics given, so this is the safe choice. Peaks of used memory and server load over the last 30 days would refine it${ifKnown}.`);
  return pick;
}

function chooseWithMetrics(list: OptionList, cache: CacheInfo, metrics: CacheMetrics): Option {
  const memory = metrics.usedMemoryPercentMax;
  const load = metrics.serverLoadPercentMax;
  const peakUsedGB = memory === undefined ? undefined : (cache.memoryGB * memory) / 100;
  const highMemory = memory !== undefined && memory > HIGH_MEMORY_PERCENT;
  const highLoad = load !== undefined && load > HIGH_SERVER_LOAD_PERCENT;
  const memoryText = memory === undefined ? undefined : `used memory peaked at ${pct(memory)} (${gb(peakUsedGB!)} of ${gb(cache.memoryGB)})`;
  const loadText = load === undefined ? undefined : `server load peaked at ${pct(load)}`;

  const safe = list.find('abundant') ?? list.find('default') ?? list.options[0]!;
  let pick: Option;
  if (highMemory) {
    const abundant = list.find('abundant');
    const headroom = abundant ? undefined : headroomSku(safe.sku);
    pick = abundant ?? (headroom ? list.add(headroom, 'abundant', `More headroom: ${memoryText}, above ${HIGH_MEMORY_PERCENT}%.`) : safe);
    if (abundant) pick.reasons.push(`Recommended because ${memoryText}, above ${HIGH_MEMORY_PERCENT}%: the workload needs memory headroom.`);
  } else {
    const costEfficient = list.find('cost-efficient');
    const fits = costEfficient && peakUsedGB !== undefined && peakUsedGB <= usableMemoryGB(costEfficient.sku);
    pick = fits ? costEfficient! : safe;
    if (fits) pick.reasons.push(`Recommended because ${memoryText}, which fits in its ${gb(usableMemoryGB(costEfficient!.sku))} of usable memory.`);
    else if (costEfficient && peakUsedGB === undefined) pick.reasons.push('Without a used-memory metric the cost-efficient size cannot be confirmed, so the larger one is recommended.');
    else if (costEfficient) pick.reasons.push(`Recommended because ${memoryText}, more than the ${gb(usableMemoryGB(costEfficient.sku))} usable on ${shortName(costEfficient.sku)}.`);
    else if (memoryText) pick.reasons.push(`Low usage: ${memoryText}, at or below ${HIGH_MEMORY_PERCENT}%.`);
  }
  if (highLoad && pick.sku.tier !== 'ComputeOptimized' && pick.sku.tier !== 'FlashOptimized') {
    const compute = computeSku(pick.sku);
    if (compute) pick = list.add(compute, pick.choice, `Compute Optimized (2 GB per vCPU, ${compute.vCPUs} vCPUs): ${loadText}, above ${HIGH_SERVER_LOAD_PERCENT}%.`);
    else pick.reasons.push(`${loadText}, above ${HIGH_SERVER_LOAD_PERCENT}%, but Compute Optimized has no size this large: check throughput on a test cache first.`);
  } else if (highLoad && pick.sku.tier === 'FlashOptimized') {
    pick.reasons.push(`${loadText}, above ${HIGH_SERVER_LOAD_PERCENT}%, but Flash Optimized has no compute-heavy variant: check throughput on a test cache first.`);
  } else if (loadText && !highLoad) {
    pick.reasons.push(`No need for Compute Optimized: ${loadText}, at or below ${HIGH_SERVER_LOAD_PERCENT}%.`);
  }
  return pick;
}

/** The ~20% reservation, compared with what the source can hold or, when known, its peak of used memory. */
function memoryFit(cache: CacheInfo, sku: AmrSku, peakUsedGB: number | undefined): { reason: string; risk?: MemoryRisk } {
  const usable = usableMemoryGB(sku);
  const reserved = `About 20% of AMR memory is reserved, so ${shortName(sku)} holds about ${gb(usable)} of data`;
  if (peakUsedGB !== undefined) {
    if (peakUsedGB <= usable) return { reason: `${reserved}: the source's peak of ${gb(peakUsedGB)} used fits.` };
    const message = `${reserved}: the source's peak of ${gb(peakUsedGB)} used does not fit.`;
    return { reason: message, risk: { usableMemoryGB: usable, neededGB: peakUsedGB, basis: 'peak-used-memory', message } };
  }
  if (cache.memoryGB <= usable) return { reason: `${reserved}, at least the ${gb(cache.memoryGB)} the source can hold.` };
  const message = `${reserved}, less than the ${gb(cache.memoryGB)} the source can hold: it fits only if the source's peak used memory stays at or below ${gb(usable)} (${pct((usable / cache.memoryGB) * 100)} of it).`;
  return { reason: message, risk: { usableMemoryGB: usable, neededGB: cache.memoryGB, basis: 'source-memory', message } };
}

/** Recommended SKUs for `cache`, exactly one of them `recommended`; empty when no AMR size can hold it. */
export function recommendSkus(cache: CacheInfo, metrics?: CacheMetrics): SkuRecommendation[] {
  const mapping = guideMapping(cache);
  if (mapping.length === 0) return [];
  const list = new OptionList(mapping);
  const hasMetrics = metrics !== undefined && (metrics.usedMemoryPercentMax !== undefined || metrics.serverLoadPercentMax !== undefined);
  const pick = hasMetrics ? chooseWithMetrics(list, cache, metrics) : chooseWithoutMetrics(list);
  const peakUsedGB = metrics?.usedMemoryPercentMax === undefined ? undefined : (cache.memoryGB * metrics.usedMemoryPercentMax) / 100;
  const highAvailability = cache.tier !== 'Basic';
  return list.options.map((option) => {
    const fit = memoryFit(cache, option.sku, peakUsedGB);
    const reasons = [...option.reasons, fit.reason];
    if (!highAvailability) reasons.push('Basic has no replica: the guide says to use the non-high-availability option (about half the price, no SLA; for dev/test).');
    if (option.sku.preview) reasons.push(`${shortName(option.sku)} is in public preview.`);
    return {
      sku: option.sku.armName,
      tier: option.sku.tier,
      memoryGB: option.sku.memoryGB,
      usableMemoryGB: usableMemoryGB(option.sku),
      vCPUs: option.sku.vCPUs,
      preview: option.sku.preview,
      highAvailability,
      choice: option.choice,
      additionalMemoryPercent: Math.round(((option.sku.memoryGB - cache.memoryGB) / option.sku.memoryGB) * 100),
      recommended: option === pick,
      reasons,
      ...(fit.risk ? { memoryRisk: fit.risk } : {}),
    };
  });
}
