/**
 * Value-model figures for `npm run bench`:
 *
 * - fit time of BG/NBD + Gamma-Gamma on the CDNOW sample (2,357 customers) and on 100,000
 *   synthetic customers, each as the median of several runs and as a ratio against one pass of
 *   the summary computation (`summarisePurchases`) over the same purchases, timed in the same run;
 * - with BENCH_FULL=1, the whole background recompute in real Chromium with the built extension:
 *   100,000 contacts and 1,000,000 deals in IndexedDB, against a raw `getAll` of the same deals
 *   (slow to seed: about a minute or two, hence opt-in).
 *
 * The CDNOW file is found through SHARED_DIR (as the tests find it) or CDNOW_FILE; without it
 * that figure is skipped with a note.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedPath } from '../../test/shared-data';
import { fitBgNbd } from '../../lib/value/bgnbd';
import { parseCdnow } from '../../lib/value/cdnow';
import { formatDay } from '../../lib/value/days';
import { fitGammaGamma } from '../../lib/value/gammagamma';
import { computeValues } from '../../lib/value/model';
import { simulateCustomers } from '../../lib/value/simulate';
import { summarisePurchases, type Purchase } from '../../lib/value/summary';
import { profileWorkerAndPanel } from './cpu-profile';
import { median, round } from './stats';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Published CDNOW estimates (Fader, Hardie & Lee 2005; Fader & Hardie 2013), to simulate from. */
const CDNOW_BGNBD = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const CDNOW_GAMMA_GAMMA = { p: 6.25, q: 3.74, gamma: 15.44 };
const SYNTHETIC_LIMIT_MS = 2000;
/** BENCH_VALUE_PROFILE=dir: CPU profiles of the worker and the panel during the recompute go there. */
const PROFILE_DIR = process.env.BENCH_VALUE_PROFILE;
const PROFILE_PORT = 9339;

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

function time<T>(work: () => T): { ms: number; result: T } {
  const started = performance.now();
  const result = work();
  return { ms: performance.now() - started, result };
}

interface FitTiming {
  runs: number;
  summaryMedianMs: number;
  fitMedianMs: number;
  bgnbdMedianMs: number;
  gammaGammaMedianMs: number;
  /** Median over runs of (fit time / summary time), both measured in that run. */
  ratioToSummary: number;
  converged: boolean;
  params: Record<string, number>;
}

/** Times summary (baseline) and both fits, `runs` times after one warm-up. */
function timeFits(purchases: readonly Purchase[], calibrationEnd: string, runs: number): FitTiming {
  const summaryTimes: number[] = [];
  const bgTimes: number[] = [];
  const ggTimes: number[] = [];
  const ratios: number[] = [];
  let last: { bg: ReturnType<typeof fitBgNbd>; gg: ReturnType<typeof fitGammaGamma> } | undefined;
  for (let run = 0; run <= runs; run += 1) {
    const summary = time(() => summarisePurchases(purchases, calibrationEnd));
    const bg = time(() => fitBgNbd(summary.result));
    const gg = time(() => fitGammaGamma(summary.result));
    last = { bg: bg.result, gg: gg.result };
    if (run === 0) continue; // warm-up: let the JIT settle
    summaryTimes.push(summary.ms);
    bgTimes.push(bg.ms);
    ggTimes.push(gg.ms);
    ratios.push((bg.ms + gg.ms) / Math.max(summary.ms, 0.001));
  }
  const fitTimes = bgTimes.map((ms, i) => ms + ggTimes[i]!);
  return {
    runs,
    summaryMedianMs: round(median(summaryTimes)),
    fitMedianMs: round(median(fitTimes), 1),
    bgnbdMedianMs: round(median(bgTimes), 1),
    gammaGammaMedianMs: round(median(ggTimes), 1),
    ratioToSummary: round(median(ratios), 1),
    converged: last!.bg.converged && last!.gg.converged,
    params: {
      r: round(last!.bg.params.r, 4),
      alpha: round(last!.bg.params.alpha, 4),
      a: round(last!.bg.params.a, 4),
      b: round(last!.bg.params.b, 4),
      logLik: round(last!.bg.logLik, 2),
      p: round(last!.gg.params.p, 4),
      q: round(last!.gg.params.q, 4),
      gamma: round(last!.gg.params.gamma, 4),
    },
  };
}

function cdnowFile(): string | null {
  const path = process.env.CDNOW_FILE ?? sharedPath('datasets', 'cdnow', 'CDNOW_sample.txt');
  return existsSync(path) ? path : null;
}

async function benchCdnow(runs: number): Promise<object> {
  const path = cdnowFile();
  if (!path) return { skipped: `CDNOW sample not found (set SHARED_DIR or CDNOW_FILE); looked at ${sharedPath('datasets', 'cdnow', 'CDNOW_sample.txt')}` };
  const purchases = parseCdnow(readFileSync(path, 'utf8'));
  const customers = new Set(purchases.map((p) => p.customerId)).size;
  log(`fitting CDNOW (${customers} customers, ${purchases.length} purchases), ${runs} runs…`);
  return { customers, purchases: purchases.length, ...timeFits(purchases, '1997-09-30', runs) };
}

/**
 * Purchases that reproduce each simulated customer's (x, t_x, T, m̄) exactly: first purchase T
 * weeks before the end, last one t_x weeks after it, the other repeats on distinct days between.
 */
function purchasesFromSimulation(count: number, seed: number): { purchases: Purchase[]; calibrationEnd: string } {
  const calibrationDays = 273;
  const customers = simulateCustomers({ customers: count, bgnbd: CDNOW_BGNBD, gammaGamma: CDNOW_GAMMA_GAMMA, seed, calibrationDays });
  const endDay = 10_000 + calibrationDays - 1;
  const purchases: Purchase[] = [];
  const dates = new Map<number, Date>();
  const dateOf = (day: number) => {
    let date = dates.get(day);
    if (!date) dates.set(day, (date = new Date(day * 86_400_000)));
    return date;
  };
  for (const customer of customers) {
    const first = endDay - Math.round(customer.T * 7);
    const last = first + Math.round(customer.t_x * 7);
    const amount = customer.mbar > 0 ? customer.mbar : 20;
    purchases.push({ customerId: customer.id, date: dateOf(first), amount });
    for (let k = 1; k <= customer.x; k += 1) {
      const day = k === customer.x ? last : first + k; // x repeat days fit in (first, last] by construction
      purchases.push({ customerId: customer.id, date: dateOf(day), amount: customer.mbar });
    }
  }
  return { purchases, calibrationEnd: formatDay(endDay) };
}

async function benchSynthetic(runs: number): Promise<object> {
  const { purchases, calibrationEnd } = purchasesFromSimulation(100_000, 2005);
  log(`fitting 100,000 synthetic customers (${purchases.length} purchases), ${runs} runs…`);
  const fits = timeFits(purchases, calibrationEnd, runs);
  log('full computeValues (fit, predictions, tiers) on the same 100,000 customers…');
  const full = time(() => computeValues(purchases, { calibrationEnd, horizonWeeks: 52 }));
  return {
    customers: 100_000,
    purchases: purchases.length,
    ...fits,
    limitMs: SYNTHETIC_LIMIT_MS,
    withinLimit: fits.fitMedianMs <= SYNTHETIC_LIMIT_MS,
    computeValuesMs: round(full.ms, 0),
    computeValuesFitted: full.result.fitted,
  };
}

// ---------------------------------------------------------------------------------------------
// BENCH_FULL=1: the background recompute over IndexedDB in real Chromium.

async function launchExtension(): Promise<{ context: BrowserContext; extensionId: string; close: () => Promise<void> }> {
  // BENCH_VALUE_EXTENSION: a copy of another build, to compare two versions without rebuilding.
  const extensionDir = process.env.BENCH_VALUE_EXTENSION ?? join(repoRoot, '.output/chrome-mv3');
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    log('building the Chrome extension…');
    execFileSync('npx', ['wxt', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'sidebar-crm-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-quic',
      ...(PROFILE_DIR ? [`--remote-debugging-port=${PROFILE_PORT}`] : []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    extensionId: new URL(worker.url()).host,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Writes `contacts` contacts and about `deals` won deals (uneven per contact) straight into IndexedDB. */
async function seed(page: Page, contacts: number, deals: number): Promise<number> {
  return page.evaluate(
    async ({ contacts, deals }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('sidebar-crm');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      let state = 12345;
      const random = () => {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        return state / 4_294_967_296;
      };
      const now = Date.now();
      const dayMs = 86_400_000;
      const write = (rows: Array<[string, object]>) =>
        new Promise<void>((resolve, reject) => {
          const tx = db.transaction(['contacts', 'deals'], 'readwrite');
          for (const [store, row] of rows) tx.objectStore(store).put(row);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
      const perContact = deals / contacts;
      let written = 0;
      let batch: Array<[string, object]> = [];
      for (let c = 0; c < contacts; c += 1) {
        const id = `c${String(c).padStart(6, '0')}`;
        batch.push(['contacts', { id, name: `Customer ${c}`, emails: [], phones: [], profiles: [], tags: [], stage: 'lead', userFields: [], createdAt: now, updatedAt: now, profileUrls: [], searchTokens: [] }]);
        // Skewed counts (a few buy a lot), mean `perContact`; some never buy.
        const count = Math.floor(-Math.log(1 - random()) * perContact + 0.5);
        const spend = 1_000 + Math.floor(random() * 20_000);
        let day = 1 + Math.floor(random() * 700);
        for (let d = 0; d < count; d += 1) {
          batch.push(['deals', { id: `${id}-${d}`, contactId: id, title: 'Order', amount: Math.round(spend * (0.5 + random())), currency: 'USD', status: 'won', at: now - day * dayMs }]);
          day = Math.max(0, day - 1 - Math.floor(random() * 60));
          written += 1;
        }
        if (batch.length >= 20_000) {
          await write(batch);
          batch = [];
        }
      }
      if (batch.length) await write(batch);
      db.close();
      return written;
    },
    { contacts, deals },
  );
}

/** Runs `work` in a fresh extension page, closed after, and returns its result. */
async function inScratchPage<T>(context: BrowserContext, extensionId: string, work: () => Promise<T>): Promise<T> {
  const page = await context.newPage();
  try {
    await page.addInitScript('globalThis.__name = (fn) => fn;');
    // Any page of the extension's origin reaches its IndexedDB; this one starts no queries of its own.
    await page.goto(`chrome-extension://${extensionId}/manifest.json`);
    return await page.evaluate(work);
  } finally {
    await page.close();
  }
}

/** One raw `getAll` of every deal, timed (the floor of the read). */
async function rawReadAllDeals(): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve) => {
    const request = indexedDB.open('sidebar-crm');
    request.onsuccess = () => resolve(request.result);
  });
  const started = performance.now();
  await new Promise((resolve) => {
    const request = db.transaction('deals').objectStore('deals').getAll();
    request.onsuccess = () => resolve(request.result.length);
  });
  db.close();
  return performance.now() - started;
}

/**
 * The value rows the recompute wrote, read, then written back raw into the emptied table in one
 * transaction (put per row, as IndexedDB has no bulk put): the floor of the write. Leaves the
 * table as it found it.
 */
async function rawRewriteValues(): Promise<{ ms: number; rows: number }> {
  const db = await new Promise<IDBDatabase>((resolve) => {
    const request = indexedDB.open('sidebar-crm');
    request.onsuccess = () => resolve(request.result);
  });
  const rows = await new Promise<unknown[]>((resolve) => {
    const request = db.transaction('values').objectStore('values').getAll();
    request.onsuccess = () => resolve(request.result);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('values', 'readwrite');
    tx.objectStore('values').clear();
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('values', 'readwrite');
    const store = tx.objectStore('values');
    for (const row of rows) store.put(row);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  const ms = performance.now() - started;
  db.close();
  return { ms, rows: rows.length };
}

/** The full recompute in Chromium; BENCH_VALUE_CONTACTS and BENCH_VALUE_DEALS scale it down for a quick look. */
export async function benchIndexedDb(): Promise<object> {
  const contacts = Number(process.env.BENCH_VALUE_CONTACTS ?? 100_000);
  const targetDeals = Number(process.env.BENCH_VALUE_DEALS ?? 1_000_000);
  const { context, extensionId, close } = await launchExtension();
  try {
    const panel = await context.newPage();
    // tsx compiles this file with esbuild's keepNames, which wraps the functions below in a
    // `__name(...)` helper that does not exist in the page.
    await panel.addInitScript('globalThis.__name = (fn) => fn;');
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    await panel.getByRole('heading', { name: 'All contacts' }).waitFor();
    // Let the start-up check finish on the empty database before seeding.
    await panel.waitForTimeout(3000);
    log(`seeding ${contacts.toLocaleString()} contacts and ~${targetDeals.toLocaleString()} deals into IndexedDB…`);
    const seedStart = performance.now();
    const deals = await seed(panel, contacts, targetDeals);
    const seedMs = performance.now() - seedStart;

    // The floor is read in a page of its own, closed after: a million deals read in the panel
    // would leave the panel a heap of garbage to collect while the recompute is timed.
    const rawReadMs = await inScratchPage(context, extensionId, rawReadAllDeals);

    log('recomputing every tier in the background…');
    const profilers = await profileWorkerAndPanel(PROFILE_DIR, PROFILE_PORT, extensionId, 'value-recompute');
    // lib/db bumps this revision with every won-deal write; the raw seed above did not.
    const result = await panel.evaluate(async () => {
      const open = () =>
        new Promise<IDBDatabase>((resolve) => {
          const request = indexedDB.open('sidebar-crm');
          request.onsuccess = () => resolve(request.result);
        });
      const get = (db: IDBDatabase, store: string, key: string) =>
        new Promise<unknown>((resolve) => {
          const request = db.transaction(store).objectStore(store).get(key);
          request.onsuccess = () => resolve(request.result);
        });
      const db = await open();
      await new Promise<void>((resolve) => {
        const tx = db.transaction('meta', 'readwrite');
        tx.objectStore('meta').put({ key: 'values:won-deals-revision', value: 1 });
        tx.oncomplete = () => resolve();
      });
      // The panel's main thread during the recompute: the longest gap between 10 ms timer ticks,
      // and the slowest read of one contact's value row (what the tier badge does).
      let maxLag = 0;
      let last = performance.now();
      let ticking = true;
      const tick = () => {
        const at = performance.now();
        maxLag = Math.max(maxLag, at - last - 10);
        last = at;
        if (ticking) setTimeout(tick, 10);
      };
      setTimeout(tick, 10);
      // The raw write above is invisible to the background's live query on the revision; saving
      // the (default) value-model settings is a trigger it does follow, with the same debounce.
      const { storage } = (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome;
      const started = performance.now();
      await storage.local.set({ 'settings:value-model': { strategicShare: 0.8, atRiskMaxPAlive: 0.5, horizonWeeks: 52, discountRate: 0 } });
      let slowestRead = 0;
      let state: { stamp: { wonDealsRevision: number }; timings: object; fitted: boolean; reason?: string; written: number } | undefined;
      for (;;) {
        const readStart = performance.now();
        await get(db, 'values', 'c000001');
        slowestRead = Math.max(slowestRead, performance.now() - readStart);
        const row = (await get(db, 'meta', 'values:state')) as { value: typeof state } | undefined;
        if (row?.value && row.value.stamp.wonDealsRevision === 1) {
          state = row.value;
          break;
        }
        if (performance.now() - started > 600_000) throw new Error('recompute did not finish in 10 minutes');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const totalMs = performance.now() - started;
      ticking = false;
      db.close();
      return { totalMs, maxLag, slowestRead, state: state! };
    });
    const profiles = await profilers.stop();

    const rawWrite = await inScratchPage(context, extensionId, rawRewriteValues);
    const { readMs, computeMs, writeMs } = result.state.timings as { readMs: number; computeMs: number; writeMs: number };
    return {
      contacts,
      deals,
      seedMs: round(seedMs, 0),
      rawGetAllDealsMs: round(rawReadMs, 0),
      // Includes the ~2 s debounce after the settings change that triggers it.
      recomputeTotalMs: round(result.totalMs, 0),
      ratioToRawGetAll: round(result.totalMs / rawReadMs, 1),
      // The worker's own work (read + compute + write), without the debounce.
      recomputeWorkMs: round(readMs + computeMs + writeMs, 0),
      workRatioToRawGetAll: round((readMs + computeMs + writeMs) / rawReadMs, 2),
      // A second floor: the same value rows written raw, in one transaction into the emptied table.
      rawWriteValuesMs: round(rawWrite.ms, 0),
      rawWriteValuesRows: rawWrite.rows,
      writeRatioToRawWrite: round(writeMs / rawWrite.ms, 2),
      workerTimings: result.state.timings,
      fitted: result.state.fitted,
      ...(result.state.reason ? { reason: result.state.reason } : {}),
      rowsWritten: result.state.written,
      panelMaxTimerLagMs: round(result.maxLag, 0),
      panelSlowestValueReadMs: round(result.slowestRead, 0),
      ...(PROFILE_DIR ? { profiles } : {}),
    };
  } finally {
    await close();
  }
}

export async function benchValue(): Promise<object> {
  const runs = Number(process.env.BENCH_VALUE_RUNS ?? 5);
  const cdnow = await benchCdnow(runs);
  const synthetic100k = await benchSynthetic(Math.min(runs, 3));
  const indexedDb100k =
    process.env.BENCH_FULL === '1'
      ? await benchIndexedDb()
      : { skipped: 'set BENCH_FULL=1 to seed 100,000 contacts and 1,000,000 deals in Chromium and time the background recompute' };
  return { cdnow, synthetic100k, indexedDb100k };
}
