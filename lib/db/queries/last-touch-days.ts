/**
 * The local day of every contact's last touch, from the activity's `lastTouchedAt` index (schema
 * version 9), for keep-in-touch planning, which counts calendar days (lib/cadences/days.ts) and so
 * needs the day of a touch, never its hour.
 *
 * Why by day: an index's keys can only be read with a cursor, one step per key (~10 µs each in
 * Chromium: ~1 s for 100,000 contacts), while the contact ids under a key range come back in one
 * request. So the ids touched on each of the last WINDOW_DAYS days are asked for a day at a time
 * (one request per day since the oldest touch, a few hundred at most); only touches older than
 * the window, or dated after today, are walked key by key.
 */
import type { Collection } from 'dexie';
import { calendarDaysBetween, startOfDayAfter } from '../../cadences';
import type { CrmDatabase } from '../types';

/** Longer than the longest cadence (365 days), so a contact touched before it is due under any. */
const WINDOW_DAYS = 400;

/** Contact id → local midnight starting the day of their last touch; contacts never touched are absent. */
export async function readLastTouchDays(db: CrmDatabase, now: number): Promise<Map<string, number>> {
  const days = new Map<string, number>();
  const windowStart = startOfDayAfter(now, -WINDOW_DAYS);
  const tomorrow = startOfDayAfter(now, 1);
  const byTouch = () => db.activity.where('lastTouchedAt');
  const keyByKey = (collection: Collection) =>
    collection.eachKey((touchedAt, cursor) => days.set(cursor.primaryKey as string, startOfDayAfter(touchedAt as number, 0)));
  await db.transaction('r', db.activity, async () => {
    const [oldest] = (await db.activity.orderBy('lastTouchedAt').limit(1).keys()) as number[];
    if (oldest === undefined) return;
    const reads: Array<Promise<unknown>> = [keyByKey(byTouch().below(windowStart)), keyByKey(byTouch().aboveOrEqual(tomorrow))];
    for (let offset = Math.max(-WINDOW_DAYS, calendarDaysBetween(now, oldest)); offset <= 0; offset += 1) {
      const dayStart = startOfDayAfter(now, offset);
      const ids = byTouch().between(dayStart, startOfDayAfter(now, offset + 1), true, false).primaryKeys();
      reads.push(ids.then((touched) => touched.forEach((id) => days.set(id, dayStart))));
    }
    await Promise.all(reads);
  });
  return days;
}
