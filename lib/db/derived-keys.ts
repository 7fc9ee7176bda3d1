import type { SyncedRow, SyncTable } from '../sync/shared/tables';
import { withIndexKeys } from './contact-keys';
import { withOpenKey } from './task-keys';

type Row = Record<string, unknown>;

/**
 * The index keys lib/db derives for a synced table's rows (the registry's `derivedKeys`), for
 * rows that arrive whole from outside lib/db's own writers: pulled pages and restored backups.
 * A table without derived keys needs no entry.
 */
const DERIVE: { [T in SyncTable]?: (row: SyncedRow<T>) => SyncedRow<T> } = {
  contacts: withIndexKeys,
  tasks: withOpenKey,
};

/** A parsed row of `table` with its derived index keys set. */
export function withDerivedKeys(table: SyncTable, row: Row): Row {
  const derive = DERIVE[table] as ((row: Row) => Row) | undefined;
  return derive ? derive(row) : row;
}
