/**
 * The per-field last-writer-wins merge, run by both the server and every client: one
 * implementation, so they cannot disagree about who won.
 *
 * A row is a map of fields, each `{value, hlc}`, plus an optional `deleted` stamp. Rules:
 * - per field, the newer stamp wins (stamps are fixed-width, so string order is clock order, and
 *   the node id at the end breaks ties between clocks that agree on time and counter);
 * - delete wins: once a row carries a `deleted` stamp it keeps only that stamp (the newest seen),
 *   its fields are dropped and later field writes are ignored, whatever their stamps. So no edit
 *   resurrects a deleted row, and erasing a person leaves nothing but the tombstone. Bringing a
 *   row back is a new row (a new id); an undoable delete is an ordinary field (contacts.deletedAt);
 * - merging is a join: commutative, associative and idempotent, so replicas that have seen the
 *   same changes, in any order and any number of times, hold the same row.
 */

export interface FieldWrite {
  value: unknown;
  hlc: string;
}

export interface RowState {
  fields: Record<string, FieldWrite>;
  deleted?: string;
}

export interface RowChange {
  fields?: Readonly<Record<string, FieldWrite>>;
  deleted?: string;
}

export interface MergeResult {
  row: RowState;
  /** False when the change taught this replica nothing: nothing to write, no cursor to bump. */
  changed: boolean;
}

export function mergeRow(current: RowState | undefined, change: RowChange): MergeResult {
  const deleted = newest(current?.deleted, change.deleted);
  if (deleted !== undefined) {
    const changed = deleted !== current?.deleted || (current !== undefined && hasAny(current.fields));
    return { row: { fields: emptyFields(), deleted }, changed };
  }
  const fields = emptyFields();
  let changed = current === undefined;
  if (current) for (const [name, write] of Object.entries(current.fields)) fields[name] = write;
  for (const [name, incoming] of Object.entries(change.fields ?? {})) {
    const mine = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (mine === undefined || wins(incoming, mine)) {
      fields[name] = { value: incoming.value, hlc: incoming.hlc };
      changed = true;
    }
  }
  return { row: { fields }, changed };
}

/** Folds many changes into one row, as a replica that received them in this order would. */
export function mergeAll(current: RowState | undefined, changes: Iterable<RowChange>): RowState | undefined {
  let row = current;
  for (const change of changes) row = mergeRow(row, change).row;
  return row;
}

/** The row as plain field values, for a replica's own tables; undefined when it is deleted. */
export function rowValues(row: RowState): Record<string, unknown> | undefined {
  if (row.deleted !== undefined) return undefined;
  return Object.fromEntries(Object.entries(row.fields).map(([name, write]) => [name, write.value]));
}

function wins(incoming: FieldWrite, mine: FieldWrite): boolean {
  if (incoming.hlc !== mine.hlc) return incoming.hlc > mine.hlc;
  // One stamp, two values: only a buggy client reuses a stamp, but replicas must still agree,
  // so the larger encoding wins rather than whichever arrived last.
  return canonicalJson(incoming.value) > canonicalJson(mine.value);
}

function newest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}

/** Null prototype: a field called `constructor` or `__proto__` is just a field. */
function emptyFields(): Record<string, FieldWrite> {
  return Object.create(null) as Record<string, FieldWrite>;
}

function hasAny(fields: Record<string, FieldWrite>): boolean {
  for (const _ in fields) return true;
  return false;
}

/** JSON with object keys sorted, so equal values encode equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  }) ?? 'undefined';
}
