import type { Fix, TextEdit } from '../findings';
import type { CallSite, CommandUse, SiteKey } from '../evidence/evidence';

/**
 * Fixes for a multi-key call that may cross slots: split it into single-key commands sent together
 * (a cluster client routes each to its shard and pipelines them), or give its literal keys a shared
 * hash tag. Both are small edits inside the call, so comments and formatting around the keys stay.
 */

const SUM_COUNTS = '.then((counts) => counts.reduce((sum, count) => sum + count, 0))';

interface Split {
  /** The single-key command (lower case; upper case when the call was written in upper case). */
  single: string;
  /** Appended to `Promise.all([...])` so the awaited value has the multi-key command's shape. */
  combine: string;
  /**
   * Whether `--fix` may apply it. A split is not atomic, but on a cluster neither is the command itself
   * across shards (the Enterprise policy runs cross-slot MGET/DEL/EXISTS/TOUCH/UNLINK per shard too):
   * reads and deletes give the same result. MSET is different: a failure half way leaves some keys set.
   */
  preferred: boolean;
  title: string;
}

const SPLITS: Record<string, Split> = {
  MGET: { single: 'get', combine: '', preferred: true, title: 'Split into one GET per key, sent together (same array of values)' },
  DEL: {
    single: 'unlink',
    combine: SUM_COUNTS,
    preferred: true,
    title: 'Split into one UNLINK per key, sent together, counts summed (UNLINK frees the memory asynchronously)',
  },
  UNLINK: { single: 'unlink', combine: SUM_COUNTS, preferred: true, title: 'Split into one UNLINK per key, sent together, counts summed' },
  EXISTS: { single: 'exists', combine: SUM_COUNTS, preferred: true, title: 'Split into one EXISTS per key, sent together, counts summed' },
  TOUCH: { single: 'touch', combine: SUM_COUNTS, preferred: true, title: 'Split into one TOUCH per key, sent together, counts summed' },
  MSET: {
    single: 'set',
    combine: ".then(() => 'OK' as const)",
    preferred: false,
    title: 'Split into one SET per key, sent together — NOT atomic: a failure part way leaves some keys set',
  },
};

/** Whether the command has a per-key form (whether a given call can be split depends on how it is written). */
export function hasPerKeyForm(command: string): boolean {
  return command in SPLITS;
}

/** The split fix, when the call is written out and its promise's use is understood. */
export function splitFix(use: CommandUse): Fix | undefined {
  const site = use.site;
  const split = SPLITS[use.command];
  if (!site || !split || site.use === 'other') return undefined;
  const items = use.command === 'MSET' ? site.pairs.map((pair) => ({ span: pair.span, args: pair.keyValue })) : site.keys.map((key) => ({ span: key.span, args: key.source }));
  if (items.length < 2) return undefined;
  const single = site.method === site.method.toUpperCase() ? split.single.toUpperCase() : split.single;
  // `as const` keeps the 'OK' literal type in TypeScript; JavaScript has no such syntax.
  const combine = use.command === 'MSET' && !/\.[cm]?tsx?$/i.test(site.open.file) ? split.combine.replace(' as const', '') : split.combine;
  const edits: TextEdit[] = [
    { ...site.open, newText: 'Promise.all([' },
    ...items.map((item) => ({ ...item.span, newText: `${site.receiver}.${single}(${item.args})` })),
    { ...site.close, newText: `])${combine}` },
  ];
  return { title: split.title, preferred: split.preferred, edits };
}

/**
 * Renames literal keys to share the hash tag their common leading segments form (`user:42:profile`,
 * `user:42:cart` → `{user:42}:profile`, `{user:42}:cart`). Never preferred: data stored under the old
 * names stays there, and other code using the old names must change too.
 */
export function hashTagFix(site: CallSite | undefined): Fix | undefined {
  if (!site || site.keys.length < 2) return undefined;
  const literals = site.keys.map((key) => key.literal);
  if (!literals.every((literal) => literal !== undefined && !hasBrace(literal))) return undefined;
  const length = tagLength(site.keys);
  if (length === 0) return undefined;
  const tag = literals[0]!.text.slice(0, length);
  return {
    title: `Rename the keys to share the hash tag {${tag}} — data already stored under the old names is not moved`,
    preferred: false,
    edits: literals.map((literal) => ({ file: site.keys[0]!.span.file, start: literal!.start, end: literal!.start + length, newText: `{${tag}}` })),
  };
}

type Literal = NonNullable<SiteKey['literal']>;

/** A brace outside `${…}` is, or may start, a hash tag already: renaming around it would change the slot. */
function hasBrace(literal: Literal): boolean {
  let text = literal.text;
  for (const [from, to] of [...literal.substitutions].reverse()) text = text.slice(0, from) + text.slice(to);
  return /[{}]/.test(text);
}

/**
 * Length of the longest common prefix that ends, in every key, at a `:` or at the key's end, outside `${…}`,
 * with the same `${…}` in it everywhere (`${id}` written in a plain string is text, not the variable).
 */
function tagLength(keys: readonly SiteKey[]): number {
  const literals = keys.map((key) => key.literal!);
  const first = literals[0]!;
  let common = 0;
  while (common < first.text.length && literals.every(({ text }) => text[common] === first.text[common])) common++;
  const within = (literal: Literal, length: number) => JSON.stringify(literal.substitutions.filter(([from]) => from < length));
  for (let length = common; length > 0; length--) {
    const boundary = literals.every(
      (literal) =>
        (length === literal.text.length || literal.text[length] === ':') &&
        !literal.substitutions.some(([from, to]) => from < length && length < to) &&
        within(literal, length) === within(first, length),
    );
    if (boundary) return length;
  }
  return 0;
}
