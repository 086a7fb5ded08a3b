import type { KeyspaceUse } from '../evidence/evidence';
import type { SourcedString } from './sourcedString';

const KEYSPACE_PATTERN = /notify-keyspace-events|notifyKeyspaceEvents|__key(?:space|event)@/gi;

/** `notify-keyspace-events` settings and `__keyspace@…`/`__keyevent@…` channels written in `s`. */
export function findKeyspaceUses(s: SourcedString): KeyspaceUse[] {
  const found: KeyspaceUse[] = [];
  for (const match of s.text.matchAll(KEYSPACE_PATTERN)) {
    const span = s.spanOf(match.index, match.index + match[0].length);
    if (!span) continue;
    found.push({ at: span, kind: match[0].startsWith('__') ? 'channel' : 'config' });
  }
  return found;
}

/** Whether `text` may hold what `findKeyspaceUses` finds, without placing it (a quick test before composing a string). */
export function mayHoldKeyspaceUse(text: string): boolean {
  return text.search(KEYSPACE_PATTERN) >= 0;
}
