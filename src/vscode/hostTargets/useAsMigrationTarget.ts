import * as vscode from 'vscode';
import { legacyCacheName } from '../../core/fix/hostTarget';
import { retirementOf } from '../../core/plan/sourceCache';
import type { CacheTreeNode } from '../caches/cachesTree';
import { hashText, type FindingStore } from '../findings/findingStore';
import { readSettings } from '../findings/settings';
import { TargetInputError } from './askHostTarget';
import { saveHostTargets } from './hostMapSetting';
import type { HostTargetDeps } from './registerHostTargets';
import { hostCandidates } from './targetCandidates';

/** The text of `uri`: the open document's (which may be unsaved), else the file's. */
async function textOf(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** Old host names (lower case) the current legacy-hostname findings report, with how many findings each. */
async function legacyHostsInFindings(store: FindingStore): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const entry of store.all()) {
    const findings = entry.findings.filter((finding) => finding.ruleId === 'legacy-hostname' && finding.file === entry.uri.fsPath);
    if (findings.length === 0) continue;
    const text = await textOf(entry.uri);
    // Offsets are only good for the text that was scanned.
    if (text === undefined || hashText(text) !== entry.textHash) continue;
    for (const finding of findings) {
      const host = text.slice(finding.start, finding.end).toLowerCase();
      if (legacyCacheName(host)) counts.set(host, (counts.get(host) ?? 0) + 1);
    }
  }
  return counts;
}

/** "Use as Migration Target…" on an Azure Managed Redis cache: points the old caches the user ticks at it. */
export async function useAsMigrationTarget(deps: HostTargetDeps, node: CacheTreeNode | undefined): Promise<void> {
  const cache = node?.kind === 'cache' ? node.cache : undefined;
  if (!cache || retirementOf(cache)) throw new TargetInputError('Choose an Azure Managed Redis cache in the Caches view.');
  const [legacyCaches, findingHosts] = await Promise.all([
    deps.caches.caches().then((caches) => caches.filter((candidate) => retirementOf(candidate))),
    legacyHostsInFindings(deps.store),
  ]);
  const items = hostCandidates(cache, legacyCaches, findingHosts, readSettings().scan.hostMap ?? {});
  if (items.length === 0) {
    void vscode.window.showInformationMessage('No old host to point at this cache: the Caches view lists no retiring cache and '
      + 'no finding names an Azure Cache for Redis host. Scan the workspace first.');
    return;
  }
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: `Use '${cache.name}' as the migration target`,
    placeHolder: `Old host names whose code should connect to ${cache.hostName}`,
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (!picked || picked.length === 0) return;
  const names = [...new Set(picked.map((item) => legacyCacheName(item.host)!))];
  const where = await saveHostTargets(undefined, names, cache.hostName.toLowerCase());
  deps.log.info(`amrMigrate.hostMap (${where}): ${names.join(', ')} → ${cache.hostName}`);
  void vscode.window.showInformationMessage(`${names.length === 1 ? `'${names[0]}' now points` : `${names.length} old caches now point`} `
    + `at '${cache.hostName}' (amrMigrate.hostMap, ${where}); their host findings offer the replacement.`);
}

