import { expect, type BrowserContext, type Worker } from '@playwright/test';

/**
 * A fake clock for the extension's service worker, put there by the test (the shipped extension
 * has no hook for it). Playwright's own clock (`context.clock`) reaches pages only, not workers,
 * so the worker's global `Date` is replaced through `Worker.evaluate` by a proxy whose `now()` and
 * argument-less constructor read the real clock plus an offset: time runs on from the fake moment,
 * and dates built from parts or numbers are untouched. The reminders and keep-in-touch planning
 * read the time only through `Date` (entrypoints/background/reminders.ts, lib/cadences).
 *
 * A restarted worker is a fresh global with the real `Date` again: tests ask `workerClock` before
 * each step that depends on it. `chrome.alarms` keep firing on the real clock.
 */

/** The reminders' wake-up alarm (REMINDER_ALARM in entrypoints/background/reminders.ts). */
const REMINDER_ALARM = 'reminders-next';

type ClockedGlobal = typeof globalThis & { __realDate?: DateConstructor; __fakeClockOffset?: number };
type AlarmsApi = {
  alarms: {
    create(name: string, info: { when: number }): Promise<void>;
    get(name: string): Promise<{ scheduledTime: number } | undefined>;
  };
};

export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

/** Makes the worker's clock read `at` now (installing the fake `Date` the first time). */
export async function setWorkerClock(context: BrowserContext, at: number): Promise<void> {
  const worker = await serviceWorker(context);
  await worker.evaluate((at) => {
    const g = globalThis as ClockedGlobal;
    const RealDate = g.__realDate ?? Date;
    g.__fakeClockOffset = at - RealDate.now();
    if (g.__realDate) return;
    g.__realDate = RealDate;
    const now = () => RealDate.now() + (g.__fakeClockOffset ?? 0);
    // A proxy rather than a subclass: `Date()` called without `new` keeps working, and
    // `Date.prototype`, `Date.UTC` and `instanceof Date` stay the real ones.
    g.Date = new Proxy(RealDate, {
      construct: (target, args: unknown[], newTarget) => Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget) as object,
      apply: () => new RealDate(now()).toString(),
      get: (target, key, receiver) => (key === 'now' ? now : Reflect.get(target, key, receiver)) as unknown,
    });
  }, at);
}

/** The worker's time now, or undefined when its `Date` is the real one (never faked, or the worker restarted). */
export async function workerClock(context: BrowserContext): Promise<number | undefined> {
  const worker = await serviceWorker(context);
  return worker.evaluate(() => ((globalThis as ClockedGlobal).__realDate ? Date.now() : undefined));
}

/**
 * Wakes the reminders as Chrome does when their alarm comes due: the product's own alarm is set to
 * fire now on the real clock (the one it planned lies on the fake clock's calendar). Returns once a
 * re-plan has finished, which it marks by setting the next alarm from the fake clock: later than
 * the fake moment of the wake, so not the alarm set here (fake time runs ahead of the real one);
 * after a jump of the clock, nor one from a run that read the time before the jump.
 */
export async function wakeReminders(context: BrowserContext): Promise<void> {
  const worker = await serviceWorker(context);
  const wokenAt = await worker.evaluate(async (name) => {
    const g = globalThis as ClockedGlobal;
    const { chrome } = g as unknown as { chrome: AlarmsApi };
    if (!g.__realDate) throw new Error('the worker clock is not faked');
    await chrome.alarms.create(name, { when: g.__realDate.now() });
    return Date.now();
  }, REMINDER_ALARM);
  await expect
    .poll(
      () =>
        worker.evaluate(async (name) => {
          const { chrome } = globalThis as unknown as { chrome: AlarmsApi };
          return (await chrome.alarms.get(name))?.scheduledTime ?? 0;
        }, REMINDER_ALARM),
      { message: 'the reminders re-planned after their alarm fired', timeout: 15_000 },
    )
    .toBeGreaterThan(wokenAt);
}
