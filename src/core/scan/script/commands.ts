import type { ts } from 'ts-morph';
import {
  isArrayLiteralExpression, isArrowFunction, isCallExpression, isComputedPropertyName, isFunctionExpression, isIdentifier,
  isPropertyAccessExpression, isSpreadAssignment, isSpreadElement,
} from './compilerApi';
import { UNKNOWN_CHAR, type KeyArg } from '../../evidence/evidence';
import type { Evaluator } from './evaluate';
import type { ParsedScript } from './project';

/**
 * Which arguments of a multi-key command are keys, in both client styles: node-redis
 * (`mGet(['a','b'])`, `eval(script, { keys })`) and ioredis (`mget('a','b')`, `eval(script, 2, 'a', 'b')`).
 */
export type KeySpec =
  | 'all' // every argument (arrays flattened)
  | 'pairs' // MSET: key/value pairs, an object or [[k, v], …]
  | 'two' // source and destination
  | 'allButLast' // blocking pops: keys…, timeout
  | 'afterFirst' // BITOP op dest key…
  | 'numkeys' // [keys] or numkeys, key…
  | 'storeNumkeys' // dest, [keys] or numkeys, key…
  | 'eval' // script, { keys } or numkeys, key…
  | 'keyspace'; // KEYS pattern, SCAN … MATCH: a walk over the keyspace, not a key list

const COMMANDS: Record<string, [string, KeySpec]> = {
  mget: ['MGET', 'all'],
  mset: ['MSET', 'pairs'],
  msetnx: ['MSETNX', 'pairs'],
  del: ['DEL', 'all'],
  unlink: ['UNLINK', 'all'],
  exists: ['EXISTS', 'all'],
  touch: ['TOUCH', 'all'],
  watch: ['WATCH', 'all'],
  sinter: ['SINTER', 'all'],
  sunion: ['SUNION', 'all'],
  sdiff: ['SDIFF', 'all'],
  sinterstore: ['SINTERSTORE', 'all'],
  sunionstore: ['SUNIONSTORE', 'all'],
  sdiffstore: ['SDIFFSTORE', 'all'],
  sintercard: ['SINTERCARD', 'numkeys'],
  zinter: ['ZINTER', 'numkeys'],
  zunion: ['ZUNION', 'numkeys'],
  zdiff: ['ZDIFF', 'numkeys'],
  zintercard: ['ZINTERCARD', 'numkeys'],
  zinterstore: ['ZINTERSTORE', 'storeNumkeys'],
  zunionstore: ['ZUNIONSTORE', 'storeNumkeys'],
  zdiffstore: ['ZDIFFSTORE', 'storeNumkeys'],
  zrangestore: ['ZRANGESTORE', 'two'],
  rename: ['RENAME', 'two'],
  renamenx: ['RENAMENX', 'two'],
  copy: ['COPY', 'two'],
  smove: ['SMOVE', 'two'],
  lmove: ['LMOVE', 'two'],
  blmove: ['BLMOVE', 'two'],
  rpoplpush: ['RPOPLPUSH', 'two'],
  brpoplpush: ['BRPOPLPUSH', 'two'],
  geosearchstore: ['GEOSEARCHSTORE', 'two'],
  blpop: ['BLPOP', 'allButLast'],
  brpop: ['BRPOP', 'allButLast'],
  bzpopmin: ['BZPOPMIN', 'allButLast'],
  bzpopmax: ['BZPOPMAX', 'allButLast'],
  lmpop: ['LMPOP', 'numkeys'],
  zmpop: ['ZMPOP', 'numkeys'],
  pfcount: ['PFCOUNT', 'all'],
  pfmerge: ['PFMERGE', 'all'],
  bitop: ['BITOP', 'afterFirst'],
  eval: ['EVAL', 'eval'],
  evalsha: ['EVALSHA', 'eval'],
  evalro: ['EVAL_RO', 'eval'],
  evalsharo: ['EVALSHA_RO', 'eval'],
  fcall: ['FCALL', 'eval'],
  fcallro: ['FCALL_RO', 'eval'],
  keys: ['KEYS', 'keyspace'],
  scan: ['SCAN', 'keyspace'],
  scaniterator: ['SCAN', 'keyspace'],
  scanstream: ['SCAN', 'keyspace'],
};

/** Calls that build a list (`ids.map(…)`, `Object.keys(…)`): an argument made by one is a list of keys, not one key. */
const LIST_BUILDERS = /^(map|flatMap|filter|concat|slice|keys|values|from|split)$/;

/** Raw command senders: node-redis `sendCommand([...])`, ioredis `call(name, ...)`. */
const RAW_SENDERS = new Set(['sendcommand', 'call', 'callbuffer', 'send_command']);

/** Names that suggest a variable holds a list of keys rather than one key. */
const PLURAL_NAME = /(keys|ids|names|list|array|batch|items)$/i;

/** Whether a method name may send a multi-key command, SELECT or AUTH (a cheap test before anything is evaluated). */
export function isCommandMethod(method: string): boolean {
  const lower = method.toLowerCase();
  return lower in COMMANDS || RAW_SENDERS.has(lower) || lower === 'select' || lower === 'auth';
}

interface Arg {
  node: ts.Expression;
  script: ParsedScript;
}

export interface CommandCall {
  command: string;
  keys: KeyArg[] | undefined;
  /** Which arguments are keys; `undefined` for raw senders, whose arguments start with the command name. */
  spec?: KeySpec;
}

export class KeyReader {
  constructor(private readonly evaluator: Evaluator) {}

  /** The command and keys of `method(args)`, or `undefined` when it is not a multi-key command. */
  read(method: string, args: readonly Arg[]): CommandCall | undefined {
    const lower = method.toLowerCase();
    if (RAW_SENDERS.has(lower)) return this.raw(args);
    const entry = COMMANDS[lower];
    if (!entry) return undefined;
    return { command: entry[0], keys: this.keys(entry[1], args.filter((arg) => !isCallback(arg.node))), spec: entry[1] };
  }

  /** The first key of an ordinary single-key command (for MULTI/pipeline chains). */
  firstKey(args: readonly Arg[]): KeyArg[] {
    const [first] = args;
    return first && !isCallback(first.node) ? [this.key(first)] : [];
  }

  /** The command name and the remaining arguments of a raw `sendCommand([...])` / `call(name, ...)`. */
  rawCommandName(args: readonly Arg[]): { name: string; rest: Arg[] } | undefined {
    const [first] = args;
    if (!first) return undefined;
    const value = this.evaluator.value(first.node, first.script);
    if (value.kind === 'array') {
      const elements = this.evaluator.elements(value);
      const [name, ...rest] = elements ?? [];
      const text = name && this.evaluator.value(name.node, name.script);
      return text?.kind === 'string' ? { name: text.value.text, rest } : undefined;
    }
    return value.kind === 'string' ? { name: value.value.text, rest: args.slice(1) } : undefined;
  }

  private raw(args: readonly Arg[]): CommandCall | undefined {
    const sent = this.rawCommandName(args);
    const entry = sent && COMMANDS[sent.name.toLowerCase()];
    if (!sent || !entry) return undefined;
    return { command: entry[0], keys: this.keys(entry[1], sent.rest) };
  }

  private keys(spec: KeySpec, args: readonly Arg[]): KeyArg[] | undefined {
    switch (spec) {
      case 'all':
        return this.flatten(args);
      case 'two':
        return args.slice(0, 2).map((arg) => this.key(arg));
      case 'allButLast':
        return args.length === 1 || this.isArray(args[0]) ? this.flatten(args.slice(0, 1)) : this.flatten(args.slice(0, -1));
      case 'afterFirst':
        return this.flatten(args.slice(1));
      case 'numkeys':
        return this.numkeys(args);
      case 'storeNumkeys': {
        const rest = this.numkeys(args.slice(1));
        return rest && args[0] ? [this.key(args[0]), ...rest] : undefined;
      }
      case 'eval':
        return this.evalKeys(args.slice(1));
      case 'pairs':
        return this.pairs(args);
      case 'keyspace':
        return undefined;
    }
  }

  private key(arg: Arg): KeyArg {
    return { text: this.evaluator.asString(this.evaluator.value(arg.node, arg.script), arg).text };
  }

  private isArray(arg: Arg | undefined): boolean {
    return arg !== undefined && this.evaluator.value(arg.node, arg.script).kind === 'array';
  }

  /** Every key in `args`, arrays flattened; `undefined` when a spread or an unknown list hides some. */
  private flatten(args: readonly Arg[]): KeyArg[] | undefined {
    const keys: KeyArg[] = [];
    for (const arg of args) {
      if (isSpreadElement(arg.node)) return undefined;
      const value = this.evaluator.value(arg.node, arg.script);
      if (value.kind === 'array') {
        const elements = this.evaluator.elements(value);
        const inner = elements && this.flatten(elements);
        if (!inner) return undefined;
        keys.push(...inner);
      } else if (value.kind === 'unknown' && (PLURAL_NAME.test(lastName(arg.node)) || buildsList(arg.node))) {
        return undefined;
      } else {
        keys.push({ text: this.evaluator.asString(value, arg).text });
      }
    }
    return keys;
  }

  private numkeys(args: readonly Arg[]): KeyArg[] | undefined {
    const [first] = args;
    if (!first) return [];
    const value = this.evaluator.value(first.node, first.script);
    if (value.kind === 'number') return this.flatten(args.slice(1, 1 + value.value));
    return this.flatten([first]);
  }

  private evalKeys(args: readonly Arg[]): KeyArg[] | undefined {
    const [first] = args;
    if (!first) return [];
    const value = this.evaluator.value(first.node, first.script);
    if (value.kind === 'object') {
      const keys = this.evaluator.member(value, 'keys');
      return keys ? this.flatten([{ node: keys.node as ts.Expression, script: keys.script }]) : [];
    }
    return value.kind === 'number' ? this.flatten(args.slice(1, 1 + value.value)) : undefined;
  }

  private pairs(args: readonly Arg[]): KeyArg[] | undefined {
    if (args.length !== 1) return args.filter((_, index) => index % 2 === 0).map((arg) => this.key(arg));
    const value = this.evaluator.value(args[0]!.node, args[0]!.script);
    if (value.kind === 'object') {
      const keys: KeyArg[] = [];
      for (const property of value.node.properties) {
        if (isSpreadAssignment(property) || !property.name) return undefined;
        const name = isComputedPropertyName(property.name) ? undefined : property.name.getText(value.script.source);
        keys.push({ text: name === undefined ? UNKNOWN_CHAR : name.replace(/^['"]|['"]$/g, '') });
      }
      return keys;
    }
    const elements = this.evaluator.elements(value);
    if (!elements) return undefined;
    const nested = elements.every((element) => isArrayLiteralExpression(element.node));
    if (nested) {
      return elements.map((element) => {
        const [key] = (element.node as ts.ArrayLiteralExpression).elements;
        return key ? this.key({ node: key, script: element.script }) : { text: UNKNOWN_CHAR };
      });
    }
    return elements.filter((_, index) => index % 2 === 0).map((element) => this.key(element));
  }
}

function isCallback(node: ts.Expression): boolean {
  return isArrowFunction(node) || isFunctionExpression(node);
}

function buildsList(node: ts.Expression): boolean {
  return isCallExpression(node) && isPropertyAccessExpression(node.expression) && LIST_BUILDERS.test(node.expression.name.text);
}

function lastName(node: ts.Expression): string {
  if (isIdentifier(node)) return node.text;
  if (isPropertyAccessExpression(node)) return node.name.text;
  return '';
}
