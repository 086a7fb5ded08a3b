import type { CacheReference, CacheResourceEvidence, CacheSetting, IacValue, Span } from '../../evidence/evidence';
import { AMR_API_VERSION } from '../../amr/facts';
import type { AmrTarget } from './amrTarget';

/**
 * What writing an Azure Managed Redis cache reads of a declaration: a cache found in a file, or one the plan's export
 * makes up (whose settings are parameter references with no place in a file).
 */
export interface CacheDeclaration extends Pick<CacheResourceEvidence, 'symbol' | 'text' | 'indent' | 'newline' | 'keep' | 'symbolicName'> {
  settings: Partial<Record<CacheSetting, Pick<IacValue, 'text'>>>;
}

/** How one infrastructure language writes an Azure Managed Redis cache and rewrites what pointed at the old one. */
export interface IacWriter {
  /** The text that replaces the cache's declaration (`resource.at`): cluster, database, and the comments. */
  cache(resource: CacheDeclaration, target: AmrTarget, comments: readonly string[]): string;
  /** The new text of a reference to the cache, or undefined when it stays valid as written. */
  reference(reference: CacheReference, resource: CacheResourceEvidence): string | undefined;
  /** What takes out a child resource that cannot be carried over: commented out, or removed where comments cannot be. */
  dropChild(child: CacheResourceEvidence, why: string): { span: Span; newText: string };
  /** The text of the AMR access policy assignment that replaces `child.at`, when it can be written. */
  accessPolicyAssignment?(child: CacheResourceEvidence, cache: CacheResourceEvidence): string | undefined;
  /**
   * The edits that make a reference to an existing cache (Bicep `existing`, a Terraform data source) read it as Azure
   * Managed Redis; `needsDatabase` when references read its port or keys.
   */
  existing?(resource: CacheResourceEvidence, needsDatabase: boolean): Array<{ span: Span; newText: string }>;
  /**
   * The edits that move a Redis Enterprise cluster to Azure Managed Redis in place: its `sku`, an API version that
   * knows the AMR SKUs (with the `publicNetworkAccess` it requires), and its zones commented out.
   */
  enterprise?(resource: CacheResourceEvidence, target: AmrTarget): Array<{ span: Span; newText: string }>;
}

/** Whether a template's API version predates the one the conversion writes (which knows the AMR SKUs). */
export function olderThanAmrApi(version: string | undefined): boolean {
  return version === undefined || version < AMR_API_VERSION;
}

/** The range of `[start, end)` of `text` widened to whole lines, without the last line break. */
export function lineRange(text: string, start: number, end: number): { start: number; end: number } {
  const lineEnd = text.indexOf('\n', end);
  return { start: text.lastIndexOf('\n', start - 1) + 1, end: lineEnd < 0 ? text.length : lineEnd > 0 && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd };
}

/** What the fix of an existing cache's reference says above it. */
export const EXISTING_NOTE = 'reads an Azure Managed Redis cache of this name: migrate the cache first (amr-migrate)';

/** Comment lines in front of a converted cache: what was not carried over, then notes on choices made. */
export function commentLines(target: AmrTarget, dropped: readonly string[], source = 'Azure Cache for Redis'): string[] {
  const lost = [...target.notCarried, ...dropped];
  return [
    ...(lost.length > 0 ? [`Not carried over from ${source} (amr-migrate):`, ...lost.map((item) => `- ${item}`)] : []),
    ...target.notes.map((note) => `Note: ${note}`),
  ];
}

/** Spaces or tabs of one indentation step inside a declaration, from its own text (two spaces by default). */
export function indentUnitOf(resource: Pick<CacheDeclaration, 'text' | 'indent'>): string {
  const inner = /\n([ \t]+)\S/.exec(resource.text)?.[1];
  return inner && inner.length > resource.indent.length && inner.startsWith(resource.indent) ? inner.slice(resource.indent.length) : '  ';
}

/** The database's symbolic name next to the cluster's (`redis` → `redisDatabase`). */
export function databaseSymbol(symbol: string): string {
  return `${symbol}Database`;
}

/** Lines joined with the file's line break and each indented by `indent` (a line of only spaces stays empty). */
export function indentLines(lines: readonly string[], indent: string, newline: string): string {
  return lines.map((line) => (line === '' ? '' : indent + line)).join(newline);
}
