/**
 * Follow-up figures for `npm run bench`, in real Chromium with real IndexedDB (a page on a routed
 * origin, the product's code bundled into it with esbuild): 100,000 tasks over 2,000 contacts, 1
 * in 50 open. Open follow-ups are read through the `openDueAt` index (listOpenTasks, which the
 * Tasks view uses; tasksToRemind, which the toolbar badge uses; the overdue filter), against the
 * whole-table scan they replaced, measured in the same run. Medians of 21 reads after a warm-up.
 */
import type * as TasksEntry from './tasks-entry';
import { median, round } from './stats';
import { openBenchPage } from './page-bundle';

type Entry = typeof TasksEntry;


export interface TasksBench {
  tasks: number;
  open: number;
  contacts: number;
  samples: number;
  /** listOpenTasks through the index (the Tasks view's read). */
  listOpenMedianMs: number;
  /** tasksToRemind: open tasks of live contacts in scope (the badge's read). */
  badgeMedianMs: number;
  /** contactsWithOverdueFollowUps (the contacts list's "Overdue follow-up" filter). */
  overdueMedianMs: number;
  /** The old read: every task, done ones dropped. */
  scanMedianMs: number;
  /** scan / index, same run: how much cheaper the index makes the Tasks view's read. */
  scanToIndexRatio: number;
}


export async function benchTasks(tasks = 100_000, contacts = 2_000, openEvery = 50, samples = 21): Promise<TasksBench> {
  const { browser, page } = await openBenchPage('tasks-entry.ts', 'sidebarCrmTasks', 'tasks bench');
  try {
    const figures = await page.evaluate(
      async ({ tasks, contacts, openEvery, samples }) => {
        const entry = (globalThis as unknown as { sidebarCrmTasks: Entry }).sidebarCrmTasks;
        const db = entry.openCrmDatabase('tasks-bench');
        await db.open();
        const now = Date.now();
        const { open } = await entry.seedTasks(db, contacts, tasks, openEvery, now);
        const time = async (read: () => Promise<unknown>) => {
          await read(); // warm-up
          const runs: number[] = [];
          for (let i = 0; i < samples; i += 1) {
            const started = performance.now();
            await read();
            runs.push(performance.now() - started);
          }
          return runs;
        };
        const listed = await entry.listOpenTasks(db);
        const scanned = await entry.scanOpenTasks(db);
        if (listed.length !== open || scanned.length !== open) throw new Error(`open tasks: index ${listed.length}, scan ${scanned.length}, seeded ${open}`);
        const result = {
          open,
          list: await time(() => entry.listOpenTasks(db)),
          badge: await time(() => entry.tasksToRemind(db)),
          overdue: await time(() => entry.contactsWithOverdueFollowUps(db, now)),
          scan: await time(() => entry.scanOpenTasks(db)),
        };
        await db.delete();
        return result;
      },
      { tasks, contacts, openEvery, samples },
    );
    const list = median(figures.list);
    const scan = median(figures.scan);
    return {
      tasks,
      open: figures.open,
      contacts,
      samples,
      listOpenMedianMs: round(list, 2),
      badgeMedianMs: round(median(figures.badge), 2),
      overdueMedianMs: round(median(figures.overdue), 2),
      scanMedianMs: round(scan, 2),
      scanToIndexRatio: round(scan / list, 1),
    };
  } finally {
    await browser.close();
  }
}
