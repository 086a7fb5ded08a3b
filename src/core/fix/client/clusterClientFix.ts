import type { TextEdit } from '../../findings';
import type { ClientConstruction, Endpoint, ObjectEvidence, PropertyEvidence } from '../../evidence/evidence';
import { editedText, indentMore, isRepeatable, outerIndent, property, quoted, removeProperties } from './constructionText';
import { HELPER_FUNCTION } from './entraHelperModule';
import { goClusterFix } from './goClientFixes';
import { javaClusterFix } from './javaClusterFix';
import { pythonClusterFix } from './pythonClientFixes';
import type { FixOutcome } from './entraIdFix';
import { importEdits, importedName } from './sourceImports';

/**
 * Turns a single-node client into a cluster client for the OSS clustering policy. Azure Managed Redis answers
 * CLUSTER SLOTS with the nodes' addresses, whose certificates carry the public host name: node-redis maps every
 * node address to that host (`nodeAddressMap`, same port), ioredis keeps host names unresolved (`dnsLookup`) and
 * checks certificates against the host (`tls.servername`). An ioredis client wrapped in the Entra ID helper stays
 * wrapped: the helper serves cluster clients too. Never preferred: the returned client's API differs a
 * little (no SELECT, per-node events, multi-key commands need one hash slot).
 */
export function clusterClientFix(endpoint: Endpoint): FixOutcome {
  if (endpoint.javaCluster && endpoint.client === 'single') return javaClusterFix(endpoint, endpoint.javaCluster);
  const tree = endpoint.treeClient;
  if (tree && endpoint.client === 'single') return tree.language === 'python' ? pythonClusterFix(tree) : goClusterFix(tree);
  const construction = endpoint.construction;
  if (!construction || endpoint.client !== 'single') return { why: 'not a single-node client construction' };
  return construction.library === 'node-redis' ? nodeRedisFix(construction, endpoint) : ioredisFix(construction, endpoint);
}

function nodeRedisFix(construction: ClientConstruction, endpoint: Endpoint): FixOutcome {
  if ((construction.nodeRedisMajor ?? 5) < 4) return { why: 'node-redis v3 has no cluster client; upgrade to v5' };
  if (construction.wrappedBy?.endsWith(HELPER_FUNCTION)) {
    return { why: `the client is wrapped in ${HELPER_FUNCTION}, which serves node-redis v4 single-node clients only; upgrade to v5 (redis@5) for @redis/entraid` };
  }
  const [argument, ...rest] = construction.arguments;
  const object = argument?.object;
  if (!object || rest.length > 0) return { why: 'the options are not an object literal written in the call' };
  if (object.opaque) return { why: 'the options object has spreads or computed properties' };
  const { quote, indentUnit: unit, newline } = construction.style;
  const url = property(object, 'url');
  const socket = property(object, 'socket');
  const socketHost = socket?.object && property(socket.object, 'host');
  const socketPort = socket?.object && property(socket.object, 'port');
  let rootNode: string;
  let host: string;
  let tlsOnly = false;
  const drop: TextEdit[] = [];
  if (url) {
    if (!isRepeatable(url.valueText)) return { why: 'the URL expression would have to be evaluated twice' };
    rootNode = `{ url: ${url.valueText} }`;
    host = endpoint.host.kind === 'known' && /^['"`]/.test(url.valueText)
      ? quoted(endpoint.host.value, quote)
      : `new URL(String(${url.valueText})).hostname`;
    drop.push(...removeProperties(construction, object, [url]));
    const scheme = /^['"`]\s*(rediss?):/i.exec(url.valueText)?.[1]?.toLowerCase();
    // Node clients connect by host and port, not by the URL: TLS must be switched on in the shared defaults.
    if (scheme !== 'redis' && !(socket?.object && property(socket.object, 'tls'))) {
      if (socket && !socket.object) return { why: 'the socket options are not an object literal' };
      const last = socket?.object?.properties.at(-1);
      if (socket?.object) {
        const at = last ? last.span.end : socket.object.span.start + 1;
        drop.push({ file: url.removal.file, start: at, end: at, newText: last ? ', tls: true' : ' tls: true ' });
      } else {
        const kept = object.properties.filter((entry) => entry !== url);
        if (kept.length === 0) tlsOnly = true;
        else drop.push(insertAfter(construction, object, kept.at(-1)!.span.end, 'socket: { tls: true }'));
      }
    }
  } else if (socketHost) {
    if (!isRepeatable(socketHost.valueText)) return { why: 'the host expression would have to be evaluated twice' };
    const port = socketPort ? `, port: ${socketPort.valueText}` : '';
    rootNode = `{ socket: { host: ${socketHost.valueText}${port} } }`;
    host = /^['"`]/.test(socketHost.valueText) ? socketHost.valueText : `String(${socketHost.valueText})`;
  } else {
    return { why: 'neither url nor socket.host is written in the options' };
  }
  const remaining = object.properties.filter((entry) => entry !== url);
  const defaults = tlsOnly ? '{ socket: { tls: true } }'
    : remaining.length > 0 ? indentMore(editedText(construction, object, drop), unit) : undefined;
  const map = `nodeAddressMap: (address: string) => ({ host: ${host}, port: Number(address.slice(address.lastIndexOf(':') + 1)) })`;
  const javascript = !/\.[mc]?tsx?$/i.test(construction.call.file);
  const options = [
    `rootNodes: [${rootNode}]`,
    ...(defaults ? [`defaults: ${defaults}`] : []),
    javascript ? map.replace('(address: string)', '(address)') : map,
  ];
  const factory = clusterFactory(construction);
  if (!factory) return { why: 'createClient is not called by a name the fix can rewrite' };
  const outer = outerIndent(object, unit);
  const body = outer === undefined
    ? `{ ${options.join(', ')} }`
    : `{${newline}${options.map((line) => `${outer}${unit}${line},`).join(newline)}${newline}${outer}}`;
  const file = construction.call.file;
  return {
    fix: {
      title: 'Use a cluster client (createCluster, node addresses mapped to the host name)',
      preferred: false,
      edits: [
        { file, start: construction.call.start, end: construction.call.end, newText: `${factory.callee}(${body})` },
        ...factory.imports,
      ],
    },
  };
}

/**
 * The cluster factory's callee (`createCluster`, `redis.createCluster`) and the import edits it needs. When this call
 * was the only use of `createClient`, its import becomes `createCluster`: an unused import fails `noUnusedLocals`.
 */
function clusterFactory(construction: ClientConstruction): { callee: string; imports: TextEdit[] } | undefined {
  const callee = construction.callee;
  const member = /^(.*\.)createClient$/.exec(callee);
  if (member) return { callee: `${member[1]}createCluster`, imports: [] };
  const source = construction.imports.find((entry) => entry.named['createClient'] === callee);
  if (!source) return undefined;
  const local = importedName(construction, source.module, 'createCluster');
  if (local) return { callee: local, imports: [] };
  const imported = source.specifiers?.['createClient'];
  if (imported?.occurrences === 2) {
    return { callee: 'createCluster', imports: [{ file: construction.call.file, start: imported.start, end: imported.end, newText: 'createCluster' }] };
  }
  return { callee: 'createCluster', imports: importEdits(construction, [{ module: source.module, names: ['createCluster'] }]) };
}

/** An edit that adds the property `text` after the property ending at `at` in `object`. */
function insertAfter(construction: ClientConstruction, object: ObjectEvidence, at: number, text: string): TextEdit {
  const separator = object.indent === undefined ? ', ' : `,${construction.style.newline}${object.indent}`;
  return { file: construction.call.file, start: at, end: at, newText: separator + text };
}

function ioredisFix(construction: ClientConstruction, endpoint: Endpoint): FixOutcome {
  if (construction.callee.endsWith('.Cluster')) return { why: 'already a cluster client' };
  const args = construction.arguments;
  const { quote, indentUnit: unit, newline } = construction.style;
  let object: ObjectEvidence | undefined;
  let host: string | undefined;
  let port: string | undefined;
  let tlsFromScheme = false;
  // A cluster connects its nodes lazily whatever their options say: whether it waits for connect() is its own option.
  let lazy: PropertyEvidence | undefined;
  const first = args[0];
  if (first?.object && args.length === 1) {
    object = first.object;
  } else if (first && /^\d+$/.test(first.text) && args.length <= 3) {
    port = first.text;
    const second = args[1];
    if (second && !second.object) host = second.text;
    object = args.at(-1)?.object;
    if (args.length === 3 && !object) return { why: 'the options are not an object literal written in the call' };
  } else if (first && /^['"`]rediss?:\/\//i.test(first.text) && args.length <= 2) {
    if (endpoint.host.kind !== 'known' || endpoint.password) return { why: 'the URL carries credentials or an unknown host' };
    host = quoted(endpoint.host.value, quote);
    port = String(endpoint.port?.value ?? 6379);
    tlsFromScheme = /^['"`]rediss:/i.test(first.text);
    object = args[1]?.object;
    if (args.length === 2 && !object) return { why: 'the options are not an object literal written in the call' };
  } else {
    return { why: 'the connection arguments are not written in the call' };
  }
  if (object?.opaque) return { why: 'the options object has spreads or computed properties' };
  const drop: TextEdit[] = [];
  if (object) {
    const hostProperty = property(object, 'host');
    const portProperty = property(object, 'port');
    lazy = property(object, 'lazyConnect');
    if (hostProperty) host = hostProperty.valueText;
    if (portProperty) port = portProperty.valueText;
    drop.push(...removeProperties(construction, object, [hostProperty, portProperty, lazy].filter((entry) => entry !== undefined)));
  }
  if (host === undefined || !isRepeatable(host)) return { why: 'the host is not written as a name or literal the fix can repeat' };
  const tls = object && property(object, 'tls');
  if (tls) {
    if (tls.object && !property(tls.object, 'servername')) {
      const last = tls.object.properties.at(-1);
      drop.push(last
        ? { file: tls.span.file, start: last.span.end, end: last.span.end, newText: `, servername: ${host}` }
        : { file: tls.span.file, start: tls.object.span.start, end: tls.object.span.end, newText: `{ servername: ${host} }` });
    } else if (!tls.object && tls.valueText !== 'undefined') {
      drop.push({ file: tls.span.file, start: tls.span.start, end: tls.span.end, newText: `tls: { ...${tls.valueText}, servername: ${host} }` });
    }
  }
  const keptProperties = object?.properties.filter((entry) => !['host', 'port', 'lazyConnect'].includes(entry.name)) ?? [];
  if (tlsFromScheme && !tls && keptProperties.length > 0) {
    drop.push(insertAfter(construction, object!, keptProperties.at(-1)!.span.end, `tls: { servername: ${host} }`));
  }
  // The host and port leave the options; what is left (TLS, credentials, timeouts…) applies to every node.
  let redisOptions: string | undefined;
  if (object && keptProperties.length > 0) redisOptions = indentMore(editedText(construction, object, drop), unit);
  else if (tlsFromScheme) redisOptions = `{ tls: { servername: ${host} } }`;
  const node = `{ host: ${host}${port === undefined ? '' : `, port: ${port}`} }`;
  const options = [
    // Node addresses stay host names, so TLS certificate checks see the name the certificate is issued for.
    'dnsLookup: (address, callback) => callback(null, address)',
    ...(lazy ? [`lazyConnect: ${lazy.valueText}`] : []),
    ...(redisOptions ? [`redisOptions: ${redisOptions}`] : []),
  ];
  const outer = object && outerIndent(object, unit);
  const body = outer === undefined
    ? `{ ${options.join(', ')} }`
    : `{${newline}${options.map((line) => `${outer}${unit}${line},`).join(newline)}${newline}${outer}}`;
  const callee = construction.callee;
  return {
    fix: {
      title: 'Use a cluster client (Redis.Cluster, host names kept for TLS)',
      preferred: false,
      edits: [{ file: construction.call.file, start: construction.call.start, end: construction.call.end, newText: `new ${callee}.Cluster([${node}], ${body})` }],
    },
  };
}
