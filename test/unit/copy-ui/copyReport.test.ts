import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { copyResult } from '../../helpers/copyResult';
import { copyPercent, copySummary, liveStatusText, progressText } from '../../../src/vscode/copy/copyReport';


describe('what the editor shows of a copy', () => {
  test('progress: keys of the total, bytes, rate and time left; the bar follows the copy phase only', () => {
    const p = { phase: 'copy' as const, keysDone: 12_345, keysTotal: 100_000, bytes: 3.2 * 1024 * 1024, keysPerSecond: 25_000.4, etaSeconds: 4, elapsedMs: 500 };
    assert.equal(progressText(p), '12,345 / 100,000 keys · 3.2 MiB · 25,000 keys/s · 4s left');
    assert.equal(copyPercent(p), 12.345);
    assert.equal(progressText({ ...p, phase: 'verify', keysTotal: undefined, etaSeconds: undefined }), 'Verifying: 12,345 keys · 25,000 keys/s');
    assert.equal(copyPercent({ ...p, phase: 'verify' }), 0);
    assert.equal(copyPercent({ ...p, keysDone: 120_000 }), 100, 'keys added during the copy never overfill the bar');
  });

  test('live: lag and keys copied while following, the cut-over in the summary', () => {
    const status = { phase: 'following' as const, waiting: 12, oldestMs: 250, liveCopied: 1234, liveDeleted: 5, events: 2000, rescanning: 0 };
    assert.equal(liveStatusText(status), 'In sync · 1,234 keys copied live, 5 deleted · lag 12 keys, oldest 0.3 s');
    assert.match(liveStatusText({ ...status, rescanning: 2 }), /^Re-scanning 2 primary/);
    assert.match(liveStatusText({ ...status, phase: 'draining' }), /^Cutting over: draining/);
    const live = { liveCopied: 40, liveDeleted: 2, events: 50, primariesAdded: 0, gaps: 0, rescans: 0, renewals: 0, overflows: 0, peakWaiting: 3, lagMs: 120, waitingAtCutOver: 3, drainMs: 80 };
    assert.match(copySummary(copyResult({ live }), 'orders-amr'), /Kept in sync until the cut-over: 40 keys copied live; IN STEP/);
  });

  test('summary: a clean copy, a dry run', () => {
    assert.equal(copySummary(copyResult(), 'orders-amr'), 'Copied 1,500 keys (3 MiB) to orders-amr in 1m05s. Verification (full): 0 missing, 0 different.');
    assert.equal(copySummary(copyResult({ dryRun: true, targetKeysBefore: 7, estimate: { byType: { string: 1500 }, bytes: 2048 } }), 'x'),
      'Dry run: 1,500 keys (2 KiB) would be copied; the target holds 7 keys.');
  });
});
