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
  /** The syntax of that client construction, for fixes that rewrite it (JS/TS only). */
  construction?: ClientConstruction;
  /** The syntax of a client construction in Python or Go, for fixes that rewrite it. */
  treeClient?: TreeClientSyntax;
  /**
   * Found by reading a string in code on its own; the scanner drops it when a client construction read
   * the same text (the client knows more, e.g. `socket.tls: true` next to a `redis://` URL).
   */
  fromText?: boolean;
  /** How the endpoint is written, for messages ("connection URL", "createClient options", ".env entry"). */
  source: string;
  /**
   * Written in a comment: the line still names the old cache, so its host is reported (as information); a port,
   * key or TLS switch in it is not live and is left out of the endpoint.
   */
  commented?: boolean;
  host: HostRef;
  port?: Located<number>;
  /** `redis` or `rediss` when given as a URL. */
  scheme?: Located<string>;
  /** An explicit TLS switch (`tls: false`, `ssl=False`, `"enableNonSslPort": true` maps to false). */
  tls?: TlsSwitch;
  /** Where a password / access key is supplied (never its value). */
  password?: Span;
  /**
   * Where the key itself is written when `password` passes a literal written elsewhere (a constant, a config module's
   * property): the finding goes there, to the line where the secret sits; fixes still rewrite the option.
   */
  keyLiteral?: Span;
  /** How to take that password out of the text it is written in, when the text allows it. */
  passwordRemoval?: KeyRemoval;
  database?: Located<number>;
  /** Set for a C# or Java client whose access key a fix can replace with a Microsoft Entra ID token credential. */
  tokenCredential?: TokenCredentialSite;
  /** Set for a Jedis or Lettuce single-node client, for the fix that makes it a cluster client. */
  javaCluster?: JavaClusterSite;
}

/**
 * A Jedis (`new Jedis(…)`, `new JedisPooled(…)`, `new UnifiedJedis(…)`) or Lettuce (`RedisClient.create(…)`)
 * single-node client, with the declarations its value flows into: the cluster client has other types (JedisCluster,
 * RedisClusterClient and its connection and command types), so those declarations change with it.
 */
export interface JavaClusterSite {
  library: 'jedis' | 'lettuce';
  /** The class constructed, or the factory's owner (`RedisClient`). */
  type: string;
  /** The class name in `new X(…)`, or the `RedisClient` of `RedisClient.create`. */
  callee: Span;
  /** The whole construction. */
  call: Span;
  /** The call's arguments as written, and where they begin. */
  arguments: Located<string>[];
  /** Jedis: the arguments read as host, port and (a literal or named) TLS switch, when they are. */
  hostPort?: { host: string; port: string; ssl?: string };
  /** Jedis: the first argument is `new HostAndPort(host, port)`; its host as written. */
  nodeHost?: string;
  /** Jedis: the second argument is a `DefaultJedisClientConfig.builder()…build()` chain: whether it turns TLS on, and the end of the chain before `.build()`. */
  config?: { ssl: boolean; buildAt: number };
  /** The declared types to rewrite with the cluster client's (`Jedis` → `JedisCluster`), in order. */
  renames: Array<{ span: Span; newText: string }>;
  /** Why the value cannot be followed safely (returned, passed on, or used through a method the cluster client lacks). */
  blocked?: string;
  imports: SourceImports;
}

/** A project file (`.csproj`, `pom.xml`) among the scanned inputs, where a fix adds the packages its code needs. */
export interface ProjectFile {
  file: string;
  text: string;
}

/** Where a source file's imports (`using` directives, Java imports) are, so a fix can add the ones it needs. */
export interface SourceImports {
  /** The start of the line after the last import, or 0. */
  insertAt: number;
  /** What is imported (`Azure.Identity`, `io.lettuce.core.RedisURI`). */
  present: string[];
  newline: '\n' | '\r\n';
}

/**
 * A StackExchange.Redis `ConfigurationOptions` stored in a variable: the Entra ID fix deletes its key settings and
 * configures it with a token credential in the statement after the one that creates it.
 */
export interface DotnetOptionsSite {
  kind: 'dotnet-options';
  variable: string;
  /** The end of the statement that creates the options, and that statement's indentation. */
  insertAt: number;
  indent: string;
  /** Whether `await` may be written there (an async method or top-level statements). */
  awaitable: boolean;
  /** The key (and user name) settings with their separators. */
  removals: Span[];
  imports: SourceImports;
  project?: ProjectFile;
}

/** A Lettuce `RedisURI` or Jedis `DefaultJedisClientConfig` builder whose password call the Entra ID fix replaces. */
export interface JavaBuilderSite {
  kind: 'lettuce-uri' | 'jedis-config';
  /** The password call from its name through its closing parenthesis (`withPassword(key)`). */
  call: Span;
  /**
   * Jedis: the class this file passes the config to when that is `Jedis` or `JedisPool`, whose connections never start
   * the AuthXManager (only Jedis's ConnectionPool does: JedisPooled, UnifiedJedis, JedisCluster).
   */
  consumer?: string;
  imports: SourceImports;
  project?: ProjectFile;
}

/**
 * A Jedis constructor that takes the key among its arguments (`new JedisPooled(host, port, user, key)`,
 * `new JedisPool(poolConfig, host, port, timeout, key, ssl)`): the Entra ID fix rewrites the arguments into a
 * HostAndPort and a client config.
 */
export interface JedisConstructorSite {
  kind: 'jedis-constructor';
  /** The class constructed. */
  type: string;
  /** From the first argument's start to the last one's end. */
  arguments: Span;
  /** The arguments as written, by what they are; absent when they are in no form the fix reads. */
  roles?: { host: string; port: string; poolConfig?: string; timeouts: string[]; database?: string; ssl?: string };
  imports: SourceImports;
  project?: ProjectFile;
}

export type TokenCredentialSite = DotnetOptionsSite | JavaBuilderSite | JedisConstructorSite;

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
  /**
   * For TLS that is off because nothing turns it on (redis-py without `ssl=True`, go-redis without `TLSConfig`):
   * the edits that add the switch.
   */
  insertion?: Array<{ span: Span; newText: string }>;
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
  /** Set for a direct command call whose keys are written out in it: what a fix needs to rewrite it. */
  site?: CallSite;
}

/**
 * The written form of a multi-key call (`client.mGet(['a', 'b'])`, `redis.del('a', 'b')`), for fixes that
 * rewrite it with small edits inside the call, so that comments and formatting around the keys survive.
 */
export interface CallSite {
  /** Source text of the receiver, which has no side effects (`client`, `this.redis`), so it may be repeated. */
  receiver: string;
  /** The method name as written (`mGet`, `mget`, `MGET`). */
  method: string;
  /** How the returned promise is used: fixes that change the call's shape need `awaited`, `returned` or `then`. */
  use: 'awaited' | 'returned' | 'then' | 'other';
  /** From the call's start through the key list's opener: `client.mGet([`, `redis.del(`, `client.mSet({`. */
  open: Span;
  /** From the key list's closer through the call's end: `])`, `)`, `})`. */
  close: Span;
  /** The key expressions in order (empty for MSET, whose keys come in `pairs`). */
  keys: SiteKey[];
  /** MSET key/value pairs: each span (`'a', '1'`, `['a', '1']`, `a: '1'`) and `key, value` source text. */
  pairs: Array<{ span: Span; keyValue: string }>;
}

export interface SiteKey {
  span: Span;
  /** Source text of the key expression. */
  source: string;
  /**
   * For a string or template literal without escapes: where its text starts in the file, the text as
   * written between the quotes, and the `${…}` ranges in it (relative to the text).
   */
  literal?: { start: number; text: string; substitutions: Array<[number, number]> };
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
  /** Why no fix can move the code that sends this key to Microsoft Entra ID, when the reading knows. */
  noFix?: string;
}

/** A property of an object literal written in code. */
export interface PropertyEvidence {
  /** The property name; shorthand `{ password }` has name and value `password`. */
  name: string;
  /** The property itself, without its comma. */
  span: Span;
  /** The value's source text. */
  valueText: string;
  /**
   * What deleting the property removes so the rest keeps its layout: the property, its comma and the space up to
   * the next property — or, for the last property, the comma and space before it.
   */
  removal: Span;
  /** Set when the value is itself an object literal (`socket: { … }`). */
  object?: ObjectEvidence;
}

/** An object literal written in code. */
export interface ObjectEvidence {
  span: Span;
  properties: PropertyEvidence[];
  /** Spreads, methods, accessors or computed names: the properties listed are not the whole object. */
  opaque: boolean;
  /** Indentation of the properties when each is on its own line; undefined for a one-line object. */
  indent: string | undefined;
}

/** An argument of a client construction. */
export interface ArgumentEvidence {
  span: Span;
  text: string;
  object?: ObjectEvidence;
}

/** A module a file imports (`import … from 'm'` or a top-level `const … = require('m')`). */
export interface ImportEvidence {
  module: string;
  /** Names imported by name (`{ a, b as c }` or a destructured require) → local names. */
  named: Record<string, string>;
  /** Where another name can be inserted into the braces (after the last named import), when there are braces. */
  namedInsertAt?: number;
  /** Each named import's specifier (`a`, `b as c`, `b: c`) by imported name. */
  specifiers?: Record<string, ImportSpecifierEvidence>;
  /** Local name of a default or namespace import, or of a whole-module require. */
  whole?: string;
}

export interface ImportSpecifierEvidence {
  start: number;
  end: number;
  /**
   * How often the local name stands as a word in the file, the specifier included. Comments and strings count too,
   * so it is never less than the real uses: 2 means the specifier and at most one use.
   */
  occurrences: number;
}

/** How a file writes code, so inserted code looks like its neighbours. */
export interface CodeStyle {
  quote: "'" | '"';
  semicolons: boolean;
  newline: '\n' | '\r\n';
  /** One indentation step. */
  indentUnit: string;
}

/** The `package.json` closest to a file among the scanned inputs. */
export interface ManifestEvidence {
  file: string;
  text: string;
  /** Every dependency name (dependencies, devDependencies, peer and optional) → version range. */
  dependencies: Record<string, string>;
}

/** A Redis client construction in JS/TS, with what fixes need to rewrite it. */
export interface ClientConstruction {
  library: 'node-redis' | 'ioredis';
  /**
   * node-redis major version: from the nearest package.json that names `redis` or `@redis/client`, else from
   * the API shape (positional `(port, host)` arguments are v3), else 5.
   */
  nodeRedisMajor?: number;
  /** The whole call or `new` expression. */
  call: Span;
  /** The callee as written (`createClient`, `redis.createClient`, `Redis`, `IORedis.Cluster`). */
  callee: string;
  arguments: ArgumentEvidence[];
  /** Whether the file is an ES module (import/export syntax, or a TypeScript / .mjs file) or CommonJS. */
  moduleSystem: 'esm' | 'commonjs';
  imports: ImportEvidence[];
  /**
   * Where new import statements go: the start of the line after the last top-level import, or 0; the end of that
   * start of the code that follows the last import on its line (then `importInsertAfterCode`).
   */
  importInsertAt: number;
  importInsertAfterCode: boolean;
  /** Whether relative imports of the file spell out `.js` (ESM in Node), so a new one should too. */
  relativeImportsWithExtension: boolean;
  style: CodeStyle;
  /** The source text of the call, for rewriting it. */
  text: string;
  /** Set when the construction is the argument of another call (`wrap(new Redis(…))`): its callee text. */
  wrappedBy?: string;
  manifest?: ManifestEvidence;
  /** Paths of the scanned inputs next to the file, to reuse a helper module that already exists. */
  siblingFiles: string[];
}

/** An option of a client construction in Python or Go: a keyword argument, or a field of the options literal. */
export interface TreeOption {
  name: string;
  /** The whole `name=value` / `Name: value`. */
  span: Span;
  valueText: string;
  /** What deleting the option removes: it, its separator and the space up to the next option (or before it, when last). */
  removal: Span;
}

/** A client construction in Python (redis-py) or Go (go-redis), with what fixes need to rewrite it as offset edits. */
export interface TreeClientSyntax {
  language: 'python' | 'go';
  /** The whole call. */
  call: Span;
  /** The callee as written (`redis.Redis`, `Redis.from_url`, `redis.NewClient`) and where. */
  callee: Located<string>;
  /** Keyword arguments (Python) or fields of the `&redis.Options{…}` literal (Go), in order. */
  options: TreeOption[];
  /** How many positional arguments precede the keywords (Python); splats (`**kw`) make the call opaque. */
  positional: number;
  opaque: boolean;
  /** Where a new option goes (after the last, or inside the empty parentheses / braces), and the separator it needs. */
  optionInsert: { at: number; before: string; after: string };
  /** Import lines of the file as written (`import redis`, `from redis import Redis`, `"crypto/tls"`). */
  imports: string[];
  /** Where a new import goes, and what it must be wrapped in (Go: an import block, or a new one). */
  importInsert: { at: number; before: string; after: string };
  newline: '\n' | '\r\n';
  /** Go: the type of the options literal as written (`redis.Options`) and where. */
  optionsType?: Located<string>;
  /**
   * Go: each imported package the options literal names, by local name → how often the file uses it (`os.Getenv`
   * counts once) and what deleting its import removes, so a fix that takes away the last use can take away the import
   * Go would reject unused.
   */
  packages?: Record<string, { uses: number; removal: Span }>;
  /** Length of the file, where code appended to it goes. */
  fileEnd: number;
  /** Names of the file's top-level functions (a helper a fix adds is added once). */
  topLevelNames: string[];
  /** Dependency files next to the file or above it among the scan's inputs (requirements.txt, pyproject.toml, go.mod). */
  manifests: Array<{ file: string; text: string }>;
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
  /** Caches declared in infrastructure as code (Bicep, ARM templates, Terraform); absent for other files. */
  resources?: CacheResourceEvidence[];
  /**
   * Private Link names of Azure Cache for Redis written in infrastructure files: the private endpoint group
   * `redisCache` and the private DNS zone `privatelink.redis.cache.windows.net` (span = the name without quotes).
   */
  privateLinks?: Array<{ kind: 'group' | 'zone'; span: Span }>;
}

/** The infrastructure-as-code languages the scanner reads. */
export type IacLanguage = 'bicep' | 'arm' | 'terraform';

/** A value written in an infrastructure file. */
export interface IacValue {
  /** The value's source text: an expression in the file's language (`location`, `"[parameters('x')]"`, `var.x`). */
  text: string;
  span: Span;
  /** Its literal value, or the default of the parameter / variable it names; undefined when computed. */
  literal?: string | number | boolean;
}

/**
 * Settings of a cache, by one name whatever the language writes (`sku.capacity`, `capacity`); booleans keep the
 * source's sense except `accessKeys`, which is true when access keys are enabled.
 */
export type CacheSetting =
  | 'name' | 'location' | 'tags' | 'identity' | 'skuName' | 'skuFamily' | 'skuCapacity' | 'shardCount' | 'replicas'
  | 'nonTlsPort' | 'minimumTlsVersion' | 'publicNetworkAccess' | 'subnetId' | 'staticIp' | 'zones' | 'redisVersion'
  | 'evictionPolicy' | 'memoryReserved' | 'rdbEnabled' | 'rdbFrequency' | 'aofEnabled' | 'keyspaceEvents' | 'entraEnabled'
  | 'accessKeys' | 'databaseCount' | 'patchSchedule' | 'tenantSettings' | 'resourceGroup' | 'sku'
  /** Access policy assignments: who and which policy. */
  | 'objectId' | 'accessPolicy'
  /** A Terraform Redis Enterprise database: its cluster, protocol, clustering, port, geo-replication and modules (all blocks). */
  | 'clusterId' | 'clientProtocol' | 'clusteringPolicy' | 'port' | 'geoReplicationGroup' | 'linkedDatabases' | 'modules'
  /** ARM/Bicep: the `properties` object and ARM's `apiVersion` (Bicep writes it in the type). */
  | 'properties' | 'apiVersion';

/** What an infrastructure definition declares. */
export type CacheResourceRole =
  /** `Microsoft.Cache/redis`, `azurerm_redis_cache`. */
  | 'cache'
  /** A child of such a cache: firewall rule, patch schedule, linked server (geo-replication), access policy (assignment). */
  | 'child'
  /** `Microsoft.Cache/redisEnterprise` / `azurerm_redis_enterprise_cluster` on an Enterprise or Enterprise Flash SKU. */
  | 'enterprise'
  /** `azurerm_redis_enterprise_database`. */
  | 'enterprise-database'
  /** An AVM module of Azure Cache for Redis (`br/public:avm/res/cache/redis`, `Azure/avm-res-cache-redis/azurerm`). */
  | 'module';

/** A place that reads a property of a declared cache (`redis.properties.sslPort`, `azurerm_redis_cache.c.hostname`). */
export interface CacheReference {
  /** What it reads: host name, TLS port, plaintext port, access keys, connection string, or anything else (id, name). */
  property: 'hostName' | 'sslPort' | 'port' | 'keys' | 'connectionString' | 'other';
  /** The whole reference as written. */
  span: Span;
  text: string;
}

/** A cache declared in a Bicep file, an ARM template or a Terraform configuration, with what converting it needs. */
export interface CacheResourceEvidence {
  language: IacLanguage;
  role: CacheResourceRole;
  /** The type as written: `Microsoft.Cache/redis@2024-11-01`, `Microsoft.Cache/redis/firewallRules`, `azurerm_redis_cache`. */
  type: string;
  /** Where the type is written: findings go there. */
  typeSpan: Span;
  /** Bicep symbolic name, Terraform local name, ARM `name` text. */
  symbol: string;
  /** The whole declaration (decorators excluded), which a conversion replaces. */
  at: Span;
  /** The declaration's source text. */
  text: string;
  /** What deleting the declaration removes: its whole lines (with its decorators), or in JSON the element and a comma. */
  removal: Span;
  /** Leading whitespace of the declaration's line and the file's line break, so a conversion matches the file. */
  indent: string;
  newline: '\n' | '\r\n';
  settings: Partial<Record<CacheSetting, IacValue>>;
  /** `redisConfiguration` keys and other settings this scanner does not map, as written. */
  otherSettings: string[];
  /**
   * Text around the declared object that a conversion keeps: a Bicep `if (…) ` or `[for … in …: ` prefix and `]`
   * suffix, Terraform `for_each`/`count`/`provider`/`depends_on`/`lifecycle` lines, ARM `condition`/`copy`/`dependsOn`.
   */
  keep: { prefix?: string; suffix?: string; loopIndex?: string; lines: string[] };
  /** Why the front end cannot offer a conversion (a shape it does not rewrite), when it cannot. */
  notConvertible?: string;
  /** The resource references an existing cache (`existing`, a data source): read as Azure Managed Redis by its fix, never replaced. */
  existing?: boolean;
  references: CacheReference[];
  /** For children: the parent cache's symbol when known. */
  parent?: string;
  /** ARM language version 2.0: the resource's symbolic name (its key in the `resources` object). */
  symbolicName?: string;
}

/** Delimits text whose value the scanner cannot know (an env var, a call result) inside a composed string. */
export const UNKNOWN_CHAR = '\uE000';

export function emptyEvidence(file: string): FileEvidence {
  return { file, endpoints: [], commands: [], keyspace: [], credentials: [], databases: [] };
}
