import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { copyResult } from '../../helpers/copyResult';
import { copyPercent, copySummary, progressText } from '../../../src/vscode/copy/copyReport';


describe('what the editor shows of a copy', () => {
  test('progress: keys of the total, bytes, rate and time left; the bar follows the copy phase only', () => {
    const p = { phase: 'copy' as const, keysDone: 12_345, keysTotal: 100_000, bytes: 3.2 * 1024 * 1024, keysPerSecond: 25_000.4, etaSeconds: 4, elapsedMs: 500 };
    assert.equal(progressText(p), '12,345 / 100,000 keys · 3.2 MiB · 25,000 keys/s · 4s left');
    assert.equal(copyPercent(p), 12.345);
    assert.equal(progressText({ ...p, phase: 'verify', keysTotal: undefined, etaSeconds: undefined }), 'Verifying: 12,345 keys · 25,000 keys/s');
    assert.equal(copyPercent({ ...p, phase: 'verify' }), 0);
    assert.equal(copyPercent({ ...p, keysDone: 120_000 }), 100, 'keys added during the copy never overfill the bar');
  });

  test('summary: a clean copy, a dry run', () => {
    assert.equal(copySummary(copyResult(), 'orders-amr'), 'Copied 1,500 keys (3 MiB) to orders-amr in 1m05s. Verification (full): 0 missing, 0 different.');
    assert.equal(copySummary(copyResult({ dryRun: true, targetKeysBefore: 7, estimate: { byType: { string: 1500 }, bytes: 2048 } }), 'x'),
      'Dry run: 1,500 keys (2 KiB) would be copied; the target holds 7 keys.');
  });
});
