/**
 * Azure credentials for the Caches view: VS Code's built-in Microsoft sign-in adapted to a `TokenCredential`, or a
 * bearer token from AMR_MIGRATE_ACCESS_TOKEN in the extension host's environment (pipelines, Codespaces, remote
 * hosts without a browser sign-in; the same variable the CLI reads). Tokens are never logged or stored by us.
 */

import type { AccessToken, TokenCredential } from '@azure/core-auth';
import * as vscode from 'vscode';
import { staticTokenCredential } from '../../core/azure/staticTokenCredential';
import type { CloudTarget } from '../caches/cloudSetting';

export const ACCESS_TOKEN_VARIABLE = 'AMR_MIGRATE_ACCESS_TOKEN';
const SIGNED_OUT_KEY = 'amrMigrate.signedOut';
const SOVEREIGN_SETTING = 'microsoft-sovereign-cloud';
/** VS Code refreshes session tokens itself; asking again this often lets the pipeline pick up the refreshed one. */
const SESSION_TOKEN_REUSE_MS = 5 * 60_000;

export interface AzureConnection {
  credential: TokenCredential;
  /** Who is signed in, for the view's description. */
  account: string;
}

/** Why there is no connection, with what the user can do about it. */
export interface NotConnected {
  reason: 'signedOut' | 'sovereignEnvironmentMismatch';
  message: string;
}

export class AzureSignIn {
  constructor(private readonly state: vscode.Memento) {}

  /** Fires when the user signs in or out, here or through the Accounts menu. */
  readonly onDidChange = (listener: () => void): vscode.Disposable =>
    vscode.authentication.onDidChangeSessions((event) => {
      if (event.provider.id === 'microsoft' || event.provider.id === 'microsoft-sovereign-cloud') listener();
    });

  /** The connection to use without asking the user anything, or why there is none. */
  async connection(target: CloudTarget): Promise<AzureConnection | NotConnected> {
    const token = process.env[ACCESS_TOKEN_VARIABLE];
    if (token !== undefined && token.trim() !== '') {
      return { credential: staticTokenCredential(token), account: ACCESS_TOKEN_VARIABLE };
    }
    const mismatch = this.sovereignMismatch(target);
    if (mismatch) return mismatch;
    if (this.state.get<boolean>(SIGNED_OUT_KEY)) return { reason: 'signedOut', message: 'Signed out' };
    const session = await vscode.authentication.getSession(target.providerId, target.scopes, { silent: true });
    return session ? this.fromSession(target, session) : { reason: 'signedOut', message: 'Not signed in' };
  }

  /** Interactive sign-in; for a sovereign cloud first points VS Code's sovereign provider at it, with consent. */
  async signIn(target: CloudTarget): Promise<boolean> {
    if (this.sovereignMismatch(target) && !(await this.alignSovereignEnvironment(target))) return false;
    const session = await vscode.authentication.getSession(target.providerId, target.scopes,
      { createIfNone: true, clearSessionPreference: true });
    await this.state.update(SIGNED_OUT_KEY, undefined);
    return session !== undefined;
  }

  /**
   * Extensions cannot end a VS Code session (the Accounts menu does); signing out stops this view from using it
   * until the user signs in here again.
   */
  async signOut(): Promise<void> {
    await this.state.update(SIGNED_OUT_KEY, true);
  }

  private sovereignMismatch(target: CloudTarget): NotConnected | undefined {
    if (!target.sovereignEnvironment) return undefined;
    const current = vscode.workspace.getConfiguration(SOVEREIGN_SETTING).get<string>('environment');
    if (current === target.sovereignEnvironment) return undefined;
    return {
      reason: 'sovereignEnvironmentMismatch',
      message: target.sovereignEnvironment === 'custom'
        ? 'Sign-in for a custom cloud needs microsoft-sovereign-cloud.environment = custom and microsoft-sovereign-cloud.customEnvironment'
        : `Sign-in to ${target.setting} needs microsoft-sovereign-cloud.environment = ${target.sovereignEnvironment}`,
    };
  }

  private async alignSovereignEnvironment(target: CloudTarget): Promise<boolean> {
    if (target.sovereignEnvironment === 'custom') {
      await vscode.commands.executeCommand('workbench.action.openSettings', `${SOVEREIGN_SETTING}.customEnvironment`);
      return false;
    }
    const choice = await vscode.window.showInformationMessage(
      `VS Code signs in to ${target.setting} through the "${SOVEREIGN_SETTING}.environment" setting. Set it to ${target.sovereignEnvironment}?`,
      { modal: true }, 'Set and Sign In');
    if (choice !== 'Set and Sign In') return false;
    await vscode.workspace.getConfiguration(SOVEREIGN_SETTING).update('environment', target.sovereignEnvironment, vscode.ConfigurationTarget.Global);
    return true;
  }

  private fromSession(target: CloudTarget, session: vscode.AuthenticationSession): AzureConnection {
    const credential: TokenCredential = {
      getToken: async (): Promise<AccessToken | null> => {
        const current = await vscode.authentication.getSession(target.providerId, target.scopes, { silent: true });
        return current ? { token: current.accessToken, expiresOnTimestamp: Date.now() + SESSION_TOKEN_REUSE_MS } : null;
      },
    };
    return { credential, account: session.account.label };
  }
}
