/**
 * A bounded map that drops the entries used least recently first, to within a quarter of its
 * capacity: an entry read is moved to the recent end only when it was put there more than a
 * quarter of the capacity's insertions ago. It then still has three quarters of them to go before
 * it could be dropped, and a full sync that reads every entry moves each at most once per quarter
 * turn instead of on every read (a move is a delete and an insert into a Map of tens of thousands:
 * half of a warm multiget's cache lookups went there). The address book's caches (rendered cards,
 * row versions) use it.
 */
interface Slot<V> {
  value: V;
  /** The insertion count when it was last put at the recent end. */
  at: number;
}

export class RecentlyUsed<K, V> {
  /** Least recent first: a Map iterates in insertion order. */
  private readonly slots = new Map<K, Slot<V>>();
  private inserted = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.slots.size;
  }

  /** The value, marked recently used; undefined when not kept. */
  get(key: K): V | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) return undefined;
    if (this.inserted - slot.at > this.capacity / 4) {
      this.slots.delete(key);
      this.put(key, slot);
    }
    return slot.value;
  }

  /** Keeps the value as the most recent, dropping the least recent beyond the capacity. */
  set(key: K, value: V): void {
    this.slots.delete(key);
    this.put(key, { value, at: 0 });
  }

  private put(key: K, slot: Slot<V>): void {
    slot.at = ++this.inserted;
    this.slots.set(key, slot);
    if (this.slots.size > this.capacity) this.slots.delete(this.slots.keys().next().value as K);
  }
}
