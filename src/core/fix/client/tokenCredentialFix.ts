import type { Fix, TextEdit } from '../../findings';
import type { DotnetOptionsSite, JavaBuilderSite, ProjectFile, SourceImports, TokenCredentialSite } from '../../evidence/evidence';
import type { FixOutcome } from './entraIdFix';

/**
 * Packages the fixed C# and Java code needs. .NET: Microsoft.Azure.StackExchangeRedis (the ConfigureForAzure…
 * extension methods of ConfigurationOptions) and Azure.Identity (DefaultAzureCredential). Java: redis-authx-entraid,
 * whose AzureTokenAuthConfigBuilder takes an azure-identity DefaultAzureCredential (it depends on azure-identity).
 */
export const DOTNET_ENTRA_PACKAGES = { 'Microsoft.Azure.StackExchangeRedis': '3.3.1', 'Azure.Identity': '1.17.1' } as const;
export const JAVA_ENTRA_ARTIFACT = { groupId: 'redis.clients.authentication', artifactId: 'redis-authx-entraid', version: '0.2.0' } as const;

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
  const project = site.project ? csprojEdits(site.project) : [];
  return {
    fix: {
      title: 'Authenticate with Microsoft Entra ID (ConfigureForAzureWithTokenCredentialAsync) instead of the access key' +
        (project.length > 0 ? `; adds ${Object.keys(DOTNET_ENTRA_PACKAGES).join(', ')} to the project file` : ''),
      preferred: false,
      edits: [...edits, ...project],
    },
  };
}

function javaFix(site: JavaBuilderSite, file: string): FixOutcome {
  const rewrite = JAVA_REWRITES[site.kind];
  const edits: TextEdit[] = [{ file, start: site.call.start, end: site.call.end, newText: rewrite.call }];
  edits.push(...importEdits(site.imports, file, [...rewrite.imports, ...JAVA_SHARED_IMPORTS], (name) => `import ${name};`));
  const project = site.project ? pomEdits(site.project) : [];
  const fix: Fix = {
    title: `Authenticate with Microsoft Entra ID (${rewrite.client} from redis-authx-entraid) instead of the access key` +
      (project.length > 0 ? '; adds redis-authx-entraid to pom.xml' : ''),
    preferred: false,
    edits: [...edits, ...project],
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

function newlineOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** PackageReference items for the packages the project lacks: beside its last PackageReference, else in a new ItemGroup. */
function csprojEdits(project: ProjectFile): TextEdit[] {
  const text = project.text;
  const missing = Object.entries(DOTNET_ENTRA_PACKAGES).filter(([name]) => !new RegExp(`Include\\s*=\\s*"${name.replace(/\./g, '\\.')}"`, 'i').test(text));
  if (missing.length === 0) return [];
  const newline = newlineOf(text);
  const references = missing.map(([name, version]) => `<PackageReference Include="${name}" Version="${version}" />`);
  const last = text.lastIndexOf('<PackageReference');
  if (last >= 0) {
    const lineStart = text.lastIndexOf('\n', last) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    const lineEnd = text.indexOf('\n', last);
    const at = lineEnd < 0 ? text.length : lineEnd + 1;
    return [{ file: project.file, start: at, end: at, newText: references.map((reference) => `${indent}${reference}${newline}`).join('') }];
  }
  const close = text.lastIndexOf('</Project>');
  if (close < 0) return [];
  const group = `  <ItemGroup>${newline}${references.map((reference) => `    ${reference}${newline}`).join('')}  </ItemGroup>${newline}`;
  return [{ file: project.file, start: close, end: close, newText: group }];
}

/** The redis-authx-entraid dependency in the project's own `<dependencies>` (the least indented one). */
function pomEdits(project: ProjectFile): TextEdit[] {
  const text = project.text;
  if (text.includes(`<artifactId>${JAVA_ENTRA_ARTIFACT.artifactId}</artifactId>`)) return [];
  const newline = newlineOf(text);
  let best: { at: number; indent: string } | undefined;
  for (const match of text.matchAll(/^([ \t]*)<\/dependencies>/gm)) {
    if (!best || match[1]!.length < best.indent.length) best = { at: match.index + match[1]!.length, indent: match[1]! };
  }
  if (!best) return [];
  const unit = /^([ \t]+)</m.exec(text)?.[1] ?? '    ';
  const { groupId, artifactId, version } = JAVA_ENTRA_ARTIFACT;
  const inner = `${best.indent}${unit}${unit}`;
  const newText =
    `${unit}<dependency>${newline}` +
    `${inner}<groupId>${groupId}</groupId>${newline}${inner}<artifactId>${artifactId}</artifactId>${newline}${inner}<version>${version}</version>${newline}` +
    `${best.indent}${unit}</dependency>${newline}${best.indent}`;
  return [{ file: project.file, start: best.at, end: best.at, newText }];
}
