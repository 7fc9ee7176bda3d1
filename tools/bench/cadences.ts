/**
 * Keep-in-touch planning for `npm run bench` (issue 22), in real Chromium with real IndexedDB:
 * 100,000 contacts, every tier default on (Strategic, Growth and Core: 60% of them), a tagged
 * segment with a cadence and 1 in 100 with their own. The badge plans in the service worker and
 * the Tasks view on the panel's thread; here it runs on the page's main thread, so the longest task
 * observed while planning is the longest stall it could cause on either. Median of 5 runs after a
 * warm-up; the longest task over all of them.
 */
import type * as CadencesEntry from './cadences-entry';
import { median, round } from './stats';
import { openBenchPage } from './page-bundle';

type Entry = typeof CadencesEntry;

export interface CadencesBench {
  contacts: number;
  /** Contacts some cadence applies to. */
  planned: number;
  due: number;
  samples: number;
  planMedianMs: number;
  /** The longest main-thread task (PerformanceObserver "longtask", 50 ms and over) while planning; 0 when none. */
  longestTaskMs: number;
}

export async function benchCadences(contacts = 100_000, samples = 5): Promise<CadencesBench> {
  const { browser, page } = await openBenchPage('cadences-entry.ts', 'sidebarCrmCadences', 'cadences bench');
  try {
    const figures = await page.evaluate(
      async ({ contacts, samples }) => {
        const entry = (globalThis as unknown as { sidebarCrmCadences: Entry }).sidebarCrmCadences;
        const db = entry.openCrmDatabase('cadences-bench');
        await db.open();
        const now = Date.now();
        await entry.seedCadences(db, contacts, now);
        const plan = () => entry.dueCadences(db, entry.ALL_TIERS_ON, {}, now);
        const first = await plan(); // warm-up
        let longest = 0;
        const observer = new PerformanceObserver((list) => {
          for (const task of list.getEntries()) longest = Math.max(longest, task.duration);
        });
        observer.observe({ type: 'longtask', buffered: false });
        const runs: number[] = [];
        for (let i = 0; i < samples; i += 1) {
          const started = performance.now();
          await plan();
          runs.push(performance.now() - started);
        }
        await new Promise((resolve) => setTimeout(resolve, 100)); // let the observer report the last tasks
        observer.disconnect();
        await db.delete();
        return { planned: first.planned, due: first.due.length, runs, longest };
      },
      { contacts, samples },
    );
    return {
      contacts,
      planned: figures.planned,
      due: figures.due,
      samples,
      planMedianMs: round(median(figures.runs), 1),
      longestTaskMs: round(figures.longest, 1),
    };
  } finally {
    await browser.close();
  }
}
