import * as vscode from 'vscode';
import { withTargets } from '../../core/fix/hostTarget';
import { SETTINGS_SECTION } from '../findings/settings';

const HOST_MAP = 'hostMap';

/**
 * Points `oldNames` (old cache or host names) at `target` in `amrMigrate.hostMap`: in the workspace settings when a folder is open (the map
 * belongs to the code base), else in the user settings. Other entries stay; a map that is already invalid is not
 * overwritten (withTargets throws a HostMapError saying what is wrong).
 */
export async function saveHostTargets(scope: vscode.Uri | undefined, oldNames: readonly string[], target: string): Promise<string> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const inWorkspace = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  const inspected = config.inspect<unknown>(HOST_MAP);
  const current = inWorkspace ? inspected?.workspaceValue : inspected?.globalValue;
  const updated = withTargets(current, oldNames, target);
  await config.update(HOST_MAP, updated, inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
  return inWorkspace ? 'workspace settings' : 'user settings';
}
