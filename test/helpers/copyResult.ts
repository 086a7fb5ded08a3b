import { emptyCounts } from '../../src/core/copy/checkpoint';
import type { CopyResult } from '../../src/core/copy/copyEngine';

/** A clean, fully verified copy of 1,500 keys in 65 s, with `overrides`. */
export function copyResult(overrides: Partial<CopyResult> = {}): CopyResult {
  return {
    dryRun: false, source: 'rediss://src:6380', target: 'rediss://dst:10000 (cluster) (Entra ID)', sourceKeys: 1500, targetKeysBefore: 0,
    counts: { ...emptyCounts(), copied: 1500, bytes: 3 * 1024 * 1024 }, conflictKeys: [], durationMs: 65_000,
    verification: { mode: 'full', keysChecked: 1500, missing: 0, different: 0, missingKeys: [], differentKeys: [],
      sourceTypes: { string: 1000, hash: 500 }, targetTypes: { string: 1000, hash: 500 } },
    ...overrides,
  };
}
