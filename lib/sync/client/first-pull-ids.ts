/**
 * What a first pull into empty tables already wrote, so it need not read a row back to learn it is
 * new. A pulled row is merged with the stored one (apply-pulled.ts), which costs one IndexedDB
 * `get` per row; in a first sync every one of those misses, and at 1,100,000 rows they were a fifth
 * of the apply. While a table that was empty when the pull began has only what this pull wrote,
 * an id not written yet cannot be stored, and only ids that may have been (a row changed again on
 * the server during the pull, a page pulled again after a 410) are read.
 *
 * Ids are kept as 32-bit hashes in an open-addressing table (4 bytes a slot, at most half full:
 * ~8 MB for a million interactions, instead of a million strings): a hash collision only makes a
 * new row read back, never an old one taken for new.
 */

/** FNV-1a over the id's UTF-16 code units; 0 is the empty slot, so it maps to 1. */
function hashOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index += 1) {
    hash ^= id.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0 || 1;
}

class HashSet {
  private slots = new Uint32Array(1 << 12);
  private size = 0;

  add(hash: number): void {
    if ((this.size + 1) * 2 > this.slots.length) this.grow();
    if (this.insert(this.slots, hash)) this.size += 1;
  }

  has(hash: number): boolean {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot]!;
      if (held === 0) return false;
      if (held === hash) return true;
    }
  }

  /** True when the hash was not there yet. */
  private insert(slots: Uint32Array, hash: number): boolean {
    const mask = slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = slots[slot]!;
      if (held === hash) return false;
      if (held === 0) {
        slots[slot] = hash;
        return true;
      }
    }
  }

  private grow(): void {
    const slots = new Uint32Array(this.slots.length * 2);
    for (const hash of this.slots) if (hash !== 0) this.insert(slots, hash);
    this.slots = slots;
  }
}

export class FirstPullIds {
  private readonly written = new Map<string, HashSet>();

  /** `emptyTables`: the synced tables that held no row when the pull began. */
  constructor(emptyTables: Iterable<string>) {
    for (const table of emptyTables) this.written.set(table, new HashSet());
  }

  /** Whether `table` still holds only what this pull wrote into it (it was empty when the pull began). */
  covers(table: string): boolean {
    return this.written.has(table);
  }

  /** False only when the row is surely not stored: its table was empty and this pull has not written it. */
  mayBeStored(table: string, id: string): boolean {
    const written = this.written.get(table);
    return written === undefined || written.has(hashOf(id));
  }

  wrote(table: string, id: string): void {
    this.written.get(table)?.add(hashOf(id));
  }
}
