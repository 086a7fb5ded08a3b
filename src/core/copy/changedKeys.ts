// The keys one source primary's notifications named that the live copy has not copied again yet: each held once, in
// the order first notified, with when. A live copy gets a notification per write (100,000 a second and more); a Map
// keyed by strings cost more per key than reading and writing the key itself (a string per notification, a hash table
// rehashed as it grows, iteration over the holes deletions leave). Here the key bytes are appended to one buffer and
// found again through a typed-array hash table: nothing is allocated per key, and a key stays its bytes (binary-safe).

/** Slot states of an entry. */
const FREE = 0;
const WAITING = 1;
const IN_FLIGHT = 2;
/** Being copied, and notified again since: copied once more when the copy in flight is done. */
const CHANGED = 3;

const INITIAL_ENTRIES = 1024;
const INITIAL_BYTES = 64 * 1024;

export interface TakenKeys {
  /** Views into the held bytes: valid until `finish` (later keys go elsewhere; they are never overwritten). */
  keys: Buffer[];
  /** When the first of them (the oldest) was notified, ms since the epoch. */
  oldestAt: number;
}

export class ChangedKeys {
  #bytes = Buffer.allocUnsafe(INITIAL_BYTES);
  #bytesUsed = 0;
  #start = new Int32Array(INITIAL_ENTRIES);
  #length = new Int32Array(INITIAL_ENTRIES);
  #hash = new Int32Array(INITIAL_ENTRIES);
  #at = new Float64Array(INITIAL_ENTRIES);
  #state = new Uint8Array(INITIAL_ENTRIES);
  /** Entries used (in arrival order); those before #head are in flight or free. */
  #entries = 0;
  #head = 0;
  /** Open addressing, linear probing: entry index + 1, 0 for an empty slot; never more than half full. */
  #table = new Int32Array(INITIAL_ENTRIES * 2);
  #live = 0;
  /** Keys waiting to be copied (again): WAITING and CHANGED. */
  waiting = 0;
  /** Keys being copied: IN_FLIGHT and CHANGED. */
  inFlight = 0;

  /**
   * `bytes[start, end)` was notified at `at`. A key already waiting is left where it is (a burst on a hot key is one
   * copy); a key being copied is copied once more afterwards. Returns false, holding nothing, when the key would be a
   * new one and `room` (more keys that may wait) is used up.
   */
  add(bytes: Buffer, start: number, end: number, at: number, room: number): boolean {
    const hash = hashOf(bytes, start, end);
    const slot = this.#find(bytes, start, end, hash);
    const entry = this.#table[slot]! - 1;
    if (entry >= 0) {
      if (this.#state[entry] === IN_FLIGHT) {
        this.#state[entry] = CHANGED;
        this.#at[entry] = at;
        this.waiting++;
      }
      return true;
    }
    if (room <= 0) return false;
    this.#append(bytes, start, end, hash, WAITING, at, slot);
    this.waiting++;
    return true;
  }

  /**
   * A re-scan is about to copy `key`: returns true when the caller copies it now (it was not held, or only waiting,
   * and is held as in flight until `finish`); false when a copy of it is in flight (it is copied once more after that).
   */
  claim(key: Buffer, at: number): boolean {
    const hash = hashOf(key, 0, key.length);
    const slot = this.#find(key, 0, key.length, hash);
    const entry = this.#table[slot]! - 1;
    if (entry < 0) {
      this.#append(key, 0, key.length, hash, IN_FLIGHT, at, slot);
    } else if (this.#state[entry] === WAITING) {
      this.#state[entry] = IN_FLIGHT;
      this.waiting--;
    } else {
      this.add(key, 0, key.length, at, 0);
      return false;
    }
    this.inFlight++;
    return true;
  }

  /** Up to `max` waiting keys, oldest first, now in flight; undefined when none waits that is not in flight. */
  take(max: number): TakenKeys | undefined {
    const keys: Buffer[] = [];
    let oldestAt = 0;
    while (keys.length < max && this.#head < this.#entries) {
      const entry = this.#head++;
      if (this.#state[entry] !== WAITING) continue;
      if (keys.length === 0) oldestAt = this.#at[entry]!;
      this.#state[entry] = IN_FLIGHT;
      const start = this.#start[entry]!;
      keys.push(this.#bytes.subarray(start, start + this.#length[entry]!));
    }
    this.waiting -= keys.length;
    this.inFlight += keys.length;
    return keys.length > 0 ? { keys, oldestAt } : undefined;
  }

  /** The copies of `keys` (taken or claimed) are done: each is let go, or waits again if it was notified meanwhile. */
  finish(keys: Buffer[]): void {
    for (const key of keys) {
      const hash = hashOf(key, 0, key.length);
      const slot = this.#find(key, 0, key.length, hash);
      const entry = this.#table[slot]! - 1;
      if (entry < 0) continue; // let go by clear() while it was copied
      const state = this.#state[entry];
      if (state !== IN_FLIGHT && state !== CHANGED) continue;
      this.#remove(slot, entry);
      this.inFlight--;
      if (state === CHANGED) {
        this.waiting--;
        this.add(key, 0, key.length, this.#at[entry]!, 1);
      }
    }
  }

  /** When the oldest key waiting (not in flight) was notified, ms since the epoch. */
  oldestAt(): number | undefined {
    while (this.#head < this.#entries && this.#state[this.#head] !== WAITING) this.#head++;
    return this.#head < this.#entries ? this.#at[this.#head] : undefined;
  }

  /** Lets every waiting key go (the primary is re-scanned instead); keys in flight stay held until they finish. */
  clear(): void {
    for (let entry = 0; entry < this.#entries; entry++) {
      if (this.#state[entry] === WAITING) this.#state[entry] = FREE;
      else if (this.#state[entry] === CHANGED) this.#state[entry] = IN_FLIGHT;
    }
    this.waiting = 0;
    this.#compact(0, 0);
  }

  /** The table slot holding the entry with these bytes, or the empty slot where it would go. */
  #find(bytes: Buffer, start: number, end: number, hash: number): number {
    const table = this.#table;
    const mask = table.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = table[slot]! - 1;
      if (entry < 0) return slot;
      if (this.#hash[entry] === hash && this.#length[entry] === length && this.#sameBytes(entry, bytes, start, length)) return slot;
    }
  }

  #sameBytes(entry: number, bytes: Buffer, start: number, length: number): boolean {
    const held = this.#bytes;
    const at = this.#start[entry]!;
    for (let i = 0; i < length; i++) if (held[at + i] !== bytes[start + i]) return false;
    return true;
  }

  /** `slot`: where #find placed it, which stands unless the storage is compacted first. */
  #append(bytes: Buffer, start: number, end: number, hash: number, state: number, at: number, slot: number): void {
    const length = end - start;
    if (this.#entries === this.#state.length || this.#bytesUsed + length > this.#bytes.length) {
      this.#compact(1, length);
      slot = this.#find(bytes, start, end, hash);
    }
    const entry = this.#entries++;
    const offset = this.#bytesUsed;
    if (length > 64) bytes.copy(this.#bytes, offset, start, end);
    else for (let i = 0; i < length; i++) this.#bytes[offset + i] = bytes[start + i]!;
    this.#bytesUsed += length;
    this.#start[entry] = offset;
    this.#length[entry] = length;
    this.#hash[entry] = hash;
    this.#at[entry] = at;
    this.#state[entry] = state;
    this.#table[slot] = entry + 1;
    this.#live++;
  }

  /** Backward-shift deletion: the entries after the slot that probed past it move up, so no probe chain is cut. */
  #remove(slot: number, entry: number): void {
    const table = this.#table;
    const mask = table.length - 1;
    let hole = slot;
    for (let next = (slot + 1) & mask; table[next] !== 0; next = (next + 1) & mask) {
      const home = this.#hash[table[next]! - 1]! & mask;
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        table[hole] = table[next]!;
        hole = next;
      }
    }
    table[hole] = 0;
    this.#state[entry] = FREE;
    this.#live--;
  }

  /**
   * Copies the entries still held, in order, into new storage with room for `moreEntries` and `moreBytes` besides (twice
   * what is held, so growing costs O(1) a key over time). A new byte buffer: views handed out of the old one stay valid.
   */
  #compact(moreEntries: number, moreBytes: number): void {
    let liveBytes = 0;
    for (let entry = 0; entry < this.#entries; entry++) if (this.#state[entry] !== FREE) liveBytes += this.#length[entry]!;
    const keys = this.#live + moreEntries;
    const capacity = powerOfTwoAtLeast(Math.max(INITIAL_ENTRIES, 2 * keys));
    // Room for as many keys of the average length as there are entries: the bytes do not fill up long before them.
    const averageLength = keys > 0 ? (liveBytes + moreBytes) / keys : 0;
    const bytes = Buffer.allocUnsafe(Math.max(INITIAL_BYTES, 2 * (liveBytes + moreBytes), Math.ceil(averageLength * capacity)));
    const start = new Int32Array(capacity);
    const length = new Int32Array(capacity);
    const hash = new Int32Array(capacity);
    const at = new Float64Array(capacity);
    const state = new Uint8Array(capacity);
    let kept = 0;
    let used = 0;
    let head = -1;
    for (let entry = 0; entry < this.#entries; entry++) {
      if (this.#state[entry] === FREE) continue;
      if (head < 0 && entry >= this.#head) head = kept;
      const from = this.#start[entry]!;
      const size = this.#length[entry]!;
      if (size > 64) this.#bytes.copy(bytes, used, from, from + size);
      else for (let i = 0; i < size; i++) bytes[used + i] = this.#bytes[from + i]!;
      start[kept] = used;
      length[kept] = size;
      hash[kept] = this.#hash[entry]!;
      at[kept] = this.#at[entry]!;
      state[kept] = this.#state[entry]!;
      used += size;
      kept++;
    }
    this.#bytes = bytes;
    this.#bytesUsed = used;
    this.#start = start;
    this.#length = length;
    this.#hash = hash;
    this.#at = at;
    this.#state = state;
    this.#entries = kept;
    this.#head = head < 0 ? kept : head;
    const table = new Int32Array(capacity * 2);
    const mask = table.length - 1;
    for (let entry = 0; entry < kept; entry++) {
      let slot = hash[entry]! & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = entry + 1;
    }
    this.#table = table;
  }
}

/** FNV-1a over the key's bytes. */
function hashOf(bytes: Buffer, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash;
}

function powerOfTwoAtLeast(value: number): number {
  let power = 1;
  while (power < value) power *= 2;
  return power;
}
