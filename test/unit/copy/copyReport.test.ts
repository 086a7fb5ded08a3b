import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { copyResult } from '../../helpers/copyResult';
import { emptyCounts } from '../../../src/core/copy/checkpoint';
import { buildCopyReport, problemCount, renderCopyMarkdown, renderCopyText, summarizeCopy, WRITTEN_DURING_COPY } from '../../../src/core/copy/copyReport';


const troubled = () => copyResult({
  counts: { ...emptyCounts(), copied: 1497, conflicts: 1, vanished: 2, alreadyPresent: 3, bytes: 10 },
  conflictKeys: ['user:``odd``'],
  verification: { mode: 'full', keysChecked: 1500, missing: 2, different: 1, missingKeys: ['session:1', 'session:2'],
    differentKeys: [{ key: 'cart:9', reason: 'ttl', detail: 'TTL 5000 ms on the source, -1 ms on the target' }],
    sourceTypes: { string: 1000, hash: 500 }, targetTypes: { string: 998, hash: 500 } },
});

describe('one copy report, as text and as Markdown', () => {
  test('the summary of --format json counts what was skipped, missing and different', () => {
    assert.deepEqual(summarizeCopy(troubled()), { copied: 1497, skipped: 6, missing: 2, different: 1, durationMs: 65_000 });
    assert.equal(problemCount(troubled()), 4);
    assert.equal(problemCount(copyResult()), 0);
  });

  test('the Markdown names every missing, different and clashing key, verbatim even with backticks', () => {
    const report = renderCopyMarkdown(buildCopyReport(troubled()), { source: 'orders', target: 'orders-amr' });
    assert.match(report, /^# Copy report: orders → orders-amr$/m);
    assert.match(report, /\*\*2 missing\*\*, \*\*1 different\*\*/);
    assert.match(report, /^### Missing on the target\n\n```\nsession:1\nsession:2\n```$/m);
    assert.match(report, /^cart:9 {2}— ttl: TTL 5000 ms on the source, -1 ms on the target$/m);
    assert.match(report, /^`{3}\nuser:``odd``\n`{3}$/m);
    assert.match(report, /^\| string \| 1,000 \| 998 \|$/m);
    assert.match(report, /^\| conflicts \(on the target with another value; left alone\) \| 1 \|$/m);
    assert.ok(report.includes(WRITTEN_DURING_COPY));
    assert.match(renderCopyMarkdown(buildCopyReport(copyResult({ verification: undefined })), { source: 'a', target: 'b' }),
      /Skipped: keys changed during the copy were not checked/);
  });

  test('the text says the same counts in the same words, leaving out rows at zero', () => {
    const text = renderCopyText(buildCopyReport(troubled()));
    assert.equal(text, [
      'Copy: rediss://src:6380 → rediss://dst:10000 (cluster) (Entra ID)',
      '  copied: 1497 keys, 10 B',
      '  already on the target with the same value: 3',
      '  conflicts (on the target with another value; left alone): 1',
      '    user:``odd``',
      '  expired or deleted on the source during the copy: 2',
      'Verification (full): 1500 keys checked, 2 missing, 1 different',
      '  missing: session:1',
      '  missing: session:2',
      '  different (ttl): cart:9 — TTL 5000 ms on the source, -1 ms on the target',
      '  keys per type (source / target): hash 500/500, string 1000/998',
      `  ${WRITTEN_DURING_COPY}`,
      'Done in 1m05s.',
      '',
    ].join('\n'));
    assert.match(renderCopyText(buildCopyReport(copyResult({ verification: undefined }))), /^Verification skipped: keys changed during the copy were not checked\.$/m);
  });

  test('live: the report names primaries that joined the source while it was followed, and says nothing of them when none did', () => {
    const live = { liveCopied: 40, liveDeleted: 2, events: 50, primariesAdded: 1, gaps: 0, rescans: 1, renewals: 0, overflows: 0, peakWaiting: 3,
      lagMs: 120, waitingAtCutOver: 3, drainMs: 80 };
    const lines = buildCopyReport(copyResult({ live })).live!.lines;
    assert.ok(lines.includes('1 primary(ies) joined the source while it was followed: each subscribed to and re-scanned'), lines.join('\n'));
    const none = buildCopyReport(copyResult({ live: { ...live, primariesAdded: 0 } })).live!.lines;
    assert.ok(!none.some((line) => /joined the source/.test(line)), none.join('\n'));
  });

  test('a dry run says what a copy would move and what the target holds', () => {
    const text = renderCopyText(buildCopyReport(copyResult({ dryRun: true, targetKeysBefore: 7, estimate: { byType: { string: 1500 }, bytes: 2048 } })));
    assert.equal(text, 'Dry run: rediss://src:6380 → rediss://dst:10000 (cluster) (Entra ID)\n  source keys: 1500 (string 1500)\n' +
      '  estimated size: 2 KiB\n  target keys: 7 — a real copy needs --overwrite or --allow-non-empty-target\n');
  });
});
