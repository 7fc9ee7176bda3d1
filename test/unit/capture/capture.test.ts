import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFrequentCorrespondents, logProfileVisit, openCrmDatabase, saveDetectedContact, type CrmDatabase } from '@/lib/db';
import { DetectedContact, EmailThreadContext, ProfileContext } from '@/lib/model';

let db: CrmDatabase;
let count = 0;
beforeEach(async () => {
  db = openCrmDatabase(`capture-${++count}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const DAY = 86_400_000;
const noon = new Date(2026, 10, 23, 12).getTime();
const profile = ProfileContext.parse({ kind: 'profile', site: 'linkedin', url: 'https://www.linkedin.com/in/ada-lovelace' });

describe('profile visits', () => {
  it('logs a visit to a known contact’s profile at most once a day', async () => {
    const { contact } = await saveDetectedContact(db, DetectedContact.parse({ name: 'Ada', profiles: [{ kind: 'linkedin', url: profile.url }] }), { kind: 'test' });
    expect(await logProfileVisit(db, profile, noon)).toBe(true);
    expect(await logProfileVisit(db, profile, noon + 3_600_000)).toBe(false); // reload, same day
    expect(await logProfileVisit(db, profile, noon + DAY)).toBe(true);
    const visits = await db.interactions.where('contactId').equals(contact.id).toArray();
    expect(visits.map((row) => row.kind)).toEqual(['visit', 'visit']);
    // The site's own label (lib/detect/sites), not its name: what the history shows.
    expect(visits[0]?.subject).toBe('Visited their LinkedIn profile');
    expect((await db.activity.get(contact.id))?.lastContactedAt).toBe(noon + DAY);
  });

  it('logs nothing for a profile that is not a contact', async () => {
    expect(await logProfileVisit(db, profile, noon)).toBe(false);
    expect(await db.interactions.count()).toBe(0);
  });
});

describe('auto-add correspondents', () => {
  const thread = (id: string, to: string[]) =>
    EmailThreadContext.parse({
      kind: 'email-thread',
      site: 'gmail',
      threadId: id,
      subject: 'Engines',
      url: `https://mail.google.com/mail/u/0/#inbox/${id}`,
      account: 'me@example.org',
      messages: [{ id: `${id}-1`, from: 'me@example.org', to, cc: [] }],
    });
  const grace = DetectedContact.parse({ name: 'Grace Hopper', emails: ['grace@cobol.dev'] });

  it('adds someone seen in two distinct threads, with the name the page showed', async () => {
    const none = () => false;
    expect(await addFrequentCorrespondents(db, thread('t1', ['grace@cobol.dev']), [grace], none)).toEqual([]);
    expect(await addFrequentCorrespondents(db, thread('t1', ['grace@cobol.dev']), [grace], none)).toEqual([]); // same thread again
    const added = await addFrequentCorrespondents(db, thread('t2', ['grace@cobol.dev']), [grace], none);
    expect(added).toHaveLength(1);
    expect(await db.contacts.get(added[0]!)).toMatchObject({ name: 'Grace Hopper', emails: ['grace@cobol.dev'], source: { kind: 'auto-correspondent' } });
    expect(await addFrequentCorrespondents(db, thread('t3', ['grace@cobol.dev']), [grace], none)).toEqual([]); // already a contact
  });

  it('never adds the signed-in account or an ignored person', async () => {
    const ignored = (email: string) => email === 'grace@cobol.dev';
    for (const id of ['t1', 't2', 't3']) await addFrequentCorrespondents(db, thread(id, ['grace@cobol.dev']), [grace], ignored);
    expect(await db.contacts.count()).toBe(0);
  });
});
