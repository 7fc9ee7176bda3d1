import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { interactionsOf, logEmailThread, openCrmDatabase, saveDetectedContact, type CrmDatabase } from '@/lib/db';
import { DetectedContact, EmailThreadContext } from '@/lib/model';

let db: CrmDatabase;
let dbCount = 0;
beforeEach(async () => {
  db = openCrmDatabase(`interactions-${++dbCount}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const thread = EmailThreadContext.parse({
  kind: 'email-thread',
  site: 'gmail',
  threadId: 'FMfcgz',
  subject: 'Renewal',
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgz',
  account: 'me@lovelace.io',
  messages: [
    { id: 'm1', from: 'Ada@Engines.co', to: ['me@lovelace.io'], date: Date.UTC(2026, 10, 20) },
    { id: 'm2', from: 'me@lovelace.io', to: ['ada@engines.co'], cc: ['stranger@else.io'], date: Date.UTC(2026, 10, 21) },
  ],
});

async function addContact(email: string) {
  return (await saveDetectedContact(db, DetectedContact.parse({ emails: [email] }), { kind: 'test' })).contact;
}

describe('logEmailThread', () => {
  it('logs each message once per known contact, with direction from the account', async () => {
    const ada = await addContact('ada@engines.co');
    expect(await logEmailThread(db, thread)).toBe(2);
    const history = await interactionsOf(db, ada.id);
    expect(history.map((i) => [i.externalId, i.direction, i.subject, i.at])).toEqual([
      ['m2', 'out', 'Renewal', Date.UTC(2026, 10, 21)],
      ['m1', 'in', 'Renewal', Date.UTC(2026, 10, 20)],
    ]);
    expect(history[0]?.url).toBe(thread.url);
    // Who wrote to whom (To and Cc, normalised, each once), under which account, in which thread.
    expect(history.map((i) => [i.from, i.to, i.account, i.threadId])).toEqual([
      ['me@lovelace.io', ['ada@engines.co', 'stranger@else.io'], 'me@lovelace.io', 'FMfcgz'],
      ['ada@engines.co', ['me@lovelace.io'], 'me@lovelace.io', 'FMfcgz'],
    ]);
  });

  it('dates a message the page says is more than a day ahead (a misread or a forgery) now, and still logs it', async () => {
    const ada = await addContact('ada@engines.co');
    const now = Date.now();
    const ahead = EmailThreadContext.parse({ ...thread, messages: [{ id: 'm9', from: 'ada@engines.co', to: ['me@lovelace.io'], date: now + 30 * 86_400_000 }] });
    expect(await logEmailThread(db, ahead, now)).toBe(1);
    expect((await interactionsOf(db, ada.id)).map((i) => i.at)).toEqual([now]);
  });

  it('never duplicates when the thread is seen again', async () => {
    await addContact('ada@engines.co');
    await logEmailThread(db, thread);
    expect(await logEmailThread(db, thread)).toBe(0);
    expect(await db.interactions.count()).toBe(2);
  });

  it('logs a message for a contact added after it was first seen', async () => {
    await addContact('ada@engines.co');
    await logEmailThread(db, thread);
    const stranger = await addContact('stranger@else.io');
    expect(await logEmailThread(db, thread)).toBe(1);
    expect((await interactionsOf(db, stranger.id)).map((i) => i.externalId)).toEqual(['m2']);
  });

  it('logs nothing for threads with no known contact', async () => {
    expect(await logEmailThread(db, thread)).toBe(0);
  });
});
