/**
 * Signing out of sync: the settings (and token) go; this browser's sync bookkeeping and membership go, so a
 * later sign-in starts with a full first sync; local data stays or is wiped, as the user chose.
 * A wipe is not a delete to sync: it must not reach the server and erase the data everywhere,
 * so it is written as if pulled (no outbox), and the outbox is emptied with it.
 */
import Dexie from 'dexie';
import type { CrmDatabase } from '../../db/database';
import { markApplyingPulled } from '../../db/outbox';
import { PUBLISHED_TIERS_KEY } from '../../db/published-tiers';
import { SYNC_TABLES } from '../shared/tables';
import { MEMBERSHIP_KEY } from './membership';
import { clearSyncSettings } from './settings';
import { clearSyncStatus } from './status';

/** This browser's per-workspace sync rows: cursors, upload position, keys, envelopes, rewrite position, set-aside rows. */
/** Local rows about the wiped data: an outreach under way (its segment and people are gone), the tiers published from it. */
const WIPE_FORGETS = ['outreach:', PUBLISHED_TIERS_KEY];

const SIGNED_OUT_FORGETS = ['sync:cursor:', 'sync:upload:', 'sync:keys:', 'sync:encryption:', 'sync:rewrite:', 'sync:undecryptable:', 'sync:rotate-suggested:', 'sync:encryption-seen:'];

export async function signOutOfSync(db: CrmDatabase, { wipeLocalData }: { wipeLocalData: boolean }): Promise<void> {
  await clearSyncSettings();
  await db.transaction('rw', db.meta, async () => {
    // Membership goes too: signed out, this browser is a book of one again (every write allowed).
    // So do an encrypted workspace's unlocked keys and their bookkeeping: the passphrase unlocks again.
    const keys = (await db.meta.toCollection().primaryKeys()).filter((key) => key === MEMBERSHIP_KEY || SIGNED_OUT_FORGETS.some((prefix) => key.startsWith(prefix)));
    await db.meta.bulkDelete(keys);
  });
  await clearSyncStatus(db);
  if (!wipeLocalData) return;
  // Every synced table (the registry), and what is derived from them or queued for them.
  const tables = [...SYNC_TABLES.map((table) => db.table(table)), db.values, db.activity, db.outbox];
  await db.transaction('rw', [...tables, db.meta], async () => {
    markApplyingPulled(Dexie.currentTransaction!.idbtrans);
    await Promise.all(tables.map((table) => table.clear()));
    const forgotten = (await db.meta.toCollection().primaryKeys()).filter((key) => WIPE_FORGETS.some((prefix) => key.startsWith(prefix)));
    await db.meta.bulkDelete(forgotten);
  });
}
