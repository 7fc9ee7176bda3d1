import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { generatePage } from './generate-page';
import { round } from './stats';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** lib/detect bundled for the page, as `globalThis.sidebarCrmDetect`. */
async function bundleDetect(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../../lib/detect/index.ts', import.meta.url))],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    globalName: 'sidebarCrmDetect',
    platform: 'browser',
  });
  return result.outputFiles[0]!.text;
}

export interface DetectionBench {
  pageElements: number;
  runs: number;
  detectMedianMs: number;
  treeWalkMedianMs: number;
  /** Median over runs of detect time / tree-walk time on the same page in the same run. */
  ratioToTreeWalk: number;
  contactsFound: number;
}

/** Scan time of a generated page in real Chromium, against one bare TreeWalker pass over it. */
export async function benchDetection(runs = 21): Promise<DetectionBench> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(generatePage(10_000, 200));
    await page.addScriptTag({ content: await bundleDetect() });
    // tsx compiles this file with esbuild's keepNames, which wraps the functions below in a
    // `__name(...)` helper that does not exist in the page.
    await page.addScriptTag({ content: 'globalThis.__name = (fn) => fn;' });
    return await page.evaluate((runs) => {
      const detect = (globalThis as unknown as { sidebarCrmDetect: { detect: (root: ParentNode, url: string) => { contacts: unknown[] } } }).sidebarCrmDetect.detect;
      const walk = () => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
        let nodes = 0;
        while (walker.nextNode()) nodes++;
        return nodes;
      };
      const elements = walk();
      const detectTimes: number[] = [];
      const walkTimes: number[] = [];
      const ratios: number[] = [];
      let found = 0;
      // Pages coarsen performance.now() to 0.1 ms: time several passes per sample.
      const passes = 10;
      for (let run = 0; run < runs + 2; run++) {
        let started = performance.now();
        for (let pass = 0; pass < passes; pass++) walk();
        const walkMs = (performance.now() - started) / passes;
        started = performance.now();
        for (let pass = 0; pass < passes; pass++) found = detect(document, 'https://example.com/team').contacts.length;
        const detectMs = (performance.now() - started) / passes;
        if (run < 2) continue; // warm-up: let the JIT settle before measuring
        walkTimes.push(walkMs);
        detectTimes.push(detectMs);
        ratios.push(detectMs / Math.max(walkMs, 0.001));
      }
      const median = (values: number[]) => {
        const sorted = [...values].sort((a, b) => a - b);
        const mid = Math.floor(sorted.length / 2);
        return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
      };
      return {
        pageElements: elements,
        runs,
        detectMedianMs: median(detectTimes),
        treeWalkMedianMs: median(walkTimes),
        ratioToTreeWalk: median(ratios),
        contactsFound: found,
      };
    }, runs).then((result) => ({
      ...result,
      detectMedianMs: round(result.detectMedianMs),
      treeWalkMedianMs: round(result.treeWalkMedianMs),
      ratioToTreeWalk: round(result.ratioToTreeWalk, 2),
    }));
  } finally {
    await browser.close();
  }
}


