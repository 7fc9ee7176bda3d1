import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  addTagToContacts,
  deleteContacts,
  interactionsOf,
  openCrmDatabase,
  restoreContacts,
  searchContacts,
  setStageOfContacts,
  wonDealsRevision,
  type CrmDatabase,
} from '@/lib/db';
import { withIndexKeys } from '@/lib/db/contact-keys';
import { Contact } from '@/lib/model';

const NOW = Date.UTC(2026, 2, 10, 12);
let db: CrmDatabase;
let dbCount = 0;
beforeEach(async () => {
  db = openCrmDatabase(`bulk-${++dbCount}`);
  await db.open();
  const people = ['Ada', 'Bob', 'Cy', 'Dee', 'Eve'];
  await db.contacts.bulkPut(
    people.map((name, i) =>
      Contact.parse(withIndexKeys(Contact.parse({ id: name.toLowerCase(), name, emails: [`${name.toLowerCase()}@example.org`], createdAt: i, updatedAt: i }))),
    ),
  );
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

const ids = async (query: Parameters<typeof searchContacts>[1]) => (await searchContacts(db, query)).contacts.map((c) => c.id);

describe('bulk writes', () => {
  it('tags many contacts, skipping those that have the tag in any case, and search finds them by it', async () => {
    await db.contacts.put(Contact.parse(withIndexKeys({ ...(await db.contacts.get('cy'))!, tags: ['Conference'] })));
    // A chunk of 2 makes this three transactions.
    expect(await addTagToContacts(db, ['ada', 'bob', 'cy', 'nobody', 'ada'], '  conference  ', NOW, 2)).toEqual(['ada', 'bob']);
    expect(await ids({ tag: 'conference' })).toEqual(['ada', 'bob']);
    expect(await ids({ text: 'confer' })).toEqual(['ada', 'bob', 'cy']);
    expect((await db.contacts.get('ada'))!.updatedAt).toBe(NOW);
    await expect(addTagToContacts(db, ['ada'], '   ')).rejects.toThrow('empty');
  });

  it('changes the stage of many, logging a stage change for each that moved', async () => {
    await db.contacts.update('dee', { stage: 'customer' });
    expect(await setStageOfContacts(db, ['ada', 'dee', 'eve'], 'customer', NOW, 2)).toEqual(['ada', 'eve']);
    expect(await ids({ stage: 'customer' })).toEqual(['ada', 'dee', 'eve']);
    const history = await interactionsOf(db, 'ada');
    expect(history.map((row) => [row.kind, row.subject])).toEqual([['stage-change', 'lead → customer']]);
    expect(await interactionsOf(db, 'dee')).toEqual([]);
    expect(await db.activity.get('ada')).toMatchObject({ recentTouches: [] });
  });

  it('deletes as tombstones and restores exactly those on undo', async () => {
    await db.contacts.update('eve', { deletedAt: 7 });
    const revision = await wonDealsRevision(db);
    const deleted = await deleteContacts(db, ['ada', 'bob', 'eve'], NOW, 1);
    expect(deleted).toEqual(['ada', 'bob']);
    expect(await ids({})).toEqual(['cy', 'dee']);
    expect(await db.contacts.get('ada')).toMatchObject({ deletedAt: NOW, name: 'Ada' });
    expect(await wonDealsRevision(db)).toBeGreaterThan(revision);

    expect(await restoreContacts(db, deleted, NOW + 1)).toEqual(['ada', 'bob']);
    expect(await ids({})).toEqual(['ada', 'bob', 'cy', 'dee']);
    const ada = await db.contacts.get('ada');
    expect(ada?.deletedAt).toBeUndefined();
    expect(ada?.updatedAt).toBe(NOW + 1);
    // Eve was deleted before: not part of this undo.
    expect((await db.contacts.get('eve'))?.deletedAt).toBe(7);
  });

  it('reports progress after each chunk, over the distinct ids, for tag, stage and delete', async () => {
    const seen: string[] = [];
    const record = (what: string) => (done: number, total: number) => seen.push(`${what} ${done}/${total}`);
    // Five distinct ids (one repeated, one unknown) in chunks of 2: three reports each.
    const listed = ['ada', 'bob', 'cy', 'ada', 'dee', 'nobody'];
    await addTagToContacts(db, listed, 'vip', NOW, 2, record('tag'));
    await setStageOfContacts(db, listed, 'customer', NOW, 2, record('stage'));
    await deleteContacts(db, listed, NOW, 2, record('delete'));
    expect(seen).toEqual(['tag 2/5', 'tag 4/5', 'tag 5/5', 'stage 2/5', 'stage 4/5', 'stage 5/5', 'delete 2/5', 'delete 4/5', 'delete 5/5']);
  });

  it('each chunk is all or nothing', async () => {
    const add = db.interactions.bulkAdd.bind(db.interactions);
    let calls = 0;
    // The second chunk's stage-change log fails after its contacts were written: they roll back.
    vi.spyOn(db.interactions, 'bulkAdd').mockImplementation(((...args: Parameters<typeof add>) => {
      if (++calls === 2) return Promise.reject(new Error('disk full'));
      return add(...args);
    }) as typeof add);
    await expect(setStageOfContacts(db, ['ada', 'bob', 'cy', 'dee'], 'prospect', NOW, 2)).rejects.toThrow('disk full');
    expect(await ids({ stage: 'prospect' })).toEqual(['ada', 'bob']);
    expect(await db.interactions.count()).toBe(2);
  });
});
