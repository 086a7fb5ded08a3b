import * as vscode from 'vscode';
import { legacyCacheName } from '../../core/fix/hostTarget';
import type { Finding } from '../../core/findings';
import { retirementOf } from '../../core/plan/sourceCache';
import type { CacheTreeNode } from '../caches/cachesTree';
import { hashText } from '../findings/findingStore';
import { readSettings } from '../findings/settings';
import { TargetInputError } from './askHostTarget';
import { saveHostTargets } from './hostMapSetting';
import type { HostTargetDeps } from './registerHostTargets';
import { hostCandidates } from './targetCandidates';

async function fileText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** The findings of `uri` with the text they were scanned from: an open document's as it is now (scanned now if edited). */
async function scannedNow(deps: HostTargetDeps, uri: vscode.Uri): Promise<{ findings: readonly Finding[]; text: string } | undefined> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open) {
    const entry = await deps.currentFindings(open);
    return entry && { findings: entry.findings, text: open.getText() };
  }
  const entry = deps.store.get(uri);
  const text = entry && await fileText(uri);
  // Offsets are only good for the text that was scanned.
  return entry && text !== undefined && hashText(text) === entry.textHash ? { findings: entry.findings, text } : undefined;
}

/** Old host names (lower case) that legacy-hostname findings of stored files and open documents report, with their counts. */
async function legacyHostsInFindings(deps: HostTargetDeps): Promise<Map<string, number>> {
  const uris = new Map(deps.store.all().map((entry) => [entry.uri.toString(), entry.uri]));
  for (const document of vscode.workspace.textDocuments) {
    if (document.uri.scheme === 'file') uris.set(document.uri.toString(), document.uri);
  }
  const counts = new Map<string, number>();
  for (const uri of uris.values()) {
    const scanned = await scannedNow(deps, uri);
    if (!scanned) continue;
    for (const finding of scanned.findings) {
      if (finding.ruleId !== 'legacy-hostname' || finding.file !== uri.fsPath) continue;
      const host = scanned.text.slice(finding.start, finding.end).toLowerCase();
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
    legacyHostsInFindings(deps),
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

