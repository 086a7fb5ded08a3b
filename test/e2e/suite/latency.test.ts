import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXPECTED_OSS } from './expected';
import { openAndWait, percentile, restoreFixtures, summarize, waitForDiagnostics } from './helpers';

const EDITS = 20;
/** LiveDiagnostics waits this long after the last keystroke (src/vscode/findings/liveDiagnostics.ts). */
const DEBOUNCE_MS = 300;

suite('per-edit latency', () => {
  teardown(restoreFixtures);

  test('an edit is reflected in the diagnostics within a second (median)', async () => {
    const document = await openAndWait('src/cache.ts', EXPECTED_OSS['src/cache.ts']!);
    const portAt = new vscode.Range(4, 58, 4, 62);
    const samples: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      // Alternate the port between 6381 and 6380: the legacy-tls-port finding disappears and comes back.
      const port = i % 2 === 0 ? '6381' : '6380';
      const hasTlsPort = port === '6380';
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, portAt, port);
      const started = performance.now();
      assert.equal(await vscode.workspace.applyEdit(edit), true);
      await waitForDiagnostics(document.uri,
        (d) => summarize(d).includes('legacy-tls-port@5:59') === hasTlsPort, `port ${port}`);
      samples.push(performance.now() - started);
    }
    const median = percentile(samples, 50);
    console.log(`[measure] edit → diagnostics over ${EDITS} edits: median ${median.toFixed(0)} ms, `
      + `p95 ${percentile(samples, 95).toFixed(0)} ms (includes the ${DEBOUNCE_MS} ms debounce)`);
    assert.ok(median < 1000, `median ${median} ms`);
  });
});
