import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import { EXTENSION_ID } from './helpers';

suite('activation', () => {
  test('the extension activates and registers its commands', async () => {
    const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in the extension host`);
    const wasActive = extension.isActive;
    const started = performance.now();
    const { activationMs } = await extension.activate();
    console.log(`[measure] activation: ${activationMs.toFixed(1)} ms inside activate()`
      + (wasActive ? ' (already active before the suite started)'
        : `, ${(performance.now() - started).toFixed(1)} ms for extension.activate() including loading the bundle`));
    // Activation only wires things up; the scanner loads later, in its worker.
    assert.ok(activationMs < 500, `activate() took ${activationMs} ms`);
    assert.equal(extension.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['amrMigrate.scanWorkspace', 'amrMigrate.applyAllSafeFixes']) assert.ok(commands.includes(id), id);
  });
});
