import type { Node } from '@vscode/tree-sitter-wasm';
import { findEndpointsInText, hostRef } from '../connectionText';
import type { Endpoint, FileEvidence, Span, TlsSwitch } from '../../evidence/evidence';
import { classifyHost, commentedHostsIn } from '../../evidence/hosts';
import { ACR_TLS_PORT, AMR_PORT } from '../../amr/facts';
import { findKeyspaceUses } from '../keyspace';
import { ComposedString, writtenInOnePlace } from '../sourcedString';
import type { TreeValues } from './treeValues';
import type { TreeValue } from './treeValue';

/** What the languages read through syntax trees find the same way: strings, comments, hosts and TLS defaults. */

/** URLs, connection strings, hosts and keyspace names in a string value written at `at`. */
export function readStringValue(evidence: FileEvidence, value: TreeValue, at: Span): void {
  const text = value.kind === 'string' ? value.value : ComposedString.unknown();
  for (const endpoint of findEndpointsInText(text, at)) evidence.endpoints.push({ ...endpoint, fromText: true });
  evidence.keyspace.push(...findKeyspaceUses(text));
}

/** Legacy hosts in a comment, as information; nothing else in a comment is live. */
export function readCommentHosts(evidence: FileEvidence, comment: Node): void {
  evidence.endpoints.push(...commentedHostsIn(evidence.file, comment.text, comment.startIndex));
}

/** A client whose TLS is off by default deserves a finding when it goes to an Azure host or a TLS port. */
export function tlsExpected(endpoint: Endpoint): boolean {
  const hostClass = classifyHost(endpoint.host);
  const port = endpoint.port?.value;
  return hostClass === 'legacy' || hostClass === 'amr' || (hostClass === 'unknown' && (port === ACR_TLS_PORT || port === AMR_PORT));
}

/** TLS left off by omission: the fix writes `newText` over [start, end) of `file` (an insertion when they are equal). */
export function tlsTurnedOnBy(file: string, start: number, end: number, newText: string, enableText = 'true'): TlsSwitch {
  return { value: false, span: undefined, enableText, insertion: [{ span: { file, start, end }, newText }] };
}

/**
 * The host a value names: absent for none, unknown when computed at run time or written empty (`myHostname = ""`: a
 * blank a sample leaves to fill in, not the client's local default).
 */
export function hostOfValue(value: TreeValue | undefined): Endpoint['host'] {
  if (!value || value.kind === 'nothing') return { kind: 'absent' };
  if (value.kind !== 'string' || value.value.text === '') return { kind: 'unknown' };
  return hostRef(value.value, value.value.text, 0);
}

/** `host:port` (go-redis `Addr`, a cluster node) read into host and port, placed where each is written. */
export function hostAndPort(value: TreeValue): Pick<Endpoint, 'host' | 'port'> {
  if (value.kind !== 'string') return { host: { kind: 'unknown' } };
  const text = value.value.text;
  const colon = text.lastIndexOf(':');
  if (colon < 0 || text.startsWith('[') && text.lastIndexOf(']') > colon) return { host: hostRef(value.value, text, 0) };
  const result: Pick<Endpoint, 'host' | 'port'> = { host: hostRef(value.value, text.slice(0, colon), 0) };
  const port = text.slice(colon + 1);
  const span = /^\d{1,5}$/.test(port) ? value.value.spanOf(colon + 1, text.length) : undefined;
  if (span) result.port = { value: Number(port), span };
  return result;
}

/**
 * A key passed as `argument`: the option or argument that passes it, and where the key is written when it is a string
 * literal held in a field or constant of a class (`withPassword(PASSWORD)` and `static final String PASSWORD = "…"`),
 * where the finding goes. A key in a local variable stays at the argument, next to its declaration.
 */
export function keyArgument(values: TreeValues, argument: Node): Pick<Endpoint, 'password' | 'keyLiteral'> {
  const password = values.span(argument);
  const written = values.resolve(argument);
  const literal = isFieldValue(written) ? writtenInOnePlace(values.string(written)) : undefined;
  return literal ? { password, keyLiteral: literal } : { password };
}

/** Whether `node` is the value a field or constant of a class is declared with (Java and C# both call it a field). */
function isFieldValue(node: Node): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.type === 'field_declaration' || parent.type === 'constant_declaration') return true;
    if (/method|constructor|block|lambda|statement/.test(parent.type)) return false;
  }
  return false;
}
