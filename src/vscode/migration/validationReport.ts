/** Azure's validation of a migration as a Markdown document: local checks, then errors and warnings by category. */
import type { CacheInfo } from '../../core/azure/cacheModel';
import type { LocalCheck } from '../../core/migration/localChecks';
import type { ValidationResult } from '../../core/migration/migration';
import { markdownText } from '../../core/report/markdownText';

function disparitiesMarkdown(title: string, result: ValidationResult['errors']): string {
  if (result.length === 0) return '';
  const groups = new Map<string, string[]>();
  for (const { category, message } of result) groups.set(markdownText(category), [...(groups.get(markdownText(category)) ?? []), markdownText(message)]);
  return `## ${title}\n\n${[...groups].map(([category, messages]) => `### ${category}\n\n${messages.map((m) => `- ${m}`).join('\n')}`).join('\n\n')}\n\n`;
}

export function validationMarkdown(source: CacheInfo, target: CacheInfo, checks: readonly LocalCheck[], result: ValidationResult): string {
  const local = checks.map((c) => `- ${c.ok ? '✅' : '❌'} ${markdownText(c.message)}`).join('\n');
  return `# Automated migration: ${markdownText(source.name)} → ${markdownText(target.name)}\n\n**Azure: ${result.isValid ? 'valid' : 'not valid'}** `
    + `(${result.errors.length} error(s), ${result.warnings.length} warning(s))\n\n## Local checks\n\n${local}\n\n`
    + disparitiesMarkdown('Errors (the migration cannot start)', result.errors)
    + disparitiesMarkdown('Warnings (starting means accepting them)', result.warnings)
    + '## Data\n\nAzure switches the host name; it does not copy the data. Copy it first (Copy Data…): writes made between the copy and the switch reach only the old cache.\n';
}

