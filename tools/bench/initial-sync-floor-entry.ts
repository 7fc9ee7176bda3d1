/**
 * In-page code of the first sync's second floor (issue 24): the rows the sync stores, written
 * straight into the CRM's database with Dexie `bulkPut`s, 1,000 rows to a transaction (the size of
 * a pulled page), marked as pulled so no outbox entry is made. No HTTP, JSON, merge or derived
 * activity facts: what IndexedDB in this browser takes for these rows by themselves.
 */
import Dexie from 'dexie';
import { openCrmDatabase } from '@/lib/db/database';
import { markApplyingPulled } from '@/lib/db/outbox';
import { generatedChanges, storedRow } from './initial-sync-rows';

const ROWS_PER_TRANSACTION = 1_000;

export async function writeRaw(contacts: number, interactions: number): Promise<{ rows: number; ms: number }> {
  const db = openCrmDatabase();
  await db.open();
  let rows = 0;
  let ms = 0;
  let batch: Array<{ table: string; row: Record<string, unknown> }> = [];
  const flush = async () => {
    // Only the writes are timed, not making the rows.
    const started = performance.now();
    await db.transaction('rw', db.contacts, db.interactions, async () => {
      markApplyingPulled(Dexie.currentTransaction!.idbtrans);
      await db.contacts.bulkPut(batch.filter((entry) => entry.table === 'contacts').map((entry) => entry.row) as never);
      await db.interactions.bulkPut(batch.filter((entry) => entry.table === 'interactions').map((entry) => entry.row) as never);
    });
    ms += performance.now() - started;
    rows += batch.length;
    batch = [];
  };
  for (const change of generatedChanges(contacts, interactions)) {
    batch.push({ table: change.table, row: storedRow(change) });
    if (batch.length === ROWS_PER_TRANSACTION) await flush();
  }
  if (batch.length) await flush();
  db.close();
  return { rows, ms: Math.round(ms) };
}
