/**
 * The questions "Set Azure Managed Redis target…" asks: the new cache's name, its region (picked from Azure's region
 * names, never typed freely) and whether to replace the host right away. Only `vscode` types are imported, so the
 * flow runs — and is tested — against any implementation of the two prompts.
 */
import type * as vscode from 'vscode';
import { AZURE_REGIONS, type AzureRegion } from '../../core/azure/regions';
import { amrNameProblem, amrTargetHost, legacyCacheName, regionOfLegacyHost } from '../../core/fix/hostTarget';

/** The part of `vscode.window` the questions use. */
export interface Prompts {
  showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
}

export interface HostTargetAnswer {
  /** The Azure Managed Redis host the old host maps to. */
  target: string;
  /** Replace the old host in the file as soon as the fix is there, rather than only saving the mapping. */
  replaceNow: boolean;
}

/** What the user gave is wrong or does not fit: shown as it is, without "failed". */
export class TargetInputError extends Error {}

type RegionItem = vscode.QuickPickItem & { region: AzureRegion };
type ReplaceItem = vscode.QuickPickItem & { replaceNow: boolean };

/** Public-cloud regions, the old cache's own region (Enterprise hosts name it) first. */
export function regionItems(oldHost: string): RegionItem[] {
  const own = regionOfLegacyHost(oldHost);
  const regions = AZURE_REGIONS.filter((region) => region.cloud === 'AzureCloud')
    .sort((a, b) => Number(b === own) - Number(a === own) || a.displayName.localeCompare(b.displayName));
  return regions.map((region) => ({
    label: region.displayName,
    description: region === own ? `${region.name} · region of the old cache` : region.name,
    region,
  }));
}

/** Asks for the target of `oldHost`; undefined when the user cancels at any step (nothing is saved then). */
export async function askHostTarget(prompts: Prompts, oldHost: string): Promise<HostTargetAnswer | undefined> {
  const oldName = legacyCacheName(oldHost) ?? '';
  const title = (step: number) => `Azure Managed Redis target for '${oldName}' (${step}/3)`;
  const name = await prompts.showInputBox({
    title: title(1),
    prompt: `Name of the Azure Managed Redis cache that replaces ${oldHost}`,
    value: oldName,
    ignoreFocusOut: true,
    validateInput: amrNameProblem,
  });
  if (name === undefined) return undefined;
  const picked = await prompts.showQuickPick(regionItems(oldHost), {
    title: title(2),
    placeHolder: 'Region of the Azure Managed Redis cache (type to filter)',
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  const target = amrTargetHost(name, picked.region);
  const choices: ReplaceItem[] = [
    { label: `Replace '${oldHost}' with '${target}' in this file now`, replaceNow: true },
    { label: 'Only save the target', description: 'the quick fix "Replace with …" then offers it', replaceNow: false },
  ];
  const choice = await prompts.showQuickPick(choices, {
    title: title(3),
    placeHolder: `'${oldHost}' → '${target}' is saved in amrMigrate.hostMap (workspace settings)`,
    ignoreFocusOut: true,
  });
  return choice && { target, replaceNow: choice.replaceNow };
}
