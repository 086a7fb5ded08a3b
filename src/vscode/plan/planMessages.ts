import { TEMPLATE_FORMATS, type TemplateFormat } from '../../core/fix/iac/templateFormats';

/**
 * Messages between the plan panel and the extension. The HTML embeds each button's message, typed here, so both
 * sides speak the same union; what comes back from the webview is untrusted and checked by `parsePanelMessage`.
 */
export type PanelMessage =
  | { type: 'exportMarkdown' }
  | { type: 'scanWorkspace' }
  | { type: 'copyTargetSettings' }
  | { type: 'copyData' }
  | { type: 'createTarget' }
  | { type: 'validateMigration' }
  /** The recommended target as an infrastructure template, opened in an untitled editor. */
  | { type: 'exportTarget'; format: TemplateFormat }
  | { type: 'startMigration' }
  | { type: 'rollbackMigration' }
  /** `file` is a finding's absolute path; line and column are 1-based. */
  | { type: 'reveal'; file: string; line: number; column: number };

const isTemplateFormat = (value: unknown): value is TemplateFormat => (TEMPLATE_FORMATS as readonly unknown[]).includes(value);

const positive = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value > 0;

export function parsePanelMessage(data: unknown): PanelMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const message = data as Record<string, unknown>;
  switch (message.type) {
    case 'exportMarkdown':
    case 'scanWorkspace':
    case 'copyTargetSettings':
    case 'copyData':
    case 'createTarget':
    case 'validateMigration':
    case 'startMigration':
    case 'rollbackMigration':
      return { type: message.type };
    case 'exportTarget':
      return isTemplateFormat(message.format) ? { type: 'exportTarget', format: message.format } : undefined;
    case 'reveal':
      return typeof message.file === 'string' && positive(message.line) && positive(message.column)
        ? { type: 'reveal', file: message.file, line: message.line, column: message.column }
        : undefined;
    default:
      return undefined;
  }
}
