/**
 * Accepting a change alert writes the page values and one History entry; until then nothing a
 * page shows changes a typed field, not even adding the person again from the page.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptProfileChanges, editContactField, getContact, openCrmDatabase, saveDetectedContact, type CrmDatabase } from '@/lib/db';
import { DetectedContact } from '@/lib/model';
import { proposeProfileChanges } from '@/lib/profile-changes';

const NOW = Date.UTC(2026, 11, 6, 12);
const SOURCE = { url: 'https://www.linkedin.com/in/ada', site: 'linkedin' };
let db: CrmDatabase;
let count = 0;
beforeEach(async () => {
  db = openCrmDatabase(`profile-changes-${++count}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const ada = (fields: Partial<DetectedContact> = {}) =>
  DetectedContact.parse({ name: 'Ada Lovelace', emails: ['ada@acme.test'], profiles: [{ kind: 'linkedin', url: 'https://www.linkedin.com/in/ada' }], ...fields });

describe('acceptProfileChanges', () => {
  it('never changes a typed field without the click, then Update writes it and History records it', async () => {
    const { contact } = await saveDetectedContact(db, ada({ company: 'Acme' }), { kind: 'page' }, NOW - 5000);
    await editContactField(db, contact.id, 'title', 'Analyst', NOW - 4000);
    // The page now says something else; saving the detection again (Add, capture) leaves both fields.
    const moved = ada({ title: 'Head of Data', company: 'Initech' });
    await saveDetectedContact(db, moved, { kind: 'page' }, NOW - 3000);
    const before = (await getContact(db, contact.id))!;
    expect(before).toMatchObject({ title: 'Analyst', company: 'Acme' });

    const proposal = proposeProfileChanges(before, moved, SOURCE, {})!;
    expect(proposal.changes.map((change) => [change.field, change.typed])).toEqual([['title', true], ['company', false]]);
    const after = await acceptProfileChanges(db, proposal, NOW);
    expect(after).toMatchObject({ title: 'Head of Data', company: 'Initech', updatedAt: NOW });
    expect(await getContact(db, contact.id)).toMatchObject({ title: 'Head of Data', company: 'Initech' });
    // Found by its new company too: the search keys follow the write.
    expect(after.searchTokens).toContain('initech');

    const history = await db.interactions.where('contactId').equals(contact.id).toArray();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ kind: 'profile-change', at: NOW, url: SOURCE.url, subject: 'Title: Analyst → Head of Data · Company: Acme → Initech' });
    // Bookkeeping, not a touch: the contact is not "contacted" by it.
    expect((await db.activity.get(contact.id))?.lastContactedAt).toBeUndefined();
  });

  it('refuses, changing nothing, when the field was edited after the alert appeared', async () => {
    const { contact } = await saveDetectedContact(db, ada({ title: 'Analyst' }), { kind: 'page' }, NOW - 5000);
    const proposal = proposeProfileChanges(contact, ada({ title: 'Head of Data' }), SOURCE, {})!;
    await editContactField(db, contact.id, 'title', 'Senior Analyst', NOW - 1000);
    await expect(acceptProfileChanges(db, proposal, NOW)).rejects.toThrow(/changed since this alert/);
    expect((await getContact(db, contact.id))?.title).toBe('Senior Analyst');
    expect(await db.interactions.count()).toBe(0);
  });
});
