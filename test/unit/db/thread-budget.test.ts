/**
 * The thread budget that keep-in-touch planning pauses on (lib/db/queries/thread-budget.ts): it
 * yields once its budget is used, a live query that paused still sees later writes to what it
 * read after the pause (the Tasks view plans through one), and sliced work visits every item once.
 */
import { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCrmDatabase, type CrmDatabase } from '@/lib/db';
import { forEachSliced, threadBudget } from '@/lib/db/queries/thread-budget';
import { Segment } from '@/lib/model';

let db: CrmDatabase;
let dbCount = 0;

beforeEach(async () => {
  db = openCrmDatabase(`thread-budget-${++dbCount}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const segment = (id: string) => Segment.parse({ id, name: id, rule: [{ field: 'tag', op: 'has', value: 'vip' }], createdAt: 1, updatedAt: 1 });

describe('threadBudget', () => {
  it('lets other tasks run once the budget is used, and not before', async () => {
    let ranBetween = false;
    setTimeout(() => void (ranBetween = true), 0);
    await threadBudget(60_000).pause();
    expect(ranBetween).toBe(false);
    await threadBudget(0).pause();
    expect(ranBetween).toBe(true);
  });

  it('keeps a live query watching what it reads after a pause', async () => {
    const seen: number[] = [];
    const subscription = liveQuery(async () => {
      await threadBudget(0).pause();
      return db.segments.count();
    }).subscribe((count) => seen.push(count));
    try {
      await until(() => seen.length === 1);
      await db.segments.put(segment('first'));
      await until(() => seen.at(-1) === 1);
      await db.segments.put(segment('second'));
      await until(() => seen.at(-1) === 2);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('visits every item once, in order, across slices', async () => {
    const visited: number[] = [];
    await forEachSliced(Array.from({ length: 2_345 }, (_, index) => index), (item) => visited.push(item), threadBudget(0), 100);
    expect(visited).toEqual(Array.from({ length: 2_345 }, (_, index) => index));
  });
});

async function until(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !check(); tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}
