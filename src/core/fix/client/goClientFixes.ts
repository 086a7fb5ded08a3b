import type { TextEdit } from '../../findings';
import type { Endpoint, TreeClientSyntax } from '../../evidence/evidence';
import type { FixOutcome } from './entraIdFix';
import { addImports, dependencyEdit, option, removeOption, replaceSpan } from './treeClientEdits';

/** go-redis-entraid's module and the release whose API the fix writes (NewDefaultAzureCredentialsProvider). */
export const GO_REDIS_ENTRAID = { module: 'github.com/redis/go-redis-entraid', version: 'v1.0.0' } as const;
const HELPER = 'entraIDCredentials';

function helperSource(newline: string): string {
  return [
    '',
    `// ${HELPER} gives go-redis Microsoft Entra ID tokens for Azure Managed Redis (DefaultAzureCredential: managed`,
    '// identity, workload identity, environment or Azure CLI), renewed before they expire.',
    `func ${HELPER}() auth.StreamingCredentialsProvider {`,
    '\tprovider, err := entraid.NewDefaultAzureCredentialsProvider(entraid.DefaultAzureCredentialsProviderOptions{})',
    '\tif err != nil {',
    '\t\tpanic("Microsoft Entra ID credentials for Redis: " + err.Error())',
    '\t}',
    '\treturn provider',
    '}',
    '',
  ].join(newline);
}

/** The go-redis import path of the file (`github.com/redis/go-redis/v9`), when it is v9, which has streaming credentials. */
function goRedisV9(syntax: TreeClientSyntax): string | undefined {
  return syntax.imports.map((spec) => /"(github\.com\/redis\/go-redis\/v9)"$/.exec(spec)?.[1]).find((path) => path !== undefined);
}

/**
 * go-redis v9: the `Password` (and `Username`) options give way to `StreamingCredentialsProvider`, from a helper the
 * fix adds to the file that builds go-redis-entraid's DefaultAzureCredential provider; go.mod gets the module.
 */
export function goEntraIdFix(endpoint: Endpoint, syntax: TreeClientSyntax): FixOutcome {
  const base = goRedisV9(syntax);
  if (!base) return { why: 'go-redis-entraid needs go-redis v9 (github.com/redis/go-redis/v9)' };
  if (syntax.opaque) return { why: 'the options literal has fields without names' };
  if (option(syntax, 'StreamingCredentialsProvider')) return { why: 'the options already have a StreamingCredentialsProvider' };
  const password = option(syntax, 'Password');
  if (!password || !endpoint.password || endpoint.password.start < password.span.start || endpoint.password.end > password.span.end) {
    return { why: 'the key is not the Password field of the options literal' };
  }
  const edits: TextEdit[] = [replaceSpan(password.span, `StreamingCredentialsProvider: ${HELPER}()`)];
  const username = option(syntax, 'Username');
  if (username) edits.push(removeOption(username));
  edits.push(...unusedImportRemovals(syntax, [password, username].map((entry) => entry?.valueText ?? '').join(' ')));
  if (!syntax.topLevelNames.includes(HELPER)) {
    const wanted = [`entraid "${GO_REDIS_ENTRAID.module}"`, `"${base}/auth"`];
    edits.push(...addImports(syntax, wanted.filter((spec) => !syntax.imports.includes(spec))));
    edits.push({ file: syntax.call.file, start: syntax.fileEnd, end: syntax.fileEnd, newText: helperSource(syntax.newline) });
  }
  const dependency = dependencyEdit(syntax, { [GO_REDIS_ENTRAID.module]: GO_REDIS_ENTRAID.version }, 'go-redis-entraid');
  return {
    fix: {
      title: `Authenticate with Microsoft Entra ID (go-redis-entraid StreamingCredentialsProvider, DefaultAzureCredential) instead of the access key${dependency.note}`,
      preferred: false,
      edits: [...edits, ...dependency.edits],
      ...(dependency.dependencies ? { dependencies: dependency.dependencies } : {}),
    },
  };
}

/** Go rejects an unused import: the imports whose every use was in `removed` (`os` of `os.Getenv("KEY")`) go too. */
function unusedImportRemovals(syntax: TreeClientSyntax, removed: string): TextEdit[] {
  const counts = new Map<string, number>();
  for (const use of removed.matchAll(/\b([A-Za-z_]\w*)\s*\./g)) counts.set(use[1]!, (counts.get(use[1]!) ?? 0) + 1);
  return [...counts].flatMap(([name, count]) => {
    const imported = syntax.packages?.[name];
    return imported && imported.uses <= count ? [replaceSpan(imported.removal, '')] : [];
  });
}

/** Options of redis.Options that redis.ClusterOptions has too, so they carry over unchanged. */
const SHARED_OPTIONS = new Set([
  'Username', 'Password', 'TLSConfig', 'ClientName', 'Protocol', 'Dialer', 'OnConnect', 'CredentialsProvider',
  'CredentialsProviderContext', 'StreamingCredentialsProvider', 'MaxRetries', 'MinRetryBackoff', 'MaxRetryBackoff',
  'DialTimeout', 'ReadTimeout', 'WriteTimeout', 'ContextTimeoutEnabled', 'PoolFIFO', 'PoolSize', 'PoolTimeout',
  'MinIdleConns', 'MaxIdleConns', 'MaxActiveConns', 'ConnMaxIdleTime', 'ConnMaxLifetime', 'ReadBufferSize',
  'WriteBufferSize', 'DisableIndentity', 'DisableIdentity', 'IdentitySuffix', 'UnstableResp3',
]);

/**
 * go-redis: `redis.NewClient(&redis.Options{Addr: a, …})` becomes `redis.NewClusterClient(&redis.ClusterOptions{Addrs:
 * []string{a}, …})`, which follows MOVED redirections. Never preferred: the variable's type becomes
 * *redis.ClusterClient, which code that expects *redis.Client must follow.
 */
export function goClusterFix(syntax: TreeClientSyntax): FixOutcome {
  const callee = /^(\w+)\.NewClient$/.exec(syntax.callee.value);
  const type = syntax.optionsType;
  if (!callee || !type || type.value !== `${callee[1]}.Options`) return { why: 'not a redis.NewClient(&redis.Options{…}) call' };
  if (syntax.opaque) return { why: 'the options literal has fields without names' };
  const addr = option(syntax, 'Addr');
  if (!addr) return { why: 'the options name no Addr' };
  const edits: TextEdit[] = [
    replaceSpan(syntax.callee.span, `${callee[1]}.NewClusterClient`),
    replaceSpan(type.span, `${callee[1]}.ClusterOptions`),
    replaceSpan(addr.span, `Addrs: []string{${addr.valueText}}`),
  ];
  for (const entry of syntax.options) {
    if (entry === addr || SHARED_OPTIONS.has(entry.name)) continue;
    if (entry.name === 'DB' && entry.valueText.trim() === '0') edits.push(removeOption(entry));
    else if (entry.name === 'DB') return { why: 'a cluster client has database 0 only: move the data to database 0 first (database-select)' };
    else return { why: `redis.ClusterOptions has no ${entry.name} option` };
  }
  return { fix: { title: 'Use a cluster client (go-redis NewClusterClient)', preferred: false, edits } };
}
