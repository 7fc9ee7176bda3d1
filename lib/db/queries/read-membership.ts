/**
 * Whether one row has an entry in an index read, worked out from the row as IndexedDB would index
 * it: the kept keys of a segment's reads (./segment-keys.ts) are patched with the few rows a write
 * changed instead of walking the whole index again. Pure.
 */
import type { IndexRead, KeyRange } from '../../segments';

export interface IndexShape {
  keyPath: string;
  /** A multi-entry index holds one entry per element of an array value. */
  multi: boolean;
}

/**
 * A value IndexedDB can hold as a key, in the two kinds the segments' indexes hold: a string or a
 * number. Undefined, null, booleans and objects are not keys (the row has no entry); anything
 * else a key could be (a Date, an array, binary) is not judged here.
 */
type Judged = 'string' | 'number' | 'none' | 'unjudged';

function kindOf(value: unknown): Judged {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return Number.isNaN(value) ? 'none' : 'number';
  if (value === undefined || value === null || typeof value === 'boolean') return 'none';
  if (value instanceof Date || Array.isArray(value) || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return 'unjudged';
  return 'none';
}

/** IndexedDB orders numbers before strings; the reads' bounds are numbers. */
function inRange(key: string | number, range: KeyRange): boolean {
  const { lower, upper, lowerOpen = false, upperOpen = false } = range;
  if (typeof key === 'string') return upper === undefined;
  if (lower !== undefined && (lowerOpen ? key <= lower : key < lower)) return false;
  if (upper !== undefined && (upperOpen ? key >= upper : key > upper)) return false;
  return true;
}

/**
 * true when the row (undefined: no row) has an entry the read yields, false when it has none,
 * undefined when a value is of a kind not judged here (the caller reads the index again).
 */
export function rowInRead(row: Record<string, unknown> | undefined, index: IndexShape, read: IndexRead): boolean | undefined {
  if (row === undefined) return false;
  const value = row[index.keyPath];
  // A multi-entry index over a non-array holds the value itself, as one entry.
  const entries = index.multi && Array.isArray(value) ? value : [value];
  let member = false;
  for (const entry of entries) {
    const kind = kindOf(entry);
    if (kind === 'unjudged') return undefined;
    if (kind === 'none') continue; // a multi-entry index skips elements that are not keys
    const key = entry as string | number;
    if ('equals' in read ? key === read.equals : inRange(key, read.range)) member = true;
  }
  return member;
}
