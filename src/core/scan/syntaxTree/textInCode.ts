import type { Node } from '@vscode/tree-sitter-wasm';
import { ACR_PLAINTEXT_PORT, ACR_TLS_PORT, AMR_PORT } from '../../amr/facts';
import type { CredentialUse, Endpoint, KeyspaceUse, Located, Span } from '../../evidence/evidence';
import { classifyHost, commentedHostsIn } from '../../evidence/hosts';
import { findEndpointsInText } from '../connectionText';
import { findKeyspaceUses } from '../keyspace';
import { writtenInOnePlace } from '../sourcedString';
import type { TreeValues } from './treeValues';

/** A comment, or a string expression read whole (the outermost: a concatenation, not its parts). */
export interface TextNode {
  node: Node;
  comment: boolean;
}

/**
 * What the strings of a file say on their own: connection strings, URLs, host names and keyspace channels in every
 * string expression (concatenations read whole), as the text front end reads config files. Client constructions
 * read the same strings with more context, and the scanner then drops these endpoints (`fromText`). A comment is
 * not live code: only the legacy host names in it are reported, so that a host left in a note is still changed.
 * Constants named `…PORT` count as ports even when unused here (another file may read them), except a plaintext port
 * that a conditional only falls back to when a TLS switch is off (`useSsl ? SSL_PORT : NON_SSL_PORT`).
 * `found` are the comments and string expressions the caller's walk gathered, in document order.
 */
export function textOfNodes(found: readonly TextNode[], values: TreeValues): { endpoints: Endpoint[]; keyspace: KeyspaceUse[]; credentials: CredentialUse[] } {
  const endpoints: Endpoint[] = [];
  const keyspace: KeyspaceUse[] = [];
  for (const { node, comment } of found) {
    if (comment) {
      endpoints.push(...commentedHostsIn(values.file, node.text, node.startIndex));
      continue;
    }
    const text = values.string(node);
    for (const endpoint of findEndpointsInText(text, values.span(node))) endpoints.push({ ...endpoint, fromText: true });
    keyspace.push(...findKeyspaceUses(text));
  }
  // A port constant the scan cannot tie to a client still counts where the file may connect to Azure.
  const hosts = endpoints.map((endpoint) => classifyHost(endpoint.host));
  if (hosts.length === 0 || hosts.some((host) => host === 'legacy' || host === 'amr' || host === 'unknown')) {
    for (const { name, port } of values.declaredPorts()) {
      if (port.value === ACR_PLAINTEXT_PORT && isPlaintextFallback(name, port, values)) continue;
      endpoints.push({ at: port.span, source: `constant ${name}`, host: { kind: 'unknown' }, port, fromText: true });
    }
  }
  return { endpoints, keyspace, credentials: keyConstants(values, hosts) };
}

/** Names of constants that hold a Redis access key (`PASSWORD`, `ACCESS_KEY`, `redisKey`), not a database's or mail's. */
const KEY_CONSTANT = /(?:^|_)(?:PASSWORD|PASSWD|ACCESS_?KEY|PRIMARY_?KEY)$|^(?:REDIS|CACHE)_?(?:PASSWORD|KEY)$|(?:password|accessKey|primaryKey)$/i;
const OTHER_SERVICE = /db|sql|smtp|mail|mongo|postgres|jdbc/i;
/**
 * What the text holds where a KEY_CONSTANT name is given a value: every such name ends in `password`, `passwd` or
 * `key`, followed by what `declaredStrings` looks for after a name (`=`, or a comment before it).
 */
const KEY_CONSTANT_GIVEN = /(?:passw(?:or)?d|key)\s*(?:=(?!=)|\/[*/])/i;

/**
 * A key written in a constant of a file that names an Azure Cache host (a settings class another file's client
 * reads): reported where the key is written, as a client in this file would report it.
 */
function keyConstants(values: TreeValues, hosts: readonly string[]): CredentialUse[] {
  if (!hosts.some((host) => host === 'legacy' || host === 'amr')) return [];
  return values.declaredStrings(KEY_CONSTANT, KEY_CONSTANT_GIVEN)
    .filter(({ name }) => !OTHER_SERVICE.test(name))
    .flatMap(({ name, value }) => {
      const at = writtenInOnePlace(values.string(value));
      return at ? [{ at, source: `constant ${name}` }] : [];
    });
}

/** `c ? a : b` in Java (`ternary_expression`) and C# (`conditional_expression`); both name the parts alike. */
const CONDITIONAL_TYPES: ReadonlySet<string> = new Set(['ternary_expression', 'conditional_expression']);

/** Name accesses a constant's use may sit in (`Constants.NON_SSL_PORT`, `(NON_SSL_PORT)`). */
const ACCESS_TYPES: ReadonlySet<string> = new Set(['field_access', 'member_access_expression', 'parenthesized_expression']);

/** Whether some use of the plaintext port constant `name` is the fallback branch of a TLS switch (found by name, not by a walk). */
function isPlaintextFallback(name: string, port: Located<number>, values: TreeValues): boolean {
  return values.occurrences(name).some((use) => {
    let node = use;
    while (node.parent && ACCESS_TYPES.has(node.parent.type)) node = node.parent;
    const conditional = node.parent;
    if (!conditional || !CONDITIONAL_TYPES.has(conditional.type)) return false;
    const fallback = plaintextFallback(conditional, values);
    return fallback !== undefined && fallback.start === port.span.start && fallback.end === port.span.end;
  });
}

/**
 * Where the plaintext port of `useSsl ? 6380 : 6379` (either order, through constants) is written: the code connects
 * there only when its TLS switch is off, and the TLS port beside it is the one reported. Undefined when the condition
 * is a literal that picks the plaintext port, or the branches are not that pair.
 */
function plaintextFallback(conditional: Node, values: TreeValues): Span | undefined {
  const condition = conditional.childForFieldName('condition');
  const branches = [conditional.childForFieldName('consequence'), conditional.childForFieldName('alternative')]
    .map((branch) => (branch ? values.number(branch) : undefined));
  const plaintext = branches.findIndex((port) => port?.value === ACR_PLAINTEXT_PORT);
  const tls = branches.findIndex((port) => port?.value === ACR_TLS_PORT || port?.value === AMR_PORT);
  if (plaintext < 0 || tls < 0) return undefined;
  const picked = condition ? values.boolean(condition) : undefined;
  if (picked && (picked.value ? 0 : 1) === plaintext) return undefined;
  return branches[plaintext]!.span;
}
