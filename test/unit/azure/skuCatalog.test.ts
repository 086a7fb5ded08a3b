import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AMR_SKUS, acrShardMemoryGB, amrSku, ENTERPRISE_SKUS, enterpriseMemoryGB, enterpriseSku } from '../../../src/core/azure/skuCatalog';

const memoryOf = (armName: string, capacity: number) => {
  const sku = enterpriseSku(armName);
  return sku && enterpriseMemoryGB(sku, capacity);
};

describe('skuCatalog', () => {
  it('knows every ACR size from the brief and nothing else', () => {
    const c = [0, 1, 2, 3, 4, 5, 6].map((n) => acrShardMemoryGB('C', n));
    assert.deepEqual(c, [0.25, 1, 2.5, 6, 13, 26, 53]);
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => acrShardMemoryGB('p', n)), [6, 13, 26, 53, 120]);
    assert.equal(acrShardMemoryGB('P', 0), undefined);
    assert.equal(acrShardMemoryGB('C', 7), undefined);
    assert.equal(acrShardMemoryGB('C', 1.5), undefined);
    assert.equal(acrShardMemoryGB('E', 1), undefined);
  });

  it('grows Enterprise memory from the base size at capacity 2, and Flash from capacity 3', () => {
    assert.equal(memoryOf('Enterprise_E10', 2), 12);
    assert.equal(memoryOf('enterprise_e10', 4), 24);
    assert.equal(memoryOf('Enterprise_E5', 4), 8, 'the migration guide: "Enterprise 8GB (2 x 4GB)"');
    assert.equal(memoryOf('EnterpriseFlash_F700', 3), 715);
    assert.equal(memoryOf('Balanced_B5', 2), undefined);
    assert.equal(ENTERPRISE_SKUS.length, 11, 'E1 E5 E10 E20 E50 E100 E200 E400 F300 F700 F1500');
  });

  it('spans the documented ranges: Enterprise 1 GB – 2 TB, Enterprise Flash 300 GB – 4.5 TB', () => {
    assert.equal(memoryOf('Enterprise_E1', 2), 1);
    assert.equal(memoryOf('Enterprise_E400', 10), 2000);
    assert.equal(memoryOf('EnterpriseFlash_F300', 3), 345);
    assert.equal(memoryOf('EnterpriseFlash_F1500', 9), 4365);
  });

  it('lists the 44 AMR SKUs of the SDK enum with their B1 sizes', () => {
    const count = (tier: string) => AMR_SKUS.filter((s) => s.tier === tier).length;
    assert.deepEqual([count('Balanced'), count('MemoryOptimized'), count('ComputeOptimized'), count('FlashOptimized')], [14, 12, 11, 7]);
    assert.deepEqual(amrSku('Balanced_B0'), { armName: 'Balanced_B0', tier: 'Balanced', memoryGB: 0.5, vCPUs: 2, primaryShards: 1, preview: false });
    assert.equal(amrSku('ComputeOptimized_X20')?.memoryGB, 24);
    assert.equal(amrSku('MemoryOptimized_M150')?.preview, true);
    assert.equal(amrSku('FlashOptimized_A250')?.preview, true);
    assert.equal(amrSku('Balanced_B7'), undefined);
    for (const tier of ['Balanced', 'MemoryOptimized', 'ComputeOptimized', 'FlashOptimized']) {
      const sizes = AMR_SKUS.filter((s) => s.tier === tier).map((s) => s.memoryGB);
      assert.deepEqual(sizes, [...sizes].sort((a, b) => a - b), `${tier} is smallest first`);
    }
  });
});
