/**
 * The import's bulk paths (issue 24): the per-key index lookup, both ways planImport matches
 * stored contacts (anyOf's cursor while few are stored, one request per key once more are), and
 * the write in many small transactions.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activityOf, interactionsOf, openCrmDatabase, saveDetectedContact, type CrmDatabase } from '@/lib/db';
import { primaryKeysByIndex } from '@/lib/db/index-lookup';
import { planImport } from '@/lib/io/import-plan';
import { runImport } from '@/lib/io/import-run';
import { DetectedContact } from '@/lib/model';
import { imported, parsedImport } from './fixtures';

const NOW = Date.UTC(2024, 4, 1);
let db: CrmDatabase;
let count = 0;

beforeEach(async () => {
  db = openCrmDatabase(`import-lookup-test-${++count}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

/** `n` stored contacts: person i has email p{i}@example.org, every third a GitHub profile, and person 0 only a phone. */
async function storePeople(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const person =
      i === 0
        ? { name: 'Phone only', phones: ['+44 20 7946 0001'] }
        : { name: `Person ${i}`, emails: [`p${i}@example.org`], profiles: i % 3 === 0 ? [{ kind: 'github' as const, url: `https://github.com/p${i}` }] : [] };
    const { contact } = await saveDetectedContact(db, DetectedContact.parse(person), { kind: 'page' }, NOW - 1000);
    ids.push(contact.id);
  }
  return ids;
}

describe('primaryKeysByIndex', () => {
  it('finds each row holding any key once, over more keys than one round asks, inside a write transaction too', async () => {
    const ids = await storePeople(7);
    const keys = [...Array.from({ length: 2_500 }, (_, i) => `nobody${i}@example.org`), 'p3@example.org', 'p5@example.org', 'p3@example.org'];
    expect((await primaryKeysByIndex(db, db.contacts, 'emails', keys)).sort()).toEqual([ids[3], ids[5]].sort());
    const inside = await db.transaction('rw', db.contacts, () => primaryKeysByIndex(db, db.contacts, 'profileUrls', ['https://github.com/p6', 'https://github.com/p4']));
    expect(inside).toEqual([ids[6]]);
    expect(await primaryKeysByIndex(db, db.contacts, 'emails', [])).toEqual([]);
  });
});

describe('planImport matching, whichever lookup it uses', () => {
  const file = () => [
    imported({ line: 2, name: 'P3', emails: ['P3@example.org'] }),
    imported({ line: 3, name: 'P6 by profile', profiles: [{ kind: 'github', url: 'https://github.com/p6/' }] }),
    imported({ line: 4, name: 'By phone', phones: ['+44 20 7946 0001'] }),
    imported({ line: 5, name: 'New', emails: ['new@example.org'] }),
  ];

  it('matches the same stored contacts with few keys (one request per key) and with many (the cursor)', async () => {
    const ids = await storePeople(12);
    // 4 people, 12 stored: one request per key.
    const few = await planImport(db, parsedImport({ contacts: file() }), { updateExisting: false, now: NOW });
    // The same 4 among 40 more new people: more keys than stored, the cursor.
    const padding = Array.from({ length: 40 }, (_, i) => imported({ line: 10 + i, name: `Pad ${i}`, emails: [`pad${i}@example.org`] }));
    const many = await planImport(db, parsedImport({ contacts: [...file(), ...padding] }), { updateExisting: false, now: NOW });
    const firstFour = (plan: typeof few) => plan.contacts.slice(0, 4).map((c) => [c.line, c.action, ids.indexOf(c.contactId!)]);
    expect(firstFour(few)).toEqual([
      // Nothing new for these two (different names are not updates without "update existing").
      [2, 'skip', 3],
      [3, 'skip', 6],
      [4, 'merge', 0],
      [5, 'create', -1],
    ]);
    expect(firstFour(many)).toEqual(firstFour(few));
    expect(many.counts).toMatchObject({ create: 41, merge: 1, skip: 2 });
  });

  it('leaves out a deleted stored contact on the per-key path', async () => {
    const ids = await storePeople(12);
    await db.contacts.update(ids[3]!, { deletedAt: NOW - 500 });
    const plan = await planImport(db, parsedImport({ contacts: file() }), { updateExisting: false, now: NOW });
    expect(plan.contacts[0]).toMatchObject({ line: 2, action: 'create' });
    expect(plan.contacts[0]!.contactId).not.toBe(ids[3]);
  });
});

describe('runImport in small transactions', () => {
  it('writes every person once, in order, with notes and activity facts, whatever the chunk and slice sizes', async () => {
    const people = Array.from({ length: 11 }, (_, i) =>
      imported({ line: 2 + i, name: `Person ${i}`, emails: [`person${i}@example.org`], ...(i % 4 === 0 ? { note: `Note ${i}` } : {}) }),
    );
    const results = [];
    const sizes = [
      { chunkSize: 5, sliceSize: 4 },
      { chunkSize: 250, sliceSize: 250 },
      { chunkSize: 5, sliceSize: 1 },
      { chunkSize: 250 },
    ];
    const progress: number[][] = [];
    for (const { chunkSize, sliceSize } of sizes) {
      const target = openCrmDatabase(`import-lookup-chunks-${chunkSize}-${sliceSize}-${count}`);
      await target.open();
      try {
        const plan = await planImport(target, parsedImport({ contacts: people }), { updateExisting: false, now: NOW });
        const done: number[] = [];
        const result = await runImport(target, plan, { chunkSize, sliceSize, now: NOW, onProgress: (step) => done.push(step.done) });
        progress.push(done);
        const stored = await target.contacts.bulkGet(plan.contacts.map((c) => c.contactId!));
        const noted = await Promise.all(plan.contacts.filter((c) => c.imported.note).map(async (c) => [(await interactionsOf(target, c.contactId!)).map((n) => n.body), (await activityOf(target, c.contactId!))?.updatedAt]));
        results.push({ result, names: stored.map((c) => c?.name), noted, outbox: await target.table('outbox').count() });
      } finally {
        await target.delete();
      }
    }
    expect(results[0]!.result).toMatchObject({ created: 11, notes: 3, cancelled: false });
    expect(results[0]!.names).toEqual(people.map((p) => p.name));
    expect(results[0]!.noted).toEqual([
      [['Note 0'], NOW],
      [['Note 4'], NOW],
      [['Note 8'], NOW],
    ]);
    // Every row written went through the outbox: 11 contacts and 3 notes.
    expect(results[0]!.outbox).toBe(14);
    for (const other of results.slice(1)) expect(other).toEqual(results[0]);
    // Progress after each slice, up to every person: a transaction's first two slices are half size.
    expect(progress[0]).toEqual([0, 2, 4, 5, 7, 9, 10, 11]);
    expect(progress[2]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(progress[3]).toEqual([0, 11]); // one slice of the default size
  });

  it('merges into a contact stored after the preview, found by one request per key', async () => {
    await storePeople(12);
    const plan = await planImport(db, parsedImport({ contacts: [imported({ line: 2, name: 'Late', emails: ['late@example.org'], company: 'Acme' })] }), {
      updateExisting: false,
      now: NOW,
    });
    const { contact: late } = await saveDetectedContact(db, DetectedContact.parse({ name: 'Late', emails: ['late@example.org'] }), { kind: 'page' }, NOW);
    const result = await runImport(db, plan, { now: NOW });
    expect(result).toMatchObject({ created: 0, merged: 1 });
    expect((await db.contacts.get(late.id))?.company).toBe('Acme');
    expect(await db.contacts.where('emails').equals('late@example.org').count()).toBe(1);
  });
});
