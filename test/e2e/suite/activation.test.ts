import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
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
    for (const id of ['amrMigrate.scanWorkspace', 'amrMigrate.applyAllSafeFixes', 'amrMigrate.createTarget', 'amrMigrate.migration.start', 'amrMigrate.migration.rollback']) {
      assert.ok(commands.includes(id), id);
    }
  });

  test('activation loads no Azure SDK: the inventory, copy and migration bundles wait for their first use', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const lazyBundles = ['azureInventory.js', 'copyEngine.js', 'azureMigration.js'].map((name) => path.join(extension.extensionPath, 'dist', name));
    const loaded = Object.keys(require.cache);
    assert.deepEqual(lazyBundles.filter((bundle) => loaded.includes(bundle)), []);
    assert.deepEqual(loaded.filter((file) => /[\\/]node_modules[\\/]@azure[\\/]/.test(file)), []);
    // Nor is an SDK bundled into the extension itself (the development build names each bundled module's path).
    const bundle = readFileSync(path.join(extension.extensionPath, 'dist', 'extension.js'), 'utf8');
    assert.equal(bundle.match(/node_modules\/@azure\/[\w-]+/)?.[0], undefined);
  });
});
