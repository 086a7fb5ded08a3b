import type * as vscode from 'vscode';

/** Composition root: wires services and registers providers; no logic lives here. */
export function activate(_context: vscode.ExtensionContext): void {}

export function deactivate(): void {}
