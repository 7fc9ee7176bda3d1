import { chromium, type Browser } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '../../test/shared-data';
import { generateMutation, generatePage } from './generate-page';
import { median, round } from './stats';
import { bundleForPage } from './page-bundle';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';


export interface DetectionBench {
  pageElements: number;
  runs: number;
  contactsFound: number;
  detectMedianMs: number;
  treeWalkMedianMs: number;
  /** Median over runs of detect time / tree-walk time on the same page in the same run. */
  ratioToTreeWalk: number;
  /**
   * The least DOM reading any scan that finds these people must do, whatever its code: the one
   * selector query for mailto:/tel:/rel=me links, and one walk over the text nodes that reads each
   * one's text and looks for "@" (plain-text addresses can be in any of them). No per-person work
   * at all. Median ms, and median ratio to the same run's tree walk.
   */
  floorMedianMs: number;
  floorRatioToTreeWalk: number;
  /** Median over runs of detect time / floor time in the same run: the target is ≤ 2. */
  ratioToFloor: number;
  /**
   * The full scan as a page's first: each pass after an element was added and removed, so the
   * engine's live element collections from the pass before are walked again. Median ms, and
   * median ratio to the same run's floor (which uses no such collection: the same either way).
   */
  firstScanMedianMs: number;
  firstScanRatioToFloor: number;
  /** Context: the same bare TreeWalker with its default `whatToShow` (every node, text included). */
  allNodesWalkMedianMs: number;
  /** The scheduler's incremental scan after 50 elements were added. */
  rescanAfter50ElementMutationMedianMs: number;
  contactsFoundByRescan: number;
  /**
   * Where a full scan's time goes, as medians in ms: each detector on its own over the whole page,
   * and merging what they found. Diagnostics only: the parts do not sum exactly to the whole.
   */
  breakdownMs: Record<string, number>;
  /** Full scans of real saved pages (see benchRealPages), or why they were not run. */
  realPages: RealPagesBench | { skipped: string };
}

export interface RealPagesBench {
  set: string;
  pages: number;
  /** Median over the pages of each page's median full scan (detectWith, page.js's engine), ms. */
  medianMs: number;
  p90Ms: number;
  maxMs: number;
  /** The slowest pages, ms. */
  slowest: Record<string, number>;
}

const REAL_PAGES_SET = ['conformance', 'html-readability-bylines'] as const;

/** Scan times of a generated page in real Chromium, against one bare TreeWalker pass over it. */
export async function benchDetection(runs = 21): Promise<DetectionBench> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const bundle = await bundleForPage('page-entry.ts', 'sidebarCrmDetect');
    const generated = await benchGeneratedPage(browser, bundle, runs);
    const realPages = await benchRealPages(browser, bundle);
    return { ...generated, realPages };
  } finally {
    await browser.close();
  }
}

/**
 * The 45 real news and blog pages of Readability's test set (shared conformance data), each
 * served as its own document at the address the conformance tests give it, page scripts off (a
 * saved page's scripts only fail or rewrite it differently each load) and nothing else fetched.
 * Each page is scanned whole with page.js's engine, as **Scan this page** does: 2 warm-up scans,
 * then `runs` timed ones, each of several passes when one is short (the timer's grain is 0.1 ms
 * without cross-origin isolation). Figure: the median over pages of each page's median.
 */
async function benchRealPages(browser: Browser, bundle: string, runs = 9): Promise<RealPagesBench | { skipped: string }> {
  const set = sharedPath(...REAL_PAGES_SET);
  if (!existsSync(join(set, 'index.json'))) return { skipped: `${set} not found (set SHARED_DIR)` };
  const names = (JSON.parse(readFileSync(join(set, 'index.json'), 'utf8')) as Array<{ page: string }>).map(({ page }) => page);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const times = new Map<string, number>();
  try {
    for (const name of names) {
      const url = `https://www.news-site.net/${name}/article`;
      const page = await context.newPage();
      await page.route('**/*', (route) =>
        route.request().url() === url
          ? route.fulfill({
              contentType: 'text/html; charset=utf-8',
              headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
              body: readFileSync(join(set, 'pages', name, 'source.html')),
            })
          : route.abort(),
      );
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      // Page scripts are off; the bundle is evaluated by the bench, as a content script would run
      // (with the `__name` helper tsx's keepNames expects; see benchGeneratedPage).
      await page.evaluate(`${bundle};globalThis.sidebarCrmDetect = sidebarCrmDetect;globalThis.__name = (fn) => fn;`);
      const ms = await page.evaluate(
        ({ url, runs }) => {
          const lib = (globalThis as unknown as {
            sidebarCrmDetect: { detectWith: (engine: unknown, root: ParentNode, url: string) => unknown; PAGE_ENGINE: unknown };
          }).sidebarCrmDetect;
          const scan = () => lib.detectWith(lib.PAGE_ENGINE, document, url);
          // Passes per sample: enough for ~2 ms a sample.
          let started = performance.now();
          scan();
          scan();
          const passes = Math.max(1, Math.min(50, Math.ceil(2 / Math.max((performance.now() - started) / 2, 0.01))));
          const samples: number[] = [];
          for (let run = 0; run < runs; run++) {
            started = performance.now();
            for (let pass = 0; pass < passes; pass++) scan();
            samples.push((performance.now() - started) / passes);
          }
          samples.sort((a, b) => a - b);
          return samples[Math.floor(samples.length / 2)]!;
        },
        { url, runs },
      );
      times.set(name, ms);
      await page.close();
    }
  } finally {
    await context.close();
  }
  const sorted = [...times.values()].sort((a, b) => a - b);
  return {
    set: REAL_PAGES_SET.join('/'),
    pages: sorted.length,
    medianMs: round(median(sorted)),
    p90Ms: round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))]!),
    maxMs: round(sorted[sorted.length - 1]!),
    slowest: Object.fromEntries([...times].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([name, ms]) => [name, round(ms)])),
  };
}

/** Scan times of the generated page, against one bare TreeWalker pass over it. */
async function benchGeneratedPage(browser: Browser, bundle: string, runs: number): Promise<Omit<DetectionBench, 'realPages'>> {
  const page = await browser.newPage();
  // Served cross-origin isolated: only then does performance.now() resolve microseconds
  // instead of 0.1 ms, which the 50-element re-scan needs.
  const html = generatePage(10_000, 200);
  await page.route('https://bench.invalid/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' },
      body: html,
    }),
  );
  await page.goto('https://bench.invalid/');
  await page.addScriptTag({ content: bundle });
  // tsx compiles this file with esbuild's keepNames, which wraps the functions below in a
  // `__name(...)` helper that does not exist in the page.
  await page.addScriptTag({ content: 'globalThis.__name = (fn) => fn;' });
  const mutations = Array.from({ length: runs + 2 }, (_, seed) => generateMutation(seed));
  const result = await page.evaluate(
    async ({ runs, mutations }) => {
      type Result = { contacts: unknown[] };
      type Scheduler = { start(): void; runSlice(): void; requestFullScan(): void; result: Result };
      const lib = (globalThis as unknown as {
        sidebarCrmDetect: {
          detectWith: (engine: unknown, root: ParentNode, url: string) => Result;
          finishDetection: (found: unknown[], reading: undefined) => Result;
          PAGE_ENGINE: { detectors: Array<{ name: string; detect(root: ParentNode, url: URL, scan: unknown): unknown[] }> };
          PageScan: new (root: ParentNode) => { pageLinks: unknown };
          ScanScheduler: new (options: object) => Scheduler;
        };
      }).sidebarCrmDetect;
      const url = 'https://people.example.net/team';
      const median = (values: number[]) => {
        const sorted = [...values].sort((a, b) => a - b);
        const mid = Math.floor(sorted.length / 2);
        return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
      };
      const walk = () => {
        const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_ELEMENT);
        let nodes = 0;
        while (walker.nextNode()) nodes++;
        return nodes;
      };
      const elements = walk();
      const walkAllNodes = () => {
        const walker = document.createTreeWalker(document.documentElement);
        let nodes = 0;
        while (walker.nextNode()) nodes++;
        return nodes;
      };
      const floor = () => {
        let found = document.querySelectorAll('a:is([href^="mailto:" i],[href^="tel:" i],[rel~="me" i])').length;
        const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) if ((node as Text).data.includes('@')) found++;
        return found;
      };

      if (!crossOriginIsolated) throw new Error('bench page is not cross-origin isolated: timings would be coarse');
      // Full scans: several passes per sample, so each sample is well above the timer's grain.
      const passes = 10;
      const detectTimes: number[] = [];
      const walkTimes: number[] = [];
      const ratios: number[] = [];
      const floorTimes: number[] = [];
      const floorRatios: number[] = [];
      const allNodesTimes: number[] = [];
      const floorRatiosOfDetect: number[] = [];
      const coldTimes: number[] = [];
      const coldRatiosToFloor: number[] = [];
      let found = 0;
      for (let run = 0; run < runs + 2; run++) {
        let started = performance.now();
        for (let pass = 0; pass < passes; pass++) walk();
        const walkMs = (performance.now() - started) / passes;
        started = performance.now();
        for (let pass = 0; pass < passes; pass++) found = lib.detectWith(lib.PAGE_ENGINE, document, url).contacts.length;
        const detectMs = (performance.now() - started) / passes;
        started = performance.now();
        for (let pass = 0; pass < passes; pass++) floor();
        const floorMs = (performance.now() - started) / passes;
        started = performance.now();
        for (let pass = 0; pass < passes; pass++) walkAllNodes();
        const allNodesMs = (performance.now() - started) / passes;
        // A first scan, as on a page just loaded: an element added and removed before each pass
        // drops what the engine keeps between passes over an unchanged page (the live
        // getElementsBy* collections detectors read, already walked), which the passes above reuse.
        let coldMs = 0;
        for (let pass = 0; pass < passes; pass++) {
          document.body.appendChild(document.createElement('i')).remove();
          started = performance.now();
          lib.detectWith(lib.PAGE_ENGINE, document, url);
          coldMs += performance.now() - started;
        }
        coldMs /= passes;
        if (run < 2) continue; // warm-up: let the JIT settle before measuring
        walkTimes.push(walkMs);
        detectTimes.push(detectMs);
        ratios.push(detectMs / Math.max(walkMs, 0.001));
        floorTimes.push(floorMs);
        floorRatios.push(floorMs / Math.max(walkMs, 0.001));
        allNodesTimes.push(allNodesMs);
        floorRatiosOfDetect.push(detectMs / Math.max(floorMs, 0.001));
        coldTimes.push(coldMs);
        coldRatiosToFloor.push(coldMs / Math.max(floorMs, 0.001));
      }

      // The same full scan in parts: the queries detectors share, each detector on its own
      // (handed the shared queries' results), then the merge of all they found.
      const parts = new Map<string, number[]>();
      const time = (name: string, work: () => void) => {
        const started = performance.now();
        for (let pass = 0; pass < passes; pass++) work();
        const list = parts.get(name) ?? [];
        list.push((performance.now() - started) / passes);
        parts.set(name, list);
      };
      const parsedUrl = new URL(url);
      for (let run = 0; run < runs + 2; run++) {
        const found: unknown[] = [];
        time('shared link query', () => new lib.PageScan(document).pageLinks);
        const scan = new lib.PageScan(document);
        void scan.pageLinks;
        for (const detector of lib.PAGE_ENGINE.detectors) {
          time(detector.name, () => {
            found.length = 0;
            found.push(...detector.detect(document, parsedUrl, scan));
          });
        }
        const all = lib.PAGE_ENGINE.detectors.flatMap((detector) => detector.detect(document, parsedUrl, scan));
        time('merge', () => lib.finishDetection(all, undefined));
        if (run < 2) for (const list of parts.values()) list.length = 0; // warm-up
      }
      const breakdownMs = Object.fromEntries([...parts].map(([name, times]) => [name, median(times)]));

      // Re-scan after a 50-element mutation, through the real scheduler (its timers parked).
      const scheduler = new lib.ScanScheduler({
        engine: lib.PAGE_ENGINE,
        document,
        url: () => url,
        report: () => undefined,
        signal: new AbortController().signal,
        settleMs: 1e9,
        fullScanIntervalMs: 0,
      });
      scheduler.start();
      await new Promise((resolve) => setTimeout(resolve, 20)); // the initial full scan
      const rescanTimes: number[] = [];
      let foundByRescan = 0;
      for (let run = 0; run < runs + 2; run++) {
        const holder = document.createElement('div');
        holder.innerHTML = mutations[run]!;
        const added = holder.firstElementChild!;
        const before = scheduler.result.contacts.length;
        document.querySelector('main')!.append(added);
        await Promise.resolve(); // the MutationObserver records the addition
        const started = performance.now();
        scheduler.runSlice();
        const elapsed = performance.now() - started;
        foundByRescan = scheduler.result.contacts.length - before;
        added.remove();
        await Promise.resolve();
        scheduler.requestFullScan();
        scheduler.runSlice(); // back to the original page for the next run
        if (run >= 2) rescanTimes.push(elapsed);
      }
      return {
        pageElements: elements,
        runs,
        contactsFound: found,
        detectMedianMs: median(detectTimes),
        ratioToFloor: median(floorRatiosOfDetect),
        firstScanMedianMs: median(coldTimes),
        firstScanRatioToFloor: median(coldRatiosToFloor),
        treeWalkMedianMs: median(walkTimes),
        ratioToTreeWalk: median(ratios),
        floorMedianMs: median(floorTimes),
        floorRatioToTreeWalk: median(floorRatios),
        allNodesWalkMedianMs: median(allNodesTimes),
        rescanAfter50ElementMutationMedianMs: median(rescanTimes),
        contactsFoundByRescan: foundByRescan,
        breakdownMs,
      };
    },
    { runs, mutations },
  );
  return {
    ...result,
    detectMedianMs: round(result.detectMedianMs),
    ratioToFloor: round(result.ratioToFloor, 2),
    firstScanMedianMs: round(result.firstScanMedianMs),
    firstScanRatioToFloor: round(result.firstScanRatioToFloor, 2),
    treeWalkMedianMs: round(result.treeWalkMedianMs),
    ratioToTreeWalk: round(result.ratioToTreeWalk, 2),
    floorMedianMs: round(result.floorMedianMs),
    floorRatioToTreeWalk: round(result.floorRatioToTreeWalk, 2),
    allNodesWalkMedianMs: round(result.allNodesWalkMedianMs),
    rescanAfter50ElementMutationMedianMs: round(result.rescanAfter50ElementMutationMedianMs),
    breakdownMs: Object.fromEntries(Object.entries(result.breakdownMs).map(([name, ms]) => [name, round(ms)])),
  };
}
