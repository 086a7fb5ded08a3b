import * as vscode from 'vscode';
import { DEFAULT_SCAN_SETTINGS, type ClusterPolicy, type RuleId, type ScanSettings, type Severity } from '../../core/findings';
import { HostMapError, parseHostMap } from '../../core/fix/hostMap';
import { switchedHostsInUse } from './switchedHostsInUse';

/** The section every setting lives under; a change to it re-evaluates findings. */
export const SETTINGS_SECTION = 'amrMigrate';

const CLUSTER_POLICIES: readonly ClusterPolicy[] = ['oss', 'enterprise', 'none'];
const SEVERITY_LEVELS: readonly (Severity | 'off')[] = ['error', 'warning', 'info', 'off'];

export interface ExtensionSettings {
  scan: ScanSettings;
  /** Globs (workspace-relative) a workspace scan is limited to; empty means every scannable file. */
  include: string[];
  /** Globs (workspace-relative) a workspace scan skips, on top of `files.exclude` and `.gitignore`. */
  exclude: string[];
  /** Why `amrMigrate.hostMap` was rejected (it is then ignored, so no fix rewrites to a wrong host). */
  hostMapError?: string;
}

function stringArray(raw: unknown): string[] {
  return Array.isArray(raw) ? raw.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : [];
}

/** The host map validated as the CLI validates `--host-map` (targets must be `*.redis.azure.net`). */
function hostMap(raw: unknown): { hostMap: Record<string, string>; hostMapError?: string } {
  try {
    return { hostMap: parseHostMap(JSON.stringify(raw ?? {})) };
  } catch (error) {
    if (!(error instanceof HostMapError)) throw error;
    return { hostMap: {}, hostMapError: `amrMigrate.hostMap is ignored: ${error.message}` };
  }
}

function severities(raw: unknown): ScanSettings['severities'] {
  if (typeof raw !== 'object' || raw === null) return {};
  const valid = Object.entries(raw).filter(([, level]) => SEVERITY_LEVELS.includes(level));
  return Object.fromEntries(valid) as Partial<Record<RuleId, Severity | 'off'>>;
}

/**
 * Typed view of the `amrMigrate.*` settings for a resource. Values the manifest schema would reject (a hand-edited
 * settings.json) fall back to the defaults instead of reaching the scanner.
 */
export function readSettings(scope?: vscode.Uri): ExtensionSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const policy = config.get<string>('clusterPolicy');
  const maxKB = config.get<number>('maxFileSizeKB');
  const hosts = hostMap(config.get('hostMap'));
  return {
    scan: {
      ...DEFAULT_SCAN_SETTINGS,
      clusterPolicy: CLUSTER_POLICIES.find((p) => p === policy) ?? DEFAULT_SCAN_SETTINGS.clusterPolicy,
      severities: severities(config.get('severity')),
      maxFileBytes: typeof maxKB === 'number' && maxKB > 0 ? Math.round(maxKB * 1024) : DEFAULT_SCAN_SETTINGS.maxFileBytes,
      hostMap: hosts.hostMap,
      switchedHosts: switchedHostsInUse(),
    },
    include: stringArray(config.get('include')),
    exclude: stringArray(config.get('exclude')),
    ...(hosts.hostMapError ? { hostMapError: hosts.hostMapError } : {}),
  };
}
