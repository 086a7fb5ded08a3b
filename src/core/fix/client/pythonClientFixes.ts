import type { TextEdit } from '../../findings';
import type { Endpoint, TreeClientSyntax } from '../../evidence/evidence';
import type { FixOutcome } from './entraIdFix';
import { addImports, addOption, dependencyEdit, option, removeOption, replaceSpan } from './treeClientEdits';

/** The version of redis-entraid whose API the fix writes (create_from_default_azure_credential, redis-py ≥ 5.3). */
export const REDIS_ENTRAID = { 'redis-entraid': '>=1.1.0' } as const;
const PROVIDER_FACTORY = 'create_from_default_azure_credential';
const PROVIDER_IMPORT = `from redis_entraid.cred_provider import ${PROVIDER_FACTORY}`;
/** The token scope of Azure Cache for Redis and Azure Managed Redis. */
const REDIS_SCOPE = 'https://redis.azure.com/.default';

/**
 * redis-py: the access key gives way to a `credential_provider` from redis-entraid, which gets Microsoft Entra ID
 * tokens through DefaultAzureCredential and renews them before they expire; the user name goes too (the token
 * names the identity). Never preferred: the application then authenticates as an Entra identity, which needs a
 * data access policy on the cache.
 */
export function pythonEntraIdFix(endpoint: Endpoint, syntax: TreeClientSyntax): FixOutcome {
  if (syntax.opaque) return { why: 'the call passes arguments through *args or **kwargs' };
  if (option(syntax, 'credential_provider')) return { why: 'the call already has a credential_provider' };
  const password = option(syntax, 'password');
  const provider = `credential_provider=${PROVIDER_FACTORY}(("${REDIS_SCOPE}",))`;
  const edits: TextEdit[] = [];
  if (password && endpoint.password && password.span.start <= endpoint.password.start && endpoint.password.end <= password.span.end) {
    edits.push(replaceSpan(password.span, provider));
  } else if (endpoint.passwordRemoval?.kind === 'url') {
    edits.push(...endpoint.passwordRemoval.edits.map(({ span, newText }) => replaceSpan(span, newText)), addOption(syntax, provider));
  } else {
    return { why: 'the key is not a password= argument or part of a URL written in the call' };
  }
  const username = option(syntax, 'username');
  if (username) edits.push(removeOption(username));
  const imported = syntax.imports.some((line) => new RegExp(`^from\\s+redis_entraid\\.cred_provider\\s+import\\b[^\\n]*\\b${PROVIDER_FACTORY}\\b`).test(line));
  edits.push(...addImports(syntax, imported ? [] : [PROVIDER_IMPORT]));
  const dependency = dependencyEdit(syntax, REDIS_ENTRAID, 'redis-entraid');
  return {
    fix: {
      title: `Authenticate with Microsoft Entra ID (redis-entraid credential_provider, DefaultAzureCredential) instead of the access key${dependency.note}`,
      preferred: false,
      edits: [...edits, ...dependency.edits],
      ...(dependency.dependencies ? { dependencies: dependency.dependencies } : {}),
    },
  };
}

/**
 * redis-py: `Redis(host=…, port=…)` becomes `RedisCluster(host=…, port=…)` (and `from_url` the cluster's), which
 * follows MOVED redirections. Never preferred: the cluster client has no SELECT, and multi-key commands need one slot.
 */
export function pythonClusterFix(syntax: TreeClientSyntax): FixOutcome {
  if (syntax.opaque) return { why: 'the call passes arguments through *args or **kwargs' };
  const callee = syntax.callee.value;
  const url = /^(?:(.*)\.)?from_url$/.exec(callee);
  const owner = url ? url[1] ?? '' : callee;
  if (syntax.positional > (url ? 1 : 2)) return { why: 'RedisCluster takes other positional arguments than Redis: write them as keywords' };
  const db = option(syntax, 'db');
  const edits: TextEdit[] = [];
  if (db) {
    if (db.valueText.trim() !== '0') return { why: 'RedisCluster has database 0 only: move the data to database 0 first (database-select)' };
    edits.push(removeOption(db));
  }
  let clusterCallee: string;
  const imports: string[] = [];
  const member = /^(.*)\.(?:Strict)?Redis$/.exec(owner);
  if (member) clusterCallee = `${member[1]}.RedisCluster`;
  else if (/^(?:Strict)?Redis$/.test(owner)) {
    const source = syntax.imports.map((line) => new RegExp(`^from\\s+([\\w.]+)\\s+import\\b[^\\n]*\\b${owner}\\b`).exec(line)?.[1]).find((module) => module !== undefined);
    if (source !== undefined && !/^redis(?:\.client)?$|^redis\.asyncio(?:\.client)?$/.test(source)) return { why: `${owner} is imported from ${source}` };
    clusterCallee = 'RedisCluster';
    const module = source?.startsWith('redis.asyncio') ? 'redis.asyncio.cluster' : 'redis.cluster';
    if (!syntax.imports.some((line) => /\bRedisCluster\b/.test(line))) imports.push(`from ${module} import RedisCluster`);
  } else if (url && /^(?:redis|redis\.asyncio)$/.test(owner)) {
    clusterCallee = `${owner}.RedisCluster`;
  } else {
    return { why: `${callee} is not a redis-py single-node client the fix can rewrite` };
  }
  edits.push(replaceSpan(syntax.callee.span, url ? `${clusterCallee}.from_url` : clusterCallee), ...addImports(syntax, imports));
  return { fix: { title: 'Use a cluster client (redis-py RedisCluster)', preferred: false, edits } };
}
