import type { Fix, TextEdit } from '../../findings';
import type { DotnetOptionsSite, JavaBuilderSite, JedisConstructorSite, ProjectFile, SourceImports, TokenCredentialSite } from '../../evidence/evidence';
import type { FixOutcome } from './entraIdFix';
import { dependencyEdit } from './treeClientEdits';

/**
 * Packages the fixed C# and Java code needs. .NET: Microsoft.Azure.StackExchangeRedis (the ConfigureForAzure…
 * extension methods of ConfigurationOptions) and Azure.Identity (DefaultAzureCredential). Java: redis-authx-entraid,
 * whose AzureTokenAuthConfigBuilder takes an azure-identity DefaultAzureCredential (it depends on azure-identity);
 * 0.1.1-beta2 is the first release with that builder and the one Jedis itself builds against.
 */
export const DOTNET_ENTRA_PACKAGES = { 'Microsoft.Azure.StackExchangeRedis': '3.3.1', 'Azure.Identity': '1.17.1' } as const;
export const JAVA_ENTRA_ARTIFACT = { 'redis.clients.authentication:redis-authx-entraid': '0.1.1-beta2' } as const;

/** The token configuration both Java clients take: DefaultAzureCredential with the Redis scope (the builder's default). */
const JAVA_TOKEN_CONFIG = 'AzureTokenAuthConfigBuilder.builder().defaultAzureCredential(new DefaultAzureCredentialBuilder().build()).build()';

const JAVA_REWRITES: Record<JavaBuilderSite['kind'], { call: string; imports: string[]; client: string }> = {
  'lettuce-uri': {
    call: `withAuthentication(TokenBasedRedisCredentialsProvider.create(${JAVA_TOKEN_CONFIG}))`,
    imports: ['io.lettuce.authx.TokenBasedRedisCredentialsProvider'],
    client: 'Lettuce token-based credentials provider',
  },
  'jedis-config': {
    call: `authXManager(new AuthXManager(${JAVA_TOKEN_CONFIG}))`,
    imports: ['redis.clients.jedis.authentication.AuthXManager'],
    client: 'Jedis AuthXManager',
  },
};

const JAVA_SHARED_IMPORTS = ['redis.clients.authentication.entraid.AzureTokenAuthConfigBuilder', 'com.azure.identity.DefaultAzureCredentialBuilder'];

/** Jedis renews tokens only on connections of its ConnectionPool; a Jedis or a JedisPool would connect without one. */
const JEDIS_WITHOUT_RENEWAL =
  'Jedis and JedisPool connections never start the AuthXManager that fetches and renews the token (only JedisPooled, ' +
  'UnifiedJedis and JedisCluster do); move this client to JedisPooled with a DefaultJedisClientConfig authXManager';

/**
 * Replaces the access key of a C# or Java client with a Microsoft Entra ID token credential: StackExchange.Redis
 * options get `await options.ConfigureForAzureWithTokenCredentialAsync(new DefaultAzureCredential())`; a Lettuce
 * RedisURI builder gets `withAuthentication(TokenBasedRedisCredentialsProvider…)` and a Jedis client config an
 * `authXManager`, both from redis-authx-entraid. The packages go into the project file next to the code when the scan
 * saw it. Never preferred: the application then authenticates as an Entra identity, which needs access to the cache.
 */
export function tokenCredentialFix(site: TokenCredentialSite, file: string): FixOutcome {
  if (site.kind === 'dotnet-options') return dotnetFix(site, file);
  return site.kind === 'jedis-constructor' ? jedisConstructorFix(site, file) : javaFix(site, file);
}

function dotnetFix(site: DotnetOptionsSite, file: string): FixOutcome {
  if (!site.awaitable) return { why: 'the options are created outside an async method, where the token setup cannot be awaited' };
  const newline = site.imports.newline;
  const edits: TextEdit[] = site.removals.map((span) => ({ file, start: span.start, end: span.end, newText: '' }));
  edits.push({
    file,
    start: site.insertAt,
    end: site.insertAt,
    newText: `${newline}${site.indent}await ${site.variable}.ConfigureForAzureWithTokenCredentialAsync(new DefaultAzureCredential());`,
  });
  edits.push(...importEdits(site.imports, file, ['Azure.Identity'], (name) => `using ${name};`));
  const project = dependencyEdit({ manifests: site.project ? [site.project] : [] }, DOTNET_ENTRA_PACKAGES, Object.keys(DOTNET_ENTRA_PACKAGES).join(', '));
  return {
    fix: {
      title: `Authenticate with Microsoft Entra ID (ConfigureForAzureWithTokenCredentialAsync) instead of the access key${project.note}`,
      preferred: false,
      edits: [...edits, ...project.edits],
      ...(project.dependencies ? { dependencies: project.dependencies } : {}),
    },
  };
}

function javaFix(site: JavaBuilderSite, file: string): FixOutcome {
  if (site.consumer) return { why: `the config goes to a ${site.consumer}: ${JEDIS_WITHOUT_RENEWAL}` };
  const rewrite = JAVA_REWRITES[site.kind];
  const edit: TextEdit = { file, start: site.call.start, end: site.call.end, newText: rewrite.call };
  return javaOutcome(site, file, edit, [...rewrite.imports, ...JAVA_SHARED_IMPORTS], rewrite.client);
}

/**
 * `new JedisPooled(host, port, user, key)` and `new JedisPooled(poolConfig, host, port, timeout…, key, database, ssl)`
 * become `new JedisPooled(new HostAndPort(host, port), DefaultJedisClientConfig.builder()…authXManager(…).build()[,
 * poolConfig])`: the same pool, timeouts, database and TLS switch, with the token's user in place of the user name.
 */
function jedisConstructorFix(site: JedisConstructorSite, file: string): FixOutcome {
  if (WITHOUT_RENEWAL_TYPES.includes(site.type)) return { why: JEDIS_WITHOUT_RENEWAL };
  const roles = site.roles;
  if (!roles) return { why: `the arguments of this ${site.type} constructor are not in a form the fix reads` };
  const [connect, socket] = roles.timeouts;
  const settings = [
    ...(socket === undefined ? (connect === undefined ? [] : [`timeoutMillis(${connect})`]) : [`connectionTimeoutMillis(${connect})`, `socketTimeoutMillis(${socket})`]),
    ...(roles.database === undefined ? [] : [`database(${roles.database})`]),
    ...(roles.ssl === undefined ? [] : [`ssl(${roles.ssl})`]),
    JAVA_REWRITES['jedis-config'].call,
  ];
  const config = `DefaultJedisClientConfig.builder().${settings.join('.')}.build()`;
  const args = [`new HostAndPort(${roles.host}, ${roles.port})`, config, ...(roles.poolConfig === undefined ? [] : [roles.poolConfig])];
  const edit: TextEdit = { file, start: site.arguments.start, end: site.arguments.end, newText: args.join(', ') };
  const imports = ['redis.clients.jedis.HostAndPort', 'redis.clients.jedis.DefaultJedisClientConfig', ...JAVA_REWRITES['jedis-config'].imports, ...JAVA_SHARED_IMPORTS];
  return javaOutcome(site, file, edit, imports, JAVA_REWRITES['jedis-config'].client);
}

const WITHOUT_RENEWAL_TYPES = ['Jedis', 'JedisPool'];

/** The Java fix: its edit, the imports it needs, and redis-authx-entraid in the build file. */
function javaOutcome(site: { imports: SourceImports; project?: ProjectFile }, file: string, edit: TextEdit, imports: string[], client: string): FixOutcome {
  const edits = [edit, ...importEdits(site.imports, file, imports, (name) => `import ${name};`)];
  const project = dependencyEdit({ manifests: site.project ? [site.project] : [] }, JAVA_ENTRA_ARTIFACT, 'redis-authx-entraid');
  const fix: Fix = {
    title: `Authenticate with Microsoft Entra ID (${client} from redis-authx-entraid) instead of the access key${project.note}`,
    preferred: false,
    edits: [...edits, ...project.edits],
    ...(project.dependencies ? { dependencies: project.dependencies } : {}),
  };
  return { fix };
}

/** One edit adding the imports of `names` the file lacks, after its last import. */
export function importEdits(imports: SourceImports, file: string, names: string[], line: (name: string) => string): TextEdit[] {
  const onDemand = (name: string) => `${name.slice(0, name.lastIndexOf('.'))}.*`;
  const missing = names.filter((name) => !imports.present.includes(name) && !imports.present.includes(onDemand(name)));
  if (missing.length === 0) return [];
  const text = missing.map((name) => line(name) + imports.newline).join('');
  return [{ file, start: imports.insertAt, end: imports.insertAt, newText: imports.insertAt === 0 ? text + imports.newline : text }];
}
