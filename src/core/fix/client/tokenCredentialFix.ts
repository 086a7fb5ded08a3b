import type { Fix, TextEdit } from '../../findings';
import type { DotnetOptionsSite, JavaBuilderSite, SourceImports, TokenCredentialSite } from '../../evidence/evidence';
import type { FixOutcome } from './entraIdFix';
import { dependencyEdit } from './treeClientEdits';

/**
 * Packages the fixed C# and Java code needs. .NET: Microsoft.Azure.StackExchangeRedis (the ConfigureForAzure…
 * extension methods of ConfigurationOptions) and Azure.Identity (DefaultAzureCredential). Java: redis-authx-entraid,
 * whose AzureTokenAuthConfigBuilder takes an azure-identity DefaultAzureCredential (it depends on azure-identity).
 */
export const DOTNET_ENTRA_PACKAGES = { 'Microsoft.Azure.StackExchangeRedis': '3.3.1', 'Azure.Identity': '1.17.1' } as const;
export const JAVA_ENTRA_ARTIFACT = { 'redis.clients.authentication:redis-authx-entraid': '0.2.0' } as const;

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

/**
 * Replaces the access key of a C# or Java client with a Microsoft Entra ID token credential: StackExchange.Redis
 * options get `await options.ConfigureForAzureWithTokenCredentialAsync(new DefaultAzureCredential())`; a Lettuce
 * RedisURI builder gets `withAuthentication(TokenBasedRedisCredentialsProvider…)` and a Jedis client config an
 * `authXManager`, both from redis-authx-entraid. The packages go into the project file next to the code when the scan
 * saw it. Never preferred: the application then authenticates as an Entra identity, which needs access to the cache.
 */
export function tokenCredentialFix(site: TokenCredentialSite, file: string): FixOutcome {
  return site.kind === 'dotnet-options' ? dotnetFix(site, file) : javaFix(site, file);
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
  const rewrite = JAVA_REWRITES[site.kind];
  const edits: TextEdit[] = [{ file, start: site.call.start, end: site.call.end, newText: rewrite.call }];
  edits.push(...importEdits(site.imports, file, [...rewrite.imports, ...JAVA_SHARED_IMPORTS], (name) => `import ${name};`));
  const project = dependencyEdit({ manifests: site.project ? [site.project] : [] }, JAVA_ENTRA_ARTIFACT, 'redis-authx-entraid');
  const fix: Fix = {
    title: `Authenticate with Microsoft Entra ID (${rewrite.client} from redis-authx-entraid) instead of the access key${project.note}`,
    preferred: false,
    edits: [...edits, ...project.edits],
    ...(project.dependencies ? { dependencies: project.dependencies } : {}),
  };
  return { fix };
}

/** One edit adding the imports of `names` the file lacks, after its last import. */
export function importEdits(imports: SourceImports, file: string, names: string[], line: (name: string) => string): TextEdit[] {
  const missing = names.filter((name) => !imports.present.includes(name));
  if (missing.length === 0) return [];
  const text = missing.map((name) => line(name) + imports.newline).join('');
  return [{ file, start: imports.insertAt, end: imports.insertAt, newText: imports.insertAt === 0 ? text + imports.newline : text }];
}
