/**
 * Activity facts: per contact, what the profile and (later) list columns, filters and sorts show
 * about their activity: when they were last contacted, how many interactions in the last 90 days,
 * what their open deals are worth and what they have bought in all. They are kept in the
 * `activity` table (schema version 2) by lib/db itself, in the same transaction as every
 * interaction or deal write, so readers never recompute them.
 *
 * - `lastContactedAt`: the latest `at` of an interaction that is real contact (email, call,
 *   meeting, visit). Notes, stage changes and completed tasks are not contact. Indexed.
 * - "Interactions in the last 90 days" depends on the clock, so a stored count would go stale
 *   without any write. What is stored instead is `recentTouches`: the timestamps of interactions
 *   (contact kinds and notes) newer than 90 days *as of the last write*, sorted ascending and
 *   pruned on every write. Readers count the ones newer than `now − 90 days` (recentInteractionCount):
 *   exact at any later time, since an entry only ever leaves the window. `recentTouchesFrom`
 *   is indexed (the oldest kept timestamp), enough to find contacts with no recent activity.
 * - `openDealValue` / `wonValue`: sums of open and won deal amounts in minor units, recomputed
 *   from the contact's deals (a handful per contact, read by index) on every deal write. Indexed.
 *   These stored sums add minor units whatever their currency (they exist for sorts and filters):
 *   `currency` is the one most deals use, and `mixedCurrencies` says when several were added, in
 *   which case the profile reads the deals and shows a total per currency instead.
 *
 * A contact without a row has no activity: rows are created by the first interaction or deal.
 */
import type { Table, Transaction } from 'dexie';
import type { Deal, Interaction } from '../model';
import type { ActivityFacts, CrmDatabase } from './types';

export const RECENT_WINDOW_DAYS = 90;
export const RECENT_WINDOW_MS = RECENT_WINDOW_DAYS * 86_400_000;

/** Interactions that are real contact with the person. */
export const CONTACT_KINDS: ReadonlySet<Interaction['kind']> = new Set(['email', 'call', 'meeting', 'visit']);
/** Interactions counted in "interactions in the last 90 days": contact, and notes about them. */
export const COUNTED_KINDS: ReadonlySet<Interaction['kind']> = new Set(['email', 'call', 'meeting', 'visit', 'note']);

export type { ActivityFacts } from './types';

export function emptyActivity(contactId: string, now: number): ActivityFacts {
  return { contactId, recentTouches: [], openDealValue: 0, wonValue: 0, mixedCurrencies: false, updatedAt: now };
}

function withTouches(facts: ActivityFacts, touches: number[], now: number): ActivityFacts {
  const since = now - RECENT_WINDOW_MS;
  const kept = touches.filter((at) => at > since).sort((a, b) => a - b);
  const next: ActivityFacts = { ...facts, recentTouches: kept, updatedAt: now };
  if (kept.length > 0) next.recentTouchesFrom = kept[0];
  else delete next.recentTouchesFrom;
  return next;
}

/** The facts after one more interaction. Pure. */
export function applyInteraction(facts: ActivityFacts, interaction: Pick<Interaction, 'kind' | 'at'>, now: number): ActivityFacts {
  let next = facts;
  if (CONTACT_KINDS.has(interaction.kind) && (facts.lastContactedAt === undefined || interaction.at > facts.lastContactedAt)) {
    next = { ...next, lastContactedAt: interaction.at };
  }
  if (COUNTED_KINDS.has(interaction.kind) && (facts.lastTouchedAt === undefined || interaction.at > facts.lastTouchedAt)) {
    next = { ...next, lastTouchedAt: interaction.at };
  }
  const touches = COUNTED_KINDS.has(interaction.kind) ? [...facts.recentTouches, interaction.at] : facts.recentTouches;
  return withTouches(next, touches, now);
}

/** The facts with deal sums recomputed from all of the contact's deals. Pure. */
export function applyDeals(facts: ActivityFacts, deals: readonly Pick<Deal, 'status' | 'amount' | 'currency'>[], now: number): ActivityFacts {
  let open = 0;
  let won = 0;
  const perCurrency = new Map<string, number>();
  for (const deal of deals) {
    if (deal.status === 'open') open += deal.amount;
    else if (deal.status === 'won') won += deal.amount;
    else continue;
    perCurrency.set(deal.currency, (perCurrency.get(deal.currency) ?? 0) + 1);
  }
  const currency = [...perCurrency.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const next: ActivityFacts = { ...facts, openDealValue: open, wonValue: won, mixedCurrencies: perCurrency.size > 1, updatedAt: now };
  if (currency) next.currency = currency;
  else delete next.currency;
  return next;
}

/** How many counted interactions fall in the 90 days before `now`. */
export function recentInteractionCount(facts: Pick<ActivityFacts, 'recentTouches'> | undefined, now: number = Date.now()): number {
  if (!facts) return 0;
  const since = now - RECENT_WINDOW_MS;
  return facts.recentTouches.filter((at) => at > since).length;
}

/** Whole days since the last contact (0 today), or null if never contacted. */
export function daysSinceLastContact(facts: Pick<ActivityFacts, 'lastContactedAt'> | undefined, now: number = Date.now()): number | null {
  if (facts?.lastContactedAt === undefined) return null;
  return Math.max(0, Math.floor((now - facts.lastContactedAt) / 86_400_000));
}

/** Inside a transaction that includes `activity`: records interactions just written. */
export async function recordInteractions(db: CrmDatabase, interactions: readonly Interaction[], now: number = Date.now()): Promise<void> {
  const byContact = new Map<string, Interaction[]>();
  for (const interaction of interactions) {
    const list = byContact.get(interaction.contactId) ?? [];
    list.push(interaction);
    byContact.set(interaction.contactId, list);
  }
  if (byContact.size === 0) return;
  // One read and one write for all of them, not a round trip per contact (an import logs a
  // thousand notes).
  const contactIds = [...byContact.keys()];
  const stored = await db.activity.bulkGet(contactIds);
  const updated = contactIds.map((contactId, index) => {
    let facts = stored[index] ?? emptyActivity(contactId, now);
    for (const interaction of byContact.get(contactId)!) facts = applyInteraction(facts, interaction, now);
    return facts;
  });
  await db.activity.bulkPut(updated);
}

/** Inside a transaction that includes `deals` and `activity`: recomputes one contact's deal sums. */
export async function refreshDealFacts(db: CrmDatabase, contactId: string, now: number = Date.now()): Promise<void> {
  const deals = await db.deals.where('[contactId+at]').between([contactId, -Infinity], [contactId, Infinity]).toArray();
  const facts = (await db.activity.get(contactId)) ?? emptyActivity(contactId, now);
  await db.activity.put(withTouches(applyDeals(facts, deals, now), facts.recentTouches, now));
}

/** One contact's facts, or undefined when they have no activity at all. */
export async function activityOf(db: CrmDatabase, contactId: string): Promise<ActivityFacts | undefined> {
  return db.activity.get(contactId);
}

/**
 * The version 1 → 2 upgrade: facts for every contact with interactions or deals, computed from
 * the version-1 rows in one pass over each table (per-contact state only, never all rows at once).
 */
export async function upgradeActivityFromV1(tx: Transaction, now: number = Date.now()): Promise<void> {
  // Per contact, only what the facts need: the latest contact and the recent timestamps. The
  // facts are built once per contact at the end (applying rows one by one would copy arrays).
  const seen = new Map<string, { lastContactedAt?: number; lastTouchedAt?: number; touches: number[] }>();
  const since = now - RECENT_WINDOW_MS;
  const dealsByContact = new Map<string, Pick<Deal, 'status' | 'amount' | 'currency'>[]>();
  await (tx.table('interactions') as Table<Interaction, string>).each((interaction) => {
    let state = seen.get(interaction.contactId);
    if (!state) seen.set(interaction.contactId, (state = { touches: [] }));
    if (CONTACT_KINDS.has(interaction.kind) && (state.lastContactedAt === undefined || interaction.at > state.lastContactedAt)) {
      state.lastContactedAt = interaction.at;
    }
    if (COUNTED_KINDS.has(interaction.kind) && (state.lastTouchedAt === undefined || interaction.at > state.lastTouchedAt)) {
      state.lastTouchedAt = interaction.at;
    }
    if (COUNTED_KINDS.has(interaction.kind) && interaction.at > since) state.touches.push(interaction.at);
  });
  await (tx.table('deals') as Table<Deal, string>).each((deal) => {
    const list = dealsByContact.get(deal.contactId) ?? [];
    list.push({ status: deal.status, amount: deal.amount, currency: deal.currency });
    dealsByContact.set(deal.contactId, list);
  });
  const rows: ActivityFacts[] = [];
  for (const contactId of new Set([...seen.keys(), ...dealsByContact.keys()])) {
    const state = seen.get(contactId);
    let facts = emptyActivity(contactId, now);
    if (state?.lastContactedAt !== undefined) facts.lastContactedAt = state.lastContactedAt;
    if (state?.lastTouchedAt !== undefined) facts.lastTouchedAt = state.lastTouchedAt;
    facts = withTouches(facts, state?.touches ?? [], now);
    rows.push(applyDeals(facts, dealsByContact.get(contactId) ?? [], now));
  }
  await (tx.table('activity') as Table<ActivityFacts, string>).bulkPut(rows);
}

/**
 * Inside a transaction over interactions, deals and activity: the facts of these contacts rebuilt
 * from all their rows (after a merge moved many, or a sync page brought them), read with one
 * indexed query per table rather than one per contact. A contact with no rows left has none.
 */
export async function recomputeActivityOf(db: CrmDatabase, contactIds: string[], now: number): Promise<void> {
  if (contactIds.length === 0) return;
  const since = now - RECENT_WINDOW_MS;
  const [interactions, deals] = await Promise.all([db.interactions.where('contactId').anyOf(contactIds).toArray(), db.deals.where('contactId').anyOf(contactIds).toArray()]);
  const facts = new Map<string, ActivityFacts>(contactIds.map((id) => [id, emptyActivity(id, now)]));
  const seen = new Set<string>();
  for (const row of interactions) {
    const entry = facts.get(row.contactId)!;
    seen.add(row.contactId);
    if (CONTACT_KINDS.has(row.kind) && (entry.lastContactedAt === undefined || row.at > entry.lastContactedAt)) entry.lastContactedAt = row.at;
    if (COUNTED_KINDS.has(row.kind) && (entry.lastTouchedAt === undefined || row.at > entry.lastTouchedAt)) entry.lastTouchedAt = row.at;
    if (COUNTED_KINDS.has(row.kind) && row.at > since) entry.recentTouches.push(row.at);
  }
  const dealsOf = new Map<string, Deal[]>();
  for (const deal of deals) {
    seen.add(deal.contactId);
    dealsOf.set(deal.contactId, [...(dealsOf.get(deal.contactId) ?? []), deal]);
  }
  const puts: ActivityFacts[] = [];
  for (const [id, entry] of facts) {
    if (!seen.has(id)) continue;
    entry.recentTouches.sort((a, b) => a - b);
    if (entry.recentTouches.length > 0) entry.recentTouchesFrom = entry.recentTouches[0];
    puts.push(applyDeals(entry, dealsOf.get(id) ?? [], now));
  }
  await db.activity.bulkDelete(contactIds.filter((id) => !seen.has(id)));
  await db.activity.bulkPut(puts);
}
