/**
 * The data every surface renders: the scanner produces findings, and the CLI, diagnostics,
 * code actions and webview only format them. Nothing here knows about VS Code.
 */

export type Severity = 'error' | 'warning' | 'info';

/** Target clustering policy of the Azure Managed Redis database; decides which multi-key commands break. */
export type ClusterPolicy = 'oss' | 'enterprise' | 'none';

export type RuleId =
  | 'legacy-hostname'
  | 'legacy-tls-port'
  | 'non-tls-connection'
  | 'access-key-auth'
  | 'multi-key-command'
  | 'keyspace-notifications'
  | 'database-select'
  | 'non-cluster-client'
  | 'legacy-cache-resource';

/** A replacement of the UTF-16 range [start, end) of `file` (as read) with `newText`. */
export interface TextEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
  /**
   * The edit creates `file` (which the scan did not see) with `newText` as its whole content; start and end are 0.
   * A file that exists by then is left alone unless it already holds exactly that text.
   */
  create?: boolean;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe to apply without review (quick-fix `isPreferred`, `scan --fix`). */
  preferred: boolean;
  /**
   * Packages (name → version) the fixed code imports: npm packages, or those of the file's language (PyPI, Go
   * modules, Maven `groupId:artifactId`, NuGet). When the scan found the nearest dependency file (`manifest`:
   * package.json, requirements.txt, pyproject.toml, go.mod, pom.xml, build.gradle, .csproj), `edits` add those it
   * lacks; the editor builds these edits again on the file as it is when the fix is applied, and looks for a
   * package.json itself when the scan found none.
   */
  dependencies?: { manifest?: string; packages: Record<string, string> };
}

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  /** Absolute path inside the scanner; surfaces make it relative for display. */
  file: string;
  /** UTF-16 offsets of the flagged range. */
  start: number;
  end: number;
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  fixes: Fix[];
}

export interface RuleMeta {
  id: RuleId;
  defaultSeverity: Severity;
  /** One line, shown in SARIF `shortDescription` and the rule list. */
  title: string;
  /** Markdown: why it matters for AMR and what to do. */
  docs: string;
}

export interface ScanSettings {
  clusterPolicy: ClusterPolicy;
  /** Severity overrides per rule; 'off' disables a rule. */
  severities: Partial<Record<RuleId, Severity | 'off'>>;
  /** Files larger than this many bytes are skipped (reported, not scanned). */
  maxFileBytes: number;
  /**
   * Targets for host fixes: old host names (`orders.redis.cache.windows.net`) or old cache names
   * (`orders`) → Azure Managed Redis host names. Without a target a host finding has no fix.
   */
  hostMap?: Record<string, string>;
  /**
   * Old host names (`orders.redis.cache.windows.net`) or old cache names (`orders`), lower case, that Azure's
   * automated migration switched by DNS to an Azure Managed Redis cache: findings on them say what still has to change.
   */
  switchedHosts?: Record<string, SwitchedHost>;
}

/** What the scan knows of the Azure Managed Redis cache an old host name now reaches through DNS. */
export interface SwitchedHost {
  /** Its host name (`orders-amr.westus2.redis.azure.net`). */
  target: string;
  /** Whether the new cache accepts access keys; undefined when not known. */
  accessKeys?: boolean;
}

export const DEFAULT_SCAN_SETTINGS: ScanSettings = {
  clusterPolicy: 'oss',
  severities: {},
  maxFileBytes: 1024 * 1024,
};

/** A file the scanner was given but did not scan, with the reason in words a user understands. */
export interface SkippedFile {
  file: string;
  reason: string;
}

export interface SourceFileInput {
  /** Absolute path. */
  path: string;
  text: string;
}

export interface ScanResult {
  findings: Finding[];
  skipped: SkippedFile[];
}
