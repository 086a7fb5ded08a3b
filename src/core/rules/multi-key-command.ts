import { keySlot } from '../scan/hashSlot';
import { UNKNOWN_CHAR, type CommandUse } from '../scan/evidence';
import type { ClusterPolicy } from '../findings';
import type { Rule } from './rule';

/** Commands the Enterprise clustering policy lets span slots (amr-facts B3); pipelines too. */
const CROSS_SLOT_UNDER_ENTERPRISE = new Set(['DEL', 'MSET', 'MGET', 'EXISTS', 'UNLINK', 'TOUCH', 'PIPELINE']);

function mustBeSingleSlot(command: string, policy: ClusterPolicy): boolean {
  if (policy === 'none') return false;
  if (policy === 'enterprise') return !CROSS_SLOT_UNDER_ENTERPRISE.has(command);
  return true;
}

function shown(key: string): string {
  const text = key.split(UNKNOWN_CHAR).join('…');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function label(use: CommandUse): string {
  if (use.command === 'MULTI') return 'This MULTI transaction';
  if (use.command === 'PIPELINE') return 'This pipeline';
  return use.command;
}

/** Why the keys may hash to different slots, or `undefined` when they provably share one. */
function crossSlotReason(use: CommandUse): string | undefined {
  if (!use.keys) return 'its key list cannot be known statically, so the keys may hash to different slots';
  const keys = [...new Set(use.keys.map((key) => key.text))];
  if (keys.length < 2) return undefined;
  const slots = keys.map(keySlot);
  const unknown = keys.filter((_, index) => slots[index] === undefined);
  if (unknown.length > 0) {
    return `the slot of '${shown(unknown[0]!)}' cannot be known statically, so the keys may hash to different slots`;
  }
  const first = slots[0];
  const other = slots.findIndex((slot) => slot !== first);
  if (other < 0) return undefined;
  return `'${shown(keys[0]!)}' (slot ${first}) and '${shown(keys[other]!)}' (slot ${slots[other]}) hash to different slots`;
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
      if (!mustBeSingleSlot(use.command, policy)) continue;
      const reason = crossSlotReason(use);
      if (!reason) continue;
      context.report({
        span: use.at,
        message: `${label(use)} must touch a single slot under the ${policy === 'oss' ? 'OSS' : 'Enterprise'} clustering policy, but ${reason}; use a shared hash tag {…}.`,
      });
    }
  },
};
