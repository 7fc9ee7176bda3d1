import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createValueRecompute, followWonDeals, startValueRecompute, valueRecompute } from '@/entrypoints/background/value-recompute';
import { addDeal, crmDatabase, openCrmDatabase, readAllValues, readValuesState, type CrmDatabase } from '@/lib/db';
import { DEFAULT_VALUE_SETTINGS, readValueSettings, saveValueSettings } from '@/lib/settings';
import { addContacts, DAY_MS, syntheticDeals } from './fixtures';

const NOW = new Date(2024, 4, 1, 15).getTime();

let db: CrmDatabase;
let count = 0;
let now = NOW;

beforeEach(async () => {
  fakeBrowser.reset();
  db = openCrmDatabase(`recompute-test-${++count}`);
  await db.open();
  now = NOW;
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

function recompute(overrides: Parameters<typeof createValueRecompute>[0] = {}) {
  return createValueRecompute({ db: () => db, now: () => now, delayMs: 10, keepAlive: () => undefined, ...overrides });
}

const wonDeal = (contactId: string, amount: number, at = NOW - DAY_MS) => ({
  contactId,
  title: 'Order',
  amount,
  currency: 'USD',
  status: 'won' as const,
  at,
});

describe('value recompute', () => {
  it('computes on first run: every contact gets a row, buyers or not', async () => {
    await addContacts(db, ['ada', 'bob', 'cy']);
    await addDeal(db, wonDeal('ada', 50_000));
    await addDeal(db, wonDeal('bob', 1_000));
    const outcome = await recompute().runIfStale();
    expect(outcome.kind).toBe('computed');
    const rows = new Map((await readAllValues(db)).map((row) => [row.contactId, row]));
    expect(rows.get('ada')).toMatchObject({ tier: 'strategic', historical: 500, clv: null, pAlive: null });
    expect(rows.get('cy')).toMatchObject({ tier: 'prospect', explanation: 'no purchase yet' });
    const state = await readValuesState(db);
    expect(state).toMatchObject({
      fitted: false,
      reason: 'only 0 customers with a repeat purchase; the model needs at least 30',
      stamp: { wonDealsRevision: 2, day: '2024-05-01', contacts: 3 },
      purchasers: 2,
      contacts: 3,
      currencies: { USD: 2 },
      written: 3,
      removed: 0,
    });
  });

  it('skips when nothing changed, even in a freshly started worker', async () => {
    await addContacts(db, ['ada']);
    await addDeal(db, wonDeal('ada', 100));
    expect((await recompute().runIfStale()).kind).toBe('computed');
    expect(await recompute().runIfStale()).toEqual({ kind: 'skipped', reason: 'up to date' });
    // An open deal cannot change any value: still nothing to do.
    await addDeal(db, { ...wonDeal('ada', 100), status: 'open' });
    expect((await recompute().runIfStale()).kind).toBe('skipped');
  });

  it('recomputes on the next start when the worker stopped before the debounce fired', async () => {
    await addContacts(db, ['ada', 'bob']);
    const first = recompute();
    await first.runIfStale();
    await addDeal(db, wonDeal('bob', 90_000));
    // The worker whose live query would have seen the deal is gone; a new one starts and checks.
    const restarted = recompute();
    restarted.schedule();
    await restarted.whenIdle();
    expect((await readAllValues(db)).find((row) => row.contactId === 'bob')).toMatchObject({ tier: 'strategic', historical: 900 });
  });

  it('debounces a burst of triggers into one recompute', async () => {
    await addContacts(db, ['ada']);
    const readSettings = vi.fn(readValueSettings);
    const queue = recompute({ readSettings, delayMs: 30 });
    for (let i = 0; i < 5; i += 1) {
      await addDeal(db, wonDeal('ada', 100 + i));
      queue.schedule();
    }
    await queue.whenIdle();
    expect(readSettings).toHaveBeenCalledTimes(1);
    expect((await readValuesState(db))?.stamp.wonDealsRevision).toBe(5);
  });

  it('recomputes when the day, the settings or the contacts change', async () => {
    await addContacts(db, ['ada']);
    await addDeal(db, wonDeal('ada', 100));
    const queue = recompute();
    expect((await queue.runIfStale()).kind).toBe('computed');
    now += DAY_MS;
    expect((await queue.runIfStale()).kind).toBe('computed');
    await saveValueSettings({ ...DEFAULT_VALUE_SETTINGS, horizonWeeks: 26 });
    expect((await queue.runIfStale()).kind).toBe('computed');
    expect((await readValuesState(db))?.horizonWeeks).toBe(26);
    await addContacts(db, ['new']);
    expect((await queue.runIfStale()).kind).toBe('computed');
    expect((await readAllValues(db)).find((row) => row.contactId === 'new')?.tier).toBe('prospect');
    expect((await queue.runIfStale()).kind).toBe('skipped');
  });

  it('leaves the values stale when a deal lands during a run, so the next check redoes them', async () => {
    await addContacts(db, ['ada']);
    await addDeal(db, wonDeal('ada', 100));
    let landed: Promise<unknown> | undefined;
    let calls = 0;
    const queue = recompute({
      // Called before the read, after it and after computing: land the deal after the read.
      keepAlive: () => {
        if (++calls === 2) landed = addDeal(db, wonDeal('ada', 200, NOW));
      },
    });
    expect((await queue.runIfStale()).kind).toBe('computed');
    await landed;
    expect((await queue.runIfStale()).kind).toBe('computed');
    expect((await readAllValues(db))[0]?.historical).toBe(3);
  });

  it('fits the model with enough repeat buyers, and the thresholds move the tiers', async () => {
    const deals = syntheticDeals(80, NOW);
    await addContacts(db, [...new Set(deals.map((deal) => deal.contactId))]);
    await db.deals.bulkPut(deals);
    await addDeal(db, wonDeal('c0', 100)); // bumps the revision, as every lib/db write does
    const queue = recompute();
    const outcome = await queue.runIfStale();
    expect(outcome.kind).toBe('computed');
    const state = await readValuesState(db);
    expect(state?.fitted).toBe(true);
    expect(state?.bgnbd?.r).toBeGreaterThan(0);
    const rows = await readAllValues(db);
    for (const row of rows) {
      expect(row.pAlive).not.toBeNull();
      expect(row.pAlive!).toBeGreaterThanOrEqual(0);
      expect(row.pAlive!).toBeLessThanOrEqual(1);
      expect(row.clv).not.toBeNull();
    }
    const strategicAt80 = rows.filter((row) => row.tier === 'strategic').length;
    await saveValueSettings({ ...DEFAULT_VALUE_SETTINGS, strategicShare: 0.5 });
    expect((await queue.runIfStale()).kind).toBe('computed');
    const strategicAt50 = (await readAllValues(db)).filter((row) => row.tier === 'strategic').length;
    expect(strategicAt50).toBeLessThan(strategicAt80);
  });

  it('converts won deals to the home currency, leaves out and counts those without a rate, and writes reasons in it', async () => {
    await addContacts(db, ['ada', 'bob', 'cy']);
    await addDeal(db, { ...wonDeal('ada', 100_000), currency: 'EUR' }); // €1,000
    await addDeal(db, wonDeal('bob', 80_000)); // $800 at 1.25 = €1,000: not €800 (1:1) and not $800
    await addDeal(db, { ...wonDeal('cy', 900_000), currency: 'GBP' }); // no rate: left out, not €9,000
    await saveValueSettings({ ...DEFAULT_VALUE_SETTINGS, homeCurrency: 'EUR', rates: { USD: 1.25 } });
    expect((await recompute().runIfStale()).kind).toBe('computed');
    const rows = new Map((await readAllValues(db)).map((row) => [row.contactId, row]));
    expect(rows.get('ada')).toMatchObject({ historical: 1000 });
    expect(rows.get('bob')).toMatchObject({ historical: 1000 });
    expect(rows.get('cy')).toMatchObject({ historical: 0, tier: 'prospect' });
    const euros = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(1000);
    expect(rows.get('ada')!.explanation).toContain(`spent ${euros}`);
    expect(rows.get('ada')!.explanation).not.toContain('$');
    expect(await readValuesState(db)).toMatchObject({
      homeCurrency: 'EUR',
      rates: { USD: 1.25 },
      currencies: { EUR: 1, USD: 1, GBP: 1 },
      unconverted: { GBP: 1 },
    });

    // A rate for GBP, saved later, brings cy's deal in: the settings are part of the stamp.
    await saveValueSettings({ ...DEFAULT_VALUE_SETTINGS, homeCurrency: 'EUR', rates: { USD: 1.25, GBP: 0.5 } });
    expect((await recompute().runIfStale()).kind).toBe('computed');
    expect((await readAllValues(db)).find((row) => row.contactId === 'cy')).toMatchObject({ historical: 4500 });
    expect((await readValuesState(db))?.unconverted).toEqual({});
  });

  it('reports a failure instead of throwing, and stays stale', async () => {
    await addContacts(db, ['ada']);
    await addDeal(db, wonDeal('ada', 100));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failing = recompute({ readSettings: async () => ({ ...DEFAULT_VALUE_SETTINGS, horizonWeeks: -1 }) });
    expect(await failing.runIfStale()).toMatchObject({ kind: 'failed' });
    expect(await readValuesState(db)).toBeNull();
    expect((await recompute().runIfStale()).kind).toBe('computed');
  });
});

describe('background wiring', () => {
  let stops: Array<() => void> = [];
  afterEach(() => {
    for (const stop of stops) stop();
    stops = [];
  });

  it('recomputes after a won deal is written through lib/db, followed by a live query (no message)', async () => {
    await addContacts(db, ['ada', 'bob']);
    const queue = recompute();
    expect((await queue.runIfStale()).kind).toBe('computed');
    stops.push(followWonDeals(() => db, () => queue.schedule()));
    // Let the live query take its first reading, which is not a change.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await queue.whenIdle();
    expect((await readValuesState(db))?.stamp.wonDealsRevision).toBe(0);

    await addDeal(db, wonDeal('bob', 90_000));
    await vi.waitFor(async () => expect((await readValuesState(db))?.stamp.wonDealsRevision).toBe(1));
    expect((await readAllValues(db)).find((row) => row.contactId === 'bob')).toMatchObject({ tier: 'strategic', historical: 900 });
  });

  it('follows won deals only: an open deal does not wake the recompute', async () => {
    await addContacts(db, ['ada']);
    const changed = vi.fn();
    stops.push(followWonDeals(() => db, changed));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await addDeal(db, { ...wonDeal('ada', 100), status: 'open' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(changed).not.toHaveBeenCalled();
    await addDeal(db, wonDeal('ada', 100));
    await vi.waitFor(() => expect(changed).toHaveBeenCalledTimes(1));
  });

  it('checks at start, on every won-deal write and whenever the value settings change', async () => {
    const schedule = vi.spyOn(valueRecompute(), 'schedule').mockImplementation(() => undefined);
    stops.push(startValueRecompute());
    expect(schedule).toHaveBeenCalledTimes(1);
    await saveValueSettings({ ...DEFAULT_VALUE_SETTINGS, atRiskMaxPAlive: 0.3 });
    expect(schedule).toHaveBeenCalledTimes(2);
    await fakeBrowser.storage.local.set({ unrelated: 1 });
    expect(schedule).toHaveBeenCalledTimes(2);

    // The worker's own database: a won deal written by any page lands here.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const shared = crmDatabase();
    await addContacts(shared, ['cy']);
    await addDeal(shared, wonDeal('cy', 500));
    await vi.waitFor(() => expect(schedule).toHaveBeenCalledTimes(3));
  });
});
