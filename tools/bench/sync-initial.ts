/**
 * BENCH_FULL=1: the first sync of a fresh browser profile from a server holding 100,000 contacts
 * and 1,000,000 interactions (BENCH_SYNC_CONTACTS / BENCH_SYNC_INTERACTIONS scale it down), in
 * real Chromium with the release build, against the real server on SQLite on loopback.
 *
 * Reported: the sync's wall time, against two floors measured in the same run (issue 24's goal is
 * 2x the slower): the time the same server took to accept the rows, and a raw Dexie `bulkPut` of
 * the rows as stored into a fresh profile of the same browser; peak memory (the browser's processes' total RSS, before and at its peak);
 * and how the side panel fared meanwhile: the longest gap between 10 ms timer ticks, and a search
 * typed every second, timed until its results are on screen, against the same searches typed
 * once the sync is over (baseline, same run), with issue 23's goals for them: searches under
 * 100 ms at p95 and no stall of 50 ms or more.
 */
import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PushChange } from '../../lib/sync/shared/protocol';
import { runCli, spawnServer } from '../../server/test/spawn';
import { browserPidOf, treeRss } from './browser-process';
import { profileWorkerAndPanel } from './cpu-profile';
import { generatedChanges } from './initial-sync-rows';
import { openBenchPage } from './page-bundle';
import { round } from './stats';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** BENCH_SYNC_PROFILE=dir: CPU profiles of the worker and the panel during each sync go there (the worker alone in the run without a panel; needs node --experimental-websocket). */
const PROFILE_DIR = process.env.BENCH_SYNC_PROFILE;
const PROFILE_PORT = 9340;

/** Median, 95th percentile and maximum, in whole ms. */
function percentiles(values: number[]): { p50: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { p50: at(0.5), p95: at(0.95), max: Math.round(sorted.at(-1) ?? 0) };
}

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

/** The second floor: the same rows `bulkPut` into a fresh profile of the same browser (no extension, no sync). */
async function bulkPutFloor(contacts: number, interactions: number): Promise<{ rows: number; ms: number }> {
  const { browser, page } = await openBenchPage('initial-sync-floor-entry.ts', 'initialSyncFloor', 'first sync floor');
  try {
    type Floor = { writeRaw(contacts: number, interactions: number): Promise<{ rows: number; ms: number }> };
    return await page.evaluate(([c, i]) => (globalThis as unknown as { initialSyncFloor: Floor }).initialSyncFloor.writeRaw(c!, i!), [contacts, interactions]);
  } finally {
    await browser.close();
  }
}

interface PanelFigures {
  panelMaxTimerLagMs: number;
  panelStallsOver100Ms: number;
  panelSearchesDuringSync: number;
  panelSearchDuringSyncMs: ReturnType<typeof percentiles>;
  panelSearchIdleMs: ReturnType<typeof percentiles>;
  searchP95RatioToIdle: number;
}

/**
 * One first sync into a fresh profile of real Chromium with the release build, signed in from
 * Options as a user would. With `withPanel`, the side panel is open meanwhile, its main thread
 * probed and a search typed every second (issue 23's figures), then the same searches once idle.
 */
async function firstSyncInBrowser(serverUrl: string, workspace: string, token: string, withPanel: boolean) {
  const extensionDir = join(repoRoot, '.output/chrome-mv3');
  const userDataDir = mkdtempSync(join(tmpdir(), 'sidebar-crm-sync-bench-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', ...(PROFILE_DIR ? [`--remote-debugging-port=${PROFILE_PORT}`] : [])],
  });
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const browserPid = browserPidOf(userDataDir);
    const panel = withPanel ? await context.newPage() : undefined;
    if (panel) {
      await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
      await panel.getByRole('heading', { name: 'All contacts' }).waitFor();
      // Types a search and resolves with the ms until its results are on screen (the first row
      // carries the query's words), or NaN when the list says nothing matches yet (early in the
      // sync, when that message cannot tell one query from the other).
      await panel.evaluate(() => {
        const box = document.querySelector<HTMLInputElement>('input[type="search"]')!;
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const list = document.querySelector('section[aria-labelledby="all-contacts-heading"]')!;
        let flip = false;
        // Alternates "person 4" and "person 5", so every search changes what the list shows.
        (globalThis as unknown as { searchNext: () => Promise<number> }).searchNext = () =>
          new Promise((resolve) => {
            flip = !flip;
            const text = flip ? 'person 4' : 'person 5';
            const started = performance.now();
            const check = () => {
              const first = list.querySelector('.row-title')?.textContent?.toLowerCase() ?? '';
              const settled = first.startsWith(text) ? performance.now() - started : /No contact matches/.test(list.textContent ?? '') ? Number.NaN : undefined;
              if (settled === undefined) return;
              observer.disconnect();
              clearInterval(fallback);
              resolve(settled);
            };
            const observer = new MutationObserver(check);
            observer.observe(list, { childList: true, subtree: true, characterData: true });
            const fallback = setInterval(check, 50); // when the screen does not change at all
            setValue.call(box, text);
            box.dispatchEvent(new Event('input', { bubbles: true }));
          });
      });
      // The panel's main thread during the sync: timer lag, and a search every second.
      await panel.evaluate(() => {
        const probe = { maxLag: 0, stallsOver100Ms: 0, searches: [] as number[], measuring: true };
        (globalThis as unknown as { probe: typeof probe }).probe = probe;
        let last = performance.now();
        const tick = () => {
          const now = performance.now();
          const lag = now - last - 10;
          probe.maxLag = Math.max(probe.maxLag, lag);
          if (lag > 100) probe.stallsOver100Ms += 1;
          last = now;
          if (probe.measuring) setTimeout(tick, 10);
        };
        setTimeout(tick, 10);
        const searchNext = (globalThis as unknown as { searchNext: () => Promise<number> }).searchNext;
        let busy = false;
        const timer = setInterval(() => {
          if (!probe.measuring) return clearInterval(timer);
          if (busy) return; // one search at a time: a slow one is recorded, not overlapped
          busy = true;
          void searchNext().then((ms) => {
            if (probe.measuring && !Number.isNaN(ms)) probe.searches.push(ms);
            busy = false;
          });
        }, 1_000);
      });
    }
    const rssBefore = browserPid ? treeRss(browserPid) : 0;
    let peakRss = rssBefore;
    const sampler = setInterval(() => {
      if (browserPid) peakRss = Math.max(peakRss, treeRss(browserPid));
    }, 1_000);
    // Signed in as a user would (Options → Sync: address, token, Connect, Start syncing): the
    // settings go where the worker watches them, so the sync starts at once.
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const syncSection = options.getByRole('region', { name: 'Sync' });
    await syncSection.getByLabel('Server address').fill(serverUrl);
    await syncSection.getByLabel('Token').fill(token);
    await syncSection.getByRole('button', { name: 'Connect' }).click();
    await syncSection.getByLabel('Workspace').selectOption(workspace);
    const profilers = await profileWorkerAndPanel(PROFILE_DIR, PROFILE_PORT, extensionId, withPanel ? 'initial-sync' : 'initial-sync-panel-closed', withPanel);
    const started = performance.now();
    await syncSection.getByRole('button', { name: 'Start syncing' }).click();
    // Done when the status says so (Options and the panel show the same status row).
    await (panel ?? options).getByRole('region', { name: 'Sync' }).getByRole('status').filter({ hasText: /^Synced/ }).waitFor({ timeout: 3_600_000 });
    const syncMs = performance.now() - started;
    clearInterval(sampler);
    const profiles = await profilers.stop();
    const stored = await options.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const request = indexedDB.open('sidebar-crm');
        request.onsuccess = () => resolve(request.result);
      });
      const count = (store: string) =>
        new Promise<number>((resolve) => {
          const request = db.transaction(store).objectStore(store).count();
          request.onsuccess = () => resolve(request.result);
        });
      const result = { contacts: await count('contacts'), interactions: await count('interactions') };
      db.close();
      return result;
    });
    let panelFigures: PanelFigures | undefined;
    if (panel) {
      type Probe = { maxLag: number; stallsOver100Ms: number; searches: number[]; measuring: boolean };
      const probe = await panel.evaluate(() => {
        const probe = (globalThis as unknown as { probe: Probe }).probe;
        probe.measuring = false;
        return { ...probe, searches: [...probe.searches] };
      });
      // Baseline, same run: the same searches once the sync is over and the panel is idle.
      const idleSearches = await panel.evaluate(async () => {
        const searchNext = (globalThis as unknown as { searchNext: () => Promise<number> }).searchNext;
        const times: number[] = [];
        for (let run = 0; run < 20; run += 1) {
          await new Promise((resolve) => setTimeout(resolve, 300));
          times.push(await searchNext());
        }
        return times;
      });
      const duringSearch = percentiles(probe.searches);
      const idleSearch = percentiles(idleSearches);
      panelFigures = {
        panelMaxTimerLagMs: Math.round(probe.maxLag),
        panelStallsOver100Ms: probe.stallsOver100Ms,
        // A search typed every second during the sync, against the same searches afterwards.
        panelSearchesDuringSync: probe.searches.length,
        panelSearchDuringSyncMs: duringSearch,
        panelSearchIdleMs: idleSearch,
        searchP95RatioToIdle: round(duringSearch.p95 / Math.max(idleSearch.p95, 0.1), 2),
      };
    }
    return {
      syncMs,
      stored,
      browserRssBeforeMiB: browserPid ? Math.round(rssBefore / 2 ** 20) : 'unavailable',
      peakBrowserRssMiB: browserPid ? Math.round(peakRss / 2 ** 20) : 'unavailable',
      ...(panelFigures ? { panel: panelFigures } : {}),
      profiles,
    };
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

export async function benchInitialSync(): Promise<object> {
  const contacts = Number(process.env.BENCH_SYNC_CONTACTS ?? 100_000);
  const interactions = Number(process.env.BENCH_SYNC_INTERACTIONS ?? 1_000_000);
  const extensionDir = join(repoRoot, '.output/chrome-mv3');
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error('build the extension first (npx wxt build)');
  const dir = mkdtempSync(join(tmpdir(), 'sidebar-crm-sync-bench-'));
  const db = join(dir, 'sync.sqlite');
  const server = await spawnServer(['--db', db, '--rate-limit', '1000000']);
  try {
    const { workspace, token } = JSON.parse((await runCli(['user', 'add', 'bench@example.org', '--db', db])).stdout) as { workspace: string; token: string };
    log(`initial sync: the server takes ${contacts.toLocaleString()} contacts and ${interactions.toLocaleString()} interactions…`);
    const fillStart = performance.now();
    let batch: PushChange[] = [];
    const push = async () => {
      const response = await fetch(`${server.url}/v1/w/${workspace}/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: 'bench-filler', changes: batch }),
      });
      if (!response.ok) throw new Error(`push: ${response.status} ${await response.text()}`);
      batch = [];
    };
    for (const change of generatedChanges(contacts, interactions)) {
      batch.push(change);
      if (batch.length === 500) await push();
    }
    if (batch.length) await push();
    const serverFillMs = performance.now() - fillStart;
    log('initial sync: the floor: the same rows bulkPut into a fresh profile of the same browser…');
    const floor = await bulkPutFloor(contacts, interactions);
    if (floor.rows !== contacts + interactions) throw new Error(`the floor wrote ${floor.rows} rows, not ${contacts + interactions}`);

    log('initial sync: a fresh browser profile signs in and pulls everything, the side panel open and searching…');
    const open = await firstSyncInBrowser(server.url, workspace, token, true);
    // Where a first sync usually runs: Options, where the user signed in, and no panel open.
    log('initial sync: another fresh profile pulls everything, Options open, no side panel…');
    const closed = await firstSyncInBrowser(server.url, workspace, token, false);
    const slower = Math.max(serverFillMs, floor.ms);
    const figures = (syncMs: number) => ({
      firstSyncMs: Math.round(syncMs),
      ratioToServerFill: round(syncMs / serverFillMs, 2),
      ratioToBulkPutFloor: round(syncMs / floor.ms, 2),
      ratioToSlowerFloor: round(syncMs / slower, 2),
      rowsPerSecond: Math.round(((contacts + interactions) / syncMs) * 1000),
    });
    return {
      contacts,
      interactions,
      stored: open.stored,
      serverFillMs: Math.round(serverFillMs),
      bulkPutFloorMs: floor.ms,
      // Issue 24's figure: the sync as it runs with no reader waiting on it, against both floors
      // (neither has a reader either); the goal is within 2x the slower.
      panelClosed: {
        stored: closed.stored,
        ...figures(closed.syncMs),
        peakBrowserRssMiB: closed.peakBrowserRssMiB,
      },
      // The same with the side panel open and a search typed every second: its transactions are
      // sliced so the searches wait little (issue 23's goals).
      ...figures(open.syncMs),
      browserRssBeforeMiB: open.browserRssBeforeMiB,
      peakBrowserRssMiB: open.peakBrowserRssMiB,
      ...open.panel,
      ...(PROFILE_DIR ? { profiles: open.profiles, profilesPanelClosed: closed.profiles } : {}),
      goals: {
        searchP95Under100Ms: open.panel!.panelSearchDuringSyncMs.p95 < 100,
        longestStallUnder50Ms: open.panel!.panelMaxTimerLagMs < 50,
        withinTwiceTheSlowerFloor: closed.syncMs <= 2 * slower,
      },
    };
  } finally {
    await server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
