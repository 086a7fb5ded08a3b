import { pathToFileURL } from 'node:url';
import type { RuleMeta, Severity, SkippedFile } from '../findings';
import type { ShownFinding } from './redaction';
import { ruleDocsUrl } from './ruleDocsUrl';
import type { ScanReport } from './scanReport';
import { displayPath, shownContent } from './scanReport';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Artifact URIs are relative to this base, which `originalUriBaseIds` resolves to the current directory. */
const SOURCE_ROOT = '%SRCROOT%';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0: one run whose driver lists every rule (descriptions and help from the rule docs, docs page link,
 * default level), one result per finding with its location and fixes, and the skipped files as tool execution
 * notifications. Columns and offsets are UTF-16 code units, as the scanner counts them.
 */
export function formatSarifReport(report: ScanReport): string {
  const ruleIndex = new Map(report.rules.map((rule, index) => [rule.id, index]));
  const location = artifactLocationFor(report.cwd);
  const { findings, skipped } = shownContent(report);
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: report.rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(report.cwd) } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: skipped.map((entry) => skippedNotification(entry, location)),
          },
        ],
        results: findings.map((finding) => result(finding, ruleIndex.get(finding.ruleId), location)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

type ArtifactLocation = { uri: string; uriBaseId?: string };

/** A file inside the current directory is relative to %SRCROOT%; any other is an absolute file: URI. */
function artifactLocationFor(cwd: string): (file: string) => ArtifactLocation {
  return (file) => {
    const shown = displayPath(cwd, file);
    if (shown.startsWith('../') || shown.startsWith('/') || /^[A-Za-z]:/.test(shown)) {
      return { uri: pathToFileURL(file).href };
    }
    return { uri: shown.split('/').map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
  };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function ruleDescriptor(rule: RuleMeta) {
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: rule.title },
    fullDescription: { text: firstParagraph(rule.docs) },
    help: { text: rule.docs, markdown: rule.docs },
    helpUri: ruleDocsUrl(rule.id),
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
  };
}

/** The first prose paragraph of a rule's Markdown docs (headings skipped). */
export function firstParagraph(markdown: string): string {
  const paragraphs = markdown
    .split(/\r?\n\s*\r?\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '' && !block.startsWith('#'));
  return (paragraphs[0] ?? markdown.trim()).replace(/\s*\r?\n\s*/g, ' ');
}

function result(finding: ShownFinding, ruleIndex: number | undefined, location: (file: string) => ArtifactLocation) {
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: location(finding.file),
          region: {
            startLine: finding.line,
            startColumn: finding.column,
            endLine: finding.endLine,
            endColumn: finding.endColumn,
            charOffset: finding.start,
            charLength: finding.end - finding.start,
          },
        },
      },
    ],
    fixes: finding.fixes.map((fix) => ({
      description: { text: fix.title },
      properties: { preferred: fix.preferred },
      artifactChanges: editsByFile(fix.edits).map(([file, edits]) => ({
        artifactLocation: location(file),
        replacements: edits.map((edit) => ({
          deletedRegion: { charOffset: edit.start, charLength: edit.end - edit.start },
          insertedContent: { text: edit.newText },
          ...(edit.redacted ? { properties: { redacted: true } } : {}),
        })),
        // SARIF has no "create file" change: a new file is an insertion into an empty artifact, marked as such.
        ...(edits.some((edit) => edit.create) ? { properties: { createsFile: true } } : {}),
      })),
    })),
  };
}

function editsByFile<E extends { file: string }>(edits: readonly E[]): [string, E[]][] {
  const byFile = new Map<string, E[]>();
  for (const edit of edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  return [...byFile];
}

function skippedNotification(skipped: SkippedFile, location: (file: string) => ArtifactLocation) {
  return {
    level: 'note',
    message: { text: `Not scanned: ${skipped.reason}` },
    locations: [{ physicalLocation: { artifactLocation: location(skipped.file) } }],
  };
}
