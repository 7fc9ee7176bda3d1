import type { Deal, Interaction } from '../model';
import type { SyncedRow, SyncTable } from '../sync/shared/tables';
import { recordInteractions, refreshDealFacts } from './activity';
import type { CrmDatabase } from './types';
import { bumpWonDealsRevision } from './deals';

/**
 * What lib/db derives from rows that a restore added whole, outside lib/db's own writers:
 * activity facts from history and deals, and the won-deals revision the value model watches.
 * A synced table that feeds nothing derived (contacts, tasks, templates) needs no entry.
 * Runs inside the restore's transaction, which must include `activity` and `meta`.
 */
const AFTER_RESTORE: { [T in SyncTable]?: (db: CrmDatabase, rows: readonly SyncedRow<T>[], now: number) => Promise<void> } = {
  interactions: (db, rows, now) => recordInteractions(db, rows as readonly Interaction[], now),
  deals: async (db, rows, now) => {
    const deals = rows as readonly Deal[];
    // A won deal is a purchase: bump the revision the background compares, as lib/db does.
    if (deals.some((deal) => deal.status === 'won')) await bumpWonDealsRevision(db);
    for (const contactId of new Set(deals.map((deal) => deal.contactId))) await refreshDealFacts(db, contactId, now);
  },
};

export async function deriveFromRestoredRows(db: CrmDatabase, table: SyncTable, rows: readonly Record<string, unknown>[], now: number): Promise<void> {
  const derive = AFTER_RESTORE[table] as ((db: CrmDatabase, rows: readonly Record<string, unknown>[], now: number) => Promise<void>) | undefined;
  if (derive && rows.length > 0) await derive(db, rows, now);
}
