import type { KeyRemoval } from '../../evidence/evidence';
import type { FileKind } from '../fileKind';
import type { Entry } from './entries';

/** An `AZURE_CLIENT_ID=` line, set or commented out: the file already says where a managed identity's id goes. */
const CLIENT_ID_LINE = /^[ \t]*#?[ \t]*(?:export[ \t]+)?AZURE_CLIENT_ID[ \t]*=/m;

/** Per format, the Entra ID library the application moves to (what a user of that format most likely runs). */
const LIBRARIES: Partial<Record<FileKind, string>> = {
  env: 'node-redis: @redis/entraid; .NET: Microsoft.Azure.StackExchangeRedis; Python: redis-entraid; Java: redis-authx-entraid',
  properties: 'Jedis / Lettuce: redis-authx-entraid',
};

/**
 * Takes access keys out of config entries in the way the format allows: `.env` and `.properties` lines become
 * comments saying what the application must do instead; JSON, YAML and XML values are emptied, so the structure and
 * every other setting stay as they were. Keyword arguments in code (`password=...`) are code, not settings: no removal.
 */
export class KeyRemover {
  private readonly eol: string;
  /** The placeholder for a user-assigned managed identity's client id is written once per file, with the first key. */
  private clientIdOffered: boolean;

  constructor(private readonly file: string, private readonly text: string, private readonly kind: FileKind) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
    this.clientIdOffered = kind !== 'env' || CLIENT_ID_LINE.test(text);
  }

  removal(entry: Entry): KeyRemoval | undefined {
    const library = LIBRARIES[this.kind];
    if (library) return this.commentOut(entry, library);
    if (this.kind === 'json' || this.kind === 'yaml' || this.kind === 'xml-config') return this.empty(entry);
    return undefined;
  }

  private commentOut(entry: Entry, library: string): KeyRemoval {
    const text = this.text;
    const lineStart = text.lastIndexOf('\n', entry.valueStart - 1) + 1;
    let lineEnd = text.indexOf('\n', entry.valueStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (text[lineEnd - 1] === '\r') lineEnd--;
    const prefix = text.slice(lineStart, entry.valueStart);
    const indent = /^[ \t]*/.exec(prefix)![0];
    const key = prefix.trim().replace(/^export\s+/, '').replace(/\s*[=:]\s*["']?$/, '');
    const lines = [
      `# ${key}: access key removed for Microsoft Entra ID (amr-migrate). The application must now get tokens instead ` +
        `(${library}).`,
    ];
    if (!this.clientIdOffered) {
      lines.push('# For a user-assigned managed identity, set its client ID (DefaultAzureCredential reads it):', '# AZURE_CLIENT_ID=');
      this.clientIdOffered = true;
    }
    const newText = lines.map((line) => indent + line).join(this.eol);
    return { kind: 'commented-line', edits: [{ span: { file: this.file, start: lineStart, end: lineEnd }, newText }] };
  }

  /** `"key"` → `""`; an unquoted YAML/JSON value → `""`; `- KEY=value` (compose) → `- KEY=`. */
  private empty(entry: Entry): KeyRemoval {
    const before = this.text[entry.valueStart - 1];
    const end = entry.valueStart + entry.value.length;
    const quoted = (before === '"' || before === "'") && this.text[end] === before;
    const newText = quoted || before === '=' ? '' : '""';
    return { kind: 'empty-setting', edits: [{ span: { file: this.file, start: entry.valueStart, end }, newText }] };
  }
}
