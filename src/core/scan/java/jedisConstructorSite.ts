import type { Node } from '@vscode/tree-sitter-wasm';
import type { JedisConstructorSite, ProjectFile, SourceImports } from '../../evidence/evidence';
import type { TreeValues } from '../syntaxTree/treeValues';

type Kind = 'number' | 'boolean' | 'other';

/**
 * The arguments after host and port that the Jedis constructors taking a key accept, as a pattern of kinds:
 * `(host, port, user, key)` without a pool config; with one, `(user, key)` or one or two timeouts, an optional user,
 * the key, an optional database and an optional TLS switch (`JedisPooled(poolConfig, host, port, timeout, key,
 * database, ssl)`).
 */
const USER_AND_KEY = /^(o)(o)$/;
const WITH_POOL_CONFIG = /^(n)(n)?(o)?(o)(n)?(b)?$/;

/**
 * Reads a Jedis constructor that passes the key among its arguments, for the Entra ID fix: what each argument is,
 * as written, when they are in one of the forms above; `password` is the key's argument.
 */
export function jedisConstructorSite(
  creation: Node,
  type: string,
  args: Node[],
  poolConfig: Node | undefined,
  values: TreeValues,
  context: { imports: SourceImports; project: ProjectFile | undefined },
): { site: JedisConstructorSite; password: Node | undefined } | undefined {
  const [host, port, ...rest] = args;
  const list = creation.childForFieldName('arguments');
  if (!host || !port || !list) return undefined;
  const kinds = rest.map((arg) => kindOf(arg, values)[0]).join('');
  const withTimeouts = poolConfig ? WITH_POOL_CONFIG.exec(kinds) : null;
  const match = withTimeouts ?? USER_AND_KEY.exec(kinds);
  const site: JedisConstructorSite = {
    kind: 'jedis-constructor',
    type,
    arguments: { file: values.file, start: list.startIndex + 1, end: list.endIndex - 1 },
    imports: context.imports,
    ...(context.project ? { project: context.project } : {}),
  };
  if (!match) return { site, password: undefined };
  const [, ...groups] = match;
  let index = 0;
  const take = (group: string | undefined) => (group === undefined ? undefined : rest[index++]);
  const taken = withTimeouts
    ? { timeouts: [take(groups[0]), take(groups[1])], user: take(groups[2]), password: take(groups[3]), database: take(groups[4]), ssl: take(groups[5]) }
    : { timeouts: [], user: take(groups[0]), password: take(groups[1]), database: undefined, ssl: undefined };
  site.roles = {
    host: host.text,
    port: port.text,
    timeouts: taken.timeouts.flatMap((timeout) => (timeout ? [timeout.text] : [])),
    ...(poolConfig ? { poolConfig: poolConfig.text } : {}),
    ...(taken.database ? { database: taken.database.text } : {}),
    ...(taken.ssl ? { ssl: taken.ssl.text } : {}),
  };
  const password = taken.password;
  return { site, password };
}

/** A one-letter kind: a number, a boolean, or anything else (strings, names the file does not resolve). */
function kindOf(arg: Node, values: TreeValues): Kind {
  if (values.boolean(arg)) return 'boolean';
  const written = values.resolve(arg);
  return written.type === 'decimal_integer_literal' || (/TIMEOUT|DATABASE/.test(arg.text) && !/PASSWORD|KEY/.test(arg.text)) ? 'number' : 'other';
}
