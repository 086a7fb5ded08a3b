import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

suite('activation', () => {
  test('the extension is present and activates', async () => {
    const extension = vscode.extensions.getExtension('amr-migrate.amr-migrate');
    assert.ok(extension, 'extension amr-migrate.amr-migrate is not installed in the host');
    const started = performance.now();
    await extension.activate();
    console.log(`[measure] activation: ${(performance.now() - started).toFixed(1)} ms`);
    assert.equal(extension.isActive, true);
  });
});
