/**
 * What the extractors (JS/TS and config/text) find, in a language-neutral shape the rules judge.
 * Extractors know syntax; rules know Azure Managed Redis. Neither knows the other's details.
 */

/** A range of source text: UTF-16 offsets [start, end) of `file` as read. */
export interface Span {
  file: string;
  start: number;
  end: number;
}

export interface Located<T> {
  value: T;
  span: Span;
}

/**
 * Where a connection goes. `known` hosts were written somewhere in the scan (span = where);
 * `unknown` ones come from the environment or code the scanner cannot evaluate; `absent` means the
 * client falls back to its default (localhost).
 */
export type HostRef =
  | { kind: 'known'; value: string; span: Span | undefined }
  | { kind: 'unknown' }
  | { kind: 'absent' };

/** One configured connection: a client construction, a URL, a connection string or a group of config entries. */
export interface Endpoint {
  /** The whole construct (call, URL, connection string, config entry) — used when no part has a better place. */
  at: Span;
  /** Set for client constructions in code. */
  client?: 'single' | 'cluster';
  /**
   * Found by reading a string in code on its own; the scanner drops it when a client construction read
   * the same text (the client knows more, e.g. `socket.tls: true` next to a `redis://` URL).
   */
  fromText?: boolean;
  /** How the endpoint is written, for messages ("connection URL", "createClient options", ".env entry"). */
  source: string;
  host: HostRef;
  port?: Located<number>;
  /** `redis` or `rediss` when given as a URL. */
  scheme?: Located<string>;
  /** An explicit TLS switch (`tls: false`, `ssl=False`, `"enableNonSslPort": true` maps to false). */
  tls?: TlsSwitch;
  /** Where a password / access key is supplied (never its value). */
  password?: Span;
  /** How to take that password out of the text it is written in, when the text allows it. */
  passwordRemoval?: KeyRemoval;
  database?: Located<number>;
}

/**
 * Edits that take an access key out of text (a connection string, URL, `.env` line or setting) and leave the rest
 * as it was and still valid in its format. No edit ever writes the key.
 */
export interface KeyRemoval {
  edits: Array<{ span: Span; newText: string }>;
  /** What the edits leave: how the fix is titled and what it says the code must do instead. */
  kind: 'connection-string' | 'url' | 'commented-line' | 'empty-setting';
}

export interface TlsSwitch {
  value: boolean;
  /** Where the switch's value is written, when it is a literal. */
  span: Span | undefined;
  /** The text that turns TLS on when written over `span` (`true`, `True`, `false` for enableNonSslPort). */
  enableText: string;
}

/**
 * A key argument as text; a part computed at run time is a symbol between two UNKNOWN_CHARs (the
 * expression's source text), so keys built from the same variable compare equal.
 */
export interface KeyArg {
  text: string;
}

/** A Redis command (or MULTI/pipeline block) that touches several keys. */
export interface CommandUse {
  at: Span;
  /** Upper-case command name, or `MULTI` / `PIPELINE` for a transaction or pipeline chain. */
  command: string;
  /** The key arguments; `undefined` when the list itself cannot be known (a spread, an array variable). */
  keys: KeyArg[] | undefined;
}

export interface KeyspaceUse {
  at: Span;
  /** `config` for notify-keyspace-events, `channel` for __keyspace@/__keyevent@ subscriptions. */
  kind: 'config' | 'channel';
}

/** A password or access key supplied outside a recognised endpoint (ARM listKeys, REDIS_PASSWORD=…). */
export interface CredentialUse {
  at: Span;
  source: string;
  removal?: KeyRemoval;
}

/** Everything found in one file; spans may point into other files (constants imported from them). */
export interface FileEvidence {
  file: string;
  endpoints: Endpoint[];
  commands: CommandUse[];
  keyspace: KeyspaceUse[];
  credentials: CredentialUse[];
  /** Explicit database selections outside endpoints (`select(2)`). */
  databases: Located<number>[];
}

/** Delimits text whose value the scanner cannot know (an env var, a call result) inside a composed string. */
export const UNKNOWN_CHAR = '\uE000';

export function emptyEvidence(file: string): FileEvidence {
  return { file, endpoints: [], commands: [], keyspace: [], credentials: [], databases: [] };
}
