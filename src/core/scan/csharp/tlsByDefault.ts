import type { Node } from '@vscode/tree-sitter-wasm';
import { ACR_TLS_PORT, AMR_PORT } from '../../amr/facts';
import type { Endpoint, TlsSwitch } from '../../evidence/evidence';
import { classifyHost } from '../../evidence/hosts';
import type { SourcedString } from '../sourcedString';
import { tlsTurnedOnBy } from '../syntaxTree/treeEvidence';
import { namedChildren } from '../syntaxTree/treeValues';
import { itemSeparator, newlineOf } from '../syntaxTree/walk';

/**
 * Whether StackExchange.Redis connects to `endpoints` in plaintext because nothing turns TLS on: an Azure host written
 * without a port. The client's Azure defaults turn TLS on where a port says so (6380, and AMR's port in later
 * versions); without one it connects to 6379 without TLS. Elsewhere the code may rely on those defaults.
 */
export function plaintextByDefault(endpoints: readonly Endpoint[]): boolean {
  if (endpoints.some((endpoint) => endpoint.tls || endpoint.scheme || endpoint.port?.value === ACR_TLS_PORT || endpoint.port?.value === AMR_PORT)) return false;
  return endpoints.some((endpoint) => !endpoint.port && ['legacy', 'amr'].includes(classifyHost(endpoint.host)));
}

/** TLS turned on by `ssl=true` appended to a connection string, when its end is written in the code. */
export function connectionStringTls(text: SourcedString): TlsSwitch | undefined {
  const last = text.spanOf(text.text.length - 1, text.text.length);
  return last && tlsTurnedOnBy(last.file, last.end, last.end, text.text.endsWith(',') ? 'ssl=true' : ',ssl=true');
}

/** TLS turned on by `Ssl = true` in the initializer of `new ConfigurationOptions…`, or one added to it. */
export function optionsTls(creation: Node, file: string, text: string): TlsSwitch | undefined {
  if (creation.type !== 'object_creation_expression') return undefined;
  const initializer = creation.childForFieldName('initializer');
  if (!initializer) return tlsTurnedOnBy(file, creation.endIndex, creation.endIndex, ' { Ssl = true }');
  const items = namedChildren(initializer);
  if (items.length === 0) return tlsTurnedOnBy(file, initializer.startIndex, initializer.endIndex, '{ Ssl = true }');
  const last = items.at(-1)!;
  return tlsTurnedOnBy(file, last.endIndex, last.endIndex, `${itemSeparator(text, initializer, items, newlineOf(text))}Ssl = true`);
}
