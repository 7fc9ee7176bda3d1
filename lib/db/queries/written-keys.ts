/**
 * The primary keys a committed write names, from the range set Dexie's `storagemutated` event
 * carries for a table's primary key (part `idb://<database>/<table>/`). Dexie lists each key of a
 * put, add or delete of fewer than 50 rows; a larger write, a clear or a range delete is a range
 * (the whole table for most). Events relayed from another extension page arrive as a structured
 * clone: plain `{ from, to, l, r }` nodes, so this walks the tree rather than calling RangeSet's
 * methods. Pure.
 */

interface RangeNode {
  from?: unknown;
  to?: unknown;
  l?: RangeNode | null;
  r?: RangeNode | null;
}

/** The string keys named, or null when the set holds a range, a key of another kind, or more than `max` keys. */
export function writtenKeys(rangeSet: unknown, max: number): string[] | null {
  const keys: string[] = [];
  const stack: unknown[] = [rangeSet];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || node === undefined) continue;
    if (typeof node !== 'object') return null;
    const { from, to, l, r } = node as RangeNode;
    // An empty set is a node without `from` (Dexie's `{ d: 0 }`).
    if (!('from' in node)) continue;
    if (typeof from !== 'string' || from !== to) return null;
    keys.push(from);
    if (keys.length > max) return null;
    stack.push(l, r);
  }
  return keys;
}
