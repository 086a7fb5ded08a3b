import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { recommendSkus } from '../../../src/core/plan/recommendSku';
import { acrCache, enterpriseCache } from './sampleCaches';

/**
 * Every row of the migration guide's mapping table, with the cache sizes (C0 250 MB … P5 120 GB); both are in
 * docs/design/amr-facts.md with their sources. `additional` is the guide's "Additional memory (%)" column.
 */
const GUIDE_ROWS: { tier: 'Standard' | 'Premium'; sku: string; memoryGB: number; target: string; choice: string; additional: number }[] = [
  { tier: 'Standard', sku: 'C0', memoryGB: 0.25, target: 'Balanced_B0', choice: 'default', additional: 50 },
  { tier: 'Standard', sku: 'C1', memoryGB: 1, target: 'Balanced_B1', choice: 'default', additional: 0 },
  { tier: 'Standard', sku: 'C2', memoryGB: 2.5, target: 'Balanced_B3', choice: 'default', additional: 17 },
  { tier: 'Standard', sku: 'C3', memoryGB: 6, target: 'Balanced_B5', choice: 'default', additional: 0 },
  { tier: 'Standard', sku: 'C4', memoryGB: 13, target: 'MemoryOptimized_M10', choice: 'cost-efficient', additional: -8 },
  { tier: 'Standard', sku: 'C4', memoryGB: 13, target: 'MemoryOptimized_M20', choice: 'abundant', additional: 46 },
  { tier: 'Standard', sku: 'C5', memoryGB: 26, target: 'MemoryOptimized_M20', choice: 'cost-efficient', additional: -8 },
  { tier: 'Standard', sku: 'C5', memoryGB: 26, target: 'MemoryOptimized_M50', choice: 'abundant', additional: 57 },
  { tier: 'Standard', sku: 'C6', memoryGB: 53, target: 'MemoryOptimized_M50', choice: 'default', additional: 12 },
  { tier: 'Premium', sku: 'P1', memoryGB: 6, target: 'Balanced_B5', choice: 'default', additional: 0 },
  { tier: 'Premium', sku: 'P2', memoryGB: 13, target: 'Balanced_B10', choice: 'cost-efficient', additional: -8 },
  { tier: 'Premium', sku: 'P2', memoryGB: 13, target: 'Balanced_B20', choice: 'abundant', additional: 46 },
  { tier: 'Premium', sku: 'P3', memoryGB: 26, target: 'Balanced_B20', choice: 'cost-efficient', additional: -8 },
  { tier: 'Premium', sku: 'P3', memoryGB: 26, target: 'Balanced_B50', choice: 'abundant', additional: 57 },
  { tier: 'Premium', sku: 'P4', memoryGB: 53, target: 'Balanced_B50', choice: 'default', additional: 12 },
  { tier: 'Premium', sku: 'P5', memoryGB: 120, target: 'Balanced_B100', choice: 'default', additional: 0 },
];

describe('the migration guide mapping table', () => {
  // The guide's "Basic/Standard" rows hold for both tiers; Basic moves to the non-high-availability option.
  const cases = GUIDE_ROWS.flatMap((row) => (row.tier === 'Premium' ? ['Premium' as const] : ['Basic' as const, 'Standard' as const]).map((tier) => ({ ...row, tier })));
  for (const row of cases) {
    test(`${row.tier} ${row.sku} → ${row.target} (${row.choice})`, () => {
      const recs = recommendSkus(acrCache({ tier: row.tier, sku: row.sku, memoryGB: row.memoryGB, replicas: row.tier === 'Basic' ? 0 : 1 }));
      const rec = recs.find((r) => r.sku === row.target);
      assert.ok(rec, `no ${row.target} among ${recs.map((r) => r.sku).join(', ')}`);
      assert.equal(rec.choice, row.choice);
      assert.equal(rec.additionalMemoryPercent, row.additional);
      assert.equal(rec.highAvailability, row.tier !== 'Basic');
      assert.equal(recs.length, row.choice === 'default' ? 1 : 2);
    });
  }
});

describe('guide rules beyond the table', () => {
  test('Basic uses the non-high-availability option and says why', () => {
    const [rec] = recommendSkus(acrCache({ tier: 'Basic', sku: 'C1', memoryGB: 1, replicas: 0, highAvailability: false }));
    assert.equal(rec!.highAvailability, false);
    assert.ok(rec!.reasons.some((r) => /non-high-availability/.test(r)));
  });

  test('clustered Premium → Memory Optimized with the same total memory, rounded up', () => {
    const recs = recommendSkus(acrCache({ tier: 'Premium', sku: 'P1', memoryGB: 18, shards: 3 }));
    assert.deepEqual(recs.map((r) => [r.sku, r.choice]), [['MemoryOptimized_M20', 'default']]);
    const exact = recommendSkus(acrCache({ tier: 'Premium', sku: 'P4', memoryGB: 106, shards: 2 }));
    assert.equal(exact[0]!.sku, 'MemoryOptimized_M100');
  });

  test('more than one replica → Compute Optimized with the memory of the primaries', () => {
    const recs = recommendSkus(acrCache({ tier: 'Premium', sku: 'P2', memoryGB: 26, shards: 2, replicas: 2 }));
    assert.deepEqual(recs.map((r) => r.sku), ['ComputeOptimized_X50']);
    assert.ok(recs[0]!.reasons.some((r) => /more than one read replica/.test(r)));
  });

  test('the guide\'s "Enterprise 8GB (2 x 4GB)" (E5 at capacity 4) → a 12 GB SKU, naming M10, B10 and X10', () => {
    const recs = recommendSkus(enterpriseCache());
    assert.deepEqual(recs.map((r) => r.sku), ['Balanced_B10']);
    assert.equal(recs[0]!.memoryGB, 12);
    assert.ok(recs[0]!.reasons.some((r) => /at least 10 GB/.test(r)));
    assert.ok(recs[0]!.reasons.some((r) => /M10 \(Memory Optimized\), X10 \(Compute Optimized\)/.test(r)));
  });

  test('Enterprise Flash → Flash Optimized, flagged as preview', () => {
    const recs = recommendSkus(enterpriseCache({ tier: 'EnterpriseFlash', sku: 'F300', capacity: 3, memoryGB: 345 }));
    assert.deepEqual(recs.map((r) => [r.sku, r.preview]), [['FlashOptimized_A500', true]]);
  });

  test('usable memory: says when the source would not fit the ~80% usable on the target', () => {
    const [costEfficient, abundant] = recommendSkus(acrCache({ sku: 'C4', memoryGB: 13 }));
    assert.match(costEfficient!.reasons.join('\n'), /about 9\.6 GB of data, less than the 13 GB the source can hold/);
    assert.equal(costEfficient!.usableMemoryGB, 9.6);
    assert.match(abundant!.reasons.join('\n'), /about 19\.2 GB of data, at least the 13 GB/);
  });

  test('past the largest size of the guide\'s tier, the larger Memory Optimized sizes', () => {
    const recs = recommendSkus(acrCache({ tier: 'Premium', sku: 'P5', memoryGB: 1200, shards: 10, replicas: 2 }));
    assert.deepEqual(recs.map((r) => r.sku), ['MemoryOptimized_M1500']);
    assert.match(recs[0]!.reasons.join('\n'), /Compute Optimized has no size of 1200 GB or more/);
    const loaded = recommendSkus(acrCache({ tier: 'Premium', sku: 'P5', memoryGB: 1200, shards: 10 }), { serverLoadPercentMax: 90 });
    assert.deepEqual(loaded.map((r) => [r.sku, r.recommended]), [['MemoryOptimized_M1500', true]]);
    assert.match(loaded[0]!.reasons.join('\n'), /server load peaked at 90%, above 60%, but Compute Optimized has no size this large/);
  });

  test('a cache larger than any AMR size gets no recommendation', () => {
    assert.deepEqual(recommendSkus(enterpriseCache({ sku: 'E400', capacity: 10, memoryGB: 2000 })), []);
  });
});

describe('metrics refinement', () => {
  const c4 = acrCache({ sku: 'C4', memoryGB: 13 });
  const recommended = (metrics?: Parameters<typeof recommendSkus>[1]) => {
    const recs = recommendSkus(c4, metrics);
    assert.equal(recs.filter((r) => r.recommended).length, 1, 'exactly one recommendation is recommended');
    return recs.find((r) => r.recommended)!;
  };

  test('no metrics: the abundant size, and what would change the choice', () => {
    const rec = recommended();
    assert.equal(rec.sku, 'MemoryOptimized_M20');
    assert.match(rec.reasons.join('\n'), /No metrics given.*below 9\.6 GB would allow the cost-efficient M10.*server load above 60% would call for Compute Optimized X20/s);
  });

  test('low usage: the cost-efficient size when the peak fits its usable memory', () => {
    const rec = recommended({ usedMemoryPercentMax: 50, serverLoadPercentMax: 20 });
    assert.equal(rec.sku, 'MemoryOptimized_M10');
    assert.equal(rec.choice, 'cost-efficient');
  });

  test('memory at 72% (9.36 GB) still fits M10 by usable memory but is above 70%: abundant', () => {
    assert.equal(recommended({ usedMemoryPercentMax: 72 }).sku, 'MemoryOptimized_M20');
  });

  test('high memory on a single-option row adds a Memory Optimized headroom size', () => {
    const recs = recommendSkus(acrCache({ sku: 'C3', memoryGB: 6 }), { usedMemoryPercentMax: 85 });
    assert.deepEqual(recs.map((r) => [r.sku, r.choice, r.recommended]), [
      ['Balanced_B5', 'default', false],
      ['MemoryOptimized_M10', 'abundant', true],
    ]);
    assert.match(recs[0]!.reasons.join('\n'), /B5 holds about 4\.8 GB of data: the source's peak of 5\.1 GB used does not fit/);
    assert.match(recs[1]!.reasons.join('\n'), /M10 holds about 9\.6 GB of data: the source's peak of 5\.1 GB used fits/);
  });

  test('high server load → Compute Optimized of the chosen size', () => {
    const rec = recommended({ usedMemoryPercentMax: 40, serverLoadPercentMax: 75 });
    assert.equal(rec.sku, 'ComputeOptimized_X10');
    assert.match(rec.reasons.join('\n'), /server load peaked at 75%, above 60%/);
  });

  test('high memory and high load → Compute Optimized with headroom', () => {
    assert.equal(recommended({ usedMemoryPercentMax: 90, serverLoadPercentMax: 90 }).sku, 'ComputeOptimized_X20');
  });
});
