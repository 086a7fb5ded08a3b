import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

suite('activation', () => {
  test('the extension activates and registers its commands', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in the extension host`);
    const wasActive = extension.isActive;
    const started = performance.now();
    await extension.activate();
    console.log(`[measure] activation: ${(performance.now() - started).toFixed(1)} ms`
      + `${wasActive ? ' (already active before the suite started)' : ''}`);
    assert.equal(extension.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['amrMigrate.scanWorkspace', 'amrMigrate.applyAllSafeFixes']) assert.ok(commands.includes(id), id);
  });
});
