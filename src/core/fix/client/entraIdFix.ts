import type { Fix, TextEdit } from '../../findings';
import { lastSeparator } from '../../files/portablePath';
import type { ClientConstruction, Endpoint, ObjectEvidence, PropertyEvidence } from '../../evidence/evidence';
import { goEntraIdFix } from './goClientFixes';
import { pythonEntraIdFix } from './pythonClientFixes';
import { property, propertyAt, removeProperties } from './constructionText';
import { HELPER_BASENAME, HELPER_FUNCTION, helperSource, type HelperFlavor } from './entraHelperModule';
import { dependencyEdits, lockstepRaises, raiseEdits } from './manifestDependencies';
import { importEdits, importedName } from './sourceImports';

/** Versions the fixed code was type-checked and run against (see test/unit/fix/client). */
export const ENTRA_PACKAGES = { '@redis/entraid': '^5.12.1', '@azure/identity': '^4.13.1' } as const;

export type FixOutcome = { fix: Fix; why?: undefined } | { fix?: undefined; why: string };

/**
 * Replaces the access key of a client construction with Microsoft Entra ID: node-redis v5 gets a
 * `credentialsProvider` from `@redis/entraid`; ioredis (single-node and cluster clients) and node-redis v4 get the
 * generated helper module, which authenticates with a token from `@azure/identity` and re-authenticates before it
 * expires. Never preferred: it changes who the application authenticates as, which needs an Entra identity with
 * access to the cache.
 */
export function entraIdFix(endpoint: Endpoint): FixOutcome {
  const tree = endpoint.treeClient;
  if (tree) return tree.language === 'python' ? pythonEntraIdFix(endpoint, tree) : goEntraIdFix(endpoint, tree);
  const construction = endpoint.construction;
  if (!construction || !endpoint.password) return { why: 'not a client construction' };
  const found = propertyAt(construction, endpoint.password);
  if (!found) return { why: 'the key is not a password option written in this call' };
  if (found.object.opaque) return { why: 'the options object has spreads or computed properties' };
  if (construction.library === 'node-redis') {
    const major = construction.nodeRedisMajor ?? 5;
    if (major >= 5) return nodeRedisFix(construction, found.object, found.property);
    if (major < 4) return { why: `node-redis v${major} has no AUTH with a user name; upgrade to v5 (redis@5) for @redis/entraid` };
    if (endpoint.client !== 'single') return { why: 'node-redis v4 cluster clients are not rewritten automatically; upgrade to v5 (redis@5) for @redis/entraid' };
  }
  return helperFix(construction, endpoint.client, found.object, found.property);
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

/**
 * Wraps the construction in the helper: the password (and a user name) leave the options, the token takes their
 * place at run time. An ioredis client or cluster must stay unconnected until the token is there, so it gets
 * `lazyConnect: true` unless the code asked for it itself; node-redis v4 connects only when the code says so.
 */
function helperFix(construction: ClientConstruction, client: Endpoint['client'], object: ObjectEvidence, password: PropertyEvidence): FixOutcome {
  if (construction.wrappedBy !== undefined && construction.wrappedBy.endsWith(HELPER_FUNCTION)) {
    return { why: `the client is already wrapped in ${HELPER_FUNCTION}` };
  }
  const options = construction.arguments.at(-1)?.object;
  const redisOptions = client === 'cluster' && options ? property(options, 'redisOptions') : undefined;
  if (!options || (client === 'cluster' ? redisOptions?.object !== object : options !== object)) {
    return { why: client === 'cluster' ? 'the key is not in the redisOptions of the options argument' : 'the key is not in the options argument' };
  }
  if (options.opaque) return { why: 'the options object has spreads or computed properties' };
  const file = construction.call.file;
  const username = property(object, 'username');
  const credentials = username ? [password, username] : [password];
  const lazy = construction.library === 'ioredis' ? property(options, 'lazyConnect') : undefined;
  if (lazy && lazy.valueText !== 'true' && lazy.valueText !== 'false') return { why: 'lazyConnect is computed at run time' };
  // A cluster's redisOptions that held nothing but the credentials go with them.
  const emptied = redisOptions !== undefined && credentials.length === object.properties.length;
  const edits: TextEdit[] = [];
  if (construction.library === 'node-redis' || lazy) {
    edits.push(...(emptied ? removeProperties(construction, options, [redisOptions]) : removeProperties(construction, object, credentials)));
    if (lazy?.valueText === 'false') edits.push({ file, start: lazy.span.start, end: lazy.span.end, newText: 'lazyConnect: true' });
  } else if (!redisOptions) {
    edits.push({ file, start: password.span.start, end: password.span.end, newText: 'lazyConnect: true' });
    if (username) edits.push(...removeProperties(construction, object, [username]));
  } else if (emptied) {
    edits.push({ file, start: redisOptions.span.start, end: redisOptions.span.end, newText: 'lazyConnect: true' });
  } else {
    // Where the cluster fix puts it, so that both fixes give the same code in either order.
    const separator = options.indent === undefined ? ', ' : `,${construction.style.newline}${options.indent}`;
    edits.push(
      { file, start: redisOptions.span.start, end: redisOptions.span.start, newText: `lazyConnect: true${separator}` },
      ...removeProperties(construction, object, credentials),
    );
  }
  const helper = helperModule(construction);
  const name = importedName(construction, helper.specifier, HELPER_FUNCTION) ?? HELPER_FUNCTION;
  const connectOption = lazy?.valueText === 'true' ? ', { connect: false }' : '';
  edits.push(
    { file, start: construction.call.start, end: construction.call.start, newText: `${name}(` },
    { file, start: construction.call.end, end: construction.call.end, newText: `${connectOption})` },
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
  const folder = file.slice(0, lastSeparator(file) + 1);
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

/**
 * Names the packages the fixed code imports, adds those the nearest package.json does not list yet, and raises those
 * that must keep up with them (`redis` below 5.12.1 beside `@redis/entraid ^5.12.1` would fail npm install).
 */
function withDependencies(construction: ClientConstruction, fix: Fix, packages: Array<keyof typeof ENTRA_PACKAGES>): FixOutcome {
  const wanted = Object.fromEntries(packages.map((name) => [name, ENTRA_PACKAGES[name]]));
  const manifest = construction.manifest;
  if (!manifest) return { fix: { ...fix, dependencies: { packages: wanted } } };
  const missing = packages.filter((name) => manifest.dependencies[name] === undefined);
  const raises = lockstepRaises(manifest.dependencies, wanted);
  const dependencies = { manifest: manifest.file, packages: wanted };
  const changes = [
    ...(missing.length > 0 ? [`adds ${missing.join(', ')} to package.json`] : []),
    ...(Object.keys(raises).length > 0 ? [`raises ${Object.entries(raises).map(([name, range]) => `${name} to ${range}`).join(', ')} in package.json`] : []),
  ];
  if (changes.length === 0) return { fix: { ...fix, dependencies } };
  return {
    fix: {
      ...fix,
      title: `${fix.title}; ${changes.join('; ')}`,
      edits: [
        ...fix.edits,
        ...dependencyEdits(manifest.file, manifest.text, Object.fromEntries(missing.map((name) => [name, wanted[name]!]))),
        ...raiseEdits(manifest.file, manifest.text, raises),
      ],
      dependencies,
    },
  };
}
