/**
 * The `values` table: one derived row per contact, written only by the background recompute and
 * read by the side panel, the analytics page and anyone else. Beside it, one `meta` row describes
 * the last recompute: whether the model was fitted (and if not, why), under which settings, and
 * the stamp (won-deal revision, settings, day, contact count) that tells whether it is stale.
 */
import Dexie from 'dexie';
import { z } from 'zod';
import { ContactValue } from '../model';
import { resolveHomeCurrency } from '../value/currency';
import type { ValueModel } from '../value/model';
import type { CrmDatabase } from './types';

export const VALUES_STATE_KEY = 'values:state';

/** What a recompute was based on; any difference means the stored values are stale. */
export const ValuesStamp = z.object({
  wonDealsRevision: z.number().int().nonnegative(),
  /** valueSettingsKey() of the settings used. */
  settingsKey: z.string(),
  /** Calibration end: the local day of the recompute (T grows every day). */
  day: z.string(),
  /** Rows in `contacts`: a new contact is a new prospect. */
  contacts: z.number().int().nonnegative(),
});
export type ValuesStamp = z.infer<typeof ValuesStamp>;

export const ValuesState = z.object({
  stamp: ValuesStamp,
  fitted: z.boolean(),
  /** Why the model is not fitted (only when `fitted` is false). */
  reason: z.string().optional(),
  computedAt: z.number().int().nonnegative(),
  horizonWeeks: z.number(),
  strategicShare: z.number(),
  atRiskMaxPAlive: z.number(),
  discountRate: z.number(),
  /** Contacts with a purchase by the calibration end. */
  purchasers: z.number().int().nonnegative(),
  contacts: z.number().int().nonnegative(),
  /** Won deals per currency (their own), converted to the home currency or not. */
  currencies: z.record(z.string(), z.number()),
  /** What every amount of this state and of the rows is in (absent in states from before currencies). */
  homeCurrency: z.string().optional(),
  /** The rates used: units of the home currency per unit of each other currency. */
  rates: z.record(z.string(), z.number()).optional(),
  /** Won deals left out per currency because it had no rate (absent or empty: none). */
  unconverted: z.record(z.string(), z.number()).optional(),
  bgnbd: z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number(), logLik: z.number() }).optional(),
  gammaGamma: z.object({ p: z.number(), q: z.number(), gamma: z.number() }).optional(),
  /** Milliseconds spent reading deals, fitting/tiering and writing rows. */
  timings: z.object({ readMs: z.number(), computeMs: z.number(), writeMs: z.number() }),
  /** Rows actually written (changed or new) and removed by this recompute. */
  written: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
});
export type ValuesState = z.infer<typeof ValuesState>;

/** The currency a state's amounts (and its rows') are in; for an older state, its main currency. */
export function homeCurrencyOf(state: Pick<ValuesState, 'homeCurrency' | 'currencies'> | null | undefined): string {
  return state?.homeCurrency ?? resolveHomeCurrency(undefined, state?.currencies ?? {});
}

export function sameStamp(a: ValuesStamp, b: ValuesStamp): boolean {
  return a.wonDealsRevision === b.wonDealsRevision && a.settingsKey === b.settingsKey && a.day === b.day && a.contacts === b.contacts;
}

/**
 * Model output → `values` rows. rfm follows the BG/NBD papers' RFM summary, in weeks and major
 * units of the home currency: r = recency t_x (weeks from first to last purchase), f = frequency x (repeat
 * purchase days), m = m̄ (mean repeat-purchase value); all 0 for a contact with no purchase.
 * Model numbers stay null when the model is not fitted.
 */
export function toContactValueRows(model: ValueModel, computedAt: number): ContactValue[] {
  return model.customers.map((customer) => ({
    contactId: customer.id,
    historical: customer.historical,
    predictedPurchases: customer.expectedPurchases,
    // Guard the schema's [0, 1] against a last-bit rounding excursion.
    pAlive: customer.pAlive === null ? null : Math.min(1, Math.max(0, customer.pAlive)),
    expectedSpend: customer.expectedSpend,
    clv: customer.clv,
    rfm: { r: customer.t_x ?? 0, f: customer.x ?? 0, m: customer.mbar ?? 0 },
    tier: customer.tier,
    explanation: customer.explanation,
    computedAt,
  }));
}

/** Equal apart from computedAt: such a row need not be rewritten. */
function sameValue(a: ContactValue, b: ContactValue): boolean {
  return (
    a.tier === b.tier &&
    a.explanation === b.explanation &&
    a.historical === b.historical &&
    a.predictedPurchases === b.predictedPurchases &&
    a.pAlive === b.pAlive &&
    a.expectedSpend === b.expectedSpend &&
    a.clv === b.clv &&
    a.rfm.r === b.rfm.r &&
    a.rfm.f === b.rfm.f &&
    a.rfm.m === b.rfm.m
  );
}

export interface WriteValuesResult {
  written: number;
  removed: number;
  unchanged: number;
  /** Time spent comparing and writing, state row excluded. */
  writeMs: number;
}

/**
 * Rows per write transaction, and how many such transactions are asked for at once. A tier
 * badge's read of the values waits for the transactions queued before it: two chunks of 500 rows
 * (~100 µs a row in Chromium, so ~0.1 s together). The second one queued hides the gap between
 * one transaction's end and the worker asking for the next (100 chunks of 1,000 one at a time
 * took 1.3× a raw write of the same rows).
 */
const WRITE_CHUNK = 500;
const WRITES_IN_FLIGHT = 2;

const byContactId = (a: ContactValue, b: ContactValue) => (a.contactId < b.contactId ? -1 : a.contactId > b.contactId ? 1 : 0);

/**
 * Replaces the values table with `rows`, then records `state`. Only rows that differ (ignoring
 * computedAt) are written, and rows of contacts no longer listed are removed: a recompute that
 * changes little writes little, and live queries on unchanged rows do not fire.
 *
 * The rows go in key order, a chunk per transaction (two asked for at a time), and each
 * transaction first reads the stored rows of its own key range (from its first row to the next chunk's first; the first and last
 * chunks reach the ends) to compare with: the table is read once, a slice at a time, instead of
 * whole before anything is written. Readers are never blocked for the whole write (100,000 rows);
 * one may meanwhile see some rows from this recompute and some from the last. The state row goes
 * last: if the worker stops halfway, the stamp still says stale and the next start redoes the
 * work. Every row is validated before anything is written.
 */
export async function writeValues(
  db: CrmDatabase,
  rows: readonly ContactValue[],
  state: Omit<ValuesState, 'written' | 'removed'>,
  chunk: number = WRITE_CHUNK,
): Promise<WriteValuesResult> {
  const started = performance.now();
  const parsed = rows.map((row) => ContactValue.parse(row));
  // The model lists contacts in key order already; sort only when handed rows that are not.
  if (parsed.some((row, i) => i > 0 && byContactId(parsed[i - 1]!, row) > 0)) parsed.sort(byContactId);
  let written = 0;
  let removed = 0;
  const writeChunk = (start: number) => {
    const slice = parsed.slice(start, start + chunk);
    const lower = start === 0 ? Dexie.minKey : slice[0]!.contactId;
    const upper = start + chunk >= parsed.length ? Dexie.maxKey : parsed[start + chunk]!.contactId;
    return db.transaction('rw', db.values, async () => {
      const stored = await db.values.where(':id').between(lower, upper, true, false).toArray();
      const existing = new Map(stored.map((row) => [row.contactId, row]));
      const changed = slice.filter((row) => {
        const before = existing.get(row.contactId);
        existing.delete(row.contactId);
        return !before || !sameValue(before, row);
      });
      const gone = [...existing.keys()];
      if (changed.length > 0) await db.values.bulkPut(changed);
      if (gone.length > 0) await db.values.bulkDelete(gone);
      written += changed.length;
      removed += gone.length;
    });
  };
  // The chunks' key ranges do not overlap, so the order they commit in does not matter.
  const inFlight: Promise<void>[] = [];
  for (let start = 0; start === 0 || start < parsed.length; start += chunk) {
    const done = writeChunk(start);
    done.catch(() => undefined); // awaited below; this only keeps a failure from counting as unhandled meanwhile
    inFlight.push(done);
    if (inFlight.length >= WRITES_IN_FLIGHT) await inFlight.shift();
  }
  await Promise.all(inFlight);
  const writeMs = performance.now() - started;
  const result = { written, removed, unchanged: parsed.length - written, writeMs };
  await db.meta.put({
    key: VALUES_STATE_KEY,
    value: ValuesState.parse({ ...state, timings: { ...state.timings, writeMs }, written: result.written, removed: result.removed }),
  });
  return result;
}

export async function readContactValue(db: CrmDatabase, contactId: string): Promise<ContactValue | undefined> {
  return db.values.get(contactId);
}

export async function readAllValues(db: CrmDatabase): Promise<ContactValue[]> {
  return db.values.toArray();
}

/** The currency tiers and totals add up in now: the last recompute's home currency. */
export async function readHomeCurrency(db: CrmDatabase): Promise<string> {
  return homeCurrencyOf(await readValuesState(db));
}

/** The last recompute's description, or null if there has been none (or it is unreadable). */
export async function readValuesState(db: CrmDatabase): Promise<ValuesState | null> {
  const row = await db.meta.get(VALUES_STATE_KEY);
  const parsed = ValuesState.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}
