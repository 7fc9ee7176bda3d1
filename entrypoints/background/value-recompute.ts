/**
 * Keeps the `values` table in step with the deals: the only writer of that table.
 *
 * - Triggers: a Dexie live query on the won-deal revision (every won-deal write bumps it, from
 *   whichever page), a change of the value-model settings in storage.local, and every start of
 *   the service worker. All go through one ~2 s debounce, so a burst of edits costs one recompute.
 * - Stale or not is decided from persisted data only (lib/db/values.ts `ValuesStamp`): the
 *   won-deal revision that deal writes bump in their own transaction, the settings, the local day
 *   (T grows daily) and the contact count. The worker may be stopped at any moment, even between
 *   a write and its recompute; the next start finds the stamp stale and recomputes.
 * - Incremental where it can be: nothing is done when the stamp is unchanged (most worker starts,
 *   an open deal's edit), and only rows whose value changed are rewritten. A refit moves every
 *   customer's prediction a little, so after a won-deal change most rows do change; the fit
 *   itself is global and is redone in full.
 * - Runs never overlap: a trigger during a run queues one more check after it.
 */
import { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import {
  crmDatabase,
  readValuesState,
  readWonPurchases,
  sameStamp,
  toContactValueRows,
  wonDealsRevision,
  writeValues,
  type CrmDatabase,
  type ValuesStamp,
  type ValuesState,
} from '@/lib/db';
import { onValueSettingsChanged, readValueSettings, valueSettingsKey, type ValueSettings } from '@/lib/settings/value-settings';
import { computeValues } from '@/lib/value/model';
import { localIsoDay, valueModelOptions } from '@/lib/value/recompute';

export const RECOMPUTE_DELAY_MS = 2000;
const KEEP_ALIVE_INTERVAL_MS = 10_000;

export interface ValueRecomputeOptions {
  db?: () => CrmDatabase;
  readSettings?: () => Promise<ValueSettings>;
  now?: () => number;
  delayMs?: number;
  /** Called between phases: an extension API call resets the service worker's idle timer. */
  keepAlive?: () => void;
}

export type RecomputeOutcome =
  | { kind: 'skipped'; reason: 'up to date' }
  | { kind: 'computed'; state: ValuesState }
  | { kind: 'failed'; error: string };

export interface ValueRecompute {
  /** Recompute (if stale) after the debounce delay; restarts the delay if already pending. */
  schedule(): void;
  /** Recompute now if stale, after any run in progress. */
  runIfStale(): Promise<RecomputeOutcome>;
  /** Resolves once no recompute is pending or running. */
  whenIdle(): Promise<void>;
}

function pingRuntime(): void {
  void browser.runtime.getPlatformInfo().catch(() => undefined);
}

export function createValueRecompute(options: ValueRecomputeOptions = {}): ValueRecompute {
  const getDb = options.db ?? crmDatabase;
  const readSettings = options.readSettings ?? readValueSettings;
  const now = options.now ?? Date.now;
  const delayMs = options.delayMs ?? RECOMPUTE_DELAY_MS;
  const keepAlive = options.keepAlive ?? pingRuntime;

  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerDone: (() => void) | undefined;
  let timerPromise: Promise<void> = Promise.resolve();
  let chain: Promise<unknown> = Promise.resolve();
  let queued: Promise<RecomputeOutcome> | undefined;

  async function currentStamp(db: CrmDatabase, settings: ValueSettings, at: number): Promise<ValuesStamp> {
    const [revision, contacts] = await Promise.all([wonDealsRevision(db), db.contacts.count()]);
    return { wonDealsRevision: revision, settingsKey: valueSettingsKey(settings), day: localIsoDay(at), contacts };
  }

  async function recomputeIfStale(): Promise<RecomputeOutcome> {
    // Reading and writing a million rows is IndexedDB work, not extension-API work: ping the
    // runtime every few seconds so Chrome does not count the worker as idle and stop it.
    const ping = setInterval(keepAlive, KEEP_ALIVE_INTERVAL_MS);
    try {
      return await recomputeIfStaleNow();
    } finally {
      clearInterval(ping);
    }
  }

  async function recomputeIfStaleNow(): Promise<RecomputeOutcome> {
    const db = getDb();
    const settings = await readSettings();
    const started = now();
    const [state, stamp] = await Promise.all([readValuesState(db), currentStamp(db, settings, started)]);
    if (state && sameStamp(state.stamp, stamp)) return { kind: 'skipped', reason: 'up to date' };

    keepAlive();
    const readStart = performance.now();
    const read = await readWonPurchases(db, settings);
    const readMs = performance.now() - readStart;
    keepAlive();

    const computeStart = performance.now();
    const model = computeValues(read.purchases, valueModelOptions(settings, started, read.contactIds, read.homeCurrency));
    const rows = toContactValueRows(model, started);
    const computeMs = performance.now() - computeStart;
    keepAlive();

    const newState: Omit<ValuesState, 'written' | 'removed'> = {
      // The stamp of what was read, not of what is current now: a deal written during the run
      // leaves the values stale, and the queued check recomputes.
      stamp: { ...stamp, wonDealsRevision: read.revision, contacts: read.contactRows },
      fitted: model.fitted,
      ...(model.reason === undefined ? {} : { reason: model.reason }),
      computedAt: started,
      horizonWeeks: settings.horizonWeeks,
      strategicShare: settings.strategicShare,
      atRiskMaxPAlive: settings.atRiskMaxPAlive,
      discountRate: settings.discountRate,
      purchasers: model.customers.filter((customer) => customer.x !== null).length,
      contacts: model.customers.length,
      currencies: read.currencies,
      homeCurrency: read.homeCurrency,
      rates: { ...settings.rates },
      unconverted: read.unconverted,
      ...(model.bgnbd ? { bgnbd: model.bgnbd } : {}),
      ...(model.gammaGamma ? { gammaGamma: { p: model.gammaGamma.p, q: model.gammaGamma.q, gamma: model.gammaGamma.gamma } } : {}),
      timings: { readMs, computeMs, writeMs: 0 },
    };
    const result = await writeValues(db, rows, newState);
    const finalState: ValuesState = {
      ...newState,
      timings: { readMs, computeMs, writeMs: result.writeMs },
      written: result.written,
      removed: result.removed,
    };
    return { kind: 'computed', state: finalState };
  }

  function runIfStale(): Promise<RecomputeOutcome> {
    // One waiting run is enough: it will see every change made before it starts.
    if (queued) return queued;
    const run = chain.then(async () => {
      queued = undefined;
      try {
        return await recomputeIfStale();
      } catch (error) {
        console.error('[sidebar-crm] value recompute failed', error);
        return { kind: 'failed', error: error instanceof Error ? error.message : String(error) } as const;
      }
    });
    queued = run;
    chain = run;
    return run;
  }

  function schedule(): void {
    if (timer !== undefined) clearTimeout(timer);
    else timerPromise = new Promise((resolve) => (timerDone = resolve));
    timer = setTimeout(() => {
      timer = undefined;
      const done = timerDone;
      void runIfStale().finally(() => done?.());
    }, delayMs);
  }

  async function whenIdle(): Promise<void> {
    for (;;) {
      const pending = timerPromise;
      const running = chain;
      await Promise.all([pending, running.catch(() => undefined)]);
      if (pending === timerPromise && running === chain && timer === undefined) return;
    }
  }

  return { schedule, runIfStale, whenIdle };
}

let shared: ValueRecompute | undefined;

/** The service worker's one recompute queue. */
export function valueRecompute(): ValueRecompute {
  shared ??= createValueRecompute();
  return shared;
}

/**
 * Calls `onChange` whenever the won-deal revision moves. Dexie hands the worker's live queries
 * the writes of every extension page (same origin) while the worker is awake; a write made while
 * it is stopped is caught by the stamp check of its next start (the sync alarm wakes it every
 * minute). The first result is the current revision, not a change.
 */
export function followWonDeals(db: () => CrmDatabase, onChange: () => void): () => void {
  let seen: number | undefined;
  const subscription = liveQuery(() => wonDealsRevision(db())).subscribe({
    next: (revision) => {
      if (seen !== undefined && revision !== seen) onChange();
      seen = revision;
    },
    error: (error: unknown) => console.warn('[sidebar-crm] cannot watch the deals', error),
  });
  return () => subscription.unsubscribe();
}

/** Wires the triggers: a check at start, on every won-deal write and on every settings change. Returns a stop. */
export function startValueRecompute(): () => void {
  const recompute = valueRecompute();
  const stopSettings = onValueSettingsChanged(() => recompute.schedule());
  const stopDeals = followWonDeals(crmDatabase, () => recompute.schedule());
  recompute.schedule();
  return () => {
    stopSettings();
    stopDeals();
  };
}
