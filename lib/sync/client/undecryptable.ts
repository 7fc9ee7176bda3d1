/**
 * Pulled rows of an encrypted workspace that did not open (a value tampered with on the server,
 * moved to another field, row or time, or sealed with a key this browser lacks) are set aside
 * here, never applied: one `sync:undecryptable:<table>:<id>` meta row each, holding the row as
 * pulled and why. The sync run goes on with the rest. The sync status counts them; unlocking
 * another key retries them. A later pull of the same row replaces its entry (or clears it when
 * that version opens), so what is kept is always the newest the server sent.
 */
import type { CrmDatabase } from '../../db/database';
import type { PulledRow } from '../shared/protocol';
import { openRow, type RowCipher } from './crypto/row-cipher';
import { applyPulledRows } from './apply-pulled';

export const UNDECRYPTABLE_PREFIX = 'sync:undecryptable:';

export interface UndecryptableRow {
  table: string;
  id: string;
  reason: string;
  at: number;
  row: PulledRow;
}

const entryKey = (table: string, id: string) => `${UNDECRYPTABLE_PREFIX}${table}:${id}`;

/** Records what did not open and forgets entries for rows that did open this time. */
export async function recordOpened(db: CrmDatabase, failed: ReadonlyArray<{ row: PulledRow; reason: string }>, opened: readonly PulledRow[], now = Date.now()): Promise<void> {
  const hasEntries = failed.length > 0 || (await db.meta.where('key').startsWith(UNDECRYPTABLE_PREFIX).count()) > 0;
  if (!hasEntries) return;
  await db.transaction('rw', db.meta, async () => {
    await db.meta.bulkDelete(opened.map((row) => entryKey(row.table, row.id)));
    await db.meta.bulkPut(
      failed.map(({ row, reason }) => ({ key: entryKey(row.table, row.id), value: { table: row.table, id: row.id, reason: reason.slice(0, 300), at: now, row } satisfies UndecryptableRow })),
    );
  });
}

export async function undecryptableRows(db: CrmDatabase): Promise<UndecryptableRow[]> {
  return (await db.meta.where('key').startsWith(UNDECRYPTABLE_PREFIX).toArray()).map((entry) => entry.value as UndecryptableRow);
}

export async function undecryptableCount(db: CrmDatabase): Promise<number> {
  return db.meta.where('key').startsWith(UNDECRYPTABLE_PREFIX).count();
}

/** Tries every set-aside row again with `cipher` (after an unlock): the ones that open are applied. */
export async function retryUndecryptable(db: CrmDatabase, cipher: RowCipher): Promise<{ applied: number; left: number }> {
  const entries = await undecryptableRows(db);
  const opened: PulledRow[] = [];
  for (const entry of entries) {
    try {
      opened.push(await openRow(cipher, entry.row));
    } catch {
      // still unreadable: it stays set aside
    }
  }
  if (opened.length > 0) {
    await applyPulledRows(db, opened, undefined);
    await db.meta.bulkDelete(opened.map((row) => entryKey(row.table, row.id)));
  }
  return { applied: opened.length, left: entries.length - opened.length };
}

/** Forgets every set-aside row (sign-out, or the user gave up on them). */
export async function discardUndecryptable(db: CrmDatabase): Promise<void> {
  const keys = await db.meta.where('key').startsWith(UNDECRYPTABLE_PREFIX).primaryKeys();
  await db.meta.bulkDelete(keys);
}
