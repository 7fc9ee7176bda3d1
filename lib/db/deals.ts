/**
 * Deals: what a contact bought (won), might buy (open) or did not (lost). Won deals are the
 * purchases that drive the value model, so every write that can change the set of won purchases
 * also bumps a revision counter in `meta`, in the same transaction. The background compares it
 * with the revision its last recompute saw: that comparison is the persisted "values are stale"
 * flag, and it survives the service worker being stopped between the write and the recompute.
 * A write that cannot change any purchase (an open deal's title, say) leaves it alone, so the
 * model is not refitted for nothing.
 *
 * Amounts are integer minor units of the deal's own `currency`; the value model converts them to
 * the home currency (lib/value/recompute.ts).
 */
import type { Table } from 'dexie';
import { Deal } from '../model';
import { WonPurchaseCollector, type CurrencySettings, type WonPurchases } from '../value/recompute';
import { refreshDealFacts } from './activity';
import type { CrmDatabase } from './types';
import { newId } from './ids';
import { readTeamStamp } from './team-stamp';

export const WON_DEALS_REVISION_KEY = 'values:won-deals-revision';

export type DealInput = Omit<Deal, 'id'>;
export type DealPatch = Partial<Omit<Deal, 'id' | 'contactId'>>;

/** The revision of the won-deal set: bumped by every write that changes a purchase. */
export async function wonDealsRevision(db: CrmDatabase): Promise<number> {
  const row = await db.meta.get(WON_DEALS_REVISION_KEY);
  return typeof row?.value === 'number' && Number.isInteger(row.value) ? row.value : 0;
}

/** Inside a transaction that includes `meta`: marks the values stale (the background recomputes). */
export async function bumpWonDealsRevision(db: CrmDatabase): Promise<void> {
  await db.meta.put({ key: WON_DEALS_REVISION_KEY, value: (await wonDealsRevision(db)) + 1 });
}

/** Does changing `before` into `after` change the purchases the model sees? */
function changesPurchases(before: Deal | undefined, after: Deal | undefined): boolean {
  const wasWon = before?.status === 'won';
  const isWon = after?.status === 'won';
  if (!wasWon && !isWon) return false;
  if (wasWon !== isWon) return true;
  return before!.amount !== after!.amount || before!.currency !== after!.currency || before!.at !== after!.at;
}

/** Adds a deal to a live contact. Throws (nothing written) if the deal is invalid or the contact is gone. */
export async function addDeal(db: CrmDatabase, input: DealInput, now: number = Date.now()): Promise<Deal> {
  const team = await readTeamStamp(db);
  // The server stamps the author from the token; ours shows "You" before the first push.
  const deal = Deal.parse({ ...(team ? { ownerId: team.user, authorId: team.user } : {}), ...input, id: newId(now) });
  return db.transaction('rw', [db.contacts, db.deals, db.meta, db.activity], async () => {
    const contact = await db.contacts.get(deal.contactId);
    if (!contact || contact.deletedAt) throw new Error(`No contact with id ${deal.contactId}`);
    await db.deals.add(deal);
    if (changesPurchases(undefined, deal)) await bumpWonDealsRevision(db);
    await refreshDealFacts(db, deal.contactId, now);
    return deal;
  });
}

/** Changes a deal's fields (e.g. open → won). Throws if the deal does not exist or the result is invalid. */
export async function updateDeal(db: CrmDatabase, id: string, patch: DealPatch): Promise<Deal> {
  return db.transaction('rw', [db.deals, db.meta, db.activity], async () => {
    const existing = await db.deals.get(id);
    if (!existing) throw new Error(`No deal with id ${id}`);
    const updated = Deal.parse({ ...existing, ...patch, id, contactId: existing.contactId });
    await db.deals.put(updated);
    if (changesPurchases(existing, updated)) await bumpWonDealsRevision(db);
    await refreshDealFacts(db, existing.contactId);
    return updated;
  });
}

/** Removes a deal; false if there was none. */
export async function removeDeal(db: CrmDatabase, id: string): Promise<boolean> {
  return db.transaction('rw', [db.deals, db.meta, db.activity], async () => {
    const existing = await db.deals.get(id);
    if (!existing) return false;
    await db.deals.delete(id);
    if (changesPurchases(existing, undefined)) await bumpWonDealsRevision(db);
    await refreshDealFacts(db, existing.contactId);
    return true;
  });
}

/** A contact's deals, newest first. */
export async function dealsOf(db: CrmDatabase, contactId: string): Promise<Deal[]> {
  return db.deals
    .where('[contactId+at]')
    .between([contactId, -Infinity], [contactId, Infinity])
    .reverse()
    .toArray();
}

export async function wonDeals(db: CrmDatabase): Promise<Deal[]> {
  return db.deals.where('status').equals('won').toArray();
}

/** Rows per read: small enough that other readers (the side panel) get in between chunks. */
const READ_CHUNK = 20_000;

/**
 * Every row of a table in primary-key order, read in chunks of separate transactions. One big
 * read would hold IndexedDB's attention for seconds with a million rows, and every other read of
 * the database (a tier badge, a contact list) would wait behind it.
 */
export async function readAllInChunks<T, TInsert>(
  table: Table<T, string, TInsert>,
  keyOf: (row: T) => string,
  chunk: number = READ_CHUNK,
): Promise<T[]> {
  const rows: T[] = [];
  let last: string | undefined;
  for (;;) {
    const page = await (last === undefined ? table.orderBy(':id') : table.where(':id').above(last)).limit(chunk).toArray();
    for (const row of page) rows.push(row);
    if (page.length < chunk) return rows;
    last = keyOf(page[page.length - 1]!);
  }
}

/**
 * Deals per read of the recompute: one read of 20,000 took ~0.2 s in IndexedDB, during which a
 * tier badge's read of the values waited; 5,000 keep that wait near 50 ms, and the next chunk is
 * already asked for while one is folded, so the smaller reads cost no time.
 */
const DEAL_READ_CHUNK = 5_000;

/**
 * Every row of a table in primary-key order, handed to `onChunk` a chunk at a time and not kept:
 * each chunk is a separate transaction (as readAllInChunks), and the next chunk is asked for
 * before this one is handed over, so IndexedDB reads it while the caller works on this one.
 */
export async function eachChunk<T, TInsert>(
  table: Table<T, string, TInsert>,
  keyOf: (row: T) => string,
  onChunk: (rows: T[]) => void,
  chunk: number = READ_CHUNK,
): Promise<void> {
  const pageAfter = (last: string | undefined) => (last === undefined ? table.orderBy(':id') : table.where(':id').above(last)).limit(chunk).toArray();
  let page = await pageAfter(undefined);
  for (;;) {
    const next = page.length < chunk ? undefined : pageAfter(keyOf(page[page.length - 1]!));
    onChunk(page);
    if (!next) return;
    page = await next;
  }
}

/**
 * Won deals of live contacts as model purchases (major units of the home currency that `currency`
 * resolves to, local calendar days), with the
 * live contact ids (every one of them is listed by the model, buyers or not), the number of
 * contact rows (deleted ones included: the stamp's `contacts`) and the won-deal revision.
 *
 * Only what the model needs is read: the contacts' ids (keys, not rows) and the deleted ones
 * through the `deletedAt` index; the deals a chunk at a time, each folded into purchases and
 * dropped before the next is held (a million deal rows at once cost more in memory and garbage
 * collection than the reading itself).
 *
 * The read is chunked, so it is not one snapshot. The revision returned is
 * the one read *before* the rows: a deal written meanwhile has bumped it past that, so whatever
 * is computed from this read is already stale and will be redone.
 */
export async function readWonPurchases(
  db: CrmDatabase,
  currency: CurrencySettings = { rates: {} },
): Promise<WonPurchases & { contactIds: string[]; contactRows: number; revision: number }> {
  const revision = await wonDealsRevision(db);
  // deletedAt is an epoch-milliseconds stamp when present (RecordedAt), so "above 0" is "set".
  const [allIds, deletedIds] = await db.transaction('r', db.contacts, () =>
    Promise.all([db.contacts.toCollection().primaryKeys(), db.contacts.where('deletedAt').above(0).primaryKeys()]),
  );
  const deleted = new Set(deletedIds);
  const contactIds = deleted.size === 0 ? allIds : allIds.filter((id) => !deleted.has(id));
  const collector = new WonPurchaseCollector(new Set(contactIds));
  await eachChunk(db.deals, (deal) => deal.id, (deals) => collector.add(deals), DEAL_READ_CHUNK);
  return { ...collector.finish(currency), contactIds, contactRows: allIds.length, revision };
}
