import type { Finding, Fix, TextEdit } from '../findings';

/** What a report shows in place of a credential. */
export const REDACTED = '***';

/** Setting or option names whose value is a credential (`password`, `REDIS_ACCESS_KEY`, `auth_pass`, `AccountKey`). */
const CREDENTIAL_NAME = String.raw`[\w.-]*?(?:password|passwd|pwd|auth_?pass|access_?key|accountkey|primary_?key|secondary_?key|auth_?key|secret|sharedaccesskey)`;

/** `scheme://user:password@` — the password of any URL's user info; a base64 key is often written with a raw `/`. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:'"`]*):([^\s?#@'"`]+)@/gi;

/**
 * A credential name followed by a quoted value (`password: 'k'`, `"password": "k"`, `Password="k"`, `password = "k"`)
 * — a template literal only without `${…}`, which is code, not the key.
 */
const QUOTED_CREDENTIAL = new RegExp(
  String.raw`(\b${CREDENTIAL_NAME}["']?\s*[:=]\s*)(?:"((?:[^"\\\n]|\\.)+)"|'((?:[^'\\\n]|\\.)+)'|\`((?:[^\`\\$\n]|\\.)+)\`)`,
  'gi',
);

/**
 * A credential name and `=` with no space around it, then an unquoted value up to a delimiter: a connection string
 * option (`password=k,ssl=True`, `Password=k;`) or an `.env` line (`REDIS_PASSWORD=k`). `password = key` with spaces
 * is an assignment in code, whose right side is an expression, not the key.
 */
const UNQUOTED_CREDENTIAL = new RegExp(String.raw`(\b${CREDENTIAL_NAME}=)([^\s,;"'\`<>&]+)`, 'gi');

/**
 * `text` with every credential it spells out replaced by `***`: URL passwords, quoted values of password-like names,
 * and connection-string / `.env` values. Names, hosts and everything else stay, so the text still says what it is.
 */
export function redactCredentials(text: string): string {
  return text
    .replace(URL_PASSWORD, (_, before: string) => `${before}:${REDACTED}@`)
    .replace(QUOTED_CREDENTIAL, (_, before: string, double?: string, single?: string) => {
      const quote = double !== undefined ? '"' : single !== undefined ? "'" : '`';
      return `${before}${quote}${REDACTED}${quote}`;
    })
    .replace(UNQUOTED_CREDENTIAL, (match: string, before: string, value: string) => (value === REDACTED ? match : `${before}${REDACTED}`));
}

/** An edit as a report shows it: `redacted` when its text had a credential masked, so it must not be applied as shown. */
export interface ShownEdit extends TextEdit {
  redacted?: boolean;
}

export interface ShownFinding extends Omit<Finding, 'fixes'> {
  fixes: Array<Omit<Fix, 'edits'> & { edits: ShownEdit[] }>;
}

/**
 * The finding as a report shows it: message, fix titles and fix texts with credentials redacted. Offsets stay, so a
 * reader still sees where each edit goes; applying fixes (`--fix`, quick fixes) uses the finding itself.
 */
export function redactFinding(finding: Finding): ShownFinding {
  return {
    ...finding,
    message: redactCredentials(finding.message),
    fixes: finding.fixes.map((fix) => ({
      ...fix,
      title: redactCredentials(fix.title),
      edits: fix.edits.map((edit): ShownEdit => {
        const newText = redactCredentials(edit.newText);
        return newText === edit.newText ? edit : { ...edit, newText, redacted: true };
      }),
    })),
  };
}
