import { slotOf } from '../evidence/hashSlot';
import { UNKNOWN_CHAR, type CommandUse } from '../evidence/evidence';
import type { ClusterPolicy } from '../findings';
import { hashTagFix, hasPerKeyForm, splitFix } from '../fix/multiKeyFixes';
import type { Rule } from './rule';

/** Commands the Enterprise clustering policy lets span slots (docs/design/amr-facts.md); pipelines too. */
const CROSS_SLOT_UNDER_ENTERPRISE = new Set(['DEL', 'MSET', 'MGET', 'EXISTS', 'UNLINK', 'TOUCH', 'PIPELINE']);

function mustBeSingleSlot(command: string, policy: ClusterPolicy): boolean {
  if (policy === 'none') return false;
  if (policy === 'enterprise') return !CROSS_SLOT_UNDER_ENTERPRISE.has(command);
  return true;
}

const UNKNOWN_PART = new RegExp(`${UNKNOWN_CHAR}([^${UNKNOWN_CHAR}]*)${UNKNOWN_CHAR}`, 'g');

/** A key for messages: unknown parts shown as `${expression}`. */
function shown(key: string): string {
  const text = key.replace(UNKNOWN_PART, (_, symbol: string) =>
    symbol.startsWith('?') ? '…' : `\${${symbol}}`,
  );
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

function label(use: CommandUse): string {
  if (use.command === 'MULTI') return 'This MULTI transaction';
  if (use.command === 'PIPELINE') return 'This pipeline';
  return use.command;
}

/** Commands that walk the keyspace (`KEYS pattern`, `SCAN … MATCH`): they name no keys but see one shard's. */
const KEYSPACE_WALKS = new Set(['KEYS', 'SCAN']);

const SCRIPTS = new Set(['EVAL', 'EVALSHA', 'EVAL_RO', 'EVALSHA_RO', 'FCALL', 'FCALL_RO']);

/** What to do; transactions, pipelines and scripts get only this, since splitting them would change what they do. */
function guidance(use: CommandUse): string {
  if (use.command === 'MULTI') {
    return 'a transaction runs on one shard, so splitting it would lose its atomicity: give the keys it touches a shared hash tag {…}';
  }
  if (use.command === 'PIPELINE') {
    return 'a cluster client sends a pipeline to one shard: give its keys a shared hash tag {…}, or send the commands on their own (a cluster client routes each one)';
  }
  if (SCRIPTS.has(use.command)) {
    return 'a script runs on one shard, so every key it declares must share a hash tag {…}; changing key names also means moving the data stored under them';
  }
  if (hasPerKeyForm(use.command)) return 'send one command per key (a cluster client routes each to its shard), or give the keys a shared hash tag {…}';
  return 'use a shared hash tag {…}';
}

/** Why the keys may hash to different slots, or `undefined` when they provably share one. */
function crossSlotReason(use: CommandUse): string | undefined {
  if (!use.keys) return 'its key list cannot be known statically, so the keys may hash to different slots';
  const keys = [...new Set(use.keys.map((key) => key.text))];
  const slots = keys.map(slotOf);
  if (keys.length < 2 || (slots[0] !== undefined && slots.every((slot) => slot === slots[0]))) return undefined;
  const unknown = keys.find((_, index) => typeof slots[index] !== 'number');
  if (unknown !== undefined) {
    return `the slot of '${shown(unknown)}' cannot be known statically, so the keys may hash to different slots`;
  }
  const other = slots.findIndex((slot) => slot !== slots[0]);
  return `'${shown(keys[0]!)}' (slot ${slots[0]}) and '${shown(keys[other]!)}' (slot ${slots[other]}) hash to different slots`;
}

export const multiKeyCommand: Rule = {
  meta: {
    id: 'multi-key-command',
    defaultSeverity: 'warning',
    title: 'Multi-key command that may cross slots',
    docs:
      'On a clustered Azure Managed Redis database a command over several keys fails with CROSSSLOT unless ' +
      'all keys hash to one slot. Under the OSS policy this applies to every multi-key command, transaction ' +
      'and pipeline; under the Enterprise policy DEL, MSET, MGET, EXISTS, UNLINK, TOUCH and pipelines may ' +
      'span slots. Give related keys a shared hash tag (`{user42}:profile`, `{user42}:cart`).',
  },
  check(evidence, context) {
    const policy = context.settings.clusterPolicy;
    for (const use of evidence.commands) {
      if (KEYSPACE_WALKS.has(use.command)) {
        // Behind the Enterprise policy's proxy and without clustering a walk sees every key; an OSS cluster client's does not.
        if (policy === 'oss') {
          context.report({
            span: use.at,
            message: `${use.command} walks the keys of one shard only on a clustered Azure Managed Redis database (OSS policy); run it on every primary shard (a cluster client's nodes), or keep an index of the keys in a set.`,
          });
        }
        continue;
      }
      if (!mustBeSingleSlot(use.command, policy)) continue;
      const reason = crossSlotReason(use);
      if (!reason) continue;
      const fixes = [splitFix(use), hashTagFix(use.site)].filter((fix) => fix !== undefined);
      context.report({
        span: use.at,
        message: `${label(use)} must touch a single slot under the ${policy === 'oss' ? 'OSS' : 'Enterprise'} clustering policy, but ${reason}; ${guidance(use)}.`,
        fixes,
      });
    }
  },
};
