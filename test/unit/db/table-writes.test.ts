/**
 * Hearing writes without reading (lib/db/table-writes.ts): the keep-in-touch planner re-plans
 * when segments, contacts or interactions are written, and a burst of writes (a first sync's
 * thousand transactions) costs one re-plan once they settle, or one per `maxWaitMs` while they go on.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCrmDatabase, type CrmDatabase } from '@/lib/db';
import { onTablesWritten, settledTrigger } from '@/lib/db/table-writes';
import { Contact, Task } from '@/lib/model';

let db: CrmDatabase;
let dbCount = 0;

beforeEach(async () => {
  db = openCrmDatabase(`table-writes-${dbCount++}`);
  await db.open();
});

afterEach(async () => {
  db.close();
  await db.delete();
});

const person = (id: string) => Contact.parse({ id, name: id, emails: [], phones: [], tags: [], stage: 'lead', createdAt: 1, updatedAt: 1 });

describe('onTablesWritten', () => {
  it('hears committed writes to the tables named, of this database only, and stops when unsubscribed', async () => {
    const heard: string[] = [];
    const stop = onTablesWritten(db.name, ['contacts', 'segments'], () => heard.push('write'));
    const other = openCrmDatabase(`table-writes-other-${dbCount++}`);
    try {
      await db.tasks.put(Task.parse({ id: 't1', contactId: 'c1', title: 'Call', dueAt: 1 }));
      await other.contacts.put(person('c9'));
      expect(heard).toEqual([]);
      await db.contacts.put(person('c1'));
      expect(heard).toEqual(['write']);
      await db.transaction('rw', db.contacts, async () => {
        await db.contacts.bulkPut([person('c2'), person('c3')]);
      });
      expect(heard).toEqual(['write', 'write']);
      stop();
      await db.contacts.put(person('c4'));
      expect(heard).toHaveLength(2);
    } finally {
      stop();
      other.close();
      await other.delete();
    }
  });
});

describe('settledTrigger', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once after the calls settle', () => {
    const run = vi.fn();
    const trigger = settledTrigger(run, 1_000, 10_000);
    for (let i = 0; i < 5; i += 1) {
      trigger();
      vi.advanceTimersByTime(300);
    }
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs at least once per maxWaitMs while calls keep coming', () => {
    const run = vi.fn();
    const trigger = settledTrigger(run, 1_000, 10_000);
    for (let elapsed = 0; elapsed < 25_000; elapsed += 500) {
      trigger();
      vi.advanceTimersByTime(500);
    }
    // Calls every 500 ms never settle for 1 s: runs at 10 s and 20 s.
    expect(run).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1_000);
    expect(run).toHaveBeenCalledTimes(3);
  });
});
