import type { Fix, TextEdit } from '../../findings';
import type { ClientConstruction, Endpoint, ObjectEvidence, PropertyEvidence } from '../../scan/evidence';
import { property, propertyAt, removeProperties } from './constructionText';
import { HELPER_BASENAME, HELPER_FUNCTION, helperSource, type HelperFlavor } from './entraHelperModule';
import { dependencyEdits } from './manifestDependencies';
import { importEdits, importedName } from './sourceImports';

/** Versions the fixed code was type-checked and run against (see test/unit/fix/client). */
export const ENTRA_PACKAGES = { '@redis/entraid': '^5.12.1', '@azure/identity': '^4.13.1' } as const;

export type FixOutcome = { fix: Fix; why?: undefined } | { fix?: undefined; why: string };

/**
 * Replaces the access key of a client construction with Microsoft Entra ID: node-redis v5 gets a
 * `credentialsProvider` from `@redis/entraid`; ioredis gets the generated helper module, which authenticates with
 * a token from `@azure/identity` and re-authenticates before it expires. Never preferred: it changes who the
 * application authenticates as, which needs an Entra identity with access to the cache.
 */
export function entraIdFix(endpoint: Endpoint): FixOutcome {
  const construction = endpoint.construction;
  if (!construction || !endpoint.password) return { why: 'not a client construction' };
  const found = propertyAt(construction, endpoint.password);
  if (!found) return { why: 'the key is not a password option written in this call' };
  if (found.object.opaque) return { why: 'the options object has spreads or computed properties' };
  if (construction.library === 'node-redis') {
    const major = construction.nodeRedisMajor ?? 5;
    if (major < 5) return { why: `node-redis v${major} has no credentials provider; upgrade to v5 (redis@5) for @redis/entraid` };
    return nodeRedisFix(construction, found.object, found.property);
  }
  if (endpoint.client !== 'single') return { why: 'ioredis cluster clients are not rewritten automatically' };
  return ioredisFix(construction, found.object, found.property);
}

function nodeRedisFix(construction: ClientConstruction, object: ObjectEvidence, password: PropertyEvidence): FixOutcome {
  if (property(object, 'credentialsProvider')) return { why: 'the options already have a credentialsProvider' };
  const file = construction.call.file;
  const local = (module: string, name: string) => importedName(construction, module, name) ?? name;
  const factory = local('@redis/entraid', 'EntraIdCredentialsProviderFactory');
  const scope = local('@redis/entraid', 'REDIS_SCOPE_DEFAULT');
  const credential = local('@azure/identity', 'DefaultAzureCredential');
  const settings = [
    `credential: new ${credential}()`,
    `scopes: ${scope}`,
    // 0.8: a new token is fetched when 80% of the old one's lifetime has passed, well before it expires.
    'tokenManagerConfig: { expirationRefreshRatio: 0.8 }',
  ];
  const indent = object.indent;
  const unit = construction.style.indentUnit;
  const call = `${factory}.createForDefaultAzureCredential(`;
  const provider = indent === undefined
    ? `credentialsProvider: ${call}{ ${settings.join(', ')} })`
    : `credentialsProvider: ${call}{\n${settings.map((line) => `${indent}${unit}${line},`).join('\n')}\n${indent}})`;
  const edits: TextEdit[] = [{ file, start: password.span.start, end: password.span.end, newText: lineBreaks(provider, construction) }];
  const username = property(object, 'username');
  if (username) edits.push(...removeProperties(construction, object, [username]));
  edits.push(...importEdits(construction, [
    { module: '@redis/entraid', names: ['EntraIdCredentialsProviderFactory', 'REDIS_SCOPE_DEFAULT'] },
    { module: '@azure/identity', names: ['DefaultAzureCredential'] },
  ]));
  return withDependencies(construction, {
    title: 'Authenticate with Microsoft Entra ID (@redis/entraid credentials provider) instead of the access key',
    preferred: false,
    edits,
  }, ['@redis/entraid', '@azure/identity']);
}

function ioredisFix(construction: ClientConstruction, object: ObjectEvidence, password: PropertyEvidence): FixOutcome {
  if (construction.wrappedBy !== undefined && construction.wrappedBy.endsWith(HELPER_FUNCTION)) {
    return { why: `the client is already wrapped in ${HELPER_FUNCTION}` };
  }
  if (construction.arguments.at(-1)?.object !== object) return { why: 'the key is not in the options argument' };
  const file = construction.call.file;
  const edits: TextEdit[] = [];
  const lazy = property(object, 'lazyConnect');
  if (lazy && lazy.valueText !== 'true' && lazy.valueText !== 'false') return { why: 'lazyConnect is computed at run time' };
  // The helper needs the client unconnected until the token is there; it connects at once unless the code did
  // ask for lazyConnect itself.
  const username = property(object, 'username');
  if (!lazy) {
    edits.push({ file, start: password.span.start, end: password.span.end, newText: 'lazyConnect: true' });
    if (username) edits.push(...removeProperties(construction, object, [username]));
  } else {
    edits.push(...removeProperties(construction, object, username ? [password, username] : [password]));
    if (lazy.valueText === 'false') edits.push({ file, start: lazy.span.start, end: lazy.span.end, newText: 'lazyConnect: true' });
  }
  const helper = helperModule(construction);
  const name = importedName(construction, helper.specifier, HELPER_FUNCTION) ?? HELPER_FUNCTION;
  const options = lazy?.valueText === 'true' ? ', { connect: false }' : '';
  edits.push(
    { file, start: construction.call.start, end: construction.call.start, newText: `${name}(` },
    { file, start: construction.call.end, end: construction.call.end, newText: `${options})` },
    ...importEdits(construction, [{ module: helper.specifier, names: [HELPER_FUNCTION] }]),
  );
  if (helper.create) edits.push({ file: helper.path, start: 0, end: 0, newText: lineBreaks(helperSource(helper.flavor), construction), create: true });
  const created = helper.create ? `; creates ${helper.path.slice(helper.path.length - helper.fileName.length)}` : '';
  return withDependencies(construction, {
    title: `Authenticate with Microsoft Entra ID (token as password, renewed before expiry${created}) instead of the access key`,
    preferred: false,
    edits,
  }, ['@azure/identity']);
}

function lineBreaks(text: string, construction: ClientConstruction): string {
  return construction.style.newline === '\n' ? text : text.replace(/\n/g, '\r\n');
}

interface HelperModule {
  path: string;
  fileName: string;
  specifier: string;
  flavor: HelperFlavor;
  /** False when the scan already has the helper next to the file. */
  create: boolean;
}

/** Where the helper lives for the file of `construction`, in the flavour and import spelling that file needs. */
function helperModule(construction: ClientConstruction): HelperModule {
  const file = construction.call.file;
  const folder = file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const extension = (/\.[^./\\]+$/.exec(file)?.[0] ?? '.js').toLowerCase();
  const typescript = /^\.[mc]?tsx?$/.test(extension);
  const helperExtension = typescript
    ? extension.replace('x', '')
    : extension === '.mjs' || extension === '.cjs' ? extension : '.js';
  const flavor: HelperFlavor = typescript ? 'typescript' : construction.moduleSystem === 'esm' ? 'esm' : 'commonjs';
  const existing = construction.siblingFiles.find((path) =>
    new RegExp(`[\\\\/]${HELPER_BASENAME}\\.(?:[mc]?ts|[mc]?js)$`).test(path) && (typescript || /js$/.test(path)));
  const fileName = existing ? existing.slice(folder.length) : `${HELPER_BASENAME}${helperExtension}`;
  const written = /\.[mc]?ts$/.test(fileName) ? fileName.replace(/ts$/, 'js') : fileName;
  const explicit = /\.[mc]js$/.test(written) || (construction.moduleSystem === 'esm' && (!typescript || construction.relativeImportsWithExtension));
  const specifier = `./${explicit ? written : written.replace(/\.js$/, '')}`;
  return { path: existing ?? folder + fileName, fileName, specifier, flavor, create: !existing };
}

/** Names the packages the fixed code imports, and adds those the nearest package.json does not list yet. */
function withDependencies(construction: ClientConstruction, fix: Fix, packages: Array<keyof typeof ENTRA_PACKAGES>): FixOutcome {
  const wanted = Object.fromEntries(packages.map((name) => [name, ENTRA_PACKAGES[name]]));
  const manifest = construction.manifest;
  if (!manifest) return { fix: { ...fix, dependencies: { packages: wanted } } };
  const missing = packages.filter((name) => manifest.dependencies[name] === undefined);
  const dependencies = { manifest: manifest.file, packages: wanted };
  if (missing.length === 0) return { fix: { ...fix, dependencies } };
  return {
    fix: {
      ...fix,
      title: `${fix.title}; adds ${missing.join(', ')} to package.json`,
      edits: [...fix.edits, ...dependencyEdits(manifest.file, manifest.text, Object.fromEntries(missing.map((name) => [name, wanted[name]!])))],
      dependencies,
    },
  };
}
