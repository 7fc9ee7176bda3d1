/**
 * Open follow-ups through the `openDueAt` index (issue 23, item 8): IndexedDB indexes no
 * undefined `doneAt`, so before this the Tasks view and the badge read the whole tasks table.
 * Real (fake-)IndexedDB; a DBCore spy records which index each read walks and how many rows
 * it returns, so "uses the index" is checked on the reads Dexie actually makes.
 */
import type { DBCore, DBCoreTable } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTask, completeTask, contactsWithOverdueFollowUps, listOpenTasks, openCrmDatabase, snoozeTask, type CrmDatabase } from '@/lib/db';
import { tasksToRemind } from '@/lib/db/queries/tasks';
import { createBackup, restoreBackup } from '@/lib/io/backup';
import { Contact, type Task } from '@/lib/model';
import { applyPulledRows } from '@/lib/sync/client/apply-pulled';
import { SYNCED_FIELDS } from '@/lib/sync/shared/protocol';
import { openShippedVersion } from './shipped-schemas';

interface Read {
  index: string;
  rows: number;
}

let db: CrmDatabase;
let reads: Read[];
let count = 0;
const contact = (id: string) => Contact.parse({ id, name: id.toUpperCase(), createdAt: 1, updatedAt: 1 });
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 6, 12);

function spyOnTaskReads(target: CrmDatabase): void {
  target.use({
    stack: 'dbcore',
    name: 'task-read-spy',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name: string): DBCoreTable => {
        const table = down.table(name);
        if (name !== 'tasks') return table;
        return {
          ...table,
          query: async (request) => {
            const result = await table.query(request);
            reads.push({ index: request.query.index.name ?? ':id', rows: result.result.length });
            return result;
          },
          openCursor: async (request) => {
            const cursor = await table.openCursor(request);
            reads.push({ index: request.query.index.name ?? ':id', rows: -1 });
            return cursor;
          },
        };
      },
    }),
  });
}

/** What the old code did: every task read, done ones dropped, soonest due first. */
async function openTasksByScan(target: CrmDatabase): Promise<Task[]> {
  const all = await target.tasks.toArray();
  return all.filter((task) => task.doneAt === undefined).sort((a, b) => a.dueAt - b.dueAt || (a.id < b.id ? -1 : 1));
}

const ids = (tasks: readonly Task[]) => tasks.map((task) => task.id);

beforeEach(async () => {
  db = openCrmDatabase(`open-tasks-${++count}`);
  spyOnTaskReads(db);
  reads = [];
  await db.open();
  await db.contacts.bulkPut([contact('ada'), contact('bob')]);
});
afterEach(async () => {
  await db.delete();
});

/** 60 tasks, due one a day from 30 days ago; every third done, one snoozed to next week. */
async function someTasks(): Promise<Task[]> {
  const made: Task[] = [];
  for (let i = 0; i < 60; i += 1) {
    made.push(await addTask(db, { contactId: i % 2 ? 'ada' : 'bob', title: `Task ${i}`, dueAt: NOW + (i - 30) * DAY }, NOW + i));
  }
  for (let i = 0; i < 60; i += 3) await completeTask(db, made[i]!.id, NOW + 100 + i);
  await snoozeTask(db, made[1]!.id, NOW + 7 * DAY);
  return made;
}

describe('open follow-ups through the openDueAt index', () => {
  it('lists the same open tasks as a scan, reading only open rows through the index', async () => {
    await someTasks();
    const expected = await openTasksByScan(db);
    expect(expected).toHaveLength(40);

    reads = [];
    const open = await listOpenTasks(db);
    expect(ids(open)).toEqual(ids(expected));
    expect(reads).toEqual([{ index: 'openDueAt', rows: 40 }]);
    // The snoozed task moved in the index with its due date.
    expect(open.find((task) => task.title === 'Task 1')!.openDueAt).toBe(NOW + 7 * DAY);
    expect(open.every((task) => task.openDueAt === task.dueAt)).toBe(true);
  });

  it('feeds the badge and the overdue filter from the index too', async () => {
    await someTasks();
    reads = [];
    expect(ids(await tasksToRemind(db))).toEqual(ids(await openTasksByScan(db)));
    expect(reads[0]).toEqual({ index: 'openDueAt', rows: 40 });

    reads = [];
    expect([...(await contactsWithOverdueFollowUps(db, NOW))].sort()).toEqual(['ada', 'bob']);
    expect(reads.map((read) => read.index)).toEqual(['openDueAt']);
    for (const task of await openTasksByScan(db)) await completeTask(db, task.id, NOW);
    expect((await contactsWithOverdueFollowUps(db, NOW)).size).toBe(0);
    expect(await listOpenTasks(db)).toEqual([]);
  });

  it('drops the key when a task is done, and keeps a contact’s list the same', async () => {
    const made = await someTasks();
    const done = await db.tasks.get(made[0]!.id);
    expect(done!.doneAt).toBeDefined();
    expect(done).not.toHaveProperty('openDueAt');
    expect(ids(await listOpenTasks(db, 'ada'))).toEqual(ids((await openTasksByScan(db)).filter((task) => task.contactId === 'ada')));
  });
});

describe('the openDueAt key stays local', () => {
  it('is a derived key: not synced, not in backups, set again on restore', async () => {
    expect(SYNCED_FIELDS.tasks).not.toContain('openDueAt');
    await someTasks();
    const backup = await createBackup(db, { now: NOW });
    expect(backup.tables.tasks).toHaveLength(60);
    expect(backup.tables.tasks.some((task) => 'openDueAt' in task)).toBe(false);

    const other = openCrmDatabase(`open-tasks-restored-${count}`);
    try {
      await restoreBackup(other, backup);
      expect(ids(await listOpenTasks(other))).toEqual(ids(await openTasksByScan(db)));
    } finally {
      await other.delete();
    }
  });

  it('is set and cleared on pulled rows, and never queued in the outbox', async () => {
    const hlc = (n: number) => `2026-12-06T12:00:0${n}.000Z-0000-9f2c41d07a11b3e5`;
    await applyPulledRows(
      db,
      [{ table: 'tasks', id: 't1', fields: { contactId: { value: 'ada', hlc: hlc(1) }, title: { value: 'Call', hlc: hlc(1) }, dueAt: { value: NOW, hlc: hlc(1) } } }],
      undefined,
      NOW,
    );
    expect((await db.tasks.get('t1'))!.openDueAt).toBe(NOW);
    expect(ids(await listOpenTasks(db))).toEqual(['t1']);

    await applyPulledRows(db, [{ table: 'tasks', id: 't1', fields: { doneAt: { value: NOW + 1, hlc: hlc(2) } } }], undefined, NOW);
    expect(await db.tasks.get('t1')).not.toHaveProperty('openDueAt');
    expect(await listOpenTasks(db)).toEqual([]);

    // A local write queues the synced fields only.
    const task = await addTask(db, { contactId: 'bob', title: 'Write', dueAt: NOW }, NOW);
    const queued = await db.outbox.get(['tasks', task.id]);
    expect(Object.keys(queued!.fields)).not.toContain('openDueAt');
  });
});

describe('schema upgrade to the openDueAt index', () => {
  it('indexes the open tasks already stored and queues nothing to sync', async () => {
    const name = `open-tasks-upgrade-${count}`;
    const old = openShippedVersion(name, 5);
    await old.open();
    await old.table('tasks').bulkAdd([
      { id: 'open-late', contactId: 'ada', title: 'Late', dueAt: 300 },
      { id: 'done', contactId: 'ada', title: 'Done', dueAt: 100, doneAt: 150 },
      { id: 'open-soon', contactId: 'bob', title: 'Soon', dueAt: 200 },
    ]);
    old.close();

    const upgraded = openCrmDatabase(name);
    try {
      await upgraded.open();
      expect(upgraded.verno).toBeGreaterThanOrEqual(8);
      expect(ids(await listOpenTasks(upgraded))).toEqual(['open-soon', 'open-late']);
      expect(await upgraded.tasks.get('done')).toEqual({ id: 'done', contactId: 'ada', title: 'Done', dueAt: 100, doneAt: 150 });
      expect(await upgraded.outbox.count()).toBe(0);
    } finally {
      await upgraded.delete();
    }
  });
});
