import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Finding, RuleId, RuleMeta } from '../../core/findings';
import { redactCredentials } from '../../core/report/redaction';
import { findingRange } from './diagnosticMapping';
import type { FindingStore } from './findingStore';

export const FINDINGS_VIEW_ID = 'amrMigrate.findings';

export type FindingsNode =
  | { kind: 'rule'; ruleId: RuleId; title: string; findings: Finding[] }
  | { kind: 'file'; ruleId: RuleId; uri: vscode.Uri; findings: Finding[] }
  | { kind: 'finding'; uri: vscode.Uri; finding: Finding };

function groupBy<K, V>(items: readonly V[], key: (item: V) => K): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The "Findings" view: rule → file → finding; selecting a finding opens its range. */
export class FindingsTreeProvider implements vscode.TreeDataProvider<FindingsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<FindingsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: FindingStore, private readonly ruleMetas: () => Promise<RuleMeta[]>) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  async getChildren(node?: FindingsNode): Promise<FindingsNode[]> {
    if (!node) return this.ruleNodes();
    if (node.kind === 'rule') {
      const byFile = groupBy(node.findings, (finding) => finding.file);
      return [...byFile].sort(([a], [b]) => a.localeCompare(b))
        .map(([file, findings]) => ({ kind: 'file', ruleId: node.ruleId, uri: vscode.Uri.file(file), findings }));
    }
    if (node.kind === 'file') {
      return [...node.findings].sort((a, b) => a.start - b.start)
        .map((finding) => ({ kind: 'finding', uri: node.uri, finding }));
    }
    return [];
  }

  getTreeItem(node: FindingsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'rule': {
        const item = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `rule:${node.ruleId}`;
        item.description = `${node.ruleId} · ${plural(node.findings.length, 'finding')}`;
        item.contextValue = 'rule';
        return item;
      }
      case 'file': {
        const item = new vscode.TreeItem(node.uri, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `file:${node.ruleId}:${node.uri.toString()}`;
        item.description = `${vscode.workspace.asRelativePath(path.dirname(node.uri.fsPath))} · ${node.findings.length}`;
        item.contextValue = 'file';
        return item;
      }
      case 'finding': {
        const { finding } = node;
        const message = redactCredentials(finding.message);
        const item = new vscode.TreeItem(message, vscode.TreeItemCollapsibleState.None);
        item.id = `finding:${node.uri.toString()}:${finding.ruleId}:${finding.start}-${finding.end}`;
        item.description = `${finding.line}:${finding.column}`;
        item.tooltip = `${finding.severity} · ${finding.ruleId}\n${message}`;
        item.iconPath = new vscode.ThemeIcon(finding.severity === 'error' ? 'error'
          : finding.severity === 'warning' ? 'warning' : 'info');
        item.contextValue = 'finding';
        item.command = {
          command: 'vscode.open',
          title: 'Open',
          arguments: [node.uri, { selection: findingRange(finding), preserveFocus: false } satisfies vscode.TextDocumentShowOptions],
        };
        return item;
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async ruleNodes(): Promise<FindingsNode[]> {
    const findings = this.store.all().flatMap((entry) => entry.findings);
    if (findings.length === 0) return [];
    const titles = new Map((await this.ruleMetas().catch(() => [])).map((meta) => [meta.id, meta.title]));
    return [...groupBy(findings, (finding) => finding.ruleId)]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([ruleId, ruleFindings]) => ({ kind: 'rule', ruleId, title: titles.get(ruleId) ?? ruleId, findings: ruleFindings }));
  }
}
